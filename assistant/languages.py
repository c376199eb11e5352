"""Which language a message not in English is in, and the clinic's line in that language
(knowledge/other_languages.yml).

A German visitor was told in Spanish that only English is answered (session 48's visitor tester):
the reply said it in Spanish to everyone. The language is told by spaCy's lists of each language's
common words (for languages written in the Latin script) or by the script itself.
"""

from __future__ import annotations

import functools
import importlib
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from assistant.datafiles import ContentError, line_of, load_yaml
from assistant.paths import KNOWLEDGE_DIR

OTHER_LANGUAGES_FILE = KNOWLEDGE_DIR / "other_languages.yml"
# Told by their common words (spaCy's stop-word lists for these languages). Dutch and Polish are
# told too, though the file has no line in them, so that they get the English alone, not German.
BY_WORDS = ("es", "fr", "de", "pt", "it", "vi", "tl", "nl", "pl")
# Told by their script: the first word of the Unicode name of the message's letters.
BY_SCRIPT = {"CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "CYRILLIC": "ru", "ARABIC": "ar"}
# Letters that Ukrainian writes and Russian does not.
_UKRAINIAN = set("іїєґІЇЄҐ")
# Letters only one of the languages told by words writes: one more common word's worth ("Não
# consigo dormir por causa da dor" has as many Spanish common words as Portuguese ones).
_OWN_LETTERS = {"pt": set("ãõ"), "es": set("ñ¿¡"), "de": set("ßäöü"), "fr": set("œ")}
LINE_FIELDS = ("emergency_number", "crisis_line", "name", "phone")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class OtherLanguage:
    code: str
    name: str
    line: str


def known_codes() -> tuple[str, ...]:
    return tuple(dict.fromkeys([*BY_WORDS, *BY_SCRIPT.values(), "uk"]))


def load_other_languages(path: Path = OTHER_LANGUAGES_FILE) -> dict[str, OtherLanguage]:
    """The lines by language code; a mistake raises ContentError with the file and line."""
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise ContentError(path, 1, "expected entries such as 'es:' with a 'name:' and a 'line:' under each")
    languages: dict[str, OtherLanguage] = {}
    for code, entry in data.items():
        line = line_of(data, code)
        if code not in known_codes():
            raise ContentError(path, line, f"'{code}' is not a language the assistant can tell; use one of "
                               + ", ".join(known_codes()))
        if not isinstance(entry, dict) or not str(entry.get("name") or "").strip() \
                or not str(entry.get("line") or "").strip():
            raise ContentError(path, line, f"'{code}' needs a 'name:' (the language in English) and a 'line:'")
        text = " ".join(str(entry["line"]).split())
        for _, field, _, _ in string.Formatter().parse(text):
            if field and field not in LINE_FIELDS:
                raise ContentError(path, line, f"'{code}' uses {{{field}}}; a line may use only "
                                   + ", ".join("{" + f + "}" for f in LINE_FIELDS))
        languages[code] = OtherLanguage(code, str(entry["name"]).strip(), text)
    return languages


@functools.lru_cache(maxsize=1)
def other_languages() -> dict[str, OtherLanguage]:
    """The file's lines; none when it has a mistake (`make validate` names it; a chat must not fail)."""
    try:
        return load_other_languages()
    except ContentError:
        return {}


@functools.cache
def _common_words(code: str) -> frozenset[str]:
    return frozenset(importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS)


def guess_language(text: str) -> str | None:
    """The language code of a message not in English, or None when it cannot be told."""
    scripts = Counter(unicodedata.name(c, "?").split()[0] for c in text if c.isalpha() and ord(c) > 0x24F)
    letters = sum(1 for c in text if c.isalpha())
    if scripts and sum(scripts.values()) > letters / 2:
        if scripts["HIRAGANA"] or scripts["KATAKANA"]:
            return "ja"  # Japanese writes kanji (CJK) with kana between
        script = scripts.most_common(1)[0][0]
        if script == "CYRILLIC" and not _UKRAINIAN.isdisjoint(text):
            return "uk"
        return BY_SCRIPT.get(script)
    words = {w.lower() for w in _WORD.findall(text)}  # each word once: "mal ... mal" is not two Spanish words
    lowered = set(text.lower())
    counts = sorted(((sum(w in _common_words(code) for w in words)
                      + (not _OWN_LETTERS.get(code, set()).isdisjoint(lowered)), code) for code in BY_WORDS),
                    reverse=True)
    (best, code), (second, _) = counts[0], counts[1]
    return code if best and best > second else None


def said_in(code: str | None, details: Mapping[str, str]) -> str | None:
    """The clinic's line in the language ``code`` with the clinic's ``details`` (clinic.yml's) filled
    in; None when it is not listed."""
    language = other_languages().get(code or "")
    return language.line.format(**{field: details[field] for field in LINE_FIELDS}) if language else None
