"""requirements.txt names perfsite by the committed wheel's path: a package called perfsite of the
same version on an index pip reads (anyone can upload one to PyPI) cannot be installed instead.
Checked with pip itself (`install --dry-run --report`), an index of files standing in for PyPI."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sysconfig
import venv
import zipfile
from pathlib import Path

from perfsite import __version__
from perfsite.scaffold import WHEELHOUSE, scaffold


def wheel(path: Path, origin: str) -> Path:
    """A minimal wheel of perfsite at this version whose module says where it came from."""
    info = f"perfsite-{__version__}.dist-info"
    files = {"perfsite/__init__.py": f"ORIGIN = {origin!r}\n",
             f"{info}/METADATA": f"Metadata-Version: 2.1\nName: perfsite\nVersion: {__version__}\n",
             f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    record = []
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as out:
        for name, text in files.items():
            out.writestr(name, text)
            digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
            record.append(f"{name},sha256={digest},{len(text.encode())}")
        out.writestr(f"{info}/RECORD", "\n".join([*record, f"{info}/RECORD,,"]) + "\n")
    return path


def environment(root: Path) -> Path:
    """A new environment without perfsite whose other packages are this one's (requirements.lock's
    versions, through a folder of links), pip among them: pip has only perfsite to find, and runs in
    it (0.9 CPU s; `pip --python` from this environment starts a second interpreter, 1.25 s)."""
    deps = root / "deps"
    deps.mkdir()
    for entry in Path(sysconfig.get_path("purelib")).iterdir():
        if not entry.name.lower().startswith(("perfsite", "__editable__", "_perfsite")) and entry.suffix != ".pth":
            (deps / entry.name).symlink_to(entry)
    fresh = root / "env"
    venv.EnvBuilder(with_pip=False).create(fresh)
    python = fresh / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "zz_dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    return python


def chosen(python: Path, project: Path, *options: str) -> list[str]:
    """Where pip would install perfsite from, `pip install -r requirements.txt` in `project` (`python`'s pip)."""
    report = project.parent / "report.json"
    result = subprocess.run([str(python), "-m", "pip", "install", "--dry-run", "--isolated",
                             "--disable-pip-version-check", "--quiet", "--report", str(report), *options,
                             "-r", "requirements.txt"], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return [item["download_info"]["url"] for item in json.loads(report.read_text(encoding="utf-8"))["install"]]


def test_only_the_committed_wheel_satisfies_requirements_txt(tmp_path: Path) -> None:
    ours = wheel(tmp_path / "dist" / f"perfsite-{__version__}-py3-none-any.whl", "committed")
    project = tmp_path / "site"
    scaffold(project, "某县预算绩效信息公开", ours)
    index = tmp_path / "index"
    impostor = wheel(index / "perfsite" / ours.name, "impostor")
    (index / "perfsite" / "index.html").write_text(f'<a href="{impostor.name}">{impostor.name}</a>', encoding="utf-8")
    python = environment(tmp_path)
    committed = (project / WHEELHOUSE / ours.name).resolve().as_uri()
    assert chosen(python, project, "--index-url", index.as_uri()) == [committed]
