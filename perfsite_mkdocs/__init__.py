"""The MkDocs adapter: perfsite's pages, theme overrides and assets as a MkDocs plugin.

Kept outside `perfsite/` so that the core never imports MkDocs. Installed, it is the plugin
`perfsite` (entry point `mkdocs.plugins`); the repository's hooks/perfsite_hook.py is a shim onto
the same class.
"""

from __future__ import annotations

from pathlib import Path

OVERRIDES = Path(__file__).parent / "overrides"
"""perfsite's Material overrides (page head, footer, 404), below the site's own `custom_dir`."""
