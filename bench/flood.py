"""Flood: one client sending as fast as it can while ordinary visitors talk (connectors/flood_limits.py).

    .venv/bin/python bench/flood.py [--rounds 3] [--seconds 10] [--visitors 5] [--flood-connections 4]

Starts the assistant as the integration tests do (tests/integration/servers.py: action server
:17255, Rasa server :17205, a fresh SQLite store), then, for each round:
  1. baseline: ``--visitors`` ordinary visitors talk for ``--seconds`` s, each from its own
     loopback address (127.0.0.2 ...), one message every 2 s after the previous reply (a
     quick typist), questions from bench/load.py's QUESTIONS;
  2. flood: the same, while one client on 127.0.0.99 sends "what is insomnia?" over
     ``--flood-connections`` connections, each the next as soon as the previous returns.
Rounds alternate baseline and flood so that both see the same machine. It prints, over all
rounds: the visitors' replies received out of messages sent, their p50 and p95 latency without
and with the flood and the ratio (target: every reply, p95 ratio <= 2.0), and how the flooder
was answered (200 handled, 429 slow-down). The figures are printed, never asserted by a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import QUESTIONS  # noqa: E402

from tests.integration import servers as integration  # noqa: E402

RASA_PORT, ACTIONS_PORT = 17205, 17255
FLOODER = "127.0.0.99"
THINK_S = 2.0
TARGET_P95_RATIO = 2.0


@dataclass
class Phase:
    latencies_ms: list[float] = field(default_factory=list)
    sent: int = 0
    answered: int = 0
    flood_status: dict[int, int] = field(default_factory=dict)

    def p(self, q: float) -> float:
        if len(self.latencies_ms) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[q - 1]


def session(address: str) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(address, 0)),
                                 timeout=aiohttp.ClientTimeout(total=60))


async def visitor(url: str, address: str, deadline: float, phase: Phase, offset: int) -> None:
    sender = f"visitor-{uuid.uuid4().hex[:8]}"
    async with session(address) as http:
        turn = 0
        while time.monotonic() < deadline:
            message = QUESTIONS[(offset + turn) % len(QUESTIONS)]
            turn += 1
            started = time.perf_counter()
            phase.sent += 1
            async with http.post(url, json={"sender": sender, "message": message}) as response:
                replies = await response.json()
            if response.status == 200 and replies:
                phase.answered += 1
                phase.latencies_ms.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(THINK_S)


async def flooder(url: str, deadline: float, phase: Phase) -> None:
    async with session(FLOODER) as http:
        while time.monotonic() < deadline:
            async with http.post(url, json={"sender": "flooder", "message": "what is insomnia?"}) as response:
                await response.read()
            phase.flood_status[response.status] = phase.flood_status.get(response.status, 0) + 1


async def run_phase(url: str, seconds: float, visitors: int, flood_connections: int, phase: Phase) -> None:
    deadline = time.monotonic() + seconds
    tasks = [visitor(url, f"127.0.0.{2 + i}", deadline, phase, offset=i * 3) for i in range(visitors)]
    tasks += [flooder(url, deadline, phase) for _ in range(flood_connections)]
    await asyncio.gather(*tasks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--visitors", type=int, default=5)
    parser.add_argument("--flood-connections", type=int, default=4)
    args = parser.parse_args(argv)
    if not integration.MODEL.exists():
        print(f"{integration.MODEL} is missing: run `make train` first.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ospina-flood-") as folder:
        servers = integration.Servers(Path(folder), rasa_port=RASA_PORT, actions_port=ACTIONS_PORT).start()
        try:
            url = f"{servers.url}/webhooks/rest/webhook"
            baseline, flood = Phase(), Phase()
            asyncio.run(run_phase(url, 3, args.visitors, 0, Phase()))  # warm-up, not counted
            for round_number in range(1, args.rounds + 1):
                asyncio.run(run_phase(url, args.seconds, args.visitors, 0, baseline))
                asyncio.run(run_phase(url, args.seconds, args.visitors, args.flood_connections, flood))
                print(f"round {round_number}/{args.rounds} done", flush=True)
        finally:
            servers.stop()
    ratio = flood.p(95) / baseline.p(95)
    flood_total = sum(flood.flood_status.values())
    print(json.dumps({
        "visitors": args.visitors, "rounds": args.rounds, "seconds_per_phase": args.seconds,
        "baseline": {"answered": f"{baseline.answered}/{baseline.sent}",
                     "p50_ms": round(baseline.p(50), 1), "p95_ms": round(baseline.p(95), 1)},
        "with_flood": {"answered": f"{flood.answered}/{flood.sent}",
                       "p50_ms": round(flood.p(50), 1), "p95_ms": round(flood.p(95), 1)},
        "p95_ratio": round(ratio, 2),
        "flooder": {"requests": flood_total, "per_s": round(flood_total / (args.seconds * args.rounds), 1),
                    "by_status": flood.flood_status},
    }, indent=2))
    every_reply = baseline.answered == baseline.sent and flood.answered == flood.sent
    slowed = flood.flood_status.get(429, 0) > 0
    print(f"every visitor answered: {'yes' if every_reply else 'NO'}; p95 ratio {ratio:.2f} "
          f"(target <= {TARGET_P95_RATIO}): {'met' if ratio <= TARGET_P95_RATIO else 'NOT met'}; "
          f"flooder slowed down: {'yes' if slowed else 'NO'}")
    return 0 if every_reply and slowed and ratio <= TARGET_P95_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
