"""Integration tests talk to the real servers over HTTP, as the widget and curl do."""

from __future__ import annotations

import pytest

from tests.integration.servers import MODEL, Servers


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it first)")
    running = Servers(tmp_path_factory.mktemp("servers")).start()
    yield running
    running.stop()


def texts(messages: list[dict]) -> list[str]:
    return [m.get("text", "") for m in messages]
