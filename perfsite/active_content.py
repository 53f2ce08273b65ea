"""Active content in a report's original: what a reader's PDF, Word or OFD reader would run,
fetch or unpack on opening the file the site publishes under its own name.

The site vouches for an original (size, SHA-256, a download link on a government page), so a
file that runs JavaScript on opening (a PDF's /OpenAction), launches a program (/Launch),
carries an executable (/EmbeddedFile, an OFD attachment, an OLE package embedded in a DOCX),
plays media (an OFD Sound or Movie action), or makes Word fetch a template or
object from a server (a DOCX's external attachedTemplate, oleObject or frame relationship, the
trick of remote-template phishing) is refused. Each finding is named, so the clerk knows what to
remove; re-exporting as PDF/A removes all of them (PDF/A forbids JavaScript, launch actions,
encryption and, in PDF/A-1 and -2, embedded files).

The check reads bytes, not a parsed document: a 20 MB PDF is scanned in tens of milliseconds,
once per change of the file (the check cache keys findings by the original's SHA-256). It is
exact on what it names: ordinary links (http, https, mailto) and a view set to open at a page
(/OpenAction [3 0 R /Fit]) are not findings.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from collections.abc import Iterator

_PDF_ACTIVE = {
    b"JavaScript": "JavaScript 脚本", b"JS": "JavaScript 脚本", b"AA": "打开、关闭或翻页时自动执行的动作（/AA）",
    b"Launch": "启动外部程序的动作（/Launch）", b"EmbeddedFile": "嵌入的附件（/EmbeddedFile）",
    b"EmbeddedFiles": "嵌入的附件（/EmbeddedFile）", b"RichMedia": "富媒体（/RichMedia，可含 Flash 或脚本）",
    b"SubmitForm": "向网络提交表单的动作（/SubmitForm）", b"ImportData": "导入外部数据的动作（/ImportData）",
    b"XFA": "XFA 动态表单（可含脚本）",
}
"""PDF names (ISO 32000-2 §12.6 actions, §7.11.4 embedded files) whose presence means the reader
runs, launches, submits or unpacks something. /OpenAction alone is not among them: most often
it only sets the first page and zoom; the JavaScript it may point to is found as /JS."""

_DELIMITER = rb"\x00\t\n\x0c\r \[\]<>(){}/%"
_STRING = rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\))*\)"
"""A literal string, its parentheses balanced to three levels (PDF allows any depth; deeper
ones are rare, and scanned as if outside a string: a false finding, never a missed one)."""
_SKIPPED = re.compile(rb"(?:" + _STRING + rb"|<[0-9A-Fa-f\s]*>|%[^\r\n]*)", re.S)
"""Strings (so that a link to …/JS/… is no /JS name), hex strings and comments, in one pass
left to right as a PDF reader tokenizes: a % inside a string is no comment. Inside a string too
deep for _STRING, a match starts at an inner parenthesis and closes no later than the string."""
_ACTIVE_NAME = re.compile(rb"/(" + b"|".join(sorted((*_PDF_ACTIVE, b"Encrypt"), key=len, reverse=True))
                          + rb")(?=[" + _DELIMITER + rb"]|$)")
_ESCAPED_NAME = re.compile(rb"/([^" + _DELIMITER + rb"]*#[^" + _DELIMITER + rb"]*)")
_URI = re.compile(rb"/URI\s*(" + _STRING + rb"|<[0-9A-Fa-f\s]*>)", re.S)
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_WEB_URI = re.compile(rb"\((?:https?|mailto|ftp):", re.IGNORECASE)
"""A link as almost every one is written (no escape before its colon): no script, and not decoded."""
_SCRIPT_SCHEME = re.compile(r"(?:javascript|vbscript|data):", re.IGNORECASE)
_UNSEEN_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
"""A browser drops tabs and line breaks inside a URL and any control before it (WHATWG URL):
「java\\tscript:」 is javascript:."""

MAX_INFLATED = 64 * 2**20
"""Bytes an object stream may inflate to before it is given up as a bomb: a compressed object
stream of a 500-page report holds a few MB of dictionaries."""


def pdf_findings(content: bytes) -> list[str]:
    """What a PDF carries that its reader would run, launch or unpack, by the names of its
    dictionaries and their URI strings. Stream data (page content, images, fonts) is skipped:
    its compressed bytes would match short names like /JS by chance. Object streams (PDF 1.5),
    which hold dictionaries compressed, are inflated and scanned too. An encrypted PDF hides its
    strings and object streams from any check, so it is a finding of its own."""
    found: dict[str, None] = {}
    for text in _pdf_dictionaries(content, found):
        for uri in _URI.findall(text):
            if not _WEB_URI.match(uri) and _SCRIPT_SCHEME.match(_UNSEEN_IN_URL.sub("", _pdf_string(uri))):
                found["javascript: 等脚本链接（/URI）"] = None
        names = _SKIPPED.sub(b" ", text)
        matched = _ACTIVE_NAME.findall(names)
        if b"#" in names:  # /J#53 is /JS: a name may escape any character as #xx
            escaped = (_HEX.sub(lambda h: bytes.fromhex(h[1].decode()), name) for name in _ESCAPED_NAME.findall(names))
            matched += [name for name in escaped if name in _PDF_ACTIVE or name == b"Encrypt"]
        for name in matched:
            found[_PDF_ACTIVE.get(name, "加密（其中的脚本和链接无法检查）")] = None
    return list(found)


def _pdf_dictionaries(content: bytes, found: dict[str, None]) -> Iterator[bytes]:
    """The bytes of `content` outside stream data, and the inflated data of its object streams."""
    at = 0
    while (start := _STREAM.search(content, at)) is not None:
        head = content[at:start.start()]
        yield head
        end = content.find(b"endstream", start.end())
        end = len(content) if end < 0 else end
        dictionary = head[head.rfind(b"obj"):]
        if b"ObjStm" in dictionary or b"Obj#53tm" in dictionary:
            inflated = _inflate(content[start.end():end], dictionary)
            if inflated is None:
                found["无法解开检查的对象流（ObjStm）"] = None
            else:
                yield inflated
        else:
            for name in _LONG_NAME.findall(content, start.end(), end):
                found[_PDF_ACTIVE[name]] = None
        at = end + len(b"endstream")
    yield content[at:]


_LONG_NAME = re.compile(rb"/(JavaScript|EmbeddedFiles?|Launch|RichMedia|SubmitForm|ImportData)(?=[" + _DELIMITER + rb"])")
"""The action names long enough (6 letters and more: once in 10^16 random bytes) to be looked
for in stream data too: a `stream` keyword written inside a string would otherwise hide the
dictionaries up to the next `endstream` from the check. A JavaScript action names its type
(/S /JavaScript), so one hidden there is found all the same."""


def _inflate(data: bytes, dictionary: bytes) -> bytes | None:
    """An object stream's data: as is, or inflated (FlateDecode, bounded); None when it uses
    another filter, is encrypted or inflates beyond MAX_INFLATED."""
    if b"/Filter" not in dictionary:
        return data
    if not re.search(rb"/Filter\s*\[?\s*/(?:FlateDecode|Fl)\s*\]?\s*(?:/|>>)", dictionary):
        return None
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(data, MAX_INFLATED)
    except zlib.error:
        return None
    return None if inflater.unconsumed_tail else inflated


def _pdf_string(token: bytes) -> str:
    """A PDF literal string ``(…)`` or hex string ``<…>`` as text (escapes resolved)."""
    if token.startswith(b"<"):
        digits = re.sub(rb"\s", b"", token[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()).decode("latin-1")
    body = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m[1], 8) & 0xFF]), token[1:-1])
    body = re.sub(rb"\\(.)", lambda m: {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(m[1], m[1]), body, flags=re.S)
    return body.decode("latin-1")


_RELATIONSHIP = re.compile(r"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(r"([\w:]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_EXTERNAL_KINDS = {
    "attachedTemplate": "外部模板（attachedTemplate，Word 打开时从网络下载模板，可带宏）",
    "oleObject": "外部 OLE 对象（oleObject）", "frame": "外部框架（frame）", "subDocument": "外部子文档（subDocument）",
}


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The signature of an OLE compound file: an Office object embedded the old way (``oleObject1.bin``)."""
_OLE_STREAMS = {"\x01Ole10Native".encode("utf-16-le"): "OLE 包（Package，双击即打开其中的文件，可以是可执行文件）",
                "_VBA_PROJECT".encode("utf-16-le"): "嵌入对象中的宏（_VBA_PROJECT）",
                bytes.fromhex("E0C9EA79F9BACE118C8200AA004BA90B"): "嵌入对象中的网络链接（URL Moniker，打开或更新时从网络取回内容）"}
"""What an embedded object's compound file holds when it carries a file to open, macros to run or
a link to fetch: the stream names (UTF-16 in its directory) of an OLE package and of a VBA project,
and the class id of the URL moniker a linked object names its source by (the bytes of
{79EAC9E0-BAF9-11CE-8C82-00AA004BA90B}). An Excel 97-2003 sheet (``Workbook``) or an equation
(``Equation Native``) embedded in a report carries none of them and is not a finding."""
_RUNNABLE = re.compile(r"\.(?:exe|com|scr|pif|bat|cmd|ps1|vbs|vbe|js|jse|wsf|wsh|hta|msi|jar|lnk|dll|cpl|"
                       r"docm|dotm|xlsm|xltm|xlam|pptm|potm|ppam|ppsm|sldm)$")
"""Embedded parts named as programs, scripts or macro-enabled Office files."""


def _embedded_findings(name: str, data: bytes, depth: int) -> list[str]:
    """What an embedded part (``word/embeddings/…``) carries: an OLE package or macros in an OLE
    object (`_OLE_STREAMS`), a program or macro-enabled file by its name (`_RUNNABLE`), and what an
    embedded Office file carries in turn (`docx_findings`, one level down: deeper nesting is a
    finding of its own)."""
    found = [f"嵌入的程序或带宏的文件（{name.rpartition('/')[2][:60]}）"] if _RUNNABLE.search(name) else []
    if data.startswith(_OLE):
        found += [what for stream, what in _OLE_STREAMS.items() if stream in data]
    elif data.startswith(b"PK"):
        if depth > 0:
            return [*found, "多层嵌套的嵌入文件（无法逐层检查）"]
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as inner:
                found += docx_findings(inner, depth + 1)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
            pass  # no package: a picture or data, which runs nothing
    return found


def docx_findings(archive: zipfile.ZipFile, depth: int = 0) -> list[str]:
    """What a DOCX carries that Word would run or fetch: macros (vbaProject), ActiveX controls,
    an altChunk (a web page or another document merged in on opening), an embedded object that
    carries a file to open or macros (`_embedded_findings`), and any relationship to a target
    outside the file other than a hyperlink (a remote template, OLE object, frame or picture
    fetched on opening; a UNC path there sends the reader's Windows credentials). Only the .rels
    parts, the part names and the embedded objects are read (what they unpack to is bounded by
    reports.MAX_UNZIPPED_BYTES)."""
    found: dict[str, None] = {}
    for entry in archive.infolist():
        name = entry.filename.lower()
        if "vbaproject" in name or "vbadata" in name:
            found["宏（vbaProject）"] = None
        elif name.startswith("word/activex/"):
            found["ActiveX 控件"] = None
        elif "/embeddings/" in f"/{name}":
            found.update(dict.fromkeys(_embedded_findings(name, archive.read(entry), depth)))
        if not name.endswith(".rels"):
            continue
        text = archive.read(entry).decode("utf-8", "replace")
        for match in _RELATIONSHIP.finditer(text):
            attributes = {key.rpartition(":")[2]: html.unescape(a or b) for key, a, b in _ATTRIBUTE.findall(match[1])}
            kind = attributes.get("Type", "").rpartition("/")[2]
            target = _UNSEEN_IN_URL.sub("", attributes.get("Target", ""))
            if kind == "aFChunk":
                found["altChunk（打开时并入的网页或其他文档）"] = None
            elif attributes.get("TargetMode") == "External":
                if kind == "hyperlink":
                    if _SCRIPT_SCHEME.match(target):
                        found["javascript: 等脚本链接"] = None
                else:
                    found[_EXTERNAL_KINDS.get(kind, f"指向文件之外的 {kind or '关系'}（{target[:60]}）")] = None
    return list(found)


_OFD_ELEMENT = re.compile(r"<(?:\w+:)?(Attachment|GotoA|URI|Sound|Movie)\b([^>]*)>")


def ofd_findings(archive: zipfile.ZipFile) -> list[str]:
    """What an OFD carries that its reader would unpack or run (GB/T 33190: 附件 §19, 动作 §14;
    its actions are Goto, URI, GotoA, Sound and Movie, none a script): attachments, a link that
    opens one (GotoA), a URI action with a script scheme, an action that plays a sound or a movie
    (Sound, Movie: a media file the reader hands to a player, its decoder's flaws and all). Only
    its XML parts are read (what they unpack to is bounded by reports.MAX_UNZIPPED_BYTES)."""
    found: dict[str, None] = {}
    for entry in archive.infolist():
        if not entry.filename.lower().endswith(".xml"):
            continue
        data = archive.read(entry)
        if not any(word in data for word in (b"Attachment", b"GotoA", b"URI", b"Sound", b"Movie")):
            continue  # a page's content: only bytes compared, nothing decoded
        text = data.decode("utf-8", "replace")
        for kind, attributes in _OFD_ELEMENT.findall(text):
            if kind == "URI":
                target = next((html.unescape(a or b) for key, a, b in _ATTRIBUTE.findall(attributes) if key == "URI"), "")
                if _SCRIPT_SCHEME.match(_UNSEEN_IN_URL.sub("", target)):
                    found["javascript: 等脚本链接（URI 动作）"] = None
            elif kind in ("Sound", "Movie"):
                found["播放声音或视频的动作（Sound、Movie）"] = None
            else:
                found["附件（Attachments，可含可执行文件）"] = None
    return list(found)
