"""What each speed patch to Rasa saves, timed inside one process, where a busy machine hides less.

    .venv/bin/python bench/patch_costs.py [--rounds 7] [--calls 200]

bench/patches.py measures the whole server under load; its figures move by 2-4 ms per turn
from run to run on a shared virtual machine, more than some patches save. Here each patch's
piece of Rasa work is timed with the patch and without, alternately, round after round in the
same process, on the trained model (models/current.tar.gz), every other patch installed:

  parse           agent.parse_message of bench/load.py's 20 questions (the NLU graph)
  predict         the next-action prediction on a conversation of 4 answered questions
                  (a turn has two: the answer, then listening)
  rebuild         DialogueStateTracker.from_dict of that conversation's stored events, as the
                  tracker store rebuilds it every turn (the event classes)
  validate        RemoteAction's check of a typical action server reply

It prints the median time per call of each, with and without the patch, and the difference.
The kept action-server session saves a connection per call, which only bench/patches.py sees.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import QUESTIONS  # noqa: E402

from connectors import rasa_patches  # noqa: E402

MODEL = ROOT / "models" / "current.tar.gz"
# The piece of work each patch speeds up.
WORK_OF_PATCH = {
    "graph-run-in-order": ("parse", "predict"),
    "event-class-table": ("rebuild",),
    "reminder-time-iso": ("rebuild",),
    "validator-built-once": ("validate",),
}


def works(agent) -> dict[str, Callable[[], object]]:
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.constants import ACTION_LISTEN_NAME
    from rasa.shared.core.events import ActionExecuted, BotUttered, ReminderScheduled, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    loop = asyncio.new_event_loop()
    parses = {q: loop.run_until_complete(agent.parse_message(q)) for q in QUESTIONS}
    events = [ActionExecuted(ACTION_LISTEN_NAME)]
    for question in QUESTIONS[:4]:
        events += [UserUttered(question, parse_data=parses[question]), ActionExecuted("action_answer_question"),
                   BotUttered("A vetted passage.", {"custom": {"kind": "answer"}}), SlotSet("last_topic", "sleep"),
                   ReminderScheduled("end_session", dt.datetime.now() + dt.timedelta(seconds=180), name="idle"),
                   ActionExecuted(ACTION_LISTEN_NAME)]
    stored = [event.as_dict() for event in events]
    conversation = DialogueStateTracker.from_events("bench", events, agent.domain.slots)
    action = RemoteAction("action_answer_question", None)
    reply = {"events": [{"event": "slot", "name": "last_topic", "value": "sleep"}],
             "responses": [{"text": "A vetted passage.", "custom": {"kind": "answer"}}]}

    def parse() -> None:
        for question in QUESTIONS:
            loop.run_until_complete(agent.parse_message(question))

    return {
        "parse": parse,
        "predict": lambda: agent.processor._predict_next_with_tracker(conversation),
        "rebuild": lambda: DialogueStateTracker.from_dict("bench", stored, agent.domain.slots),
        "validate": lambda: action._validate_action_result(reply),
    }


def per_call_ms(work: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        work()
    return (time.perf_counter() - start) / calls * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="alternations of with/without (default 7)")
    parser.add_argument("--calls", type=int, default=200, help="calls per timing (parse: of all 20 questions)")
    args = parser.parse_args()
    import logging

    import structlog

    # Rasa's debug lines (stdlib and structlog) would print the conversation on every call.
    logging.disable(logging.INFO)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    from rasa.core.agent import Agent

    agent = asyncio.new_event_loop().run_until_complete(_load(Agent))
    pieces = works(agent)
    patches = {patch.name: patch for patch in rasa_patches.PATCHES}
    print(f"Time per call, median of {args.rounds} alternating rounds ({args.calls} calls each; "
          f"parse = all {len(QUESTIONS)} questions):")
    for name, work_names in WORK_OF_PATCH.items():
        for work_name in work_names:
            timings: dict[bool, list[float]] = {True: [], False: []}
            calls = max(args.calls // (10 if work_name == "parse" else 1), 5)
            for _ in range(args.rounds):
                for patched in (True, False):
                    rasa_patches.uninstall_all()
                    for patch in patches.values():
                        if patched or patch.name != name:
                            rasa_patches.install(patch)
                    pieces[work_name]()  # warm: the patched runner puts its nodes in order once
                    timings[patched].append(per_call_ms(pieces[work_name], calls))
            rasa_patches.uninstall_all()
            with_patch, without = statistics.median(timings[True]), statistics.median(timings[False])
            saved = without - with_patch
            if work_name == "parse":
                with_patch, without, saved = (v / len(QUESTIONS) for v in (with_patch, without, saved))
            print(f"  {name:22s} {work_name:9s} with {with_patch:7.3f} ms, without {without:7.3f} ms: "
                  f"saves {saved:6.3f} ms a call ({100 * saved / without:+.0f}%)")
    return 0


async def _load(agent_class):
    return agent_class.load(str(MODEL))


if __name__ == "__main__":
    sys.exit(main())
