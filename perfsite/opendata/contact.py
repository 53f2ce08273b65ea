"""site.yaml's `contact` (one free text, as a bureau's 联系我们 gives it) read into its parts, for the
machine-readable contact of data.json (a vCard) and the schema.org block (a ContactPoint).

Real contact lines look like ``0357-0000000``, ``电话：0357-1234567 转 801；邮箱：jxgk@example.gov.cn``
or ``地址：示例县人民路1号　邮编：041000　电话：0357-1234567``. E-mail addresses and telephone
numbers are recognised anywhere; an address only where it is labelled (地址、通讯地址、办公地址), since
nothing else tells a street from a remark. Telephone numbers become RFC 3966 ``tel:`` URIs:
Chinese numbers with the trunk 0 of the area code dropped (``0357-0000000`` → ``tel:+86-357-0000000``),
mobiles as ``+86``, service numbers (400/800, 12345) with ``;phone-context=+86``, as they cannot be
dialled from abroad.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
_PHONE = re.compile(
    r"(?<![\d+])(?:(?P<intl>\+\d{1,3})[\s-]?)?(?P<number>\(?0?\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}|\d{5,8})"
    r"(?:\s*(?:转|分机|ext\.?|x)\s*(?P<ext>\d{1,6}))?(?!\d)")
_LABEL = re.compile(r"(?P<label>通讯地址|办公地址|联系地址|地址|邮编|邮政编码)\s*[：:]\s*")
_PARTS = re.compile(r"[；;，,\n　]+|\s{2,}")
_ADDRESS_LABELS = {"通讯地址", "办公地址", "联系地址", "地址"}
_POSTCODE_LABELS = {"邮编", "邮政编码"}
CHINA = "+86"


@dataclass(frozen=True)
class Contact:
    """The recognised parts of a contact text: e-mail addresses, ``tel:`` URIs, an address."""

    emails: tuple[str, ...] = ()
    telephones: tuple[str, ...] = ()
    address: str = ""
    postcode: str = ""


def tel_uri(number: str, extension: str = "", country: str = "") -> str | None:
    """A telephone number as written in China as an RFC 3966 ``tel:`` URI, None if it is none."""
    digits = re.sub(r"[^\d]", "", number)
    groups = [g for g in re.split(r"[\s()\-]+", number.strip()) if g]
    ext = f";ext={extension}" if extension else ""
    if country:
        return f"tel:{country}-{'-'.join(groups).lstrip('0') or digits}{ext}"
    if digits.startswith("0") and 10 <= len(digits) <= 12:  # area code with its trunk 0
        visual = "-".join(groups) if len(groups) > 1 else digits
        return f"tel:{CHINA}-{visual[1:]}{ext}"
    if len(digits) == 11 and digits.startswith("1"):  # a mobile
        return f"tel:{CHINA}-{digits}{ext}"
    if 5 <= len(digits) <= 10:  # a local or service number (0357 area unknown, 400, 12345)
        return f"tel:{'-'.join(groups) if len(groups) > 1 else digits}{ext};phone-context={CHINA}"
    return None


def read_contact(text: str) -> Contact:
    """The parts of `text`; whatever is not recognised stays only in the page's 联系我们."""
    emails = tuple(dict.fromkeys(EMAIL.findall(text)))
    rest = EMAIL.sub(" ", text)
    address = postcode = ""
    for part in _PARTS.split(rest):
        label = _LABEL.match(part.strip())
        if label is None:
            continue
        value = part.strip()[label.end():].strip()
        if label["label"] in _ADDRESS_LABELS and not address:
            address = value
        elif label["label"] in _POSTCODE_LABELS and not postcode:
            postcode = value
    for value in (address, postcode):
        rest = rest.replace(value, " ") if value else rest
    telephones = []
    for match in _PHONE.finditer(unicodedata.normalize("NFKC", rest)):  # （0357）１２３ as (0357)123
        uri = tel_uri(match["number"], match["ext"] or "", match["intl"] or "")
        if uri is not None and uri not in telephones:
            telephones.append(uri)
    return Contact(emails, tuple(telephones), address, postcode)


def vcard(publisher: str, text: str) -> dict[str, object]:
    """data.json's contactPoint. DCAT-US 1.1 requires `fn` and `hasEmail` (vcard.json of its
    schema); the other parts use the vCard vocabulary under the `vcard:` prefix its JSON-LD
    context declares, as DCAT-AP's contactPoint (a vcard:Kind) reads them. Without an e-mail in
    `contact` there is no `hasEmail`: the vCard is still valid (DCAT-AP asks for none of its
    properties), but a DCAT-US validator reports the missing e-mail."""
    parts = read_contact(text)
    card: dict[str, object] = {"@type": "vcard:Contact", "fn": publisher}
    if parts.emails:
        card["hasEmail"] = "mailto:" + parts.emails[0]
    if parts.telephones:
        card["vcard:hasTelephone"] = list(parts.telephones)
    if parts.address or parts.postcode:
        card["vcard:hasAddress"] = {"@type": "vcard:Address", "vcard:country-name": "中国"} | (
            {"vcard:street-address": parts.address} if parts.address else {}) | (
            {"vcard:postal-code": parts.postcode} if parts.postcode else {})
    return card


def contact_point(text: str) -> dict[str, object] | None:
    """The schema.org ContactPoint of the publisher, None when `text` gives nothing recognisable."""
    parts = read_contact(text)
    point: dict[str, object] = {"@type": "ContactPoint", "contactType": "政府信息公开"}
    if parts.emails:
        point["email"] = parts.emails[0]
    if parts.telephones:
        point["telephone"] = parts.telephones[0].removeprefix("tel:").split(";phone-context")[0]
    if parts.address or parts.postcode:
        point["address"] = {"@type": "PostalAddress", "addressCountry": "CN"} | (
            {"streetAddress": parts.address} if parts.address else {}) | (
            {"postalCode": parts.postcode} if parts.postcode else {})
    return point if len(point) > 2 else None
