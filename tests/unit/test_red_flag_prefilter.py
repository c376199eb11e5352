"""The red-flag rules' word prefilter (assistant/red_flags.py: RequiredWords, _Rule.gate)
decides which patterns are searched; it must never change what is detected.

The reference here searches every exception and every pattern of every rule, with no
prefilter: the rules' plain meaning. Texts are the development corpora's messages, cut,
joined, repeated and sprinkled with the letters that IGNORECASE folds (ı, ſ, K), the
characters the normaliser drops, and random text; hundreds of random cases per run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from assistant.red_flags import _MASK, RedFlag, RedFlagRules, load_rules, normalise

DATA = Path(__file__).resolve().parents[1] / "data"
# Development sets only: the current round's blind set stays unread by anything but its test.
CORPORA = ["safety_corpus.yml", "red_flags_dev.yml", "red_flags_dev2.yml", "red_flags_dev3.yml",
           "red_flags_dev4.yml", "red_flags_blind5.yml"]


def _texts(node: object) -> list[str]:
    if isinstance(node, dict):
        return [text for key, value in node.items() for text in
                ([value] if key == "text" and isinstance(value, str) else _texts(value))]
    if isinstance(node, list):
        return [text for value in node for text in ([value] if isinstance(value, str) else _texts(value))]
    return []


MESSAGES = sorted({text for name in CORPORA
                   for text in _texts(YAML(typ="safe").load((DATA / name).read_text(encoding="utf-8")))})


def unfiltered_detect(rules: RedFlagRules, text: str) -> RedFlag | None:
    """What ``detect`` means: every exception masked, then the first rule any of whose
    patterns is found, except rules of a kind a not_now context (found in the text before the
    masking, and none of its 'unless' words outside its hypothetical clauses) leaves to the meaning
    detector; every regex searched."""
    normalised = clean = normalise(text)

    def outside_hypotheticals(entry) -> str:
        return entry.hypothetical.combined.sub(" ", normalised) if entry.hypothetical else normalised

    deferred = {kind for entry in rules.not_now if entry.context.combined.search(normalised) is not None
                and not (entry.unless and entry.unless.combined.search(outside_hypotheticals(entry)) is not None)
                for kind in entry.kinds}
    for exception in rules.exceptions:
        clean, _ = exception.combined.subn(_MASK, clean)
    if not clean:
        return None
    for rule in rules.rules:
        if rule.kind not in deferred and rule.combined.search(clean) is not None:
            return RedFlag(rule.kind, rule.name)
    return None


@pytest.fixture(scope="module")
def rules() -> RedFlagRules:
    return load_rules()


def test_the_corpora_are_read():
    assert len(MESSAGES) > 2500


def test_every_corpus_message_is_judged_as_without_the_prefilter(rules):
    judged = [(text, rules.detect(text), unfiltered_detect(rules, text)) for text in MESSAGES]
    differences = [(text, found, meant) for text, found, meant in judged if found != meant]
    assert not differences, differences[:5]


_FOLDING = st.sampled_from(["\u0131", "\u017f", "\u212a", "I", "S", "K", "-", "'", "\u2019", "<b>", "&amp;",
                            " ", ".", "!!", "\u00e9"])


@st.composite
def visitor_texts(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 3))):
        message = draw(st.sampled_from(MESSAGES))
        start = draw(st.integers(0, len(message)))
        end = draw(st.integers(start, len(message)))
        pieces.append(message[start:end] if draw(st.booleans()) else message)
    text = draw(st.sampled_from([" ", ". ", "", "\n"])).join(pieces)
    # Letters IGNORECASE matches to i, s and k ("kıll" is searched as "kill").
    letter, twin = draw(st.sampled_from([("", ""), ("i", "\u0131"), ("s", "\u017f"), ("k", "\u212a")]))
    if letter:
        text = text.replace(letter, twin, draw(st.integers(1, 3)))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        extra = draw(st.one_of(_FOLDING, st.text(max_size=6)))
        text = text[:at] + extra + text[at:]
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=visitor_texts())
def test_random_texts_are_judged_as_without_the_prefilter(rules, text):
    assert rules.detect(text) == unfiltered_detect(rules, text)
    clean = rules.without_exceptions(text)
    assert rules.matching_rules(text) == [rule.name for rule in rules.rules if rule.combined.search(clean)]
