"""Shared fixtures: the real content under knowledge/, loaded once."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@pytest.fixture(scope="session")
def index():
    from assistant.knowledge import build_index

    return build_index()


@pytest.fixture(scope="session")
def clinic():
    from assistant.clinic import load_clinic

    return load_clinic()


@pytest.fixture(scope="session")
def article_text():
    """Every vetted article's words, whitespace folded: what "verbatim" is checked against."""
    from assistant.paths import ARTICLES_DIR

    return " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in ARTICLES_DIR.glob("*.md"))


@pytest.fixture
def rasa_patched():
    """Rasa with this project's patches, as scripts/rasa_server.py starts it; as released after."""
    from connectors import rasa_patches

    rasa_patches.install_all(off=set())
    yield
    rasa_patches.uninstall_all()
