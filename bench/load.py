"""Closed-loop load on the REST channel: the assistant against a bare Rasa starter bot.

    .venv/bin/python bench/load.py [--concurrency 1,20,50] [--duration 30] [--train-time]
                                   [--profile 20] [--json FILE]

What it does, by itself, cleaning up on Ctrl-C or error:
  1. with --train-time: a full training of the assistant (``rasa train --force``) into a
     temporary folder, timed, while nothing else of this run is running;
  2. starts the assistant (action server :17055, Rasa server :17005, its own SQLite tracker
     store; tests/integration/servers.py) and, meanwhile, creates and trains Rasa's starter bot
     (``rasa init --no-prompt``) in a temporary folder, then runs it with ``rasa run`` on :17105
     (default endpoints: in-memory tracker and lock store, no action server);
  3. for each concurrency C: C visitors, each in a loop of conversations with a new sender id,
     one turn after the other (a closed loop: the next message leaves when the reply is in),
     first on the assistant, then on the starter bot, so that both see the same machine;
     a few seconds of warm-up are not counted, then ``--duration`` seconds are; after that the
     visitors finish the conversation they are in (not counted), so no reminder is left over;
  4. with --profile S: S more seconds of load at C=20 on the assistant while py-spy samples its
     Rasa server and its action server (not counted in the figures);
  5. prints per level and a final comparison, checks the targets, stops every server.

A conversation with the assistant: "hi", three questions the retrieval action answers (drawn
from QUESTIONS), "bye" (the closing). With the starter bot: "hi", a mood, "yes"/"no",
"are you a bot?", "bye". Five turns each. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")

from assistant.session import DEFAULT_IDLE_SECONDS  # noqa: E402
from tests.integration import servers as integration  # noqa: E402

HOST = "127.0.0.1"
RASA_PORT, ACTIONS_PORT, REFERENCE_PORT = 17005, 17055, 17105
REDIS_PORT = 17079  # the lock store that several Sanic workers need (--workers)
BIN = Path(sys.executable).parent
REQUEST_TIMEOUT_S = 60
DRAIN_TIMEOUT_S = 60
READY_TIMEOUT_S = 300
PROFILE_CONCURRENCY = 20

# Targets (docs/performance.md).
TARGET_P95_AT_20_MS = 300
TARGET_RATIO_AT_20 = 2.0
TARGET_P50_AT_1_MS = 60
TARGET_MEMORY_MB = 2048
TARGET_TRAIN_S = 180

# Questions the retrieval action answers, worded as visitors do (not copied from data/nlu).
QUESTIONS = [
    "how does pain affect sleep?",
    "what is sleep apnea",
    "does yoga help me sleep",
    "why does my back pain keep me awake at night",
    "can poor sleep make my pain worse",
    "what is insomnia",
    "what is restless leg syndrome",
    "what is periodic limb movement disorder",
    "which sleep disorders are linked to chronic pain",
    "what is cbt-i",
    "how can i improve my sleep hygiene",
    "what treatments are there for pain and poor sleep",
    "when should i see a doctor about my sleep",
    "can lack of sleep cause inflammation",
    "what happens if i don't get enough rem sleep",
    "is it a vicious cycle between pain and sleep",
    "can physical therapy help me sleep better",
    "how does your clinic help people with chronic pain",
    "does platelet rich plasma help with pain",
    "can stretching before bed ease my pain",
]
REFERENCE_GREETINGS = ["hi", "hello", "hey there", "good morning"]
# The starter bot's sad path: each of these turns gets a reply from its stories and rules.
# (Checked against the trained starter bot: "I am not feeling good" reads as mood_great, and a "no"
# after it gets no reply.)
REFERENCE_MOODS = ["I am sad", "I feel very sad", "not good", "I'm unhappy", "very sad", "I feel terrible",
                   "I am disappointed"]
REFERENCE_REPLIES = ["yes", "no", "yes please", "not really"]


def our_conversation(rng: random.Random) -> list[tuple[str, str]]:
    return [("greet", "hi"), *(("question", q) for q in rng.sample(QUESTIONS, 3)), ("bye", "bye")]


def reference_conversation(rng: random.Random) -> list[tuple[str, str]]:
    return [("greet", rng.choice(REFERENCE_GREETINGS)), ("mood", rng.choice(REFERENCE_MOODS)),
            ("reply", rng.choice(REFERENCE_REPLIES)), ("challenge", "are you a bot?"), ("bye", "bye")]


def closing_opening() -> str:
    """The first words of the closing disclaimer (knowledge/messages.yml)."""
    messages = yaml.safe_load((ROOT / "knowledge" / "messages.yml").read_text(encoding="utf-8"))
    return " ".join(str(messages["disclaimer"]).split())[:30]


# --- processes and their memory -----------------------------------------------------------------

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def family(pid: int) -> list[int]:
    """The process and all its descendants."""
    tree, found, stack = _children(), [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(tree.get(current, []))
    return found


def _family_mb(pid: int, proc_file: str, field: str) -> float:
    """A kB field of /proc/<pid>/<proc_file>, summed over the process and its descendants, in MB."""
    total_kb = 0
    for member in family(pid):
        try:
            for line in Path(f"/proc/{member}/{proc_file}").read_text().splitlines():
                if line.startswith(field):
                    total_kb += int(line.split()[1])
                    break
        except OSError:
            continue
    return total_kb / 1024


def rss_mb(pid: int) -> float:
    """VmRSS of the process and its descendants, MB."""
    return _family_mb(pid, "status", "VmRSS:")


def pss_mb(pid: int) -> float:
    """Proportional set size of the process and its descendants, MB: each resident page shared
    by N processes counts 1/N in each (TensorFlow's libraries in two Rasa replicas, PostgreSQL's
    shared buffers in its backends), so summing it over processes counts every page once."""
    return _family_mb(pid, "smaps_rollup", "Pss:")


def cpu_seconds(pid: int, descendants: bool = True) -> float:
    """User + system CPU time of the process (and its descendants), s."""
    ticks = 0
    for member in family(pid) if descendants else [pid]:
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time all processes of the machine spent busy, s (summed over cores)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class MemorySampler:
    """Samples the resident memory of named processes once a second; keeps the peaks: each
    process's resident set (RSS), and the physical memory of all of them together (their PSS
    summed at one moment: shared pages once)."""

    def __init__(self, pids: dict[str, int]):
        self.pids = pids
        self.peak: dict[str, float] = dict.fromkeys(pids, 0.0)
        self.peak_total_pss = 0.0
        self._samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        for name, pid in self.pids.items():
            self.peak[name] = max(self.peak[name], rss_mb(pid))
        # Reading PSS walks each process's page tables: every 5 s, not to steal the servers' CPU.
        if self._samples % 5 == 0:
            self.peak_total_pss = max(self.peak_total_pss, sum(pss_mb(pid) for pid in self.pids.values()))
        self._samples += 1

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self._sample()

    def __enter__(self) -> MemorySampler:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2", PYTHONUNBUFFERED="1",
               SQLALCHEMY_SILENCE_UBER_WARNING="1",
               PYTHONWARNINGS="ignore::DeprecationWarning,ignore::PendingDeprecationWarning", **extra)
    env.pop("IDLE_CLOSING_SECONDS", None)
    env.pop("SANIC_WORKERS", None)  # the starter bot runs as `rasa init` made it: one worker
    return env


def _stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start_redis(workdir: Path) -> subprocess.Popen:
    """A throw-away redis-server on loopback for the lock store: no persistence, log in workdir."""
    redis_server = shutil.which("redis-server")
    if not redis_server:
        raise RuntimeError("--workers > 1 needs redis-server (apt-get install redis-server)")
    log = open(workdir / "redis.log", "ab")  # noqa: SIM115 - kept open for the process's lifetime
    process = subprocess.Popen([redis_server, "--port", str(REDIS_PORT), "--bind", HOST, "--save", "",
                                "--appendonly", "no"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((HOST, REDIS_PORT), timeout=1):
            return process
        time.sleep(0.1)
    _stop(process)
    raise RuntimeError(f"redis-server did not start on :{REDIS_PORT}")


class Reference:
    """Rasa's starter bot (``rasa init``), run with its default endpoints."""

    def __init__(self, directory: Path, log: Path, port: int = REFERENCE_PORT):
        self.directory = directory
        self.port = port
        self.init_process: subprocess.Popen | None = None
        self.process: subprocess.Popen | None = None
        self.log = log

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def _spawn(self, args: list[str]) -> subprocess.Popen:
        handle = open(self.log, "ab")  # noqa: SIM115 - kept open for the process's lifetime
        return subprocess.Popen(args, cwd=self.directory, env=_env(), stdout=handle, stderr=subprocess.STDOUT,
                                start_new_session=True)

    def has_model(self) -> bool:
        return any((self.directory / "models").glob("*.tar.gz"))

    def start_init(self) -> None:
        """Create and train the starter bot in the background (about 70 s on 2 cores)."""
        if self.has_model():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        self.init_process = self._spawn([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(self.directory)])

    def wait_init(self) -> None:
        if self.init_process is not None:
            code = self.init_process.wait()
            if code != 0 or not self.has_model():
                raise RuntimeError(f"rasa init failed ({code}):\n{self.log.read_text()[-3000:]}")

    def start(self) -> None:
        self.process = self._spawn([str(BIN / "rasa"), "run", "--interface", HOST, "--port", str(self.port),
                                    "--credentials", "credentials.yml", "--endpoints", "endpoints.yml"])
        integration.wait_for(self.url + "/", self.process, self.log, timeout=READY_TIMEOUT_S)

    def stop(self) -> None:
        _stop(self.init_process)
        _stop(self.process)


# --- the load ------------------------------------------------------------------------------------

@dataclass
class Turn:
    kind: str
    start: float
    end: float
    error: str | None
    texts: list[str] = field(default_factory=list)


@dataclass
class Level:
    target: str
    concurrency: int
    window_s: float
    turns: list[Turn]
    conversations: int
    memory_mb: dict[str, float]  # peak RSS of each process (with its children)
    total_pss_mb: float  # peak physical memory of all the processes together
    cpu_s: dict[str, float]
    other_cpu_s: float
    elapsed_s: float
    all_turns: int  # every turn of the level, warm-up and finishing included (the CPU time covers them)

    @property
    def latencies_ms(self) -> list[float]:
        return [(t.end - t.start) * 1000 for t in self.turns if t.error is None]

    @property
    def errors(self) -> int:
        return sum(t.error is not None for t in self.turns)

    @property
    def turns_per_s(self) -> float:
        return sum(t.error is None for t in self.turns) / self.window_s

    def cpu_ms_per_turn(self, names: tuple[str, ...] = ("rasa", "actions")) -> float:
        """CPU time the named server processes spent per turn, ms: what a turn costs, whatever
        else the machine is doing. 1000 / this = turns/s one free core could serve."""
        return 1000 * sum(self.cpu_s.get(name, 0.0) for name in names) / max(self.all_turns, 1)

    def percentile(self, q: float) -> float:
        values = sorted(self.latencies_ms)
        if not values:
            return float("nan")
        return values[min(len(values) - 1, max(0, int(-(-q * len(values) // 100)) - 1))]

    def summary(self) -> dict:
        return {
            "target": self.target, "concurrency": self.concurrency, "turns": len(self.turns),
            "turns_per_s": round(self.turns_per_s, 2), "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1), "p99_ms": round(self.percentile(99), 1),
            "errors": self.errors, "error_kinds": dict(Counter(t.error for t in self.turns if t.error)),
            "conversations": self.conversations, "memory_mb": {k: round(v) for k, v in self.memory_mb.items()},
            "total_pss_mb": round(self.total_pss_mb),
            "cpu_percent": {k: round(100 * v / self.elapsed_s) for k, v in self.cpu_s.items()},
            "other_cpu_percent": round(100 * self.other_cpu_s / self.elapsed_s),
            "cpu_ms_per_turn": {k: round(1000 * v / max(self.all_turns, 1), 1) for k, v in self.cpu_s.items()},
        }


async def _say(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> tuple[str | None, list[str]]:
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as response:
            body = await response.read()
            if response.status != 200:
                return f"HTTP {response.status}", []
            messages = json.loads(body)
    except asyncio.TimeoutError:
        return "timeout", []
    except (aiohttp.ClientError, OSError) as error:
        return type(error).__name__, []
    except ValueError:
        return "not JSON", []
    if not isinstance(messages, list) or not messages:
        return "no reply", []
    return None, [str(m.get("text") or "") for m in messages if isinstance(m, dict)]


async def _visitor(session, url: str, script, rng: random.Random, tag: str, stop_starting: float,
                   give_up: float, turns: list[Turn], conversations: list[int]) -> None:
    """Conversations one after the other until ``stop_starting``; the one in progress then is
    finished, unless ``give_up`` comes first."""
    while time.monotonic() < stop_starting:
        sender = f"bench-{tag}-{uuid.uuid4().hex[:12]}"
        for kind, text in script(rng):
            if time.monotonic() > give_up:
                return
            start = time.monotonic()
            error, texts = await _say(session, url, sender, text)
            turns.append(Turn(kind, start, time.monotonic(), error, texts))
        conversations.append(1)


async def _load(url: str, script, concurrency: int, seconds: float, tag: str, seed: int) -> tuple[list[Turn], int]:
    turns: list[Turn] = []
    conversations: list[int] = []
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=concurrency)
    stop_starting = time.monotonic() + seconds
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        visitors = [
            asyncio.ensure_future(_visitor(session, url + "/webhooks/rest/webhook", script,
                                           random.Random(seed * 1000 + i), f"{tag}-{i}", stop_starting,
                                           stop_starting + DRAIN_TIMEOUT_S, turns, conversations))
            for i in range(concurrency)
        ]
        try:
            await asyncio.wait_for(asyncio.gather(*visitors), seconds + DRAIN_TIMEOUT_S + REQUEST_TIMEOUT_S)
        finally:
            for visitor in visitors:
                visitor.cancel()
    return turns, len(conversations)


def run_level(target: str, url: str, script, concurrency: int, warmup: float, duration: float,
              pids: dict[str, int], seed: int) -> Level:
    # The servers are this process's children: the load generator's own CPU is counted alone.
    def cpu_now() -> dict[str, float]:
        return {**{name: cpu_seconds(pid) for name, pid in pids.items()},
                "load generator": cpu_seconds(os.getpid(), descendants=False)}

    cpu_before = cpu_now()
    busy_before, started = machine_busy_seconds(), time.monotonic()
    with MemorySampler(pids) as memory:
        turns, conversations = asyncio.run(_load(url, script, concurrency, warmup + duration, target, seed))
    elapsed = time.monotonic() - started
    cpu = {name: seconds - cpu_before[name] for name, seconds in cpu_now().items()}
    other = max(0.0, machine_busy_seconds() - busy_before - sum(cpu.values()))
    window_start, window_end = started + warmup, started + warmup + duration
    counted = [t for t in turns if window_start <= t.end <= window_end]
    return Level(target, concurrency, duration, counted, conversations, dict(memory.peak), memory.peak_total_pss,
                 cpu, other, elapsed, len(turns))


def warm_up(url: str, script, seed: int) -> None:
    """A few conversations, not counted: the first turns load lazily initialised parts."""
    asyncio.run(_load(url, script, 2, 2.0, "warmup", seed))


# --- profiling -----------------------------------------------------------------------------------

# (part of a frame's file, category); "^x" matches files starting with x. A sample goes to the
# category of its innermost frame that matches.
CATEGORIES = [
    ("jsonschema", "jsonschema (Rasa validating the action server's reply)"),
    ("tensorflow", "TensorFlow (DIET inference)"), ("keras", "TensorFlow (DIET inference)"),
    ("sqlalchemy", "tracker store (SQLAlchemy/SQLite)"), ("sqlite3", "tracker store (SQLAlchemy/SQLite)"),
    ("tracker_store.py", "tracker store (SQLAlchemy/SQLite)"),
    ("/json/", "JSON encode/decode"), ("ujson", "JSON encode/decode"),
    ("spacy", "spaCy"), ("thinc", "spaCy"),
    ("sklearn", "scikit-learn"), ("scipy", "scikit-learn"),
    ("aiohttp", "HTTP client/server (aiohttp)"),
    ("rasa/nlu/", "Rasa NLU components"), ("^components/", "project NLU components"),
    ("rasa/core/policies", "Rasa policies"), ("rasa/core/featurizers", "Rasa policies"),
    ("rasa/shared/core/events.py", "Rasa events"), ("rasa/shared/core/trackers.py", "Rasa tracker"),
    ("rasa/shared/core/domain.py", "Rasa domain"), ("rasa_sdk", "rasa_sdk"), ("^assistant/", "assistant/"),
    ("^actions/", "actions/"), ("sanic", "Sanic HTTP server"), ("apscheduler", "reminders (APScheduler)"),
    ("rasa/", "other Rasa code"), ("asyncio", "event loop (asyncio)"), ("logging", "logging"),
]


def _frame_file(frame: str) -> str:
    return frame[frame.rfind("(") + 1:].rstrip(")") if "(" in frame else frame


def summarise_profile(raw: Path, duration: float, rate: int, top: int = 12) -> str:
    """Collapsed stacks (py-spy --format raw) -> where the samples went."""
    leaf: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    category: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [f.strip() for f in stack.split(";") if f.strip()]
        frames = [f for f in frames if not f.startswith(("process ", "thread "))]
        if not frames:
            continue
        total += n
        short = [f.replace(str(BIN.parent) + "/lib/python3.10/site-packages/", "").replace(str(ROOT) + "/", "")
                 for f in frames]
        leaf[short[-1]] += n
        for frame in set(short):
            inclusive[frame] += n
        for frame in reversed(short):
            file = _frame_file(frame)
            match = next((name for key, name in CATEGORIES
                          if (file.startswith(key[1:]) if key.startswith("^") else key in file)), None)
            if match:
                category[match] += n
                break
        else:
            category["other"] += n
    if not total:
        return "  (no samples)"
    possible = duration * rate
    out = [f"  {total} busy samples of {possible:.0f} possible at {rate} Hz: the process was on a CPU (or waiting "
           f"for one) ~{100 * total / possible:.0f}% of the time; each thread is sampled, so >100% = several threads",
           "  by subsystem (innermost recognised frame of each sample):"]
    out += [f"    {100 * n / total:5.1f}%  {name}" for name, n in category.most_common()]
    out.append(f"  top {top} functions by own time (leaf frame):")
    out += [f"    {100 * n / total:5.1f}%  {name}" for name, n in leaf.most_common(top)]
    out.append(f"  top {top} functions by time including callees (below the request-handling trunk, < 90%):")
    out += [f"    {100 * n / total:5.1f}%  {name}" for name, n in inclusive.most_common()
            if n < 0.9 * total][:top]
    return "\n".join(out)


def profile(url: str, pids: dict[str, int], seconds: float, workdir: Path, seed: int, gil: bool = False) -> str:
    py_spy = shutil.which("py-spy", path=str(BIN)) or shutil.which("py-spy")
    if not py_spy:
        return "py-spy not found: `.venv/bin/pip install py-spy` to profile (--profile)."
    rate = 100
    recorders = {}
    for name, pid in pids.items():
        output = workdir / f"profile-{name.replace(' ', '-')}.txt"
        recorders[name] = (output, subprocess.Popen(
            [py_spy, "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", str(rate),
             "--format", "raw", "--output", str(output), *(["--gil"] if gil else [])],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True))
    time.sleep(1.0)
    level = run_level("profiled", url, our_conversation, PROFILE_CONCURRENCY, 0.0, seconds, pids, seed)
    report = [f"Profile: {PROFILE_CONCURRENCY} visitors on the assistant for {seconds:.0f} s under py-spy "
              f"({level.turns_per_s:.1f} turns/s, p95 {level.percentile(95):.0f} ms, "
              f"CPU: " + ", ".join(f"{k} {100 * v / level.elapsed_s:.0f}%" for k, v in level.cpu_s.items())
              + f", other processes {100 * level.other_cpu_s / level.elapsed_s:.0f}%)"]
    for name, (output, process) in recorders.items():
        try:
            _, stderr = process.communicate(timeout=seconds + 60)
        except subprocess.TimeoutExpired:
            _stop(process)
            stderr = b"timed out"
        report.append(f"{name} (pid {pids[name]}), raw stacks in {output}:")
        if output.exists():
            report.append(summarise_profile(output, seconds, rate))
        else:
            report.append(f"  py-spy failed: {stderr.decode(errors='replace')[-500:]}")
    return "\n".join(report)


# --- training ------------------------------------------------------------------------------------

def time_training(workdir: Path) -> float:
    out = workdir / "train"
    out.mkdir(parents=True, exist_ok=True)
    log = workdir / "train.log"
    start = time.monotonic()
    with open(log, "wb") as handle:
        process = subprocess.Popen(
            [str(BIN / "rasa"), "train", "--force", "--config", "config.yml", "--domain", "domain.yml", "--data",
             "data", "--out", str(out), "--fixed-model-name", "bench"],
            cwd=ROOT, env=_env(RASA_CACHE_DIRECTORY=str(out / "cache")), stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True)
        try:
            code = process.wait()
        finally:
            _stop(process)
    seconds = time.monotonic() - start
    if code != 0 or not (out / "bench.tar.gz").exists():
        raise RuntimeError(f"rasa train failed ({code}):\n{log.read_text()[-3000:]}")
    return seconds


# --- report --------------------------------------------------------------------------------------

def print_level(level: Level, closing: str) -> None:
    s = level.summary()
    memory = ", ".join(f"{k} {v:.0f} MB" for k, v in level.memory_mb.items())
    cpu = ", ".join(f"{k} {v}%" for k, v in s["cpu_percent"].items())
    print(f"  {level.target:<11} C={level.concurrency:<3} {s['turns_per_s']:7.1f} turns/s   p50 {s['p50_ms']:7.0f} ms"
          f"   p95 {s['p95_ms']:7.0f} ms   p99 {s['p99_ms']:7.0f} ms   errors {s['errors']}"
          f"{' ' + str(s['error_kinds']) if s['errors'] else ''}   ({len(level.turns)} turns in "
          f"{level.window_s:.0f} s, {level.conversations} conversations)")
    print(f"  {'':<11}       peak resident memory: {memory}; total {sum(level.memory_mb.values()):.0f} MB; "
          f"all together, shared pages once (PSS): {level.total_pss_mb:.0f} MB")
    per_turn = ", ".join(f"{k} {v:.1f}" for k, v in s["cpu_ms_per_turn"].items() if k != "load generator")
    print(f"  {'':<11}       CPU (100% = one core): {cpu}; other processes {s['other_cpu_percent']}%; "
          f"CPU per turn (ms): {per_turn}")
    if level.target == "assistant":
        questions = [t for t in level.turns if t.kind == "question" and t.error is None]
        unanswered = sum(not any(x.startswith("Source:") for x in t.texts) for t in questions)
        byes = [t for t in level.turns if t.kind == "bye" and t.error is None]
        unclosed = sum(not any(x.startswith(closing) for x in t.texts) for t in byes)
        print(f"  {'':<11}       content: {len(questions) - unanswered}/{len(questions)} questions answered with a "
              f"vetted passage, {len(byes) - unclosed}/{len(byes)} byes got the closing")


def report(levels: list[Level], train_s: float | None, other_load: list[str]) -> list[str]:
    ours = {lv.concurrency: lv for lv in levels if lv.target == "assistant"}
    reference = {lv.concurrency: lv for lv in levels if lv.target == "starter bot"}
    print()
    print("Comparison (turns/s; latency in ms, p50/p95/p99):")
    header = (f"{'C':>4} | {'assistant':>9} {'p50/p95/p99':>17} {'err':>4} {'CPU/turn':>8} | {'starter':>8} "
              f"{'p50/p95/p99':>17} {'err':>4} {'CPU/turn':>8} | {'ratio':>6} {'CPU ratio':>9}")
    print(header)
    print("-" * len(header))
    for c in sorted(ours):
        a, r = ours[c], reference.get(c)
        ratio = f"{a.turns_per_s / r.turns_per_s:6.2f}" if r and r.turns_per_s else f"{'-':>6}"
        cpu_ratio = f"{r.cpu_ms_per_turn() / a.cpu_ms_per_turn():9.2f}" if r and a.all_turns else f"{'-':>9}"
        ref = (f"{r.turns_per_s:8.1f} {r.percentile(50):5.0f}/{r.percentile(95):5.0f}/{r.percentile(99):5.0f} "
               f"{r.errors:>4} {r.cpu_ms_per_turn():8.1f}" if r else f"{'-':>8} {'-':>17} {'-':>4} {'-':>8}")
        print(f"{c:>4} | {a.turns_per_s:9.1f} {a.percentile(50):5.0f}/{a.percentile(95):5.0f}/{a.percentile(99):5.0f} "
              f"{a.errors:>4} {a.cpu_ms_per_turn():8.1f} | {ref} | {ratio} {cpu_ratio}")
    print("ratio = assistant turns/s / starter bot turns/s at the same concurrency. CPU/turn = CPU ms the servers "
          "spent per turn\n(assistant: Rasa + action server); CPU ratio = starter's CPU/turn / assistant's, the "
          "capacity ratio if each had the same free CPU: it holds when other work steals CPU.")

    checks: list[str] = []

    def check(name: str, ok: bool | None, detail: str) -> None:
        verdict = "n/a   " if ok is None else ("MET   " if ok else "MISSED")
        checks.append(f"  {verdict} {name}: {detail}")

    a20, r20, a1 = ours.get(20), reference.get(20), ours.get(1)
    check("p95 turn latency at 20 visitors <= 300 ms", a20 and a20.percentile(95) <= TARGET_P95_AT_20_MS,
          f"{a20.percentile(95):.0f} ms" if a20 else "level 20 not run")
    if a20 and r20 and r20.turns_per_s:
        ratio = a20.turns_per_s / r20.turns_per_s
        check("throughput at 20 visitors >= 2x the starter bot's", ratio >= TARGET_RATIO_AT_20,
              f"{a20.turns_per_s:.1f} vs {r20.turns_per_s:.1f} turns/s = {ratio:.2f}x (CPU per turn "
              f"{a20.cpu_ms_per_turn():.1f} vs {r20.cpu_ms_per_turn():.1f} ms: "
              f"{r20.cpu_ms_per_turn() / max(a20.cpu_ms_per_turn(), 1e-9):.2f}x)")
    else:
        check("throughput at 20 visitors >= 2x the starter bot's", None, "level 20 or the starter bot not run")
    check("p50 turn latency at 1 visitor <= 60 ms", a1 and a1.percentile(50) <= TARGET_P50_AT_1_MS,
          f"{a1.percentile(50):.0f} ms" if a1 else "level 1 not run")
    if ours:
        pss = max(lv.total_pss_mb for lv in ours.values())
        rss = max(sum(lv.memory_mb.values()) for lv in ours.values())
        check("resident memory of all the assistant's processes <= 2 GB", pss <= TARGET_MEMORY_MB,
              f"peak {pss:.0f} MB of physical memory (PSS summed; their RSS summed, shared library pages "
              f"counted in each process: {rss:.0f} MB; Rasa server + action server, children included)")
    check("full training <= 3 minutes", None if train_s is None else train_s <= TARGET_TRAIN_S,
          f"{train_s:.0f} s" if train_s is not None else "not timed (--train-time)")
    print()
    print("Targets:")
    print("\n".join(checks))
    if other_load:
        print()
        print("Interference: other processes were busy during " + "; ".join(other_load)
              + ". Figures of those levels may be low; run again when the machine is quiet.")
    return checks


def _interrupt(signum, _frame):
    raise KeyboardInterrupt(f"signal {signum}")


def shown(path: Path) -> Path:
    """A path relative to the project when inside it."""
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concurrency", default="1,20,50", help="visitor counts, comma-separated (default 1,20,50)")
    parser.add_argument("--duration", type=float, default=30, help="measured seconds per level (default 30)")
    parser.add_argument("--warmup", type=float, default=3, help="uncounted seconds before each level (default 3)")
    parser.add_argument("--train-time", action="store_true", help="also time a full training (rasa train --force)")
    parser.add_argument("--profile", type=float, default=0, metavar="S",
                        help=f"then S s of load at C={PROFILE_CONCURRENCY} under py-spy (default 0: off)")
    parser.add_argument("--gil", action="store_true",
                        help="profile only the thread holding Python's lock: what limits a one-process server")
    parser.add_argument("--no-reference", action="store_true", help="skip the starter bot")
    parser.add_argument("--workers", type=int, default=1,
                        help="Sanic workers of the assistant's Rasa server (default 1); more than 1 starts "
                             f"redis-server on :{REDIS_PORT} for the lock store")
    parser.add_argument("--reference-dir", type=Path,
                        help="keep the starter bot here and reuse it next time (default: a temporary folder)")
    parser.add_argument("--workdir", type=Path, help="logs, tracker store, profiles (default: temporary, removed)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    levels_wanted = [int(c) for c in args.concurrency.split(",") if c.strip()]
    if any(c < 1 for c in levels_wanted) or args.duration <= 0:
        parser.error("concurrency levels must be >= 1 and --duration > 0")
    if not integration.MODEL.exists():
        print(f"{integration.MODEL} is missing: run `make train` first.", file=sys.stderr)
        return 2

    signal.signal(signal.SIGTERM, _interrupt)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-load-"))
    workdir.mkdir(parents=True, exist_ok=True)
    reference = None
    if not args.no_reference:
        reference = Reference((args.reference_dir or workdir / "starter-bot").resolve(), workdir / "reference.log")
    # The integration tests shorten the inactivity closing to seconds; a benchmark runs the
    # production setting, so that no reminder fires in the middle of a level.
    redis = None
    lock_store = "type: in_memory"
    if args.workers > 1:
        # Rasa runs several Sanic workers only with a lock store they share.
        redis = start_redis(workdir)
        lock_store = f"type: redis\n  url: {HOST}\n  port: {REDIS_PORT}"
        os.environ["SANIC_WORKERS"] = str(args.workers)
    assistant = integration.Servers(workdir, rasa_port=RASA_PORT, actions_port=ACTIONS_PORT,
                                    idle_closing_seconds=DEFAULT_IDLE_SECONDS, lock_store=lock_store)
    closing = closing_opening()
    levels: list[Level] = []
    train_s = None
    failed = False
    try:
        print(f"Load benchmark: levels {levels_wanted}, {args.duration:.0f} s each (+{args.warmup:.0f} s warm-up), "
              f"model {shown(integration.MODEL)} "
              f"({time.strftime('%Y-%m-%d %H:%M', time.localtime(integration.MODEL.stat().st_mtime))}); "
              f"{os.cpu_count()} CPUs; logs in {workdir}", flush=True)
        if args.train_time:
            print("Timing a full training (rasa train --force)...", flush=True)
            train_s = time_training(workdir)
            print(f"Full training: {train_s:.0f} s (target <= {TARGET_TRAIN_S} s)", flush=True)
        started = time.monotonic()
        if reference:
            reference.start_init()
        assistant.start()
        print(f"Assistant ready after {time.monotonic() - started:.0f} s (Rasa :{RASA_PORT}, actions "
              f":{ACTIONS_PORT}).", flush=True)
        if reference:
            reference.wait_init()
            reference.start()
            print(f"Starter bot ready (:{REFERENCE_PORT}, {reference.directory}).", flush=True)
        our_pids = {"rasa": assistant.rasa.pid, "actions": assistant.actions.pid}
        our_url = f"http://{HOST}:{RASA_PORT}"
        warm_up(our_url, our_conversation, args.seed)
        if reference:
            warm_up(reference.url, reference_conversation, args.seed)
        other_load = []
        for concurrency in levels_wanted:
            print(f"\nLevel C={concurrency}:", flush=True)
            runs = [("assistant", our_url, our_conversation, our_pids)]
            if reference:
                runs.append(("starter bot", reference.url, reference_conversation, {"rasa": reference.process.pid}))
            for target, url, script, pids in runs:
                level = run_level(target, url, script, concurrency, args.warmup, args.duration, pids, args.seed)
                levels.append(level)
                print_level(level, closing)
                if level.other_cpu_s / level.elapsed_s > 0.25:
                    other_load.append(f"{target} C={concurrency} "
                                      f"({100 * level.other_cpu_s / level.elapsed_s:.0f}% of a core)")
                sys.stdout.flush()
        report(levels, train_s, other_load)
        if args.profile > 0:
            print()
            print(profile(our_url, our_pids, args.profile, workdir, args.seed, args.gil))
        if args.json:
            args.json.write_text(json.dumps({"levels": [lv.summary() for lv in levels], "train_s": train_s},
                                            indent=2))
    except KeyboardInterrupt:
        failed = True
        print("\nInterrupted: stopping the servers.", file=sys.stderr)
    except Exception:
        failed = True
        raise
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not leave servers behind
        try:
            assistant.stop()
            if reference:
                reference.stop()
            _stop(redis)
        finally:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        if failed:
            print(f"Logs kept in {workdir}", file=sys.stderr)
        elif args.workdir is None and not args.profile:
            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
