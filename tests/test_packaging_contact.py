"""site.yaml's contact as a machine-readable contact: a vCard in data.json, a schema.org
ContactPoint on the downloads page, whether it gives an e-mail, a telephone or an address."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from perfsite.opendata.contact import Contact, read_contact
from perfsite.opendata.dcat import catalogue
from perfsite.site.downloads import structured_data
from perfsite.siteconfig import SiteConfig

DCAT_US_VCARD = {
    "type": "object", "required": ["fn", "hasEmail"],
    "properties": {
        "@type": {"enum": ["vcard:Contact"]},
        "fn": {"type": "string", "minLength": 1},
        "hasEmail": {"type": "string",
                     "pattern": r"^mailto:[\w\_\~\!\$\&\'\(\)\*\+\,\;\=\:.-]+@[\w.-]+\.[\w.-]+?$"},
    },
}
"""The contactPoint rules of DCAT-US 1.1 (project-open-data.cio.gov/v1.1/schema/vcard.json, as of
its last change "Adding more characters for v1.1 email validation", 2015-02-03)."""
TEL = re.compile(r"tel:(\+\d{1,3}(-\d+)+|[\d-]+;phone-context=\+86)(;ext=\d+)?(;phone-context=\+86)?")
"""RFC 3966: a global number (+country, visual separators), or a local one with its context."""


@pytest.mark.parametrize(("text", "parts"), [
    ("0357-0000000", Contact((), ("tel:+86-357-0000000",))),
    ("jxgk@example.gov.cn", Contact(("jxgk@example.gov.cn",))),
    ("电话：0357-1234567 转 801；邮箱：jxgk@example.gov.cn",
     Contact(("jxgk@example.gov.cn",), ("tel:+86-357-1234567;ext=801",))),
    ("地址：示例县人民路1号　邮编：041000　电话：（0357）1234567",
     Contact((), ("tel:+86-357-1234567",), "示例县人民路1号", "041000")),
    ("咨询电话 13800000000，400-123-4567，12345", Contact((), (
        "tel:+86-13800000000", "tel:400-123-4567;phone-context=+86", "tel:12345;phone-context=+86"))),
    ("+86 357 0000000", Contact((), ("tel:+86-357-0000000",))),
    ("某某县财政局绩效股", Contact()),
])
def test_the_parts_of_a_contact_line_are_recognised(text: str, parts: Contact) -> None:
    assert read_contact(text) == parts
    assert all(TEL.fullmatch(uri) for uri in parts.telephones)


def _contact(contact: str) -> dict[str, object]:
    site = SiteConfig(title="预算绩效信息公开", publisher="示例县财政局", contact=contact,
                      site_url="https://example.gov.cn/jxgk/")
    points = [d["contactPoint"] for d in catalogue(site, [2021, 2022], "2026-11-01")["dataset"]]
    assert all(p == points[0] for p in points)
    return points[0]


def test_an_e_mail_gives_a_dcat_us_contact_point_with_the_telephone_beside_it() -> None:
    point = _contact("电话：0357-1234567；邮箱：jxgk@example.gov.cn")
    jsonschema.validate(point, DCAT_US_VCARD)
    assert point["hasEmail"] == "mailto:jxgk@example.gov.cn"
    assert point["vcard:hasTelephone"] == ["tel:+86-357-1234567"]


def test_a_telephone_alone_gives_a_vcard_with_name_and_telephone() -> None:
    point = _contact("0357-0000000")
    assert point == {"@type": "vcard:Contact", "fn": "示例县财政局", "vcard:hasTelephone": ["tel:+86-357-0000000"]}
    # valid as DCAT-AP's vcard:Kind; DCAT-US 1.1 requires an e-mail, and says only that
    errors = [e.message for e in jsonschema.Draft4Validator(DCAT_US_VCARD).iter_errors(point)]
    assert errors == ["'hasEmail' is a required property"]


def test_an_address_alone_gives_a_vcard_address() -> None:
    point = _contact("通讯地址：示例县人民路1号，邮编：041000")
    assert point["vcard:hasAddress"] == {"@type": "vcard:Address", "vcard:country-name": "中国",
                                         "vcard:street-address": "示例县人民路1号", "vcard:postal-code": "041000"}
    assert "vcard:hasTelephone" not in point and "hasEmail" not in point


def test_the_schema_org_publisher_has_a_contact_point() -> None:
    block = json.loads(structured_data(SiteConfig(publisher="示例县财政局", contact="电话：0357-0000000；邮箱：a@example.gov.cn"),
                                       [2021]))
    assert block["publisher"]["contactPoint"] == {"@type": "ContactPoint", "contactType": "政府信息公开",
                                                  "email": "a@example.gov.cn", "telephone": "+86-357-0000000"}
    assert "contactPoint" not in block["creator"]
    bare = json.loads(structured_data(SiteConfig(publisher="示例县财政局", contact="工作日 9:00-17:00"), [2021]))
    assert "contactPoint" not in bare["publisher"]
