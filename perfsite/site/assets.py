"""Our CSS and JS (in perfsite/assets/), published under assets/perfsite/ as static files."""

from __future__ import annotations

from importlib.resources import files

ASSET_DIR = "assets/perfsite"


def asset_files() -> dict[str, bytes]:
    """Site path → bytes of every file in perfsite/assets/ (flat folder, sorted)."""
    root = files("perfsite") / "assets"
    return {f"{ASSET_DIR}/{item.name}": item.read_bytes()
            for item in sorted(root.iterdir(), key=lambda i: i.name)
            if item.is_file() and not item.name.startswith(".")}
