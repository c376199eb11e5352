"""How fast the staff desk's pages are over a month of conversations.

    .venv/bin/python bench/desk.py [--conversations 1000,5000,15000] [--rounds 9]
                                   [--desk-root DIR ...] [--appends 1]

For each volume it fills a temporary SQLite tracker store with that many conversations spread
over 30 days (the retention window), about 40 event rows each, in the very format Rasa's
``SQLTrackerStore`` writes: the table is created by that store, every row is made from Rasa's
own events (``UserUttered`` with its parse data, ``BotUttered`` as Rasa makes it from an action's
message, ``create_bot_utterance``, whose ``data.custom`` is what assistant/replies.py ``said()``
sends), and the first conversation is also saved through ``SQLTrackerStore.save`` and checked to
give the same rows. The texts are the library's own: its passages, citations and the clinic's
approved wordings; the visitors' questions come from knowledge/examples/ and a list of things
the library does not cover.

Then it starts the desk (``python -m desk``, as tests/integration/servers.py does) from each
``--desk-root`` (a checkout of this project: default this one; give two, e.g. a worktree of the
previous commit and this one, to compare them in the same run), signs in and, round after round,
alternating between the desks, requests each page once: the inbox, the dashboard, the
conversation list, one transcript, a search of the conversations, and one question of the inbox.
Before each round ``--appends`` new conversations are stored (a clinic's traffic goes on while
staff read). It prints each page's median and 95th percentile (of the rounds) per volume and
desk, the very first request after the start apart, the desk's peak memory (VmHWM), and whether
both desks gave the same pages (byte for byte, the CSRF token aside).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from tests.integration.servers import Browser, free_port  # noqa: E402

DAY = 86400.0
PASSWORD = "bench desk password 1"
PAGES = ("inbox", "dashboard", "conversations", "transcript", "search", "question")
# Questions the library does not cover: the honest no, many times over (the inbox's groups).
UNCOVERED = ["what is narcolepsy", "is restless legs syndrome serious", "can melatonin help jet lag",
             "do you treat sleepwalking", "what is fibromyalgia", "does magnesium help cramps at night",
             "is it bad to sleep with a fan", "can a weighted blanket help anxiety", "how long should a nap be",
             "do you see children", "is sleep paralysis dangerous", "what is idiopathic hypersomnia"]
NONSENSE = ["asdf", "ok", "hmm", "???", "blue", "pizza", "test", "lol"]
FIRST_NAMES = ["<NAME>", "<PHONE>", "<EMAIL>"]


class Library:
    """The texts the assistant sends: passages, citations, approved wordings."""

    def __init__(self) -> None:
        from assistant.articles import load_library
        from assistant.clinic import clinic
        from assistant.examples import load_examples
        from assistant.replies import booking_messages, citation, closing_messages

        self.clinic = clinic()
        self.passages = [p for _, passages in load_library() for p in passages]
        examples = load_examples({p.id for p in self.passages})
        self.questions = [(pid, q) for pid, questions in examples.items() for q in questions]
        self.citations = {p.id: citation(p, self.clinic) for p in self.passages}
        self.by_id = {p.id: p for p in self.passages}
        self.booking = booking_messages(self.clinic)
        self.closing = closing_messages(self.clinic)
        self.menu = [{"title": p.article.title, "payload": f"/ask_disorder{{\"passage\":\"{p.id}\"}}"}
                     for p in self.passages[:4]]


def said(text: str, kind: str, buttons: list | None = None, **details) -> dict:
    from assistant.replies import said as replies_said

    return replies_said(text, kind, buttons, **details)


def sent(message: dict, stamp: float):
    """The BotUttered event Rasa stores for an action's message (rasa_sdk's dispatcher adds the
    keys it always sends; Rasa's create_bot_utterance makes the event)."""
    from rasa.core.actions.action import create_bot_utterance

    full = {"text": None, "buttons": [], "elements": [], "custom": {}, "template": None, "response": None,
            "image": None, "attachment": None}
    full.update(message)
    event = create_bot_utterance(full)
    event.timestamp = stamp
    return event


def conversation(lib: Library, rng: random.Random, start: float) -> list:
    """The events of one visitor's conversation, as the assistant's actions make them."""
    from rasa.shared.core.events import (
        ActionExecuted,
        DefinePrevUserUtteredFeaturization,
        SessionStarted,
        SlotSet,
        UserUttered,
    )

    clock = [start]

    def at(gap: float = 0.05) -> float:
        clock[0] += gap
        return clock[0]

    events = [ActionExecuted("action_session_start", timestamp=at()), SessionStarted(timestamp=at()),
              ActionExecuted("action_listen", timestamp=at())]

    def user(text: str, intent: str, confidence: float, entities: list | None = None) -> None:
        ranking = [{"name": intent, "confidence": confidence}] + [
            {"name": name, "confidence": round((1 - confidence) / 9, 6)} for name in
            ("greet", "goodbye", "thank", "affirm", "deny", "out_of_scope", "ask_treatment", "ask_disorder",
             "book_consultation") if name != intent][:9]
        message_id = uuid.UUID(int=rng.getrandbits(128)).hex
        parse = {"intent": {"name": intent, "confidence": confidence}, "entities": entities or [],
                 "text": text, "message_id": message_id, "metadata": {}, "intent_ranking": ranking}
        events.append(UserUttered(text, parse["intent"], parse["entities"], parse, timestamp=at(rng.uniform(5, 40)),
                                  input_channel="socketio", message_id=message_id))
        events.append(DefinePrevUserUtteredFeaturization(False, timestamp=at(0.01)))

    def action(name: str) -> None:
        events.append(ActionExecuted(name, policy="RulePolicy", confidence=1.0, timestamp=at(0.01)))

    def bot(messages: list[dict]) -> None:
        for message in messages:
            events.append(sent(message, at(rng.uniform(0.05, 0.4))))

    for _ in range(rng.choice([1, 2, 3, 3, 4, 4, 5, 5, 6, 7])):
        roll = rng.random()
        if roll < 0.62:  # answered
            passage_id, text = rng.choice(lib.questions)
            passage = lib.by_id[passage_id]
            entity = {"entity": "disorder", "value": "insomnia", "start": 0, "end": 1,
                      "extractor": "RegexEntityExtractor"}
            user(text, "ask_disorder", round(rng.uniform(0.5, 1.0), 6), [entity] if rng.random() < 0.3 else None)
            if rng.random() < 0.3:
                events.append(SlotSet("disorder", "insomnia", timestamp=at(0.01)))
            action("action_answer_question")
            outcome = {"reason": rng.choice(["retrieved", "retrieved", "chosen"]),
                       "score": round(rng.uniform(0.99, 3.0), 3)}
            other = rng.choice(lib.passages)
            bot([said(passage.text[:700], "answer", passages=[passage.id], **outcome),
                 said(lib.citations[passage.id], "citation", passages=[passage.id]),
                 said(lib.clinic.say("also_see"), "suggestion", [{"title": other.section, "payload": "/ask_disorder"}],
                      passages=[other.id]),
                 said(lib.clinic.say("anything_else"), "suggestion", lib.menu)])
        elif roll < 0.80:  # the honest no
            text = rng.choice(UNCOVERED)
            text = text if rng.random() < 0.6 else text.capitalize() + "?"
            user(text, "ask_disorder", round(rng.uniform(0.3, 0.9), 6))
            action("action_answer_question")
            bot([said(lib.clinic.say("no_vetted_answer"), "no_answer", lib.menu, reason="not_covered",
                      score=round(rng.uniform(0.1, 0.8), 3)), *lib.booking])
        elif roll < 0.90:  # not understood
            user(rng.choice(NONSENSE) + (f" {rng.randrange(100)}" if rng.random() < 0.5 else ""), "nlu_fallback", 0.3)
            action("action_offer_topics")
            bot([said(lib.clinic.say("fallback"), "info", lib.menu, unanswered="not_understood", reason="no_match",
                      score=0.0)])
        elif roll < 0.98:  # a greeting or a button
            user(rng.choice(["hi", "hello", "/greet", f"my name is {rng.choice(FIRST_NAMES)}"]), "greet", 0.99)
            action("action_offer_topics")
            bot([said(lib.clinic.say("topics_prompt"), "info", lib.menu)])
        else:  # a red flag
            user("I can't breathe and my chest hurts", "ask_disorder", 0.6)
            action("action_send_emergency_guidance")
            bot([said(lib.clinic.say("emergency"), "alert", alert="emergency")])
        action("action_listen")
    if rng.random() < 0.7:  # the inactivity closing
        user("EXTERNAL: end_session", "end_session", 1.0)
        action("action_close_session")
        bot(lib.closing)
        events.append(SlotSet("closing_sent", True, timestamp=at(0.01)))
        action("action_listen")
    return events


def rows_of(sender: str, events: list) -> list[tuple]:
    """The events table's rows, exactly as SQLTrackerStore.save makes them."""
    from rasa.shared.nlu.constants import INTENT_NAME_KEY

    rows = []
    for event in events:
        data = event.as_dict()
        intent = data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY)
        rows.append((sender, event.type_name, data.get("timestamp"), intent, data.get("name"), json.dumps(data)))
    return rows


def create_store(path: Path, lib: Library, rng: random.Random, first_events: list) -> None:
    """The table made by Rasa's SQLTrackerStore, and one conversation saved through it."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        domain = Domain.from_yaml('version: "3.1"\nslots:\n  disorder: {type: text, influence_conversation: false, '
                                  'mappings: [{type: custom}]}\n  closing_sent: {type: bool, '
                                  'influence_conversation: false, mappings: [{type: custom}]}\n')
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(path))
    tracker = DialogueStateTracker.from_events("rasa-saved", first_events, domain.slots)
    asyncio.run(store.save(tracker))
    store.engine.dispose()


def fill(path: Path, count: int, seed: int = 7, lib: Library | None = None) -> list[str]:
    """``count`` conversations over the last 30 days, in the order they began; their ids."""
    lib = lib or Library()
    rng = random.Random(seed)
    now = time.time()
    starts = sorted(now - 30 * DAY + rng.uniform(0, 30 * DAY - 3600) for _ in range(count))
    first = conversation(lib, rng, starts[0])
    create_store(path, lib, rng, first)
    connection = sqlite3.connect(path)
    saved = connection.execute("SELECT sender_id, type_name, timestamp, intent_name, action_name, data "
                               "FROM events ORDER BY id").fetchall()
    if saved != rows_of("rasa-saved", first):
        raise SystemExit("the rows made here differ from those SQLTrackerStore.save writes")
    connection.execute("DELETE FROM events")
    senders = []
    batch: list[tuple] = []
    for number, start in enumerate(starts):
        sender = uuid.UUID(int=rng.getrandbits(128)).hex
        senders.append(sender)
        batch += rows_of(sender, first if number == 0 else conversation(lib, rng, start))
        if len(batch) > 20000:
            insert(connection, batch)
            batch = []
    insert(connection, batch)
    connection.commit()
    connection.close()
    return senders


def insert(connection: sqlite3.Connection, rows: list[tuple]) -> None:
    connection.executemany("INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
                           "VALUES (?, ?, ?, ?, ?, ?)", rows)


class Desk:
    """``python -m desk`` from a checkout, over the given tracker store."""

    def __init__(self, root: Path, db: Path, workdir: Path) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        endpoints = workdir / "endpoints.yml"
        endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {db}\n", encoding="utf-8")
        self.port = free_port()
        env = {**os.environ, "DESK_ACCOUNTS": str(workdir / "staff.json"), "DESK_AUDIT_LOG": str(workdir / "audit.log"),
               "DESK_STATE": str(workdir / "state.json"), "DESK_SECRET": uuid.uuid4().hex,
               "DESK_ENDPOINTS": str(endpoints), "DESK_TEST_RESULTS": str(workdir / "desk-tests"),
               "BOOKING_CLICKS_LOG": str(workdir / "booking-clicks.jsonl"), "PYTHONPATH": str(root)}
        python = str(ROOT / ".venv" / "bin" / "python")
        subprocess.run([python, "-m", "desk.accounts", "add", "bench", "--password-stdin"], input=PASSWORD + "\n",
                       text=True, cwd=root, env=env, check=True, capture_output=True)
        self.log = (workdir / "desk.log").open("ab")
        self.process = subprocess.Popen([python, "-m", "desk", "--port", str(self.port)], cwd=root, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.browser = Browser(f"http://127.0.0.1:{self.port}", timeout=600)
        deadline = time.monotonic() + 180
        while True:
            try:
                if self.browser.request("/health")[0] == 200:
                    break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the desk in {root} did not start: see {workdir / 'desk.log'}")
            time.sleep(0.3)
        if self.browser.request("/signin", {"user": "bench", "password": PASSWORD})[0] != 302:
            raise SystemExit("could not sign in")

    def peak_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def same_page(text: str) -> str:
    return re.sub(r'name="csrf" value="[^"]*"', 'name="csrf" value=""', text)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_volume(count: int, roots: list[Path], rounds: int, appends: int, lib: Library, workdir: Path) -> dict:
    db = workdir / f"tracker-{count}.db"
    began = time.monotonic()
    senders = fill(db, count, lib=lib)
    rows = sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone()[0]
    print(f"\n{count} conversations, {rows} event rows ({db.stat().st_size / 2**20:.0f} MB), "
          f"made in {time.monotonic() - began:.0f} s", flush=True)
    desks = [Desk(root, db, workdir / f"desk-{count}-{n}") for n, root in enumerate(roots)]
    rng = random.Random(11)
    times: dict[int, dict[str, list[float]]] = {n: {page: [] for page in PAGES} for n in range(len(desks))}
    first: dict[int, float] = {}
    differ: set[str] = set()
    try:
        inbox = desks[0].browser.request("/")[2]
        found = re.search(r'href="/question\?id=([0-9a-f]+)"', inbox)
        question = found.group(1) if found else "none"
        for n, desk in enumerate(desks):  # the first request of each, after its start
            began = time.perf_counter()
            desk.browser.request("/dashboard")
            first[n] = time.perf_counter() - began
        transcript = senders[len(senders) // 2]
        paths = {"inbox": "/", "dashboard": "/dashboard", "conversations": "/conversations",
                 "transcript": f"/conversations/{transcript}", "search": "/conversations?q=narcolepsy",
                 "question": f"/question?id={question}"}
        connection = sqlite3.connect(db)
        for number in range(rounds):
            batch = []
            for _ in range(appends):
                sender = uuid.UUID(int=rng.getrandbits(128)).hex
                batch += rows_of(sender, conversation(lib, rng, time.time() - 600))
            insert(connection, batch)
            connection.commit()
            order = list(enumerate(desks)) if number % 2 == 0 else list(enumerate(desks))[::-1]
            for page, path in paths.items():
                pages = {}
                for n, desk in order:
                    began = time.perf_counter()
                    status, _, text = desk.browser.request(path)
                    times[n][page].append(time.perf_counter() - began)
                    if status != 200:
                        raise SystemExit(f"{path}: {status}")
                    pages[n] = same_page(text)
                if len(set(pages.values())) > 1:
                    differ.add(page)
        connection.close()
        peaks = {n: desk.peak_mb() for n, desk in enumerate(desks)}
    finally:
        for desk in desks:
            desk.stop()
    for n, root in enumerate(roots):
        print(f"  desk {n} ({root}): first request {first[n]:.2f} s, peak memory {peaks[n]:.0f} MB")
        for page in PAGES:
            values = times[n][page]
            print(f"    {page:14} median {statistics.median(values):7.3f} s   p95 {percentile(values, 0.95):7.3f} s")
    if len(desks) > 1:
        print("  pages: " + ("the same on every desk" if not differ else f"DIFFERENT: {', '.join(sorted(differ))}"))
    db.unlink()
    return {"rows": rows, "first": first, "peaks": peaks, "times": times, "differ": sorted(differ)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", default="1000,5000,15000")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--appends", type=int, default=1, help="conversations stored before each round")
    parser.add_argument("--desk-root", action="append", type=Path, help="a checkout to run the desk from")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    roots = [root.resolve() for root in (args.desk_root or [ROOT])]
    lib = Library()
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as tmp:
        for count in (int(c) for c in args.conversations.split(",")):
            results[count] = run_volume(count, roots, args.rounds, args.appends, lib, Path(tmp))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
