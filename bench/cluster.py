"""The load benchmark of bench/load.py on three set-ups, one after the other, side by side:

    1 Rasa server, SQLite tracker store, in-memory lock store      (make run)
    1 Rasa replica, PostgreSQL + Redis, behind nginx               (make cluster --replicas 1)
    2 Rasa replicas, PostgreSQL + Redis, 2 action servers, nginx  (make cluster)

    .venv/bin/python bench/cluster.py [--concurrency 1,20,50] [--duration 20] [--json FILE]

Same visitors, conversations and figures as bench/load.py (whose functions it uses); no
starter bot here (bench/load.py compares with it). Each set-up is started on free loopback
ports in a temporary folder and stopped before the next starts, so they never share the CPU.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import (  # noqa: E402
    HOST,
    Level,
    _interrupt,
    closing_opening,
    our_conversation,
    print_level,
    run_level,
    warm_up,
)

from assistant.session import DEFAULT_IDLE_SECONDS  # noqa: E402
from cluster.services import Cluster, Ports  # noqa: E402
from tests.integration.servers import Servers  # noqa: E402


def server_cpu_ms_per_turn(level: Level) -> float:
    """Every server process's CPU time per turn (Rasa, actions, PostgreSQL, Redis, nginx)."""
    server_s = sum(seconds for name, seconds in level.cpu_s.items() if name != "load generator")
    return 1000 * server_s / max(level.all_turns, 1)


def measure(name: str, url: str, pids: dict[str, int], levels_wanted: list[int], args) -> list[Level]:
    closing = closing_opening()
    warm_up(url, our_conversation, args.seed)
    levels = []
    for concurrency in levels_wanted:
        level = run_level(name, url, our_conversation, concurrency, args.warmup, args.duration, pids, args.seed)
        levels.append(level)
        print_level(level, closing)
        sys.stdout.flush()
    return levels


def run_sqlite(workdir: Path, levels_wanted: list[int], args) -> list[Level]:
    (workdir / "sqlite").mkdir()
    servers = Servers(workdir / "sqlite", idle_closing_seconds=DEFAULT_IDLE_SECONDS)
    try:
        servers.start()
        pids = {"rasa": servers.rasa.pid, "actions": servers.actions.pid}
        return measure("1 x SQLite", f"http://{HOST}:{servers.rasa_port}", pids, levels_wanted, args)
    finally:
        servers.stop()


def run_cluster(workdir: Path, replicas: int, levels_wanted: list[int], args) -> list[Level]:
    folder = workdir / f"cluster-{replicas}"
    folder.mkdir()
    cluster = Cluster(folder, Ports.free(replicas), replicas=replicas, idle_closing_seconds=DEFAULT_IDLE_SECONDS)
    with cluster:
        pids = {name: pid for name, pid in cluster.pids().items() if name != "web"}
        return measure(f"{replicas} x Postgres", cluster.url.replace("localhost", HOST), pids, levels_wanted, args)


def table(results: dict[str, list[Level]]) -> str:
    lines = ["| set-up | C | turns/s | p50 / p95 / p99 ms | errors | server CPU ms per turn | peak memory MB |",
             "| --- | ---: | ---: | --- | ---: | ---: | ---: |"]
    for name, levels in results.items():
        for level in levels:
            lines.append(f"| {name} | {level.concurrency} | {level.turns_per_s:.1f} | "
                         f"{level.percentile(50):.0f} / {level.percentile(95):.0f} / {level.percentile(99):.0f} | "
                         f"{level.errors} | {server_cpu_ms_per_turn(level):.1f} | "
                         f"{sum(level.memory_mb.values()):.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/cluster.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", default="1,20,50", help="visitor counts, comma-separated (default 1,20,50)")
    parser.add_argument("--duration", type=float, default=20, help="measured seconds per level (default 20)")
    parser.add_argument("--warmup", type=float, default=3, help="uncounted seconds before each level (default 3)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    levels_wanted = [int(c) for c in args.concurrency.split(",")]
    signal.signal(signal.SIGTERM, _interrupt)
    # PostgreSQL runs as the postgres user, who must be able to enter the folder.
    workdir = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    workdir.chmod(0o755)
    results: dict[str, list[Level]] = {}
    started = time.monotonic()
    try:
        print(f"Cluster benchmark: levels {levels_wanted}, {args.duration:.0f} s each; logs in {workdir}", flush=True)
        print("\n1 Rasa server, SQLite tracker store:", flush=True)
        results["1 server, SQLite"] = run_sqlite(workdir, levels_wanted, args)
        print("\n1 Rasa replica, PostgreSQL + Redis, nginx:", flush=True)
        results["1 replica, PostgreSQL"] = run_cluster(workdir, 1, levels_wanted, args)
        print("\n2 Rasa replicas, PostgreSQL + Redis, nginx:", flush=True)
        results["2 replicas, PostgreSQL"] = run_cluster(workdir, 2, levels_wanted, args)
    except KeyboardInterrupt:
        print(f"\nInterrupted; logs kept in {workdir}", file=sys.stderr)
        return 1
    print(f"\nSide by side ({time.monotonic() - started:.0f} s in all):\n")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps({name: [lv.summary() for lv in levels] for name, levels in results.items()},
                                        indent=2))
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
