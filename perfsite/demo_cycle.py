"""The rest of the disclosure cycle for `perfsite demo --cycle`: for a share of programmes an
评价报告 with its original document (a tiny PDF or DOCX made here) and a 整改 with 结果应用; for
a share of continuing programmes a 中期 indicator set in the 绩效目标表 (a multi-year 实施期); for
a share of department-years a 部门整体 target table and self-evaluation.

Every document draws from its own random stream, seeded by the demo seed and the document's
programme or department-year, so the 自评 files, and the 绩效目标表 files without a 中期 set,
stay byte-identical with or without `--cycle`, and the same seed gives the same bytes (the originals carry no clock: fixed
zip times, no PDF dates). Every published score is computed here by the contract's rules, so
`perfsite check` finds no error in them.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

from perfsite.decimals import q2

REPORT_SHARE = 0.10
"""Share of programmes with an 评价报告 and a 整改 (key programmes, as a finance bureau picks them)."""
DEPARTMENT_SHARE = 0.10
"""Share of department-years with a 部门整体 target table and self-evaluation."""
DOCX_SHARE = 1 / 3
"""Share of 评价报告 whose original is a DOCX (the rest are PDF)."""

EVALUATORS = ("示例会计师事务所有限公司（演示）", "示例资产评估有限公司（演示）", "示例财政科学研究所（演示）",
              "示例管理咨询有限公司（演示）")
FINDINGS = (
    "部分绩效指标量化程度不高，难以衡量项目实施效果。",
    "资金拨付进度滞后，部分资金年末尚未支出。",
    "项目管理制度执行不到位，部分台账登记不及时。",
    "项目验收资料不完整，部分佐证材料缺失。",
    "服务对象满意度调查样本偏少，代表性不足。",
)
SUGGESTIONS = (
    "细化量化绩效指标，做到可衡量、可考核。",
    "加快资金拨付进度，提高预算执行率。",
    "健全项目管理台账，按月检查登记情况。",
    "规范项目验收，完整保存佐证材料。",
)
MEASURES = (
    "修订项目绩效目标，补充量化指标",
    "建立资金拨付台账，按月通报支出进度",
    "开展项目管理专项检查，完善台账登记",
    "补齐验收资料，建立项目档案",
    "扩大满意度调查范围，引入第三方调查",
)
GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))
"""The default grade bands (财预〔2020〕10号), as the demo's site.yaml leaves them."""


def _q(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _grade(score: Decimal) -> str:
    return next(label for floor, label in GRADES if score >= floor)


def _remark(score: Decimal, weight: int) -> str:
    """The 偏差原因 a row short of its weight must give (perfsite check warns without one)."""
    return ", remark: 受客观因素影响未完全达到目标" if score < weight else ""


def _ratio(weight: int, target: int, actual: Decimal) -> Decimal:
    """The default rule of a ≥ target (perfsite.rules): the weight times the share achieved, at most all."""
    return q2(Decimal(weight) * min(actual / Decimal(target), Decimal(1)))


MIDTERM_SHARE = 0.25
"""Share of continuing (延续) programmes whose 绩效目标表 has a 中期 set over a 实施期 of several years."""
MIDTERM_ROWS = 3
"""中期 indicators made: one for each of the first 年度 ones."""
_SUMMED = re.compile(r"^([≥≤])(\d+)(项|万人|人)$")
"""A count target (≥500项) the 实施期 adds up year by year; a rate (≥90%) or a text is held as it is."""


def midterm_rng(seed: int, n: int) -> random.Random:
    return random.Random(f"perfsite-demo-midterm-{seed}-{n}")


def with_midterm(n: int, targets_text: str, seed: int) -> str:
    """Programme number `n`'s 绩效目标表 (perfsite.demo.targets_yaml) with a 中期 set for about
    MIDTERM_SHARE of continuing programmes, else unchanged: the one-year period widened to a
    实施期 of 3–5 years around the table's year, and a 中期 indicator for each of the first
    年度 ones, a count summed over the 实施期 (≥500项 a year → ≥2500项 over five)."""
    from perfsite.yamlload import load_yaml_text

    rng = midterm_rng(seed, n)
    data = load_yaml_text(targets_text).data
    if not isinstance(data, dict) or data.get("attribute") != "延续" or rng.random() >= MIDTERM_SHARE:
        return targets_text
    year = int(data["year"])
    before, after = rng.randint(0, 2), rng.randint(1, 2)
    start, end = year - before, year + after
    rows = []
    for row in data["indicators"][:MIDTERM_ROWS]:
        target = str(row["target"])
        summed = _SUMMED.match(target)
        if summed:
            target = f"{summed[1]}{int(summed[2]) * (end - start + 1)}{summed[3]}"
        rows.append(f"  - {{level1: {row['level1']}, level2: {row['level2']}, name: 实施期{row['name']}, "
                    f"target: {_q(target)}, core: {'true' if row.get('core') else 'false'}}}")
    text = targets_text.replace(f"\nperiod: {year}\n", f"\nperiod: {start}-{end}\n", 1)
    return text + "midterm_indicators:\n" + "\n".join(rows) + "\n"


def report_rng(seed: int, n: int) -> random.Random:
    return random.Random(f"perfsite-demo-cycle-{seed}-{n}")


def has_report(seed: int, n: int) -> bool:
    return report_rng(seed, n).random() < REPORT_SHARE


def _head(kind: str, data: dict) -> list[str]:
    return [
        "# 演示数据（perfsite demo 生成），非真实项目",
        f"kind: {kind}",
        *(f"{key}: {_q(str(data[key]))}" for key in ("id", "name", "department", "region")),
        f"year: {data['year']}",
        "sample: true",
    ]


def report_yaml(n: int, data: dict, seed: int, original: str) -> tuple[str, list[str]]:
    """The 评价报告 of programme number `n` (its 自评 `data`) citing `original`, and its 主要问题."""
    rng = report_rng(seed, n)
    rng.random()  # the draw has_report made
    year = int(data["year"])
    rate = Decimal(rng.choice((10000, 9877, 9542, 9120, 8650))) / 100
    count = rng.randint(0, 4)
    done = Decimal(rng.choice((100, 97, 92, 85)))
    passed = Decimal(rng.choice((100, 99, 96)))
    timely = Decimal(rng.choice((100, 95, 88)))
    share = Decimal(rng.choice((100, 90, 80, 70)))
    satisfied = Decimal(rng.choice((96, 92, 88, 81)))
    rows = [
        ("决策", "项目立项", "立项依据充分性", 5, "符合要求", "符合要求", Decimal(5), ""),
        ("决策", "绩效目标", "绩效目标合理性", 5, "符合要求", "符合要求", Decimal(5), ""),
        ("过程", "资金管理", "资金到位率", 5, "100%", "100%", Decimal(5), ""),
        ("过程", "资金管理", "预算执行率", 5, "100%", f"{rate}%", _ratio(5, 100, rate), ""),
        ("过程", "组织实施", "项目管理规范性", 10, "符合要求", f"发现{count}处不符" if count else "符合要求",
         Decimal(10) - Decimal("0.5") * count, f", rule: {{type: deduct, per: 0.5, count: {count}}}"),
        ("产出", "数量指标", "任务完成率", 15, "≥95%", f"{done}%", _ratio(15, 95, done), ""),
        ("产出", "质量指标", "验收合格率", 15, "≥98%", f"{passed}%", _ratio(15, 98, passed), ""),
        ("产出", "时效指标", "按期完成率", 10, "≥95%", f"{timely}%", _ratio(10, 95, timely), ""),
        ("效益", "社会效益指标", "社会效益", 15, "明显提升", "有所提升" if share < 100 else "明显提升",
         q2(Decimal(15) * share / 100), f", rule: {{type: judged, achievement: {share}%}}"),
        ("效益", "满意度指标", "服务对象满意度", 15, "≥90%", f"{satisfied}%", _ratio(15, 90, satisfied), ""),
    ]
    total = sum((row[6] for row in rows), Decimal(0))
    findings = rng.sample(FINDINGS, 3)
    kind = rng.choice(("部门评价", "财政评价", "第三方评价"))
    evaluator = rng.choice(EVALUATORS) if kind == "第三方评价" else f"{data['region']}财政局绩效评价组（演示）"
    out = [
        *_head("评价报告", data),
        f"evaluation: {kind}",
        f"commissioner: {data['region']}财政局",
        f"evaluator: {_q(evaluator)}",
        f"period: {{start: {year + 1}-03-01, end: {year + 1}-05-{rng.randint(10, 31):02d}}}",
        "method: 资料审核、现场核查、问卷调查、专家评议",
        f"published: {year + 1}-06-{rng.randint(1, 30):02d}",
        f"issuer: {data['region']}财政局",
        f"doc_no: 演示财绩〔{year + 1}〕{n + 1}号",
        f"original: {{file: {original}, title: {_q(str(data['name']) + f'{year}年度绩效评价报告')}}}",
        "groups: {决策: 10, 过程: 20, 产出: 40, 效益: 30}",
        "indicators:",
        *(f"  - {{level1: {l1}, level2: {l2}, name: {name}, weight: {w}, target: {_q(t)}, actual: {_q(a)}, "
          f"score: {s}{extra}{_remark(s, w)}}}" for l1, l2, name, w, t, a, s, extra in rows),
        f"reported: {{score: {total}, grade: {_grade(total)}}}",
        f"conclusion: {_q(f'项目总体按计划实施，综合评分{total}分，评价等级为“{_grade(total)}”。' + findings[0])}",
        "findings:",
        *(f"  - {_q(f)}" for f in findings),
        "suggestions:",
        *(f"  - {_q(s)}" for s in rng.sample(SUGGESTIONS, 2)),
    ]
    return "\n".join(out) + "\n", findings


def rectification_yaml(n: int, data: dict, seed: int, findings: list[str]) -> str:
    """The 整改 of programme number `n`'s 评价报告: a measure in each status per finding in turn,
    deadlines both long past (overdue unless done, against any recent build date) and years
    ahead, and a 结果应用."""
    rng = random.Random(f"perfsite-demo-rectification-{seed}-{n}")
    year = int(data["year"])
    out = [*_head("整改", data), f"published: {year + 2}-01-{rng.randint(1, 28):02d}",
           f"issuer: {_q(str(data['department']))}", "findings:"]
    statuses = ("已完成", "整改中", "未开始")
    first = rng.randrange(3)
    for item, problem in enumerate(findings, 1):
        status = statuses[(first + item) % 3]
        late = rng.random() < 0.6
        deadline = f"{year + 1}-{rng.randint(6, 12):02d}-30" if late else f"{year + 6}-12-31"
        measure = f"{{measure: {MEASURES[FINDINGS.index(problem)]}, owner: {_q(str(data['department']))}, " \
                  f"deadline: {deadline}, status: {status}"
        if status == "已完成":
            measure += f", completed: {year + 1}-05-{rng.randint(1, 28):02d}, evidence: 整改报告及相关台账"
        out += ["  - source: 评价报告", f"    item: {item}", f"    problem: {_q(problem)}",
                "    measures:", f"      - {measure}}}"]
    if rng.random() < 0.5:
        out += ["  - source: 自评", "    indicator: 服务对象满意度", "    problem: 服务对象满意度调查覆盖面不足。",
                "    measures:",
                f"      - {{measure: 扩大满意度调查范围, owner: {_q(str(data['department']))}, "
                f"deadline: {year + 2}-06-30, status: 整改中}}"]
    action = rng.choice(("次年预算调减", "次年预算调增", "预算维持"))
    amount = f", amount: {rng.randint(5, 200)}, unit: 万元" if action != "预算维持" else ""
    out += ["application:", f"  - {{action: {action}{amount}, budget_year: {year + 2}, note: 依据评价结果调整次年预算。}}"]
    return "\n".join(out) + "\n"


def department_rng(seed: int, year: int, department: str) -> random.Random:
    return random.Random(f"perfsite-demo-department-{seed}-{year}-{department}")


def has_department(seed: int, year: int, department: str) -> bool:
    return department_rng(seed, year, department).random() < DEPARTMENT_SHARE


TASKS = ("基本支出保障", "重点项目实施", "专项资金管理", "能力建设")
DEPT_INDICATORS = (
    ("产出指标", "数量指标", "重点任务完成率", 30, 95),
    ("产出指标", "质量指标", "项目验收合格率", 20, 98),
    ("效益指标", "社会效益指标", "政策知晓率", 20, 90),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", 20, 90),
)
"""(一级, 二级, 三级, weight, ≥ target in %) of the demo 部门整体 indicators besides 预算执行率 (10)."""


def department_yamls(seed: int, year: int, department: str, region: str) -> tuple[str, str]:
    """(target table, self-evaluation) of a department-year, the self-evaluation scored from its
    own execution and achievements."""
    rng = department_rng(seed, year, department)
    rng.random()  # the draw has_department made
    amounts = [Decimal(rng.randrange(500, 90_000)) / 10 for _ in TASKS]
    spent = [(a * Decimal(rng.choice((100, 99, 97, 92))) / 100).quantize(Decimal("0.01")) for a in amounts]
    budget, used = sum(amounts, Decimal(0)), sum(spent, Decimal(0))
    rate = q2(used * 100 / budget)
    head = ["# 演示数据（perfsite demo 生成），非真实部门", "sample: true", f"year: {year}",
            f"department: {_q(department)}", f"region: {region}", "unit: 万元",
            f"functions: {_q(f'负责{department}职责范围内的各项工作，组织实施本部门预算项目。')}"]
    goal = f"annual_goal: {_q('按计划完成年度主要任务，重点任务完成率达到95%以上，服务对象满意度达到90%以上。')}"
    target = ["kind: 部门整体绩效目标", *head, f"published: {year}-02-{rng.randint(1, 28):02d}",
              "tasks:", *(f"  - {{name: {t}, amount: {a}}}" for t, a in zip(TASKS, amounts, strict=True)),
              f"tasks_total: {budget}", goal, "indicators:",
              '  - {level1: 过程指标, level2: 预算执行, name: 预算执行率, nature: "=", target: 100, unit: "%"}',
              *(f'  - {{level1: {l1}, level2: {l2}, name: {name}, nature: "≥", target: {t}, unit: "%", core: true}}'
                for l1, l2, name, _, t in DEPT_INDICATORS)]
    rows = [f'  - {{level1: 过程指标, level2: 预算执行, name: 预算执行率, weight: 10, target: "100%", '
            f'actual: "{rate}%", score: {_ratio(10, 100, rate)}, rule: budget{_remark(_ratio(10, 100, rate), 10)}}}']
    total = _ratio(10, 100, rate)
    for l1, l2, name, w, t in DEPT_INDICATORS:
        actual = Decimal(rng.choice((t + 2, t, t - 3, t - 8)))
        score = _ratio(w, t, actual)
        total += score
        rows.append(f'  - {{level1: {l1}, level2: {l2}, name: {name}, weight: {w}, target: "≥{t}%", '
                    f'actual: "{actual}%", score: {score}{_remark(score, w)}}}')
    evaluation = ["kind: 部门整体自评", *head, f"published: {year + 1}-05-{rng.randint(1, 28):02d}",
                  "tasks:", *(f"  - {{name: {t}, amount: {a}, spent: {s}}}"
                              for t, a, s in zip(TASKS, amounts, spent, strict=True)),
                  f"execution: {{budget: {budget}, spent: {used}, rate: {rate}%}}", goal,
                  "annual_result: 年度主要任务基本完成。",
                  f"deviation: {_q('部分项目受客观因素影响进度滞后，已督促加快实施。')}",
                  f"reported: {{score: {total}, grade: {_grade(total)}}}", "indicators:", *rows]
    return "\n".join(target) + "\n", "\n".join(evaluation) + "\n"


def _pdf_text(text: str) -> str:
    """A line for the STSong-Light CID font: its UCS-2 code units in hex (BMP characters only)."""
    return "<" + "".join(f"{ord(c):04X}" for c in text if ord(c) < 0x10000) + ">"


def tiny_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF 1.4 showing `title` and `lines` in Adobe's standard Chinese font (not
    embedded: every PDF reader has it), uncompressed and undated, so the bytes depend on the text alone."""
    body = ["BT /F1 16 Tf 60 780 Td", f"{_pdf_text(title)} Tj", "/F1 11 Tf"]
    for line in lines:
        body += ["0 -24 Td", f"{_pdf_text(line)} Tj"]
    stream = "\n".join([*body, "ET"]).encode("ascii")
    objects = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [2 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (GB1) /Supplement 4 >> /FontDescriptor 3 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
        b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 1 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Catalog /Pages 4 0 R >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_DOCX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>',
}


def tiny_docx(title: str, lines: list[str]) -> bytes:
    """A minimal Word document (the three parts Word needs) with `title` and `lines` as paragraphs;
    entries dated 1980-01-01, so the bytes depend on the text alone."""
    paragraphs = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in (title, *lines))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{paragraphs}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (*_DOCX_PARTS.items(), ("word/document.xml", document)):
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def original_name(n: int, data: dict, seed: int) -> str:
    """The file name of the 评价报告 original of programme number `n` (its 自评 `data`): a DOCX for
    about DOCX_SHARE of them, else a PDF."""
    docx = random.Random(f"perfsite-demo-original-{seed}-{n}").random() < DOCX_SHARE
    return f"{data['id']}-{data['year']}-pingjia.{'docx' if docx else 'pdf'}"


def original_bytes(name: str, data: dict, findings: list[str]) -> bytes:
    """The original `name` of a 评价报告 on programme `data` listing its `findings`."""
    title = f"{data['name']}{data['year']}年度绩效评价报告"
    lines = [f"主管部门：{data['department']}", "（演示数据，非真实报告）", "主要问题：", *findings]
    return tiny_docx(title, lines) if name.endswith(".docx") else tiny_pdf(title, lines)
