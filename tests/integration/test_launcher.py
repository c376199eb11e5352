"""The Rasa server as `make run` starts it: the patches named at start, their sessions closed at stop."""

from __future__ import annotations

from connectors.rasa_patches import PATCHES
from tests.integration.servers import Servers


def test_the_start_log_names_each_patch_and_the_stop_closes_the_action_server_session(tmp_path):
    servers = Servers(tmp_path).start()
    try:
        replies = servers.say("launcher-visitor", "how does pain affect sleep?")
        assert "answer" in [r.get("custom", {}).get("kind") for r in replies], replies
    finally:
        servers.stop()  # SIGTERM, as Ctrl-C in run.sh or the process manager sends
    log = servers.log("rasa")
    for patch in PATCHES:
        assert f"Rasa patch installed: {patch.name}" in log
    assert "Closed 1 kept action server session(s)" in log
    assert "Unclosed client session" not in log
