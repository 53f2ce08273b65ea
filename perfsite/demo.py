"""`perfsite demo`: deterministic, realistic synthetic data for trying the site at scale.

Same `--n` and `--seed` give byte-identical files. Programmes spread over years, regions,
departments and evaluation kinds, use every rule kind, carry Chinese narratives, and a few
carry a published figure that does not add up (so the 数据核验 box shows at scale too). About
half are a year of a series: one programme across years, as `perfsite check` expects of any data.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from perfsite.decimals import q2

YEARS = (2021, 2022, 2023, 2024)
REGIONS = ("太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市", "临汾市",
           "吕梁市", "曲沃县", "翼城县", "襄汾县", "洪洞县", "古县", "安泽县", "浮山县", "吉县", "乡宁县")
DEPARTMENTS = (
    ("教育局", ("义务教育", "学前教育", "校舍维修", "教师培训", "学生资助")),
    ("卫生健康委员会", ("基本公共卫生服务", "疾病预防控制", "妇幼保健", "基层医疗机构建设")),
    ("农业农村局", ("高标准农田建设", "耕地地力保护", "农机购置补贴", "农村人居环境整治")),
    ("交通运输局", ("农村公路养护", "客运站改造", "公路安全生命防护工程")),
    ("人力资源和社会保障局", ("就业创业补助", "职业技能提升", "企业职工培训")),
    ("文化和旅游局", ("公共文化服务体系建设", "非遗保护", "乡村文化振兴")),
    ("工业和信息化局", ("中小企业发展", "小升规企业奖励", "技术改造")),
    ("民政局", ("城乡低保", "特困人员供养", "养老服务体系建设")),
    ("生态环境局", ("大气污染防治", "水污染防治", "土壤污染治理")),
    ("水利局", ("农村饮水安全", "小型水库维修", "河道治理")),
)
KINDS = ("单位自评", "单位自评", "单位自评", "部门评价", "财政评价", "第三方评价")
NARRATIVE = (
    "本项目按照年度工作计划组织实施，资金按时拨付到位，专款专用，项目管理规范。",
    "通过项目实施，服务对象获得感明显增强，社会效益和经济效益逐步显现。",
    "项目绩效目标设定基本合理，但部分指标量化程度不高，下一年度将进一步细化。",
    "部分资金拨付进度滞后于计划，主要原因是项目前期手续办理时间较长。",
)


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _indicators(rng: random.Random, quality: float) -> tuple[list[str], Decimal, bool]:
    """Indicator rows as YAML lines, the published total, and whether a discrepancy was planted."""
    weights = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10]
    lines: list[str] = []
    total = Decimal(0)
    planted = rng.random() < 0.05
    specs = [
        ("产出指标", "数量指标", "完成任务数", "ratio"),
        ("产出指标", "数量指标", "覆盖人数", "shortfall"),
        ("产出指标", "质量指标", "验收合格率", "ratio"),
        ("产出指标", "时效指标", "按期完成率", "bands"),
        ("产出指标", "成本指标", "单位成本", "cost"),
        ("效益指标", "社会效益指标", "安全事故数", "zero"),
        ("效益指标", "经济效益指标", "带动增收", "judged"),
        ("效益指标", "可持续影响指标", "长效机制建设", "deduct"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "ratio"),
        ("预算执行指标", "预算执行指标", "预算执行率", "budget"),
    ]
    for index, ((l1, l2, name, kind), weight) in enumerate(zip(specs, weights, strict=True)):
        w = Decimal(weight)
        good = rng.random() < quality
        extra = ""
        if kind == "ratio":
            target = rng.choice((90, 95, 100, 300, 500))
            actual = target if good else int(target * rng.uniform(0.6, 0.99))
            unit = "%" if target <= 100 else "项"
            score = q2(w * min(Decimal(actual) / Decimal(target), Decimal(1)))
            t, a = f"≥{target}{unit}", f"{actual}{unit}"
        elif kind == "shortfall":
            target, actual = 6, (6 if good else rng.choice((5, 4, 3)))
            steps = max(0, target - actual)
            score = Decimal(0) if actual < 4 else max(w - Decimal("2") * steps, Decimal(0))
            t, a = f"≥{target}万人", f"{actual}万人"
            extra = "    rule: {type: shortfall, step: 1万人, per: 2, zero_below: 4万人}\n"
        elif kind == "bands":
            actual = 100 if good else rng.choice((85, 75, 60))
            score = Decimal(10) if actual >= 90 else Decimal(6) if actual >= 80 else Decimal(3) if actual >= 70 else Decimal(0)
            t, a = "≥90%", f"{actual}%"
            extra = "    rule: {type: bands, bands: [{min: 90%, score: 10}, {min: 80%, score: 6}, {min: 70%, score: 3}]}\n"
        elif kind == "cost":
            target = rng.choice((80, 90, 120))
            actual = target if good else int(target * rng.uniform(1.01, 1.3))
            score = q2(w * min(Decimal(target) / Decimal(actual), Decimal(1)))
            t, a = f"≤{target}万元", f"{actual}万元"
        elif kind == "zero":
            actual = 0 if good or rng.random() < 0.7 else 1
            score = w if actual == 0 else Decimal(0)
            t, a = "=0起", f"{actual}起"
        elif kind == "judged":
            share = Decimal(rng.choice((100, 95, 90, 85, 80)))
            score = q2(w * share / 100)
            t, a = "增长明显", f"{share}%"
        elif kind == "deduct":
            count = 0 if good else rng.randint(1, 4)
            score = max(w - Decimal("0.5") * count, Decimal(0))
            t, a = "建立", "已建立" if good else f"发现{count}处不足"
            extra = f"    rule: {{type: deduct, per: 0.5, count: {count}}}\n"
        else:  # budget
            score = Decimal(-1)  # filled in by the caller from the budget table
            t, a = "100%", ""
            extra = "    rule: budget\n"
        lines.append((l1, l2, name, w, t, a, score, extra, index))
        if score >= 0:
            total += score
    return lines, total, planted


SERIES_SHARE = 0.5
"""Share of programmes that are a year of a series: of programmes 4k … 4k+3 (one a year), those that
draw it are series ``demo-<k+1>``, one programme across years, as a real continuing one."""

Identity = tuple[str, str, str]
"""A programme's name, department (主管部门: region and department) and region."""


def programme_yaml(n: int, rng: random.Random, series: dict[int, Identity] | None = None) -> tuple[int, str, str]:
    """(year, department drawn (its folder), text) of programme number `n`. `series` (write_demo's,
    filled as it goes): each series' identity, its first programme's; a later year of the series
    takes it, so the series check finds one programme across years (same name, department and
    region). Only the identity is shared: every draw is made as for a programme of its own, so the
    folder (the department drawn) and every other file of the tree stay the same whichever
    programmes form series (the cache tests name these paths). None (bench/import_*.py, one file
    at a time): the file as drawn."""
    year = YEARS[n % len(YEARS)]
    dept, topics = DEPARTMENTS[rng.randrange(len(DEPARTMENTS))]
    region = REGIONS[rng.randrange(len(REGIONS))]
    topic = topics[rng.randrange(len(topics))]
    name, department = f"{region}{topic}项目（第{n + 1}号）", f"{region}{dept}"
    quality = rng.choice((0.95, 0.9, 0.8, 0.6, 0.4))
    rows, total, planted = _indicators(rng, quality)
    budget = Decimal(rng.randrange(20, 50_000)) / 10
    spent_share = Decimal(rng.choice((100, 99, 98, 95, 90, 85, 70))) / 100
    spent = (budget * spent_share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    rate = q2(spent * 100 / budget)
    budget_score = q2(Decimal(10) * min(rate / 100, Decimal(1)))
    total += budget_score
    central = (budget * Decimal("0.6")).quantize(Decimal("0.01"))
    county = budget - central
    number = n // len(YEARS) if rng.random() < SERIES_SHARE else None
    if number is not None and series is not None:
        name, department, region = series.setdefault(number, (name, department, region))
    out = [
        "# 演示数据（perfsite demo 生成），非真实项目",
        f"name: {_yaml_text(name)}",
        f"year: {year}",
        f"department: {department}",
        f"id: demo-{n + 1:06d}",
        f"series: demo-{number + 1:06d}" if number is not None else "",
        f"region: {region}",
        f"evaluation: {KINDS[rng.randrange(len(KINDS))]}",
        f"published: {year + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "sample: true",
        "sections:",
        f"  项目概况: {_yaml_text(f'{name}由{department}组织实施，' + NARRATIVE[0])}",
        f"  绩效分析: {_yaml_text(NARRATIVE[1])}",
        f"  存在问题: {_yaml_text(NARRATIVE[2 + n % 2])}",
        "budget:",
        "  unit: 万元",
        f"  budget: {{central: {central}, county: {county}}}",
        f"  funded: {{central: {central}, county: {county}}}",
        f"  spent: {spent}",
        "indicators:",
    ]
    for l1, l2, iname, w, t, a, score, extra, index in rows:
        published = budget_score if score < 0 else score
        if planted and index == 0:
            published = min(w, published + Decimal("0.5")) if published < w else published - Decimal("0.5")
        remark = "" if published >= w else "    remark: 受客观因素影响未完全达到目标，将加强管理。\n"
        out.append(f"  - level1: {l1}\n    level2: {l2}\n    name: {iname}\n    weight: {w}\n"
                   f"    target: {_yaml_text(t)}\n    actual: {_yaml_text(a)}\n    score: {published}\n{extra}{remark}".rstrip("\n"))
    out.append(f"reported: {{score: {total}}}")
    return year, dept, "\n".join(line for line in out if line) + "\n"


LOWERED_SHARE = 0.05
"""Share of demo 绩效目标表 whose first target the 自评 restates lower (目标调低), so the flag shows at scale."""


def targets_yaml(n: int, programme_text: str, seed: int) -> str:
    """The 绩效目标表 of programme number `n`, from its 自评 text: the same id, year, name and
    department; each indicator's target as the 自评 restates it, except in about LOWERED_SHARE of
    programmes, whose first target was set higher than the 自评 later says. Its own random
    stream, so the 自评 files stay byte-identical with or without targets."""
    from perfsite.yamlload import load_yaml_text

    data = load_yaml_text(programme_text).data
    assert isinstance(data, dict)
    lowered = random.Random(seed * 1_000_003 + n).random() < LOWERED_SHARE
    total = sum((v for v in data["budget"]["budget"].values()), Decimal(0))
    out = [
        "# 演示数据（perfsite demo 生成），非真实项目",
        "kind: 绩效目标",
        *(f"{key}: {_yaml_text(str(data[key]))}" for key in ("id", "name", "department", "region")),
        f"year: {data['year']}",
        "sample: true",
        "attribute: 延续" if "series" in data else "attribute: 新增",
        f"period: {data['year']}",
        f"funds: {{unit: 万元, total: {total}, fiscal: {total}, other: 0}}",
        f"annual_goal: {_yaml_text('按计划完成' + str(data['name']) + '各项任务，服务对象满意度达到90%以上。')}",
        "indicators:",
    ]
    for index, row in enumerate(data["indicators"]):
        target = str(row["target"])
        if lowered and index == 0:
            target = _raised(target)
        out.append(f"  - {{level1: {row['level1']}, level2: {row['level2']}, name: {row['name']}, "
                   f"target: {_yaml_text(target)}, core: {'true' if index < 3 else 'false'}}}")
    return "\n".join(out) + "\n"


def _raised(cell: str) -> str:
    """``≥95%`` → ``≥100%``: a target five higher than the 自评 restates (the first demo row is ≥)."""
    head = cell.rstrip("%项")
    number = head.lstrip("≥")
    return f"≥{int(number) + 5}{cell[len(head):]}" if number.isdigit() else cell


SITE_YAML = """title: 预算绩效信息公开（演示）
site_url: https://example.gov.cn/jxgk/
publisher: 示例财政局（演示数据）
licence: 演示数据，仅供测试
data_date: 2026-11-01
"""


MARK = ".perfsite-demo"
"""Written into every folder `perfsite demo` makes: only a folder holding it may be replaced.
A site.yaml proves nothing (every real data tree has one), so it never counts as permission."""
MARK_TEXT = "本目录由 perfsite demo 生成，可整体删除重建。删除本文件后，perfsite demo 将不再覆盖本目录。\n"


def write_demo(n: int, out: Path, seed: int = 1, targets: bool = False, cycle: bool = False) -> int:
    """Write `n` programmes under `out` (replacing a previous demo there); returns the count.
    With `targets`, each also gets its 绩效目标表 (`<id>-mubiao.yaml`, see targets_yaml). With
    `cycle` (which implies `targets`), the rest of the cycle too (perfsite.demo_cycle): a 中期 set
    in a share of the 绩效目标表, an 评价报告
    with its original and a 整改 for a share of programmes (`<id>-pingjia.yaml`, `<id>-zhenggai.yaml`),
    a 部门整体 target table and self-evaluation for a share of department-years."""
    from perfsite import demo_cycle

    rng = random.Random(seed)
    targets = targets or cycle
    out.mkdir(parents=True, exist_ok=True)
    (out / MARK).write_text(MARK_TEXT, encoding="utf-8")
    (out / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    series: dict[int, Identity] = {}
    folders: dict[tuple[int, str], Path] = {}
    departments: dict[tuple[int, str], str] = {}
    for i in range(n):
        year, dept, text = programme_yaml(i, rng, series)
        folder = _folder(out, year, dept, folders)
        (folder / f"demo-{i + 1:06d}.yaml").write_text(text, encoding="utf-8")
        if targets:
            table = targets_yaml(i, text, seed)
            table = demo_cycle.with_midterm(i, table, seed) if cycle else table
            (folder / f"demo-{i + 1:06d}-mubiao.yaml").write_text(table, encoding="utf-8")
        if cycle:
            data = _read(text)
            departments.setdefault((year, str(data["department"])), str(data["region"]))
            if demo_cycle.has_report(seed, i):
                _write_report(i, data, seed, folder)
    for (year, department), region in sorted(departments.items()):
        if demo_cycle.has_department(seed, year, department):
            # the department's own folder: its first programme may be a series' later year, filed under another
            folder = _folder(out, year, department.removeprefix(region), folders)
            stem = f"bumen-{REGIONS.index(region):02d}"
            for suffix, text in zip(("mubiao", "ziping"), demo_cycle.department_yamls(seed, year, department, region),
                                    strict=True):
                (folder / f"{stem}-{suffix}.yaml").write_text(text, encoding="utf-8")
    return n


def _folder(out: Path, year: int, dept: str, made: dict[tuple[int, str], Path]) -> Path:
    """The folder of a year's files of department `dept` (a DEPARTMENTS name, without the region),
    made once and kept in `made`: a mkdir that finds the folder raises and catches an error, 10,000
    of them about 0.2 CPU s, a twentieth of the demo's time."""
    folder = made.get((year, dept))
    if folder is None:
        folder = out / str(year) / f"dept{next(i for i, (name, _) in enumerate(DEPARTMENTS) if name == dept):02d}"
        folder.mkdir(parents=True, exist_ok=True)
        made[(year, dept)] = folder
    return folder


def _read(text: str) -> dict:
    from perfsite.yamlload import load_yaml_text

    data = load_yaml_text(text).data
    assert isinstance(data, dict)
    return data


def _write_report(n: int, data: dict, seed: int, folder: Path) -> None:
    """Programme number `n`'s 评价报告, its original beside it, and its 整改."""
    from perfsite import demo_cycle

    stem = f"demo-{n + 1:06d}"
    name = demo_cycle.original_name(n, data, seed)
    report, findings = demo_cycle.report_yaml(n, data, seed, name)
    (folder / name).write_bytes(demo_cycle.original_bytes(name, data, findings))
    (folder / f"{stem}-pingjia.yaml").write_text(report, encoding="utf-8")
    (folder / f"{stem}-zhenggai.yaml").write_text(demo_cycle.rectification_yaml(n, data, seed, findings),
                                                  encoding="utf-8")


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--n", type=int, default=1000, help="项目数量（默认 1000）")
    p.add_argument("--out", required=True, help="输出目录：新建，或以前由 perfsite demo 生成的目录（将被清空后重写）")
    p.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同数据）")
    p.add_argument("--targets", action="store_true", help="同时为每个项目生成绩效目标表（约 5%% 的项目有一项目标被调低）")
    p.add_argument("--cycle", action="store_true",
                   help="生成完整的公开周期（含 --targets）：约 10%% 的项目另有评价报告（附 PDF 或 DOCX 原件）和整改情况，"
                        "约 10%% 的部门年度有部门整体绩效目标表和自评表，约四分之一的延续项目的绩效目标表另有中期指标")


def _run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if args.n < 1:
        print("perfsite demo: --n 必须大于 0", file=sys.stderr)
        return 2
    if out.exists() and not out.is_dir():
        print(f"perfsite demo: {out} 已存在且不是目录，拒绝覆盖", file=sys.stderr)
        return 2
    if out.is_symlink() or (out.exists() and any(out.iterdir()) and not (out / MARK).is_file()):
        print(f"perfsite demo: {out} 不是由 perfsite demo 生成的目录（没有 {MARK} 标记），为保护其中的文件，拒绝覆盖；"
              "请换一个新目录", file=sys.stderr)
        return 2
    if out.exists():
        shutil.rmtree(out)
    write_demo(args.n, out, args.seed, args.targets, args.cycle)
    extra = "（含绩效目标表、评价报告、整改和部门整体）" if args.cycle else "（含绩效目标表）" if args.targets else ""
    print(f"已生成 {args.n} 个演示项目{extra}：{out}")
    return 0


COMMANDS = [("demo", "生成演示数据（用于性能测试和试用）", _args, _run)]
