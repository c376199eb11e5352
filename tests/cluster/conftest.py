"""The scaled-out set-up, started once for these tests exactly as `make cluster` starts it
(cluster/services.py), on free loopback ports and in a fresh work folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from cluster.services import MODEL, Cluster, Ports, missing_programs

# A short inactivity closing, so the socket.io test waits seconds, not minutes.
IDLE_CLOSING_SECONDS = 6
# The retention check every few seconds (hourly by default), so its test is short; the
# replicas inherit this process's environment.
RETENTION_CHECK_SECONDS = 2


@pytest.fixture(scope="session")
def cluster(request):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it first)")
    missing = missing_programs()
    if missing:
        pytest.fail(f"Debian packages missing: {' '.join(missing)}; `make cluster-packages` installs them")
    # Not pytest's tmp_path: its folders are closed to other users, and PostgreSQL runs as
    # the postgres user.
    os.environ["RETENTION_CHECK_SECONDS"] = str(RETENTION_CHECK_SECONDS)
    workdir = Path(tempfile.mkdtemp(prefix="ospina-cluster-"))
    workdir.chmod(0o755)
    # The tests send from 127.0.0.1 faster than any visitor; flood limits apply to the rest.
    running = Cluster(workdir, Ports.free(), idle_closing_seconds=IDLE_CLOSING_SECONDS,
                      flood_exempt=("127.0.0.1",)).start()
    yield running
    running.stop()
    if request.session.testsfailed:
        print(f"\nThe cluster's logs are kept in {running.logs}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
