"""Write tests/forms_formats8/*.html: real published forms (transcribed cell by cell in tests/forms/ and
tests/forms_layouts/ from the search tool's pages corpus, which stores a page's text, not its HTML)
as the web pages the portals publish them in and a clerk saves from the browser (SOURCES.md).

Run from the repository root: ``.venv/bin/python tests/forms_formats8/make_pages.py``. The pages are
kept as files (the fixtures are what the test reads); this script says how they were made.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from forms.make import Form, load_form, title_rows  # noqa: E402
from html_makers import excel_html, portal_html, word_html  # noqa: E402

TESTS = HERE.parent


def _spans(form: Form) -> tuple[set[tuple[int, int]], dict[tuple[int, int], tuple[int, int]]]:
    covered = {(r, c) for r0, c0, r1, c1 in form.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
               if (r, c) != (r0, c0)}
    return covered, {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in form.merges}


def _attrs(spans: dict[tuple[int, int], tuple[int, int]], r: int, c: int) -> str:
    down, across = spans.get((r, c), (1, 1))
    return (f' rowspan="{down}"' if down > 1 else "") + (f' colspan="{across}"' if across > 1 else "")


def _title(form: Form, row: list[str]) -> str:
    return html.escape(" ".join(text for text in row if text))


def editor(form: Form) -> str:
    """A 政府网站 article from its content system's rich-text editor (TRS, UEditor): the title a centred
    <p><strong> above the table, every line of a cell its own <p> with inline styles, an empty cell
    a <p> holding &nbsp;, the source indented with newlines between the tags."""
    covered, spans = _spans(form)
    titles = title_rows(form)
    out = ['<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>预算绩效管理</title>\n</head>\n<body>',
           '<div class="article">\n<div class="TRS_Editor">']
    out += [f'<p style="text-align: center;"><strong><span style="font-size: 20px; font-family: 方正小标宋简体;">'
            f'{_title(form, row)}</span></strong></p>' for row in form.rows[:titles]]
    out.append('<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse: collapse;">\n    <tbody>')
    for r, row in enumerate(form.rows[titles:], start=titles):
        out.append('        <tr style="height: 28px;">')
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            lines = text.split("\n") if text else ["&nbsp;"]
            body = "".join(f'\n                <p style="text-align: center; line-height: 20px;"><span style="font-family: 宋体;'
                           f' font-size: 14px;">{line if line == "&nbsp;" else html.escape(line)}</span></p>'
                           for line in lines)
            out.append(f'            <td{_attrs(spans, r, c)} valign="middle" style="border: 1px solid windowtext;'
                       f' padding: 0px 7px;">{body}\n            </td>')
        out.append('        </tr>')
    out.append('    </tbody>\n</table>\n<p>&nbsp;</p>\n</div>\n</div>\n</body>\n</html>')
    return "\n".join(out)


def report_system(form: Form) -> str:
    """A budget system's report page saved from the browser: the title in a <caption>-less bold <p>,
    the header row as <th> in a <thead>, cell text on indented source lines (a browser shows the
    line breaks of the source as spaces), a figure padded with &nbsp;, and the empty cells at the
    end of a row left out (the browser leaves the place empty)."""
    covered, spans = _spans(form)
    titles = title_rows(form)
    merged_here = {r: {c for (r0, c) in spans if r0 == r} for r in range(len(form.rows))}
    out = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>',
           '<div style="width:900px;margin:0 auto">']
    out += [f'<p align="center"><b>{_title(form, row)}</b></p>' for row in form.rows[:titles]]
    out.append('<table width="100%" border="1" class="report"><colgroup><col width="10%"><col width="12%"></colgroup>')
    for r, row in enumerate(form.rows[titles:], start=titles):
        tag = "th" if r == titles else "td"
        out.append("<thead>" if r == titles else "<tbody>" if r == titles + 1 else "")
        cells = [(c, text) for c, text in enumerate(row) if (r, c) not in covered]
        while cells and not cells[-1][1] and cells[-1][0] not in merged_here[r]:
            cells.pop()
        tds = []
        for c, text in cells:
            body = "<br>\n        ".join(html.escape(line) for line in text.split("\n"))
            if re.fullmatch(r"[\d.,%]+", text):
                body = f"&nbsp;{body}&nbsp;"
            tds.append(f"<{tag}{_attrs(spans, r, c)}>\n        {body or '&nbsp;'}\n        </{tag}>")
        out.append("<tr>" + "".join(tds) + "</tr>")
        if r == titles:
            out.append("</thead>")
    out.append("</tbody></table></div></body></html>")
    return "\n".join(out)


PAGES: dict[str, tuple[str, Callable[[Form], str], str]] = {
    # file: (transcription, how the page is written, encoding)
    "l01-langfang-editor.html": ("forms_layouts/l01-langfang-nuantong", editor, "utf-8"),
    "b02-qingshen-report-system.html": ("forms/b02-qingshen-gongzixing", report_system, "utf-8"),
    "l03-yueyang-portal.html": ("forms_layouts/l03-yueyang-gaobiaozhun", lambda f: portal_html(editor(f)), "utf-8"),
    "l11-changning-word.htm": ("forms_layouts/l11-changning-shengzhu", word_html, "gb18030"),
    "l16-xuancheng-excel.htm": ("forms_layouts/l16-xuancheng-dizhen-fangzhen", excel_html, "utf-8"),
    "l18-yuanzhou-report-system.html": ("forms_layouts/l18-yuanzhou-shuiyuan-hanyanglin", report_system, "utf-8"),
    "b01-zhongjiang-portal.html": ("forms/b01-zhongjiang-shuibiaochi", lambda f: portal_html(report_system(f)), "utf-8"),
}


if __name__ == "__main__":
    for name, (folder, make, encoding) in PAGES.items():
        (HERE / name).write_bytes(make(load_form(TESTS / folder)).encode(encoding))
        print(name)
