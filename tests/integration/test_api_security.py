"""Rasa's HTTP API (conversations, model, status): off unless asked for, and then only with
the token. As `make run` starts it by default, and with RASA_API_TOKEN set (scripts/run.sh)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.integration.servers import Servers

TOKEN = "test-token-0123456789abcdef"


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("path", ["/status", "/version", "/conversations/someone/tracker",
                                  "/domain"])
def test_the_api_is_off_by_default(servers, path):
    assert status(servers.url + path) == 404


@pytest.fixture(scope="module")
def with_api(tmp_path_factory):
    running = Servers(tmp_path_factory.mktemp("api"), rasa_args=("--enable-api", "--auth-token", TOKEN))
    running.start_rasa()  # the API needs no action server
    yield running
    running.stop()


def test_with_the_api_on_every_call_needs_the_token(with_api):
    assert status(with_api.url + "/status") == 401
    assert status(with_api.url + "/conversations/someone/tracker") == 401
    assert status(with_api.url + "/status?token=wrong-token") == 401
    with urllib.request.urlopen(with_api.url + f"/status?token={TOKEN}", timeout=30) as response:
        assert "model_file" in json.loads(response.read())
