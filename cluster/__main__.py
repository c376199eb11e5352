"""`make cluster`: start the scaled-out assistant and keep it running until Ctrl-C.

    .venv/bin/python -m cluster [--replicas 2] [--workdir var/cluster]

supervisord runs the servers (deploy/cluster.conf); this prepares the work folder, starts it,
says when every server answers, and stops it on Ctrl-C.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from cluster.services import ROOT, Cluster, ClusterError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="Rasa server replicas (default 2)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "cluster",
                        help="PostgreSQL data, logs, nginx config (default var/cluster; kept between runs)")
    args = parser.parse_args(argv)
    # Ctrl-C and a plain kill both stop every server this started.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    cluster = Cluster(args.workdir, replicas=args.replicas)
    print(f"Starting PostgreSQL, Redis, 2 action servers, {args.replicas} Rasa servers, the web page and "
          f"nginx under supervisord (under a minute; logs in {cluster.logs})...", flush=True)
    started = time.monotonic()
    try:
        with cluster:
            print(f"Ready in {time.monotonic() - started:.0f} s: the web page with the chat widget on {cluster.url}")
            print(f"Try: curl -s {cluster.url}/webhooks/rest/webhook -d "
                  "'{\"sender\":\"a\",\"message\":\"how does pain affect sleep?\"}'")
            print(f"One server restarted: .venv/bin/supervisorctl -s unix://{cluster.supervisor.socket} "
                  "restart rasa:rasa-<port> (status lists them)")
            print("Press Ctrl-C to stop.", flush=True)
            status = cluster.wait()
            print(f"supervisord stopped (exit status {status}).", file=sys.stderr)
            return 1
    except ClusterError as error:
        print(f"The cluster did not start: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
