"""What a visitor sets aside in a question: "not restless legs, I mean the limb movement one",
"I don't want injections, what else is there?", "rather than surgery, what helps?".

The NLU's entities and the retrieval's terms count every condition or treatment a message
names, so the one set aside pulled the answer to itself (session 37's visitor tester: "not
restless legs, I mean ..." got the passage on restless legs twice). A mention is set aside when a
cue comes right before it and what follows, up to the end of the clause, is short and names a
term of the library (knowledge/terms.yml); the rest of the message is what is answered.

Plain Python: the cue words are a closed class of English, not clinic data, so they live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

# "not" and its kin only where a clause starts ("No, not insomnia", "not RLS, PLMD"): inside a
# question they negate something else ("is PLMD not the same as RLS?").
_CLAUSE_START = r"(?:^|(?<=[,.;:!?])|(?<=\bno )|(?<=\bnah )|(?<=\bnope )|(?<=\bi mean ))\s*"
_CUES = re.compile(
    rf"{_CLAUSE_START}(?:not|never mind|nevermind|nvm|forget(?: about)?)\b"
    r"|\b(?:i )?(?:don'?t|do not|didn'?t|did not|dont|didnt) (?:mean|want(?: to (?:try|take|have|use|do|get|go on))?)\b"
    # Not "apart from", "besides", "other than" or "except": as often they describe ("healthy apart
    # from my back", "besides my back, my neck hurts too").
    r"|\b(?:rather than|instead of)\b",
    re.IGNORECASE,
)
# Where a set-aside mention ends: the end of its clause, or a word that starts another ("but", "I mean", "what" ...).
_CLAUSE_END = re.compile(r"[,.;:!?]|\b(?:but|i mean|just|what|which|how|so|and what|anything)\b", re.IGNORECASE)
MAX_WORDS = 5


@dataclass(frozen=True)
class SetAside:
    text: str  # the message without the mentions set aside
    terms: frozenset[str]  # term ids named only in what was set aside


def set_aside(text: str, terms_in: Callable[[str], Iterable[str]]) -> SetAside:
    """``text`` without what it sets aside; ``terms_in`` gives the term ids a piece of text names."""
    kept: list[str] = []
    named_aside: set[str] = set()
    position = 0
    for cue in _CUES.finditer(text):
        if cue.start() < position:
            continue
        end = _CLAUSE_END.search(text, cue.end())
        stop = end.start() if end else len(text)
        mention = text[cue.end():stop]
        named = set(terms_in(mention)) if mention.strip() and len(mention.split()) <= MAX_WORDS else set()
        if not named:
            continue
        kept.append(text[position:cue.start()])
        named_aside |= named
        position = stop
    if not named_aside:
        return SetAside(text, frozenset())
    kept.append(text[position:])
    rest = " ".join(" ".join(kept).split())
    return SetAside(rest, frozenset(named_aside - set(terms_in(rest))))
