"""The load benchmark of bench/load.py on three set-ups, one after the other, side by side:

    1 Rasa server, SQLite tracker store, in-memory lock store      (make run)
    1 Rasa replica, PostgreSQL + Redis, behind nginx               (make cluster --replicas 1)
    2 Rasa replicas, PostgreSQL + Redis, 2 action servers, nginx  (make cluster)
    and, last, Rasa's starter bot (`rasa init`) as in bench/load.py, for the ratio

    .venv/bin/python bench/cluster.py [--concurrency 1,20,50] [--duration 20] [--reference-dir DIR]
                                      [--no-reference] [--json FILE]

Same visitors, conversations and figures as bench/load.py (whose functions it uses). Each
set-up is started on free loopback ports in a temporary folder and stopped before the next
starts, so they never share the CPU.
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
    TARGET_MEMORY_MB,
    TARGET_P50_AT_1_MS,
    TARGET_P95_AT_20_MS,
    TARGET_RATIO_AT_20,
    Level,
    Reference,
    _interrupt,
    closing_opening,
    our_conversation,
    print_level,
    reference_conversation,
    run_level,
    warm_up,
)

from assistant.session import DEFAULT_IDLE_SECONDS  # noqa: E402
from cluster.services import Cluster, Ports  # noqa: E402
from tests.integration.servers import Servers, free_port  # noqa: E402


def server_cpu_ms_per_turn(level: Level) -> float:
    """Every server process's CPU time per turn (Rasa, actions, PostgreSQL, Redis, nginx)."""
    server_s = sum(seconds for name, seconds in level.cpu_s.items() if name != "load generator")
    return 1000 * server_s / max(level.all_turns, 1)


def measure(name: str, url: str, pids: dict[str, int], levels_wanted: list[int], args,
            script=our_conversation) -> list[Level]:
    closing = closing_opening()
    warm_up(url, script, args.seed)
    levels = []
    for concurrency in levels_wanted:
        level = run_level(name, url, script, concurrency, args.warmup, args.duration, pids, args.seed)
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
    # The simulated visitors all send from 127.0.0.1: no flood limits for them.
    cluster = Cluster(folder, Ports.free(replicas), replicas=replicas, idle_closing_seconds=DEFAULT_IDLE_SECONDS,
                      flood_exempt=(HOST,))
    with cluster:
        pids = {name: pid for name, pid in cluster.pids().items() if name != "web"}
        return measure(f"{replicas} x Postgres", cluster.url.replace("localhost", HOST), pids, levels_wanted, args)


def run_reference(workdir: Path, levels_wanted: list[int], args) -> list[Level]:
    reference = Reference((args.reference_dir or workdir / "starter-bot").resolve(), workdir / "reference.log",
                          port=free_port())
    try:
        reference.start_init()
        reference.wait_init()
        reference.start()
        return measure("starter bot", reference.url, {"rasa": reference.process.pid}, levels_wanted, args,
                       script=reference_conversation)
    finally:
        reference.stop()


def table(results: dict[str, list[Level]]) -> str:
    lines = ["| set-up | C | turns/s | p50 / p95 / p99 ms | errors | server CPU ms per turn "
             "| peak memory MB: all together (PSS) / RSS summed |",
             "| --- | ---: | ---: | --- | ---: | ---: | ---: |"]
    for name, levels in results.items():
        for level in levels:
            lines.append(f"| {name} | {level.concurrency} | {level.turns_per_s:.1f} | "
                         f"{level.percentile(50):.0f} / {level.percentile(95):.0f} / {level.percentile(99):.0f} | "
                         f"{level.errors} | {server_cpu_ms_per_turn(level):.1f} | "
                         f"{level.total_pss_mb:.0f} / {sum(level.memory_mb.values()):.0f} |")
    return "\n".join(lines)


def verdicts(levels: list[Level], reference: list[Level] | None) -> list[str]:
    """issue 7's load targets for one set-up; "n/a" where its level was not run."""
    ours = {lv.concurrency: lv for lv in levels}
    starter = {lv.concurrency: lv for lv in reference or []}
    at20, at1, ref20 = ours.get(20), ours.get(1), starter.get(20)

    def verdict(ok: bool | None, what: str, figure: str) -> str:
        return f"    {'n/a   ' if ok is None else 'MET   ' if ok else 'MISSED'} {what}: {figure}"

    pss = max(lv.total_pss_mb for lv in levels)
    rss = max(sum(lv.memory_mb.values()) for lv in levels)
    return [
        verdict(None if at20 is None else at20.percentile(95) <= TARGET_P95_AT_20_MS, "p95 at 20 visitors <= 300 ms",
                f"{at20.percentile(95):.0f} ms" if at20 else "-"),
        verdict(None if not (at20 and ref20) else at20.turns_per_s >= TARGET_RATIO_AT_20 * ref20.turns_per_s,
                "throughput at 20 visitors >= 2x the starter bot's",
                f"{at20.turns_per_s / max(ref20.turns_per_s, 1e-9):.2f}x" if at20 and ref20 else "-"),
        verdict(None if at1 is None else at1.percentile(50) <= TARGET_P50_AT_1_MS, "p50 at 1 visitor <= 60 ms",
                f"{at1.percentile(50):.0f} ms" if at1 else "-"),
        verdict(pss <= TARGET_MEMORY_MB, "memory of all its processes <= 2 GB",
                f"{pss:.0f} MB all together (PSS); RSS summed {rss:.0f} MB"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/cluster.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", default="1,20,50", help="visitor counts, comma-separated (default 1,20,50)")
    parser.add_argument("--duration", type=float, default=20, help="measured seconds per level (default 20)")
    parser.add_argument("--warmup", type=float, default=3, help="uncounted seconds before each level (default 3)")
    parser.add_argument("--reference-dir", type=Path,
                        help="the starter bot's folder, kept between runs (default: temporary, trained each run)")
    parser.add_argument("--no-reference", action="store_true", help="skip the starter bot")
    parser.add_argument("--setups", default="sqlite,1,2",
                        help="which set-ups: sqlite, 1 (replica), 2 (replicas); comma-separated (default all)")
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
        setups = args.setups.split(",")
        if "sqlite" in setups:
            print("\n1 Rasa server, SQLite tracker store:", flush=True)
            results["1 server, SQLite"] = run_sqlite(workdir, levels_wanted, args)
        for replicas in (1, 2):
            if str(replicas) in setups:
                print(f"\n{replicas} Rasa replica(s), PostgreSQL + Redis, nginx:", flush=True)
                results[f"{replicas} replica{'s' if replicas > 1 else ''}, PostgreSQL"] = run_cluster(
                    workdir, replicas, levels_wanted, args)
        if not args.no_reference:
            print("\nRasa's starter bot (rasa init; in-memory tracker store, no action server):", flush=True)
            results["starter bot"] = run_reference(workdir, levels_wanted, args)
    except KeyboardInterrupt:
        print(f"\nInterrupted; logs kept in {workdir}", file=sys.stderr)
        return 1
    print(f"\nSide by side ({time.monotonic() - started:.0f} s in all):\n")
    print(table(results))
    if "starter bot" in results:
        print("\nThroughput against the starter bot at the same C:")
        for name, levels in results.items():
            if name != "starter bot":
                print(f"  {name}: " + ", ".join(
                    f"C={ours.concurrency} {ours.turns_per_s / max(ref.turns_per_s, 1e-9):.2f}x"
                    for ours, ref in zip(levels, results["starter bot"], strict=True)))
    print("\nTargets, per set-up:")
    for name, levels in results.items():
        if name != "starter bot":
            print(f"  {name}:")
            print("\n".join(verdicts(levels, results.get("starter bot"))))
    if args.json:
        args.json.write_text(json.dumps({name: [lv.summary() for lv in levels] for name, levels in results.items()},
                                        indent=2))
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
