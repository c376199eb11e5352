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


# Figures the tests measured (e.g. the blind answer sets), printed at the end of the run
# whether the tests passed or not: `make test` shows them.
FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    if FIGURES:
        terminalreporter.section("figures measured")
        for figure in FIGURES:
            terminalreporter.write_line(figure)


def texts(messages: list[dict]) -> list[str]:
    return [m.get("text", "") for m in messages]
