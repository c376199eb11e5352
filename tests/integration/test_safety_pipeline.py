"""The safety corpus through the whole trained NLU pipeline (spaCy, DIET, fallback, guards):
the model must never talk a red flag out of its alarm, and near misses must rarely alarm."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.integration.servers import MODEL
from tests.integration.test_red_flags_blind import guidance

CORPUS = YAML(typ="safe").load((Path(__file__).parents[1] / "data" / "safety_corpus.yml").read_text())
# An overdose gets the poisoning guidance (emergency number and crisis line included).
ACCEPTED = {"emergency": {"emergency", "poisoning"}, "crisis": {"crisis", "poisoning"}}
MAX_FALSE_ALARM_RATE = 0.05


@pytest.fixture(scope="module")
def intents():
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    texts = [item["text"] for item in CORPUS["red_flags"]] + list(CORPUS["near_misses"])

    async def parse_all():
        return {t: guidance(await agent.parse_message(t)) for t in texts}

    return asyncio.run(parse_all())


def test_every_red_flag_gets_its_alarm_intent(intents):
    missed = [(item["text"], intents[item["text"]]) for item in CORPUS["red_flags"]
              if intents[item["text"]] not in ACCEPTED[item["kind"]]]
    recall = 1 - len(missed) / len(CORPUS["red_flags"])
    print(f"\npipeline red-flag recall: {recall:.1%} of {len(CORPUS['red_flags'])}")
    assert missed == []


def test_near_misses_rarely_alarm(intents):
    alarms = [t for t in CORPUS["near_misses"] if intents[t]]
    rate = len(alarms) / len(CORPUS["near_misses"])
    print(f"\npipeline near-miss false-alarm rate: {len(alarms)}/{len(CORPUS['near_misses'])} = {rate:.1%}")
    for text in alarms:
        print(f"  false alarm: {text!r} -> {intents[text]}")
    assert rate < MAX_FALSE_ALARM_RATE
