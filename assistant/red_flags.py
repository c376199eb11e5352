"""Medical-safety red flags (``knowledge/red_flags.yml``): emergencies and crises.

A visitor message that describes an emergency (chest pain, can't breathe, stroke signs,
cauda equina signs, ...) or a crisis (suicidal thoughts, self-harm, hopelessness) must get
emergency guidance before anything else. ``detect`` finds such messages; it aims for 100%
recall on red flags while ignoring idioms ("this back pain is killing me"), negations
("I don't want to die, I just want to sleep") and general questions ("does sleep apnea
make you stop breathing?"), which the rules file lists as exceptions.

The module is plain Python (no Rasa imports) so the safety tests run fast and the rules can
be checked without training a model.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.datafiles import ContentError, line_of, load_yaml
from assistant.kept_files import keep, read_kept
from assistant.paths import RED_FLAGS_FILE, RULES_CACHE_DIR

try:  # the regex parser (sre_parse before Python 3.11, deprecated since)
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse

# In priority order. An overdose or poisoning wins even over a crisis: its guidance gives
# poison control, the emergency number and the crisis line. A crisis wins over an emergency.
KINDS = ("poisoning", "crisis", "emergency")
SECTIONS = ("words", "red_flags", "exceptions", "not_now")
RULE_KEYS = ("name", "kind", "patterns", "with_crisis", "note")
EXCEPTION_KEYS = ("name", "patterns", "asked_ahead", "note")
NOT_NOW_KEYS = ("name", "kinds", "patterns", "unless", "hypothetical", "asked_ahead", "note")

# Built-in building blocks. {gap}: a few words in between, in the same sentence (it starts
# and ends at a non-letter, so "fever{gap}back" cannot glue words together). {far}:
# anything within about 120 characters, across sentences.
BUILT_INS = {
    "gap": r"(?:[^\w.!?;](?:[^.!?;]{0,50}[^\w.!?;])?)",
    "far": r"(?:[^\w](?:.{0,120}[^\w])?)",
}
_REFERENCE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
# Replaces the words an exception matched: not a letter, not the end of a sentence, so it
# neither glues words together nor splits a sentence.
MASK_WORD = "~"  # what stands in place of the words an exception blanked
_MASK = f" {MASK_WORD} "


@dataclass(frozen=True)
class RedFlag:
    kind: str  # "poisoning", "crisis" or "emergency"
    rule: str  # the rule's name from red_flags.yml


@dataclass(frozen=True)
class _Rule:
    name: str
    kind: str
    patterns: tuple[re.Pattern[str], ...]  # one per pattern in the file, for explanations
    combined: re.Pattern[str]  # all of them as one regex: one pass over the text
    # For each pattern, the words it cannot match without (see _required_words): a pattern
    # whose words are not all in the text is not searched, which keeps long messages fast.
    required: tuple[tuple[frozenset[str], ...], ...] = ()
    # Every pattern needs one of these words (None: some pattern needs none): a text with
    # none of them is passed over with one set operation.
    gate: frozenset[str] | None = None
    # An emergency self-harm can cause (heavy bleeding): told with a crisis, the message gets
    # the guidance of both (red_flags.yml's with_crisis).
    with_crisis: bool = False
    # An exception for a question asked ahead of an emergency (first aid, when to call): see
    # RedFlagRules.asked_ahead; with ``asks``, only a message that also matches it.
    asked_ahead: bool = False
    asks: _Rule | None = None

    def candidates(self, present: frozenset[str]) -> list[re.Pattern[str]]:
        """The patterns that may match a text with the required words ``present``
        (RequiredWords.present); all of them when nothing is known."""
        if not self.required:
            return list(self.patterns)
        if self.gate is not None and self.gate.isdisjoint(present):
            return []
        return [pattern for pattern, needs in zip(self.patterns, self.required, strict=True)
                if all(not one_of.isdisjoint(present) for one_of in needs)]

    def matches(self, text: str, present: frozenset[str]) -> bool:
        candidates = self.candidates(present)
        if not candidates:
            return False
        if len(candidates) * 2 > len(self.patterns):
            return self.combined.search(text) is not None
        return any(pattern.search(text) is not None for pattern in candidates)

    def subn(self, replacement: str, text: str, present: frozenset[str]) -> tuple[str, int]:
        """The combined regex's subn, skipped when no pattern can match (same result)."""
        if not self.candidates(present):
            return text, 0
        return self.combined.subn(replacement, text)

    def words(self) -> set[str]:
        return {word for needs in self.required for one_of in needs for word in one_of}


@dataclass(frozen=True)
class _NotNow:
    """A context that says a red flag's words are not happening now (a film, a question asked in
    advance, a past event the person has recovered from): the rules of ``kinds`` do not decide
    alone there, unless one of ``unless`` (words that say it is happening now) is present too."""

    name: str
    kinds: frozenset[str]
    context: _Rule
    unless: _Rule | None
    # Clauses that only suppose ("if he ever stopped breathing and didn't start again"): their words
    # are not read for ``unless``, which would take the supposed "didn't start again" for today.
    hypothetical: _Rule | None = None
    asked_ahead: bool = False  # a question asked ahead of an emergency (RedFlagRules.asked_ahead)

    def applies(self, text: str, present: frozenset[str]) -> bool:
        if not self.context.matches(text, present):
            return False
        if self.unless is None:
            return True
        if self.hypothetical is not None:
            # ``present`` stays a superset of the words left: it only narrows which patterns are tried.
            text = self.hypothetical.subn(" ", text, present)[0]
        return not self.unless.matches(text, present)


class RequiredWords:
    """Which of the rules' required words a text contains, found from the text's three-letter
    pieces in one pass, instead of a substring search per word of every pattern (about 1 ms
    of every message with ~600 patterns; the answer is the same)."""

    def __init__(self, words: set[str]) -> None:
        self.short = tuple(sorted(word for word in words if len(word) < 3))
        by_start: dict[str, list[str]] = {}
        for word in sorted(words):
            if len(word) >= 3:
                by_start.setdefault(word[:3], []).append(word)
        self.by_start = {start: tuple(found) for start, found in by_start.items()}

    def present(self, text: str) -> frozenset[str]:
        text = text.translate(_FOLDED)
        found = {word for word in self.short if word in text}
        for piece in {text[i:i + 3] for i in range(len(text) - 2)}:
            for word in self.by_start.get(piece, ()):
                if word in text:
                    found.add(word)
        return frozenset(found)


def _make_rule(name: str, kind: str, patterns: tuple[re.Pattern[str], ...]) -> _Rule:
    sources = "|".join(_unwrapped(pattern) for pattern in patterns)
    try:
        combined = re.compile(_wrap(sources), re.IGNORECASE)
    except re.error:  # e.g. the same (?P<name>...) in two patterns: search one by one
        combined = _AnyOf(patterns)  # type: ignore[assignment]
    required = tuple(_required_words(pattern) for pattern in patterns)
    gate = None if not all(required) else frozenset().union(*(needs[0] for needs in required))
    return _Rule(name, kind, patterns, combined, required, gate)


# Letters that IGNORECASE matches to a different ASCII letter ("kıll" matches "kill").
_FOLDED = {ord("\u0131"): "i", ord("\u017f"): "s", ord("\u212a"): "k"}


def _required_words(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """What any match of ``pattern`` contains: a tuple of sets, and a match contains at least
    one string of each set. Only literal text outside optional parts counts, so this is never
    wrong, only sometimes weaker than it could be; () when nothing can be said."""
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unknown construct: search the pattern always
        return ()
    return tuple(needs for needs in _needs(list(parsed)) if needs)


def _needs(items: list) -> list[frozenset[str]]:
    constants = _sre_parse
    needs: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2:
            needs.append(frozenset(["".join(run)]))
        run.clear()

    for op, value in items:
        if op is constants.LITERAL:
            run.append(chr(value).lower())
        elif op is constants.SUBPATTERN:
            inner = _needs(list(value[-1]))
            flush()
            needs.extend(inner)
        elif op is constants.BRANCH:
            flush()
            options = []
            for branch in value[1]:
                strings = [next(iter(one)) for one in _needs(list(branch)) if len(one) == 1]
                if not strings:
                    options = []
                    break
                options.append(max(strings, key=len))
            if options:
                needs.append(frozenset(options))
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT):
            flush()
            if value[0] >= 1:
                needs.extend(_needs(list(value[2])))
        else:  # classes, any character, anchors, lookarounds: no literal text known
            flush()
    flush()
    return needs


class _AnyOf:
    """Stands in for a combined regex when the patterns cannot be joined into one."""

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        self.patterns = patterns

    def search(self, text: str) -> re.Match[str] | None:
        return next((m for p in self.patterns if (m := p.search(text))), None)

    def subn(self, replacement: str, text: str) -> tuple[str, int]:
        total = 0
        for pattern in self.patterns:
            text, count = pattern.subn(replacement, text)
            total += count
        return text, total


# --- normalising visitor text ---------------------------------------------------------

_APOSTROPHES = dict.fromkeys(map(ord, "'`\u00b4\u2018\u2019\u201b\u02bc\u2032\uff07"), None)
_DASHES = dict.fromkeys(map(ord, "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212_"), " ")
_TAGS = re.compile(r"<[^<>]{0,200}>")
_ENTITIES = re.compile(r"&(?:[a-z]{2,8}|#\d{1,7}|#x[0-9a-f]{1,6});")
_NOT_KEPT = re.compile(r"[^\w\s.,!?;]")
_PUNCTUATION_RUN = re.compile(r"([.,!?;])[\s.,!?;]+")


def normalise(text: Any) -> str:
    """Lower case, apostrophes dropped, markup and symbols as spaces, spaces collapsed.

    Never raises: bytes are decoded leniently, anything else that is not text counts as
    an empty message.
    """
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", errors="replace")
    if not isinstance(text, str) or not text:
        return ""
    # Drop accents (é -> e) but keep other scripts intact (NFC recomposes e.g. Hangul).
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text).lower()
    text = text.translate(_APOSTROPHES).translate(_DASHES)
    text = _TAGS.sub(" ", text)
    text = _ENTITIES.sub(" ", text)
    text = _NOT_KEPT.sub(" ", text)
    text = _PUNCTUATION_RUN.sub(r"\1 ", text)  # "!!!" -> "!", ". . ." -> "."
    return " ".join(text.split())


# --- the rules --------------------------------------------------------------------------


class RedFlagRules:
    """The compiled rules; ``detect`` a message, or ask whether it is a near miss."""

    def __init__(self, rules: tuple[_Rule, ...], exceptions: tuple[_Rule, ...],
                 not_now: tuple[_NotNow, ...] = ()) -> None:
        order = {kind: index for index, kind in enumerate(KINDS)}
        # Stable sort: within a kind, file order decides which rule is reported.
        self.rules = tuple(sorted(rules, key=lambda rule: order[rule.kind]))
        self.exceptions = exceptions
        self.not_now = not_now
        # detect(), asked_ahead() and is_near_miss() are often called on the same message in a row.
        self._masked = lru_cache(maxsize=32)(self._mask)
        self._first_match = lru_cache(maxsize=64)(self._first_match)
        contexts = [part for entry in not_now for part in (entry.context, entry.unless) if part]
        self._words = RequiredWords(set().union(*(rule.words() for rule in (*self.rules, *self.exceptions, *contexts))))

    def __len__(self) -> int:
        return len(self.rules)

    def _mask(self, clean: str) -> tuple[str, tuple[int, ...]]:
        """The normalised text with every exception's words blanked out, and which exceptions
        (their positions) blanked some."""
        fired = []
        present = self._words.present(clean)
        for position, exception in enumerate(self.exceptions):
            clean, count = exception.subn(_MASK, clean, present)
            if count:
                fired.append(position)
                present = self._words.present(clean)
        return clean, tuple(fired)

    def _first_match(self, clean: str, deferred: frozenset[str] = frozenset(),
                     with_crisis_only: bool = False) -> RedFlag | None:
        present = self._words.present(clean)
        for rule in self.rules:
            wanted = rule.kind not in deferred and (rule.with_crisis or not with_crisis_only)
            if wanted and rule.matches(clean, present):
                return RedFlag(rule.kind, rule.name)
        return None

    def _deferred(self, normalised: str) -> frozenset[str]:
        """The kinds of rule that do not decide alone in a message (see the not_now section),
        read before the exceptions blank anything ("in the film the mum ..." is an exception too)."""
        if not self.not_now:
            return frozenset()
        present = self._words.present(normalised)
        return frozenset(kind for entry in self.not_now if entry.applies(normalised, present) for kind in entry.kinds)

    def detect(self, text: str) -> RedFlag | None:
        """The red flag ``text`` raises (the first of KINDS wins), or None. A rule matched in a
        context that says it is not happening now (not_now) raises nothing here: the meaning
        detector judges the message instead."""
        normalised = normalise(text)
        clean, _ = self._masked(normalised)
        first = self._first_match(clean) if clean else None
        if first is None or not self.not_now:
            return first
        # Only a message that raises a rule is read for the contexts (most raise none).
        deferred = self._deferred(normalised)
        return first if first.kind not in deferred else self._first_match(clean, deferred)

    def also_raised(self, text: str, kind: str) -> RedFlag | None:
        """The first rule of ``kind`` that ``text`` raises, whatever kind came first (detect): an
        overdose told with trouble breathing ("I overdosed on my oxycodone ... can barely
        breathe") raises an emergency too: its guidance puts 911 first (session 24, an exploratory
        tester)."""
        normalised = normalise(text)
        clean, _ = self._masked(normalised)
        if not clean:
            return None
        others = frozenset(KINDS) - {kind}
        return self._first_match(clean, others | self._deferred(normalised))

    def injury_with_crisis(self, text: str) -> RedFlag | None:
        """The first emergency rule marked with_crisis (an injury self-harm can cause) that ``text``
        raises, whatever kind came first: a crisis told with it gets the guidance of both."""
        normalised = normalise(text)
        clean, _ = self._masked(normalised)
        if not clean:
            return None
        return self._first_match(clean, self._deferred(normalised), with_crisis_only=True)

    def not_now_context(self, text: str) -> str | None:
        """The not_now context that kept a matched rule from deciding alone, for logs and tests."""
        normalised = normalise(text)
        clean, _ = self._masked(normalised)
        first = self._first_match(clean) if clean else None
        if first is None or self.detect(text) is not None:
            return None
        present = self._words.present(normalised)
        # The context that defers the matched rule's kind (another may apply to other kinds only).
        return next((entry.name for entry in self.not_now
                     if first.kind in entry.kinds and entry.applies(normalised, present)), None)

    def asked_ahead(self, text: str) -> str | None:
        """The rule a message names only to ask ahead what to do or when to call ("what should I do
        if I ever get chest pain at night?", "if someone stops breathing, what should you do?"): its
        name when an entry marked ``asked_ahead`` is what keeps it from raising the alarm, else None.
        Such a question gets the emergency numbers as information, not as an alert (session 31's
        exploratory tester: it got "no medically reviewed answer" and the booking prompt alone)."""
        if self.detect(text) is not None:
            return None
        normalised = normalise(text)
        clean, fired = self._masked(normalised)
        found = self._first_match(clean) if clean else None
        if found is None and not any(self.exceptions[position].asked_ahead for position in fired):
            # No asked-ahead exception blanked anything: blanking without them is the same
            # blanking, which raised nothing (most messages end here).
            return None
        if found is not None:  # kept from deciding by a not_now context
            present = self._words.present(normalised)
            ahead = any(entry.asked_ahead and found.kind in entry.kinds and entry.applies(normalised, present)
                        for entry in self.not_now)
            return found.rule if ahead else None
        # Blanked by an exception: is it an asked-ahead one? The others blank as they always do.
        partly, present = normalised, self._words.present(normalised)
        for exception in self.exceptions:
            ahead = exception.asked_ahead and (exception.asks is None or exception.asks.matches(normalised, present))
            if not ahead:
                partly, count = exception.subn(_MASK, partly, present)
                if count:
                    present = self._words.present(partly)
        found = self._first_match(partly) if partly.strip() else None
        return found.rule if found is not None else None

    def without_exceptions(self, text: str) -> str:
        """The normalised text with the words of every exception (idioms, negations, general
        questions, past events) blanked out: what the meaning detector judges."""
        return self._masked(normalise(text))[0]

    def is_near_miss(self, text: str) -> bool:
        """True when ``text`` matched an idiom/negation exception, or a rule in a not_now
        context, and raises no red flag."""
        normalised = normalise(text)
        clean, fired = self._masked(normalised)
        first = self._first_match(clean)
        if first is None:
            return bool(fired)
        # A rule matched: a near miss only when every rule that matches was deferred.
        deferred = self._deferred(normalised)
        return first.kind in deferred and self._first_match(clean, deferred) is None

    def matching_rules(self, text: str) -> list[str]:
        """Every rule ``text`` raises, for explaining a decision (tests, logs)."""
        clean, _ = self._masked(normalise(text))
        present = self._words.present(clean)
        return [rule.name for rule in self.rules if rule.matches(clean, present)]


def load_rules(path: Path = RED_FLAGS_FILE) -> RedFlagRules:
    """Read and compile ``red_flags.yml``; a mistake raises ContentError naming the line."""
    path = Path(path)
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(path, 1, "expected the sections " + ", ".join(SECTIONS))
    for section in data:
        if section not in SECTIONS:
            raise ContentError(
                path, line_of(data, section),
                f"unknown section '{section}'; use: {', '.join(SECTIONS)}",
            )
    words = _Words(path, data.get("words"), line_of(data, "words") if "words" in data else 1)
    if not data.get("red_flags"):
        raise ContentError(path, 1, "the 'red_flags' section is missing or empty")
    rules = _read_rules(path, data, "red_flags", words)
    exceptions = _read_rules(path, data, "exceptions", words) if data.get("exceptions") else ()
    not_now = _read_not_now(path, data, words) if data.get("not_now") else ()
    return RedFlagRules(rules, exceptions, not_now)


def compiled_rules(path: Path = RED_FLAGS_FILE, cache_dir: Path | None = RULES_CACHE_DIR) -> RedFlagRules:
    """``load_rules(path)``, kept by the file's bytes (and this module's code): a start with the
    file unchanged unpickles the rules instead of reading and checking the file again (3 of the
    Rasa server's start-up seconds for ~1,500 patterns). An edited file is read and checked."""
    path = Path(path)
    if cache_dir is None:
        return load_rules(path)
    digest = hashlib.sha256(path.read_bytes() + b"\0" + inspect.getsource(sys.modules[__name__]).encode("utf-8")
                            + b"\0" + sys.version.encode("utf-8"))
    kept = Path(cache_dir) / f"{digest.hexdigest()[:32]}.pickle"
    rules = read_kept(kept, lambda parts: RedFlagRules(*parts), "red-flag rules")
    if rules is None:
        rules = load_rules(path)
        keep(kept, (rules.rules, rules.exceptions, rules.not_now), 2, "compiled red-flag rules")
    return rules


@lru_cache(maxsize=1)
def default_rules() -> RedFlagRules:
    """The rules from ``knowledge/red_flags.yml``, loaded once."""
    return load_rules(RED_FLAGS_FILE)


def detect(text: str) -> RedFlag | None:
    """The red flag a visitor message raises, using ``knowledge/red_flags.yml``."""
    return default_rules().detect(text)


# --- reading the file -------------------------------------------------------------------


def _entries(path: Path, data: dict, section: str, allowed: tuple[str, ...], needs: str, what: str):
    """Each entry of a section, checked as every section's are (a mapping, known fields, a
    name, names used once), with its line and name."""
    entries = data[section]
    section_line = line_of(data, section)
    if not isinstance(entries, list):
        raise ContentError(path, section_line, f"'{section}' must be a list of {what} (lines starting with '- ')")
    seen: dict[str, int | None] = {}
    for index, entry in enumerate(entries):
        line = line_of(entries, index) or section_line
        if not isinstance(entry, dict):
            raise ContentError(path, line, f"each entry of '{section}' needs {needs}")
        for key in entry:
            if key not in allowed:
                raise ContentError(
                    path, line_of(entry, key) or line,
                    f"unknown field '{key}'; an entry of '{section}' has: {', '.join(allowed)}",
                )
        name = entry.get("name")
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ContentError(
                path, line_of(entry, "name") if "name" in entry else line,
                f"each entry of '{section}' needs a 'name' in lower case letters, digits and underscores",
            )
        if name in seen:
            raise ContentError(path, line, f"the name '{name}' is used twice (also on line {seen[name]})")
        seen[name] = line
        yield entry, line, name


def _patterns(path: Path, entry: dict, key: str, name: str, line: int | None, words: _Words,
              kind: str) -> _Rule:
    """The entry's ``key`` (a pattern or a non-empty list of them), compiled as one rule."""
    patterns = entry.get(key)
    key_line = line_of(entry, key) if key in entry else line
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list) or not patterns:
        raise ContentError(path, key_line, f"'{name}': '{key}' must be a non-empty list")
    regexes = tuple(_compile(path, line_of(patterns, number) or key_line, name, pattern, words)
                    for number, pattern in enumerate(patterns))
    return _make_rule(name, kind, regexes)


def _read_rules(path: Path, data: dict, section: str, words: _Words) -> tuple[_Rule, ...]:
    is_exception = section == "exceptions"
    allowed = EXCEPTION_KEYS if is_exception else RULE_KEYS
    needs = "a 'name' and 'patterns'" if is_exception else "a 'name', a 'kind' and 'patterns'"
    compiled: list[_Rule] = []
    for entry, line, name in _entries(path, data, section, allowed, needs, "rules"):
        kind = "exception"
        if not is_exception:
            kind = entry.get("kind")
            if kind not in KINDS:
                raise ContentError(
                    path, line_of(entry, "kind") if "kind" in entry else line,
                    f"rule '{name}': 'kind' must be one of {', '.join(KINDS)}, not '{kind}'",
                )
        rule = _patterns(path, entry, "patterns", name, line, words, kind)
        if entry.get("with_crisis") is not None:
            if entry["with_crisis"] not in (True, False) or kind != "emergency":
                raise ContentError(
                    path, line_of(entry, "with_crisis"),
                    f"rule '{name}': 'with_crisis' is true or false, and only for a rule of kind emergency",
                )
            rule = dataclasses.replace(rule, with_crisis=entry["with_crisis"])
        if is_exception and isinstance(entry.get("asked_ahead"), (list, str)):
            rule = dataclasses.replace(rule, asked_ahead=True,
                                       asks=_patterns(path, entry, "asked_ahead", name, line, words, kind))
        elif is_exception and _asked_ahead(path, entry, name):
            rule = dataclasses.replace(rule, asked_ahead=True)
        compiled.append(rule)
    return tuple(compiled)


def _read_not_now(path: Path, data: dict, words: _Words) -> tuple[_NotNow, ...]:
    read: list[_NotNow] = []
    for entry, line, name in _entries(path, data, "not_now", NOT_NOW_KEYS, "a 'name', 'kinds' and 'patterns'",
                                      "contexts"):
        kinds = entry.get("kinds")
        if not isinstance(kinds, list) or not kinds or any(kind not in KINDS for kind in kinds):
            raise ContentError(path, line_of(entry, "kinds") if "kinds" in entry else line,
                               f"'{name}': 'kinds' must be a list of {', '.join(KINDS)}")
        context = _patterns(path, entry, "patterns", name, line, words, "not_now")
        unless = None if entry.get("unless") is None else _patterns(path, entry, "unless", name, line, words, "not_now")
        hypothetical = None if entry.get("hypothetical") is None else _patterns(
            path, entry, "hypothetical", name, line, words, "not_now")
        if hypothetical is not None and unless is None:
            raise ContentError(
                path, line_of(entry, "hypothetical"),
                f"'{name}': 'hypothetical' says which words 'unless' does not read: it needs an 'unless'")
        read.append(_NotNow(name, frozenset(kinds), context, unless, hypothetical, _asked_ahead(path, entry, name)))
    return tuple(read)


def _asked_ahead(path: Path, entry: dict, name: str) -> bool:
    value = entry.get("asked_ahead", False)
    if value not in (True, False):
        raise ContentError(path, line_of(entry, "asked_ahead"),
                           f"'{name}': 'asked_ahead' is true or false (or, for an exception, patterns)")
    return value


class _Words:
    """The ``words:`` section: named word lists, used in patterns as ``{name}``."""

    def __init__(self, path: Path, section: Any, line: int | None) -> None:
        self.path = path
        self.raw: dict[str, tuple[Any, int | None]] = {}
        self.expanded: dict[str, str] = {}
        if section is None:
            return
        if not isinstance(section, dict):
            raise ContentError(path, line, "'words' must map a name to a list of words")
        for name, entries in section.items():
            entry_line = line_of(section, name) or line
            if not isinstance(name, str) or not _NAME.fullmatch(name):
                raise ContentError(
                    path, entry_line, f"word list name '{name}' must be lower case letters, digits, underscores",
                )
            if name in BUILT_INS:
                raise ContentError(path, entry_line, f"'{name}' is built in; choose another name for this word list")
            if isinstance(entries, str):
                entries = [entries]
            if not isinstance(entries, list) or not entries or not all(isinstance(e, (str, int)) for e in entries):
                raise ContentError(path, entry_line, f"word list '{name}' must be a non-empty list of words")
            self.raw[name] = (entries, entry_line)

    def expand(self, pattern: str, line: int | None, rule: str, stack: tuple[str, ...] = ()) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in BUILT_INS:
                return BUILT_INS[name]
            if name not in self.raw:
                known = ", ".join(sorted([*self.raw, *BUILT_INS]))
                raise ContentError(self.path, line, f"'{rule}': unknown word list {{{name}}}; known: {known}")
            if name in stack:
                cycle = " -> ".join([*stack, name])
                raise ContentError(self.path, self.raw[name][1], f"word list '{name}' uses itself ({cycle})")
            if name not in self.expanded:
                entries, entry_line = self.raw[name]
                parts = [self.expand(_prepare(str(e)), entry_line, f"words: {name}", (*stack, name)) for e in entries]
                self.expanded[name] = "(?:" + "|".join(parts) + ")"
            return self.expanded[name]

        # A pattern may write spaces around {gap} / {far}; the block brings its own.
        pattern = re.sub(r"\s*\{(gap|far)\}\s*", r"{\1}", pattern)
        return _REFERENCE.sub(replace, pattern)


def _prepare(pattern: str) -> str:
    """Drop apostrophes and turn hyphens outside [...] into spaces, as the text is."""
    pattern = pattern.translate(_APOSTROPHES)
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif ch in "-\u2010\u2011\u2013\u2014" and not in_class:
            ch = " "
        out.append(ch)
    return re.sub(" +", " ", "".join(out)).strip()


# Whole words only: no letter or digit right before or after the match (ASCII only, so
# patterns in scripts without spaces, like Chinese, still match inside text).
# A match also starts at a letter or digit, which lets the search skip spaces and junk fast.
_BEFORE, _AFTER = "(?<![a-z0-9])(?=\\w)(?:", ")(?![a-z0-9])"


def _wrap(source: str) -> str:
    return f"{_BEFORE}{source}{_AFTER}"


def _unwrapped(pattern: re.Pattern[str]) -> str:
    return pattern.pattern[len(_BEFORE) - 3:-len(_AFTER) + 1]


def _compile(path: Path, line: int | None, rule: str, pattern: Any, words: _Words) -> re.Pattern[str]:
    if not isinstance(pattern, (str, int)) or not str(pattern).strip():
        raise ContentError(path, line, f"'{rule}': each pattern must be some text")
    source = words.expand(_prepare(str(pattern)), line, rule)
    try:
        # Checked on its own first: wrapped in the word boundaries, a broken pattern such
        # as "breathe[" can turn into a valid but different one.
        bare = re.compile(source, re.IGNORECASE)
        compiled = re.compile(_wrap(source), re.IGNORECASE)
    except re.error as error:
        raise ContentError(
            path, line,
            f"'{rule}': the pattern '{pattern}' is not a valid regular expression ({error.msg}); "
            "check the brackets ( ) [ ] and that \\ is not at the end",
        ) from None
    if bare.match("") is not None:
        raise ContentError(
            path, line, f"'{rule}': the pattern '{pattern}' matches an empty message; it would match everything",
        )
    return compiled
