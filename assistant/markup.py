"""A visitor's message read without markup: "<b>what is insomnia</b>" asks what is insomnia.

The widget shows every message as plain text, so tags a visitor types (or pastes) are never
rendered; but their names ("b", "script", "img") are not words of the question, and read as
words they made "<b>hello</b>" look like another language and "<script>...</script> what is
insomnia" miss its passage. Only what looks like an HTML or XML tag is left out: "x < y" and
"<3" stay as typed.

A message typed all in capitals ("MY HIPS HURT SO BAD AT NIGHT I CANT SLEEP") is read in lower
case: the sentence model and the passage classifier read capitals as other words, and it got
no answer where the same words in lower case got their passage (session 26's tester).
"""

from __future__ import annotations

import re

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
# A script or style element holds code, not words: "<script>alert('x')</script> does pain cause
# insomnia?" read "alert x" as part of the question and got no answer (session 46's tester).
_CODE = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)


def without_markup(text: str) -> str:
    """The text with its tags (and HTML comments) replaced by a space; unchanged when it has none."""
    if "<" not in text:
        return text
    return " ".join(_TAG.sub(" ", _CODE.sub(" ", text)).split())


_LETTER = re.compile(r"[^\W\d_]")
SHOUTED_SHARE = 0.8  # of the cased letters
MIN_SHOUTED_LETTERS = 12  # "RLS?" and "CBT-I" are names, not shouting


def unshouted(text: str) -> str:
    """The text in lower case when nearly all of its letters are capitals; else unchanged."""
    cased = [c for c in _LETTER.findall(text) if c.lower() != c.upper()]
    if len(cased) < MIN_SHOUTED_LETTERS:
        return text
    return text.lower() if sum(1 for c in cased if c.isupper()) >= SHOUTED_SHARE * len(cased) else text
