"""Streamlit's own English chrome kept out of the organizer's way where Streamlit allows it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.pages.helpers import open_page

ROOT = Path(__file__).resolve().parents[2]


def _forms(at) -> list:
    """Every form block the run drew."""
    found, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        if getattr(node, "type", None) == "form":
            found.append(node)
        stack.extend(getattr(node, "children", {}).values())
    return found


def test_streamlit_shows_no_deploy_button():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["toolbarMode"] in {"minimal", "viewer"}


def test_page_forms_do_not_show_the_english_press_enter_hint(app):
    for url_path in ("daftar-peserta", "kelola-acara"):
        at = open_page(app, url_path)
        assert not at.exception
        forms = _forms(at)
        assert forms, f"no form on {url_path}"
        assert all(not form.proto.form.enter_to_submit for form in forms), url_path


def test_file_uploaders_explain_themselves_in_the_page_language(app):
    for url_path in ("impor", "cadangan"):
        at = open_page(app, url_path)
        uploaders = at.get("file_uploader")
        assert uploaders, f"no uploader on {url_path}"
        assert all(u.proto.help.startswith("Seret berkas") for u in uploaders), url_path
