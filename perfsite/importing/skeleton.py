"""`perfsite new`: a commented YAML skeleton in Chinese for clerks who do write YAML.

The blanks are YAML nulls, so `perfsite check` refuses the skeleton (missing 项目名称, 分值 …)
until they are filled, and accepts it once they are.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from perfsite.ids import IdRegistry, is_id
from perfsite.importing.writer import WriteRefused, plain_ok, quoted, write_files

UNNAMED = "new-programme"
"""The file name when neither --id nor --name is given."""

SKELETON = """\
# 预算绩效评价项目数据文件（由 perfsite new 生成）。文件名即网址编号：小写字母、数字和连字符。
# 填写方法：把注明「必填」的空白填上；用不到的可选项可整行删去。
# 注意：以 - * > % & ! {{ 开头的值要加英文双引号，例如 target: ">=95%"。
# 填完后运行：perfsite check data
name: {name}                 # 必填：项目名称，如 “小升规”企业奖励资金
year: {year}                 # 必填：评价年度（四位数），如 2024
department:                  # 必填：主管部门全称；原文没有写明时填 未载明
# region: 曲沃县             # 可选：地区（省/市/县）
evaluation: 单位自评          # 单位自评 / 部门评价 / 财政评价 / 第三方评价
# evaluator: 某某咨询公司     # 可选：评价机构
# published: 2024-04-28      # 可选：公布日期
# source: 自评报告.docx       # 可选：原文件名或网址

# 报告正文：每个章节一项。「标题: |-」的下一行起，缩进四个空格写正文，段落之间空一行。
sections:
  项目概况: |-
  绩效目标: |-
  绩效分析: |-
  存在问题: |-
  改进措施: |-

# 可选：预算执行情况（原文没有时整段删去）。金额按来源写，例如 {{county: 25}} 或
# {{central: 420, provincial: 84, county: 36}}；来源：central 中央级、provincial 省级、
# municipal 市级、county 县区级、carryover 上年结转、other 其他资金；total 为原表合计。
budget:
  unit: 万元                 # 万元 或 元
  rate_basis: budget         # budget：执行率 = 全年执行数/全年预算数；funded：实际支出/实际到位
  initial:                   # 年初预算数
  budget:                    # 全年预算数
  funded:                    # 实际到位资金
  spent:                     # 全年执行数

# 必填：绩效指标，每项以「- 」开头；各项分值之和应为 100。复制整段可增加指标。
indicators:
  - level1: 产出指标          # 一级指标（产出指标/效益指标/满意度指标，或 决策/过程/产出/效益）
    level2: 数量指标          # 二级指标
    name:                    # 必填：三级指标（指标名称）
    weight:                  # 必填：分值
    target: ""               # 年度指标值，照原表加双引号，如 "≥300家"、"95%"、"符合要求"
    actual: ""               # 实际完成值，照原表，如 "731家"
    score:                   # 原表的得分（会与计算结果核对）
    # rule: reported         # 可选：评分规则，默认 auto；原文没写扣分处数时用 reported
    # rule_text: ""          # 可选：原表的评分标准
    remark: ""               # 偏差原因分析及改进措施（未得满分时应填写）

# 可选：原文写明的总得分和等级，例如 {{score: 99.1, grade: 优秀}}
reported:
  score:
  grade:
"""


def skeleton_text(name: str | None, year: str | None) -> str:
    name_text = (name if plain_ok(name) else quoted(name)) if name else ""
    return SKELETON.format(name=name_text, year=year or "")


def new_skeleton(args: argparse.Namespace) -> int:
    if args.year and not (args.year.isdigit() and len(args.year) == 4):
        print(f"perfsite new: 用法错误：--year 应是四位数年度，而不是「{args.year}」", file=sys.stderr)
        return 2
    if args.id is not None and not is_id(args.id):
        print(f"perfsite new: 用法错误：--id 只能由小写字母、数字和连字符组成（最长 80 个字符），而不是「{args.id}」",
              file=sys.stderr)
        return 2
    out = Path(args.out)
    folder = out / args.year if args.year else out
    target = folder / f"{args.id or UNNAMED}.yaml"
    if args.id is None and args.name:
        claim = IdRegistry(out).claim(args.name, "", args.year or "")
        target = claim.existing or folder / f"{claim.id}.yaml"
        if claim.displaced is not None:
            print(f"网址编号 {claim.displaced[0]} 已由 {claim.displaced[1]}（另一个项目）使用，改用 {claim.id}")
    try:
        write_files({target: skeleton_text(args.name, args.year)}, args.force)
    except WriteRefused as exc:
        print(f"perfsite new: {exc}", file=sys.stderr)
        return 1
    print(f"已写出：{target}")
    if not args.year:
        print(f"填好 year 后，请把文件移到 {out}/<年度>/ 目录下。")
    print(f"填写完成后运行：perfsite check {out}")
    return 0
