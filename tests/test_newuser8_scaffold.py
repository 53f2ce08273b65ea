"""A county 财政局's clerk adopting perfsite with `perfsite init` and following what the new
repository's files say: the steps init prints, site.yaml's optional footer keys, the logo."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from perfsite.scaffold import scaffold
from perfsite.siteconfig import load_site


def test_init_names_the_install_step_before_the_first_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without `pip install -r requirements.txt` the site builds with no full-text search (and a
    bare wheel install lacks Pagefind): init's next steps said cd, commit, check, serve, build."""
    from perfsite.cli import main

    assert main(["init", str(tmp_path / "site")]) == 0
    steps = capsys.readouterr().out
    assert "pip install -r requirements.txt" in steps
    assert steps.index("pip install -r requirements.txt") < steps.index("perfsite build")


def test_site_yaml_offers_the_footer_keys_and_each_uncommented_is_read(tmp_path: Path) -> None:
    """The 网站标识码, ICP and 公安 numbers and 数据截至 a government site's footer carries were only
    in the perfsite repository's docs, which the new repository does not have."""
    scaffold(tmp_path, "某县预算绩效信息公开", None)
    site = tmp_path / "data/site.yaml"
    text = site.read_text(encoding="utf-8")
    offered = [line for line in text.splitlines() if line.startswith("# ") and ": " in line.split("#")[1]]
    keys = {line[2:].split(":")[0] for line in offered}
    assert {"site_code", "icp", "police_record", "data_date"} <= keys
    site.write_text("\n".join(line[2:] if line in offered else line for line in text.splitlines()) + "\n",
                    encoding="utf-8")
    config, problems = load_site(site, "data/site.yaml")
    assert not problems.items
    assert (config.site_code, config.icp, config.data_date) == ("1234567890", "晋ICP备00000000号", "2025-06-30")
    assert config.police_record.startswith("晋公网安备")


def test_the_logo_advice_makes_a_theme_logo_not_an_icon_name(tmp_path: Path) -> None:
    """The advice sat on the `icon: logo:` line, so a clerk wrote the picture's path there:
    Material then looked for an icon `.icons/assets/logo.png.svg` and the build failed. Doing what
    the comment says (the two icon lines become one `logo:` line) gives theme.logo."""
    scaffold(tmp_path, "某县预算绩效信息公开", None)
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert not any("logo: material/" in line and "assets/" in line for line in text.splitlines())
    followed = text.replace("  icon:\n    logo: material/chart-box-outline\n", "  logo: assets/logo.png\n")
    assert followed != text
    theme = yaml.load(followed, Loader=yaml.BaseLoader)["theme"]
    assert theme["logo"] == "assets/logo.png" and "icon" not in theme


def test_gitlab_ci_has_git_before_it_compares_with_the_published_version(tmp_path: Path) -> None:
    """The job's image python:3.11-slim has no git (docker-library/python#319: the slim images
    leave it out): `git cat-file` failed, and every pipeline said 没有找到上次公开的版本 and
    checked without --since, so a published figure changed without a 更正记录 went out."""
    scaffold(tmp_path, "某县预算绩效信息公开", None)
    ci = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "slim" in ci["image"]
    script = [line for line in ci[".build"]["script"]]
    uses_git = next(n for n, line in enumerate(script) if "git cat-file" in line or "git merge-base" in line)
    installs = [n for n, line in enumerate(script) if "apt-get install" in line and " git" in line]
    assert installs and installs[0] < uses_git


def test_the_new_repositorys_readme_says_what_to_make_the_bureaus_and_how_to_publish(tmp_path: Path) -> None:
    """The new repository has no docs/ of perfsite's: its README is what the clerk reads. It named
    neither the logo nor the footer's keys nor a way to publish (GitHub/GitLab Pages, a server)."""
    scaffold(tmp_path, "某县预算绩效信息公开", None)
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    for said in ("site_name", "publisher", "docs/assets/logo.png", "data/2024/shili/", "Settings → Pages",
                 "GitLab Pages", "复制"):
        assert said in readme, said
    assert readme.index("## 改成本单位的网站") < readme.index("## 发布") < readme.index("## 日常工作")


def test_an_offered_footer_key_uncommented_with_its_zeros_is_named_before_publishing(tmp_path: Path) -> None:
    """Taking the `#` away and not the placeholder would put 晋ICP备00000000号 in every page's
    footer: the 提示（发布前） names it with its line, as it names the publisher; a real value is not named."""
    from perfsite.scaffold.placeholders import example_settings

    scaffold(tmp_path, "某县预算绩效信息公开", None)
    site = tmp_path / "data/site.yaml"
    text = site.read_text(encoding="utf-8").replace("# icp:", "icp:").replace("# site_code:", "site_code:")
    site.write_text(text.replace('"1234567890"', '"1410000001"'), encoding="utf-8")
    found = example_settings(tmp_path / "data", base=tmp_path)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("icp:"))
    assert f"data/site.yaml 第 {line} 行 icp「晋ICP备00000000号」" in found
    assert not any("site_code" in f for f in found)
