"""`data/site.yaml`: who publishes, grade bands, aliases and 定性 levels (defaults per 财预〔2020〕10号)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from perfsite.dates import iso_date
from perfsite.decimals import HUNDRED, parse_decimal
from perfsite.problems import Problems
from perfsite.schema import SHORT_TEXT, check_keys, text_field
from perfsite.yamlload import EnvText, EnvUnset, load_yaml_file, read_settings

SITE_FILE = "site.yaml"
"""The site's settings, at the top of the data folder (docs/data-format.md)."""
MKDOCS_FILE = "mkdocs.yml"
DATA_ENV = "PERFSITE_DATA"
DEFAULT_DATA = "data"
DATA_HELP = "数据目录（默认是构建所读的目录：mkdocs.yml 中 perfsite 插件的 data_dir，没有 mkdocs.yml 时为 data）"


@dataclass(frozen=True)
class DataFolder:
    """The data folder of a site and how it is named ("由 mkdocs.yml … 指定"; "" for the default `data`), so a message about
    a missing folder can send the clerk to the file that names it."""

    path: Path
    named_by: str = ""


def data_folder(project: Path, option: object = "", extra: object = "") -> DataFolder:
    """The build's rule, relative to mkdocs.yml's folder `project`: $PERFSITE_DATA, else the
    plugin's `data_dir`, else `extra.perfsite_data`, else `data`. `perfsite check`, `import` and
    `new` use it too, so a renamed folder is the one every command reads. A setting written
    ``!ENV NAME`` is the variable's value (`yamlload.EnvText`); one whose variable is unset is no
    setting, as MkDocs reads it, and a folder found missing then names the variable (`EnvUnset`)."""
    unset = ""
    for value, named_by in ((os.environ.get(DATA_ENV), f"由环境变量 {DATA_ENV} 指定"),
                            (option, f"由 {MKDOCS_FILE} 中 perfsite 插件的 data_dir 指定"),
                            (extra, f"由 {MKDOCS_FILE} 中的 extra.perfsite_data 指定")):
        if isinstance(value, EnvText):
            named_by += f"，取自环境变量 {value.variable}"
        if isinstance(value, str) and value.strip():
            return DataFolder(project / value.strip(), named_by)
        if isinstance(value, EnvUnset) and not unset:
            names = "、".join(value.variables)
            unset = (f"{named_by.removeprefix('由').removesuffix('指定')}是 !ENV {names}，而环境变量 {names} 没有设置"
                     f"（请设置它），构建时读默认的 {DEFAULT_DATA}")
    return DataFolder(project / DEFAULT_DATA, unset)


def site_data_folder(project: Path = Path()) -> DataFolder:
    """The data folder a command run in `project` uses when given none: the one the build of
    `project`'s mkdocs.yml reads (plain `data` where there is no mkdocs.yml)."""
    settings = read_settings(project / MKDOCS_FILE)
    plugins = settings.get("plugins")
    entries = plugins if isinstance(plugins, list) else [plugins] if isinstance(plugins, dict) else []
    option = next((entry["perfsite"].get("data_dir") for entry in entries
                   if isinstance(entry, dict) and isinstance(entry.get("perfsite"), dict)), "")
    extra = settings.get("extra")
    return data_folder(project, option, extra.get("perfsite_data") if isinstance(extra, dict) else "")


def missing_data(folder: DataFolder) -> str:
    """「找不到数据目录 X」, with the file or variable that names X when it is not the default."""
    where = f"（{folder.named_by}）" if folder.named_by else ""
    return f"找不到数据目录 {folder.path}{where}"

@dataclass(frozen=True)
class GradeBand:
    """A grade and the lowest total (inclusive) that earns it."""

    min: Decimal
    label: str


DEFAULT_GRADES = (
    GradeBand(Decimal(90), "优"), GradeBand(Decimal(80), "良"),
    GradeBand(Decimal(60), "中"), GradeBand(Decimal(0), "差"),
)
DEFAULT_ALIASES = {"优": ["优秀"], "良": ["良好"], "中": ["中等", "合格", "一般"], "差": ["较差", "不合格"]}
DEFAULT_LEVELS = {
    "达成": (Decimal("0.8"), Decimal(1)),
    "部分达成": (Decimal("0.6"), Decimal("0.8")),
    "未达成": (Decimal(0), Decimal("0.6")),
}
LEVEL_LONG_NAMES = {
    "达成年度指标": "达成",
    "部分达成年度指标并具有一定效果": "部分达成",
    "未达成年度指标且效果较差": "未达成",
}

TEXT_KEYS = ("title", "site_url", "publisher", "contact", "site_code", "icp", "police_record",
             "licence", "data_date")
SITE_KEYS = (*TEXT_KEYS, "grades", "grade_aliases", "judged_levels")


@dataclass
class SiteConfig:
    """Site-wide settings; every key is optional."""

    title: str = "预算绩效信息公开"
    site_url: str = ""
    publisher: str = ""
    contact: str = ""
    site_code: str = ""
    icp: str = ""
    police_record: str = ""
    licence: str = ""
    data_date: str = ""
    """As-of date of the data (our extension): printed on pages and downloads; never the build clock."""
    grades: tuple[GradeBand, ...] = DEFAULT_GRADES
    grade_aliases: dict[str, list[str]] = field(default_factory=lambda: dict(DEFAULT_ALIASES))
    judged_levels: dict[str, tuple[Decimal, Decimal]] = field(default_factory=lambda: dict(DEFAULT_LEVELS))

    def grade(self, total: Decimal | None) -> str | None:
        """The grade a (rounded) total earns; bands are half-open, 90.00 is 优 and 89.99 is 良."""
        if total is None:
            return None
        for band in self.grades:
            if total >= band.min:
                return band.label
        return self.grades[-1].label if self.grades else None

    def canonical_grade(self, text: str) -> str | None:
        """优秀 → 优 through the aliases; None for a word that is no grade."""
        word = text.strip().strip("\"'“”「」")
        for band in self.grades:
            if word == band.label or word in self.grade_aliases.get(band.label, []):
                return band.label
        return None

    def address(self, path: str) -> str:
        """The absolute address of site path `path` (as printed on a page and linked from the data),
        or "" where site_url is not set: a relative path printed on paper leads nowhere."""
        return self.site_url.rstrip("/") + "/" + path if self.site_url else ""

    def footer(self) -> dict[str, str]:
        """The footer fields, for the theme override (config.extra.perfsite)."""
        return {key: getattr(self, key) for key in TEXT_KEYS if key != "site_url"}

    def level(self, text: str) -> str | None:
        """A 定性 level by its short or long name."""
        word = LEVEL_LONG_NAMES.get(text.strip(), text.strip())
        return word if word in self.judged_levels else None


def load_site(path: Path, file: str) -> tuple[SiteConfig, Problems]:
    """Read site.yaml; a missing file gives the defaults."""
    problems = Problems(file)
    config = SiteConfig()
    if path.is_symlink():
        problems.error((), "site.yaml 不能是符号链接（可能指向数据目录之外）：请提交文件本身")
        return config, problems
    if not path.exists():
        return config, problems
    loaded = load_yaml_file(path, file)
    problems.items.extend(loaded.problems)
    problems.lines = loaded.lines
    data = loaded.data
    if data is None:
        return config, problems
    if not isinstance(data, dict):
        problems.error((), "site.yaml 的顶层必须是键值映射")
        return config, problems
    check_keys(data, SITE_KEYS, (), problems)
    for key in TEXT_KEYS:
        if key in data:
            setattr(config, key, text_field(data, key, (), problems))  # made visible by the loader
    config.title = config.title or SiteConfig.title  # an empty title would leave every page unnamed
    config.site_url = _site_url(config.site_url, problems)
    if config.data_date:
        date = iso_date(config.data_date)
        if date is None:
            problems.error(("data_date",), f"data_date 应是日期，如 2026-11-01，而不是「{config.data_date}」")
        config.data_date = date or ""
    if "grades" in data:
        config.grades = _grades(data["grades"], problems)
    if "grade_aliases" in data:
        config.grade_aliases = _aliases(data["grade_aliases"], problems)
        _one_band_per_word(config, _written_labels(data.get("grades")), problems)
    if "judged_levels" in data:
        config.judged_levels = _levels(data["judged_levels"], problems)
    return config, problems


_URL_SAFE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def _site_url(url: str, problems: Problems) -> str:
    """An absolute http(s) base with only URL-safe characters, ending in ``/``; else an error.

    It is printed into every page's canonical link, the sitemap and the feed.
    """
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc or not _URL_SAFE.fullmatch(url) or "'" in url:
        problems.error(("site_url",), f"site_url 应是以 http:// 或 https:// 开头的网址（只含网址允许的字符），而不是「{url}」")
        return ""
    return url if url.endswith("/") else url + "/"


def _grades(raw: object, problems: Problems) -> tuple[GradeBand, ...]:
    if not isinstance(raw, list) or not raw:
        problems.error(("grades",), "grades 必须是列表，例如 - {min: 90, label: 优}")
        return DEFAULT_GRADES
    bands = []
    for index, item in enumerate(raw):
        path = ("grades", index)
        if not isinstance(item, dict):
            problems.error(path, "每个等级写成 {min: 分数, label: 等级}")
            continue
        check_keys(item, ("min", "label"), path, problems)
        low = parse_decimal(item.get("min"))
        label = item.get("label")
        if low is None or not isinstance(label, str) or not label.strip():
            problems.error(path, "每个等级需要数字 min 和文字 label")
            continue
        if _long_label(label.strip(), (*path, "label"), problems):
            continue
        if low > HUNDRED:
            problems.error((*path, "min"), f"等级「{label.strip()}」的 min 是 {low}：总分最高 100，这个等级永远用不到")
            continue
        twin = next((band for band in bands if band.min == low or band.label == label.strip()), None)
        if twin is not None:
            same = (f"等级「{twin.label}」写了两次（min {twin.min} 和 {low}）" if twin.label == label.strip()
                    else f"等级「{label.strip()}」与等级「{twin.label}」的 min 都是 {low}")
            problems.error(path, f"{same}：一个总分只能得到一个等级，请改正其中一个")
            continue
        bands.append(GradeBand(low, label.strip()))
    bands.sort(key=lambda b: b.min, reverse=True)
    if bands and bands[-1].min > 0:
        problems.error(("grades",), f"最低等级的 min 是 {bands[-1].min}：低于它的总分将没有等级，请加一个 min: 0 的等级")
    return tuple(bands) or DEFAULT_GRADES


def _aliases(raw: object, problems: Problems) -> dict[str, list[str]]:
    if not isinstance(raw, dict):
        problems.error(("grade_aliases",), "grade_aliases 必须是映射，例如 {优: [优秀]}")
        return dict(DEFAULT_ALIASES)
    result = {}
    for key, value in raw.items():
        words = value if isinstance(value, list) else [value]
        if not all(isinstance(w, str) for w in words):
            problems.error(("grade_aliases", key), "别名必须是文字")
            continue
        if any(_long_label(w, ("grade_aliases", key), problems) for w in [str(key), *words]):
            continue
        result[str(key)] = [w.strip() for w in words]
    return result


def _written_labels(raw: object) -> set[str]:
    """The grade labels site.yaml writes, refused ones included (their own error says why)."""
    if not isinstance(raw, list):
        return {band.label for band in DEFAULT_GRADES}
    return {item["label"].strip() for item in raw if isinstance(item, dict) and isinstance(item.get("label"), str)}


def _one_band_per_word(config: SiteConfig, written: set[str], problems: Problems) -> None:
    """An alias that names two grades, or another grade's own label, is an error: `canonical_grade`
    takes the first band that knows the word, so 「优秀」 listed under both 优 and 差 would read as 优
    and the site could not say which the bureau meant. An alias of a label that is no
    grade is named too: it would be ignored without a word."""
    labels = {band.label for band in config.grades}
    owner: dict[str, str] = {label: label for label in labels}
    for label, words in config.grade_aliases.items():
        if label not in labels:
            if label in written:
                continue  # a grade refused above: its own error is enough
            problems.error(("grade_aliases", label), f"「{label}」不是 grades 中的等级（有：{'、'.join(sorted(labels))}），"
                           "它的别名不会被使用：请写成某个等级的名称")
            continue
        for word in words:
            first = owner.setdefault(word, label)
            if first != label:
                problems.error(("grade_aliases", label), f"别名「{word}」同时属于等级「{first}」和「{label}」："
                               "一个写法只能对应一个等级，请删去其中一处")


def _levels(raw: object, problems: Problems) -> dict[str, tuple[Decimal, Decimal]]:
    if not isinstance(raw, dict):
        problems.error(("judged_levels",), "judged_levels 必须是映射，例如 {达成: [80%, 100%]}")
        return dict(DEFAULT_LEVELS)
    result = {}
    for key, value in raw.items():
        pair = [share(v) for v in value] if isinstance(value, list) and len(value) == 2 else []
        if len(pair) != 2 or pair[0] is None or pair[1] is None or pair[0] > pair[1]:
            problems.error(("judged_levels", key), "每个等级写成 [下限%, 上限%]，例如 [80%, 100%]")
            continue
        if pair[0] < 0 or pair[1] > 1:
            problems.error(("judged_levels", key), "等级的得分比例应在 0% 到 100% 之间（得分不能超过权重）")
            continue
        if _long_label(str(key), ("judged_levels", key), problems):
            continue
        result[str(key)] = (pair[0], pair[1])
    written = {str(key) for key in raw}
    missing = [level for level in DEFAULT_LEVELS if level not in written]
    if missing:
        problems.error(("judged_levels",), f"judged_levels 缺少等级「{'」「'.join(missing)}」：数据格式用 达成、部分达成、"
                       "未达成 这三个等级（rule 的 level 和方法说明页都用到），可以调整比例，也可以另加等级")
    return result


def _long_label(label: str, path: tuple[object, ...], problems: Problems) -> bool:
    """A grade or level name longer than SHORT_TEXT is an error (it is a badge and a filter)."""
    if len(label) <= SHORT_TEXT:
        return False
    problems.error(path, f"等级名称太长（{len(label)} 个字符，上限 {SHORT_TEXT}）")
    return True


def share(raw: object) -> Decimal | None:
    """``80%`` or ``0.8`` → 0.8: a share of the weight."""
    if isinstance(raw, str) and raw.strip().rstrip("%％") != raw.strip():
        number = parse_decimal(raw.strip().rstrip("%％"))
        return None if number is None else number / HUNDRED
    number = parse_decimal(raw)
    if number is not None and number > 1:
        return number / HUNDRED
    return number
