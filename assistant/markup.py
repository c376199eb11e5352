"""A visitor's message read without markup: "<b>what is insomnia</b>" asks what is insomnia.

The widget shows every message as plain text, so tags a visitor types (or pastes) are never
rendered; but their names ("b", "script", "img") are not words of the question, and read as
words they made "<b>hello</b>" look like another language and "<script>...</script> what is
insomnia" miss its passage. Only what looks like an HTML or XML tag is left out: "x < y" and
"<3" stay as typed.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)


def without_markup(text: str) -> str:
    """The text with its tags (and HTML comments) replaced by a space; unchanged when it has none."""
    if "<" not in text:
        return text
    return " ".join(_TAG.sub(" ", text).split())
