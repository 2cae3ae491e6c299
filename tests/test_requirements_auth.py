"""OpenID Connect sign-in works on a fresh install: Streamlit's auth extra is declared in full."""

from __future__ import annotations

import importlib
import re
from importlib.metadata import requires
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements.txt"


def test_every_package_of_streamlits_auth_extra_is_declared_and_installed():
    declared = {re.split(r"[\s<>=\[;]", line, maxsplit=1)[0].casefold()
                for line in REQUIREMENTS.read_text().splitlines()
                if line.strip() and not line.startswith("#")}
    needed = [re.split(r"[\s<>=\[;]", r, maxsplit=1)[0] for r in requires("streamlit") or []
              if 'extra == "auth"' in r]
    assert needed, "streamlit no longer has an auth extra: check st.login's needs"
    for package in needed:
        assert package.casefold() in declared, f"{package} (streamlit[auth]) not in requirements"
        importlib.import_module(package.lower())
