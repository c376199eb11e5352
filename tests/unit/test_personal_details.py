"""Personal details are replaced before a visitor's message is stored (connectors/personal_details.py).

Measured on corpora each written by a helper who had seen neither the recognisers nor the
other corpora: redaction_dev.yml to redaction_dev7.yml (each measured blind, its figures in
its header, then used to find kinds of misses; dev7 was round 7's holdout, read by kind in
round 8), tests/data/redaction_holdout.yml, the eighth, written blind for round 8 and read by
kind of miss in round 9, tests/data/redaction_holdout2.yml, the ninth, written blind for round
9, measured once after it and read by kind of miss in round 10, and
tests/data/redaction_holdout3.yml, the tenth, written blind while round 10 worked, measured
twice (before and after round 10's changes) and a development set since round 11 (its misses
read by kind), and tests/data/redaction_holdout4.yml, the eleventh, written blind while round
11 worked, measured twice (before and after round 11's changes) and a development set since
round 12 (its misses read by kind). All twelve are development sets now, as are holdout5 to holdout7.
tests/data/redaction_dev8.yml and redaction_dev9.yml are not blind: written in round 12 after
reading the recognisers, they hold round 12's kinds of names, dates and (dev9) addresses of many
countries, and clean messages with their traps, so that they stay found. Round 12's holdout,
tests/data/redaction_holdout5.yml, was written blind while round 12 worked, measured twice, and
is a development set since round 13 (its misses read by kind), held to its figures after round
13 (DEV_FLOORS). tests/data/redaction_dev10.yml is not blind: written in round 13 after reading
the recognisers and holdout5's misses, it holds round 13's kinds of dates, addresses, phones and
sign-off names, with clean messages and their traps. Round 13's holdout, redaction_holdout6.yml,
is a development set since round 14, and round 14's, redaction_holdout7.yml, since round 15 (their
misses read by kind), each held to its figures after that round (DEV_FLOORS).
redaction_holdout8.yml (round 15's holdout) was written blind while round 15 worked and measured
before and after it, counts only, and is a development set since round 16; redaction_holdout9.yml
(round 16's holdout) likewise since round 17.

The bar: on each, at least 95% of each kind of detail found, no medical or everyday term it
lists masked, and at most 5% of the messages without personal details losing any word. The
development sets meet it, except for the kinds in BELOW_BAR_FLOORS, held to floors so that they
cannot get worse. Figures when first measured blind:
- holdout (round 8), 2026-12-01 after round 8: emails 56/57, phones 73/74, dates 93/103,
  addresses 48/54, names 138/166, no listed term masked, 0/188 clean messages touched.
- holdout2 (round 9), 2026-12-01 after round 9: emails 64/64, phones 81/82, dates 99/106
  (93.4%), addresses 58/63 (92.1%), names 272/315 (86.3%), no listed term masked, 0/247 clean
  messages touched; after round 10 (its misses read by kind), 2026-12-01: 64/64, 81/82,
  106/106, 63/63, 313/315, no listed term masked, 0/247.
- holdout3 (round 10), counts only, 2026-12-01: before round 10 (the recognisers of round 9)
  emails 65/65, phones 77/80, dates 94/95, addresses 55/72 (76.4%), names 240/275 (87.3%), 3
  listed terms masked, 1/210 clean messages touched; once after round 10: 65/65, 77/80
  (96.2%), 95/95, 60/72 (83.3%), 242/275 (88.0%), no listed term masked, 0/210. Addresses and
  names are below the bar: the issue stays open. Round 11 read its misses by kind; after it,
  2026-12-01: 65/65, 80/80, 95/95, 72/72, 271/275 (98.5%), no listed term masked, 0/210.
- holdout4 (round 11), counts only, 2026-12-01: before round 11 (at 1cb75ff) emails 75/75,
  phones 87/87, dates 89/94 (94.7%), addresses 75/85 (88.2%), names 306/341 (89.7%), no listed
  term masked, 1/228 clean messages touched; once after round 11: 75/75, 87/87, 89/94 (94.7%),
  81/85 (95.3%), 317/341 (93.0%), no listed term masked, 1/228. Dates and names are below the
  bar: the issue stays open. Round 12 read its misses by kind; after it, 2026-12-01: 75/75,
  87/87, 94/94, 81/85 (95.3%), 338/341 (99.1%), no listed term masked, 1/228.
- holdout5 (round 12), counts only: before round 12 (at 82a428e) emails 101/101, phones
  167/172, dates 182/201, addresses 67/108, names 442/467, 2 listed terms masked, 2/253 clean
  messages touched; once after round 12, 2026-12-01: 101, 167, 184 (91.5%), 97 (89.8%), 445
  (95.3%), 2, 2/253. Dates and addresses were below the bar. Round 13 read its misses by kind;
  after it, 2026-12-02: 101/101, 171/172, 200/201 (99.5%), 107/108 (99.1%), 452/467 (96.8%),
  1 listed term masked ("Jack Russell", a dog), 1/253.
- holdout6 (round 13), counts only, written blind while round 13 worked (one grep of the round's
  developer printed three of its lines; the kind seen, Spanish "de mayo" dates, was left as it
  was): before round 13 (at d3a6ced) emails 84/86, phones 148/155, dates 200/233 (85.8%),
  addresses 135/153 (88.2%), names 419/466 (89.9%), 13 listed terms masked, 6/283 clean messages
  touched; once after round 13, 2026-12-02: 84, 153 (98.7%), 201 (86.3%), 137 (89.5%), 419
  (89.9%), 12, 5/283. Dates, addresses and names are below the bar: round 13's gains on holdout5
  (dates 91.5% -> 99.5%, addresses 89.8% -> 99.1%) did not carry over to a new writer. Round
  14 read its misses by kind; after it, 2026-12-02: 86/86, 155/155, 213/233 (91.4%), 150/153
  (98.0%), 443/466 (95.1%), 1 listed term masked, 2/283; a development set since round 14, held to
  those figures (DEV_FLOORS). Its dates stay below the bar by design: 20 are a weekday with the
  date ("Sunday <the 14th>"), whose date is masked and weekday kept, as the other corpora list
  weekdays to keep; 13 of its names missed are the clinic's own doctor, kept by design.
- holdout7 (round 14), counts only, written blind while round 14 worked: before round 14 (at
  d4cdccf) emails 89/89, phones 146/151, dates 206/220 (93.6%), addresses 135/151 (89.4%), names
  397/443 (89.6%), 7 listed terms masked, 1/200 clean messages touched; once after round 14,
  2026-12-02: 89, 146 (96.7%), 206 (93.6%), 139 (92.1%), 401 (90.5%), 2, 1/200. Dates, addresses
  and names were below the bar. Round 15 read its misses by kind; after it, 2026-12-02: 89/89,
  151/151, 210/220 (95.5%; 8 of the 10 left are a weekday before the date, kept as in holdout6),
  150/151 (99.3%), 430/443 (97.1%), no listed term masked, 0/200; a development set since round 15,
  held to those figures (DEV_FLOORS).
- holdout8 (round 15), counts only, written blind while round 15 worked (nobody developing read
  it): before round 15 (at 25ef49c) emails 93/93, phones 182/188 (96.8%), dates 217/231 (93.9%),
  addresses 138/154 (89.6%), names 352/426 (82.6%), 7 listed terms masked, 2/222 clean messages
  touched; once after it, 2026-12-02: 93/93, 183/188 (97.3%), 218/231 (94.4%), 138/154 (89.6%),
  354/426 (83.1%), 7, 2/222. Round 15's gains on holdout7 (names 90.5% to 97.1%, addresses 92.1%
  to 99.3%) hardly reached this new writer's messages: dates, addresses and names stay below the
  bar, and the issue stays open. A development set since round 16 (its misses read by kind); after
  round 16, 2026-12-02: 93/93, 183/188 (97.3%), 231/231, 153/154 (99.4%), 385/426 (90.4%), no
  listed term masked, 0/222; held to those figures (DEV_FLOORS, BELOW_BAR_FLOORS). Its names stay
  below the bar by design: 39 of the 41 missed are the clinic's own doctor ("Dr. Kohler"), kept.
- holdout9 (round 16), counts only, written blind on 2026-12-02 by a helper who saw neither the
  code nor any corpus (480 messages with 1,414 details, 288 without), from about 210 message
  shapes filled with names, numbers and addresses of 19 countries: before round 16 (at 5430d93)
  emails 112/112, phones 186/199 (93.5%), dates 225/231 (97.4%), addresses 141/161 (87.6%), names
  516/711 (72.6%), 7 listed terms masked, 4/288 clean messages touched; once after round 16,
  2026-12-02: 112/112, 186/199 (93.5%), 227/231 (98.3%), 141/161 (87.6%), 526/711 (74.0%), 7,
  4/288. 122 of its 711 names are the clinic's own doctor, kept by design (the writer was asked to
  mark him): without him, names 516/589 (87.6%) before and 526/589 (89.3%) after. Round 16's gains
  on holdout8 (names 83.1% to 90.4%, addresses 89.6% to 99.4%) hardly reached this new writer's
  messages: phones, addresses and names stay below the bar, and the issue stays open. A
  development set since round 17 (its misses read by kind); after round 17, 2026-12-02: 112/112,
  198/199 (99.5%), 227/231 (98.3%), 158/161 (98.1%), 575/711 (80.9%; 575/589, 97.6%, without the
  clinic's own doctor, whose 122 mentions stay by design), 5 listed terms masked, 2/288; held to
  those figures (DEV_FLOORS; its names in BELOW_BAR_FLOORS, below the bar only by the doctor).
- holdout10 (round 17's), counts only, written blind on 2026-12-02 by a helper who saw neither the
  code nor any corpus, by hand (no templates), and without the clinic's own doctor (500 messages
  with 1,404 details, 300 without): before any change (at ca0b13c) emails 160/160, phones 257/261
  (98.5%), dates 279/290 (96.2%), addresses 168/171 (98.2%), names 499/522 (95.6%), 5 listed terms
  masked, 1/300 clean messages touched: every kind at or above the bar on this writer's messages,
  where holdout9's template-made ones leave phones, addresses and names below it. Once after
  round 17 (at e65edbd), 2026-12-02: 160/160, 258/261 (98.9%), 279/290 (96.2%), 168/171 (98.2%),
  499/522 (95.6%), 5, 1/300: one phone more, the rest unchanged.
Print a corpus's figures (and, for a development set, its misses) with:

    .venv/bin/python -m tests.unit.test_personal_details [holdout9|holdout8|...|holdout|dev|...|dev10]

(a corpus in HOLDOUTS: its counts only, never its misses.)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from connectors.personal_details import PLACEHOLDERS, redact, redacted_user_event, redactor

DATA = Path(__file__).resolve().parents[1] / "data"
CORPORA = {"holdout10": DATA / "redaction_holdout10.yml", "holdout9": DATA / "redaction_holdout9.yml",
           "holdout8": DATA / "redaction_holdout8.yml", "holdout7": DATA / "redaction_holdout7.yml",
           "holdout6": DATA / "redaction_holdout6.yml", "holdout5": DATA / "redaction_holdout5.yml",
           "holdout4": DATA / "redaction_holdout4.yml", "holdout3": DATA / "redaction_holdout3.yml",
           "holdout": DATA / "redaction_holdout.yml", "holdout2": DATA / "redaction_holdout2.yml",
           "dev": DATA / "redaction_dev.yml",
           "dev5": DATA / "redaction_dev5.yml",
           "dev2": DATA / "redaction_dev2.yml", "dev3": DATA / "redaction_dev3.yml",
           "dev4": DATA / "redaction_dev4.yml", "dev6": DATA / "redaction_dev6.yml",
           "dev7": DATA / "redaction_dev7.yml", "dev8": DATA / "redaction_dev8.yml",
           "dev9": DATA / "redaction_dev9.yml", "dev10": DATA / "redaction_dev10.yml"}
KINDS = {"EMAIL": "EMAIL_ADDRESS", "PHONE": "PHONE_NUMBER", "DATE": "DATE_TIME",
         "ADDRESS": "STREET_ADDRESS", "NAME": "PERSON"}
MIN_RECALL = 0.95
MAX_MASKED_CLEAN_MESSAGES = 0.05
# The corpora whose misses are never shown, so that they stay fair tests, with their floors
# (details missed per kind and listed terms masked when first measured; lower them as they
# improve): {"name": {"missed": {"EMAIL": 0, ...}, "kept_terms_masked": 0}}. Round 15's
# (redaction_holdout8.yml; measured before round 15, at 25ef49c: emails 93/93, phones 182/188,
# dates 217/231, addresses 138/154, names 352/426, 7 listed terms masked, 2/222 clean touched;
# after round 15: phones 183/188, dates 218/231, names 354/426) is a development set since round 16.
# Round 16's (redaction_holdout9.yml; measured before round 16, at 5430d93: emails 112/112, phones
# 186/199, dates 225/231, addresses 141/161, names 516/711, 7 listed terms masked, 4/288 clean touched;
# after round 16: dates 227/231, names 526/711, the rest the same) is a development set since round 17.
HOLDOUTS: dict[str, dict] = {
    # Round 17's, written by hand (no templates) and never mentioning the clinic's own doctor,
    # measured before any change of round 17 (at ca0b13c): emails 160/160, phones 257/261, dates
    # 279/290, addresses 168/171, names 499/522, 5 listed terms masked, 1/300 clean touched; after
    # round 17 (at e65edbd): phones 258/261, the rest the same.
    "holdout10": {"missed": {"EMAIL": 0, "PHONE": 3, "DATE": 11, "ADDRESS": 3, "NAME": 23}, "kept_terms_masked": 5}}
# Development sets held to their figures when they became development sets (details missed per
# kind and listed terms masked at most), besides the bar. holdout5 after round 13: phones
# 171/172, dates 200/201, addresses 107/108, names 452/467, "Jack Russell" (a dog) masked
# until round 14.
# holdout6 after round 14 (below the bar for dates, addresses and names: see BELOW_BAR_FLOORS).
# holdout7 after round 15 (its misses read by kind): dates 210/220 (8 of the 10 left a weekday kept),
# addresses 150/151, names 430/443; holdout5's names 453/467 since round 15. holdout6's addresses
# 151/153 and names 446/466, holdout5's names 458/467, holdout7's names 433/443, since round 16;
# holdout8 after round 16 (its misses read by kind); holdout9 as it was after round 16, when round 17
# made it a development set (7 listed terms masked then, 5 after round 17); round 17's phones (extensions in
# other languages, area codes without a trunk 0, nine digits in groups): holdout9 198/199, holdout8 185/188,
# holdout5 172/172;
# round 17's names (surname particles, counted children, "it's" inside a message ...): holdout9 569/711
# (122 of the 142 missed the clinic's own doctor), then 575/711 (a name "here from" a place, whom the
# number came from, "she's" and a name); round 17's addresses (a second house's "bis", Poland's
# "os.", a flat, floor or suite after or before the street, a street without its type before its colony,
# Japan's blocks): holdout9 158/161.
DEV_FLOORS: dict[str, dict] = {"holdout5": {"missed": {"EMAIL": 0, "PHONE": 0, "DATE": 1, "ADDRESS": 0, "NAME": 9},
                                            "kept_terms_masked": 0},
                               "holdout6": {"missed": {"EMAIL": 0, "PHONE": 0, "DATE": 20, "ADDRESS": 2, "NAME": 20},
                                            "kept_terms_masked": 0},
                               "holdout7": {"missed": {"EMAIL": 0, "PHONE": 0, "DATE": 10, "ADDRESS": 1, "NAME": 10},
                                            "kept_terms_masked": 0},
                               "holdout8": {"missed": {"EMAIL": 0, "PHONE": 3, "DATE": 0, "ADDRESS": 1, "NAME": 41},
                                            "kept_terms_masked": 0},
                               "holdout9": {"missed": {"EMAIL": 0, "PHONE": 1, "DATE": 4, "ADDRESS": 3, "NAME": 136},
                                            "kept_terms_masked": 5}}
# Development sets below the bar for a kind, held to the details missed of that kind at most
# (their misses shown); every other kind of theirs is held to the bar (holdout3 went in, in round
# 11, with ADDRESS 60/72 and NAME 242/275; holdout4 and holdout5 at the bar). holdout6 after round 14;
# holdout7 went in, in round 15, with DATE 206/220, ADDRESS 139/151 and NAME 401/443, and left it then.
# holdout8 went in, in round 16, with ADDRESS 138/154 and NAME 354/426 (39 of the names the clinic's
# own doctor, kept by design), and its addresses left it then. holdout9 went in, in round 17, with PHONE
# 186/199, ADDRESS 141/161 and NAME 526/711 (122 of the names the clinic's own doctor, kept by design),
# and its phones and addresses left it in round 17.
BELOW_BAR_FLOORS: dict[str, dict[str, int]] = {"holdout6": {"DATE": 20}, "holdout8": {"NAME": 41},
                                               "holdout9": {"NAME": 136}}


@dataclass
class Figures:
    found: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)
    kept_terms_masked: list[str] = field(default_factory=list)
    clean_messages: int = 0
    clean_messages_masked: list[str] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.total[kind]

    def summary(self) -> str:
        lines = [f"{kind}: {self.found[kind]}/{self.total[kind]} ({self.recall(kind):.1%})" for kind in KINDS]
        lines.append(f"listed terms masked: {len(self.kept_terms_masked)}")
        lines.append(f"messages without personal details that lost a word: "
                     f"{len(self.clean_messages_masked)}/{self.clean_messages}")
        return "\n".join(lines)


def covered(text: str, detail: str, masked: list[tuple[int, int]], show: bool = True) -> bool:
    """Whether every occurrence of ``detail`` (as whole words) is inside masked text (``show``:
    whether a detail not in its message may be quoted; never for a holdout)."""
    occurrences = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(detail)}(?!\w)", text)]
    assert occurrences, f"{detail!r} is not in {text!r}" if show else "a holdout's detail is not in its message"
    return all(any(start <= s and e <= end for start, end in masked) for s, e in occurrences)


def measure(corpus_path: Path) -> Figures:
    show = corpus_path not in [CORPORA[name] for name in HOLDOUTS]
    corpus = YAML(typ="safe").load(corpus_path)
    figures = Figures()
    engine = redactor()
    for case in corpus["with_personal_details"]:
        text = case["text"]
        findings = engine.findings(text)
        redacted = engine.replaced(text, findings)
        # A detail inside another (a name in an email address) is gone with it.
        masked = [(f.start, f.end) for f in findings]
        for span in case["spans"]:
            figures.total[span["kind"]] += 1
            if covered(text, span["text"], masked, show):
                figures.found[span["kind"]] += 1
            else:
                figures.missed.append(f"{span['kind']} {span['text']!r}: {redacted}")
        figures.kept_terms_masked += [f"{term!r}: {redacted}" for term in case["keep"] if term not in redacted]
    for case in corpus["without_personal_details"]:
        text = case["text"]
        redacted = redact(text)
        figures.clean_messages += 1
        if redacted != text:
            figures.clean_messages_masked.append(redacted)
        figures.kept_terms_masked += [f"{term!r}: {redacted}" for term in case["keep"] if term not in redacted]
    return figures


@pytest.fixture(scope="module", params=list(CORPORA))
def corpus(request) -> tuple[str, Figures]:
    return request.param, measure(CORPORA[request.param])


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_of_personal_detail_is_found(corpus, kind):
    name, figures = corpus
    if name in HOLDOUTS:  # its misses are not shown: it stays a fair test
        missed = figures.total[kind] - figures.found[kind]
        assert missed <= HOLDOUTS[name]["missed"][kind], figures.summary()
        return
    misses = figures.summary() + "\n" + "\n".join(miss for miss in figures.missed if miss.startswith(kind))
    if name in DEV_FLOORS:
        assert figures.total[kind] - figures.found[kind] <= DEV_FLOORS[name]["missed"][kind], misses
    if kind in BELOW_BAR_FLOORS.get(name, {}):
        assert figures.total[kind] - figures.found[kind] <= BELOW_BAR_FLOORS[name][kind], misses
        return
    assert figures.recall(kind) >= MIN_RECALL, misses


def test_no_medical_or_listed_term_is_masked(corpus):
    name, figures = corpus
    if name in HOLDOUTS:
        assert len(figures.kept_terms_masked) <= HOLDOUTS[name]["kept_terms_masked"], figures.summary()
        return
    allowed = DEV_FLOORS.get(name, {}).get("kept_terms_masked", 0)
    assert len(figures.kept_terms_masked) <= allowed, "\n".join(figures.kept_terms_masked)


def test_messages_without_personal_details_stay_whole(corpus):
    name, figures = corpus
    share = len(figures.clean_messages_masked) / figures.clean_messages
    shown = [] if name in HOLDOUTS else figures.clean_messages_masked
    assert share <= MAX_MASKED_CLEAN_MESSAGES, figures.summary() + "\n" + "\n".join(shown)


def test_placeholders_say_what_was_removed():
    text = "I'm Anna Lopez, call (555) 201-3344 or anna@example.com, born 03/14/1962, at 12 Elm Street"
    assert redact(text) == "I'm <NAME>, call <PHONE> or <EMAIL>, born <DATE>, at <ADDRESS>"
    assert set(PLACEHOLDERS.values()) == {"<NAME>", "<PHONE>", "<EMAIL>", "<DATE>", "<ADDRESS>"}


def test_the_clinics_own_doctor_stays_other_doctors_are_masked():
    # The clinic's doctor (knowledge/clinic.yml) is who visitors ask about, not a personal detail.
    assert redact("Does Dr. Kohler see children? My GP Dr. Hana Petrova referred me.") == (
        "Does Dr. Kohler see children? My GP Dr. <NAME> referred me.")
    assert redact("my doctor is Dr. Kohler.") == "my doctor is Dr. Kohler."
    # ... with or without the title, and the clinic's name; a visitor called Matthew is still masked.
    for text in ("Is Matthew Kohler in on Fridays?", "can i book with dr. matthew kohler", "Kohler saw me in May",
                 "I love Ospina Medical", "My appointment with Dr. M. Kohler",
                 # Session 45's staff tester: the possessive without its apostrophe was masked.
                 "is dr kohlers clinic open tuesdays", "what are Dr Kohlers qualifications"):
        assert redact(text) == text
    assert redact("Hi, I'm Matthew Osei.") == "Hi, I'm <NAME>."


@pytest.mark.parametrize("text", ["my dad said I should call", "my husband says it's fine", "cheers mate",
                                  "he's sad about it", "my nan wont wake up", "it's red and swollen"])
def test_everyday_words_after_a_name_cue_stay(text):
    # Words that are also first names somewhere ("Said", "Red"), in lower case after a cue.
    assert redact(text) == text


@pytest.mark.parametrize(("text", "redacted"), [
    ("Ana - can I move my appointment?", "<NAME> - can I move my appointment?"),
    ("Temi Adeyemi temi@example.com knee pain", "<NAME> <EMAIL> knee pain"),
    ("my wife hope has MS", "my wife <NAME> has MS"),
    ("Ropinirole - any side effects?", "Ropinirole - any side effects?")])
def test_a_name_opening_a_message(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Names from the lexicon's Indian-script locales, romanised, and unaccented spellings
    ("hi, this is Deepak, my knee hurts", "hi, this is <NAME>, my knee hurts"),
    ("I'm Yildiz, 40", "I'm <NAME>, 40"),
    # A surname first, next to another detail, joined by "and"
    ("I'm Tran Van Duc, 45", "I'm <NAME>, 45"),
    ("Referring my patient Kofi Boateng (dob 3/4/1960)", "Referring my patient <NAME> (dob <DATE>)"),
    ("Write to me at kb@example.com, Kofi", "Write to me at <EMAIL>, <NAME>"),
    ("Amara and Rahul Mehta, both with insomnia", "<NAME> and <NAME>, both with insomnia"),
    # Addresses of other countries' grammar
    ("Please write to 7 Lindenstraße, 10115 Berlin", "Please write to <ADDRESS>"),
    ("we live at 21 Ngong Rd, Kilimani, Nairobi", "we live at <ADDRESS>"),
    ("send it to Room 5, 18 Century Avenue, Pudong, Shanghai 200120", "send it to <ADDRESS>"),
    ("phone: 03-1234-5678", "phone: <PHONE>"),
    # ... and what stays
    ("My Achilles, knees and back ache", "My Achilles, knees and back ache"),
    ("Visit Smith Clinic, 555-201-3344", "Visit Smith Clinic, <PHONE>"),
    ("Austin or San Antonio location?", "Austin or San Antonio location?")])
def test_names_and_addresses_in_wider_grammar(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 12. Someone who sent the visitor, where a sentence begins (not "Mom", a product, a medicine)
    ("Odette told me to write, she says you treat insomnia", "<NAME> told me to write, she says you treat insomnia"),
    ("Thorvald Brannigan asked me to contact you", "<NAME> asked me to contact you"),
    ("Mom said I should ask about CPAP", "Mom said I should ask about CPAP"),
    ("ChatGPT says I have sleep apnea", "ChatGPT says I have sleep apnea"),
    ("Zolvenza made me dizzy", "Zolvenza made me dizzy"),
    # whom to call or write to, before the number; a greeting from someone; greetings twice; a quote
    ("please text Odette on 07700 900123 after 5", "please text <NAME> on <PHONE> after 5"),
    ("call Florence Hospital at 555-201-3344", "call Florence Hospital at <PHONE>"),
    ("hello from Odette Brannigan, I have back pain", "hello from <NAME>, I have back pain"),
    ("Hello from Leeds! Is the clinic open Sunday?", "Hello from Leeds! Is the clinic open Sunday?"),
    ("hi hi its Bram! my knees hurt", "hi hi its <NAME>! my knees hurt"),
    ('my husband wrote: "Bram here, can I book?"', 'my husband wrote: "<NAME> here, can I book?"'),
    # several people: joined by "+" or "or", a list, lower-case names that are words, "gran"
    ("Ilse + Bram Koster, 12 Elm Street, both with insomnia", "<NAME> + <NAME>, <ADDRESS>, both with insomnia"),
    ("Ask for Ilse or Thorvald when you call", "Ask for <NAME> or <NAME> when you call"),
    ("My daughters Ilse, Lily and Grace all have restless legs",
     "My daughters <NAME>, <NAME> and <NAME> all have restless legs"),
    ("my son hunter and my daughter summer both snore", "my son <NAME> and my daughter <NAME> both snore"),
    ("my gran Odette can't sleep", "my gran <NAME> can't sleep"),
    # a name before "date of birth"; a first name that is a function word; a full name's parts alone
    ("Book me in: Bram Koster, date of birth 3/4/1960", "Book me in: <NAME>, date of birth <DATE>"),
    ("Per Arne Haugland bram@example.com hip pain", "<NAME> <EMAIL> hip pain"),
    ("Bram Koster\tbram@example.com", "<NAME>\t<EMAIL>"),
    ("Odette asked me to write. Her full name is Odette Fenna", "<NAME> asked me to write. Her full name is <NAME>"),
    ("Per the nurse, I should fast", "Per the nurse, I should fast"),
    # names the lexicon lacked: Korean given names, accented spellings, surnames of no listed language
    ("Eun-ji Park has insomnia", "<NAME> has insomnia"),
    ("Grace Park is lovely this time of year", "Grace Park is lovely this time of year"),
    ("Gülşen Kaya has restless legs", "<NAME> has restless legs"),
    ("I'm Mana Latu, email ml@example.com", "I'm <NAME>, email <EMAIL>"),
    ("I'm Taking Belsomra now", "I'm Taking Belsomra now"),
    # "name" typed with two letters swapped; a family by its name in the plural
    ("hi my nmae is Bram, i cant sleep", "hi my nmae is <NAME>, i cant sleep"),
    ("We're the Haddads, both with insomnia", "We're the <NAME>, both with insomnia"),
    ("we're the patients here", "we're the patients here"),
    # who will bring the visitor; a Korean given name before any capitalised surname
    ("either Ilse or Thorvald could take me, I can't drive", "either <NAME> or <NAME> could take me, I can't drive"),
    ("Someone can drive me there", "Someone can drive me there"),
    ("Gwang-soo Yoo and his wife both snore", "<NAME> and his wife both snore"),
    # a signature ends with its line
    ("Is it normal?\n--\nOrla Brannigan\nSent from my iPhone", "Is it normal?\n--\n<NAME>\nSent from my iPhone"),
    ("Is it normal?\nRuairi Haugland\nSent from my phone", "Is it normal?\n<NAME>\nSent from my phone"),
    # an Igbo name ending in -ioma; a tumour
    ("my wife Nkechioma thinks I have apnea", "my wife <NAME> thinks I have apnea"),
])
def test_names_in_round_12s_contexts(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 12: two-digit years after written dates, misspelled months, other languages' and
    # calendars' months, year first with dots, ordinal months, ranges, a month and year of birth
    ("born on the second of august 63", "born on <DATE>"),
    ("dob: 3rd Febuary 1971, hip pain", "dob: <DATE>, hip pain"),
    ("born Septmber 12th, 1968", "born <DATE>"),
    ("birthday 9. maj 1980, knees", "birthday <DATE>, knees"),
    ("born 21 Azar 1342", "born <DATE>"),
    ("born 1967. 11. 23. in Busan", "born <DATE> in Busan"),
    ("DOB the 2nd of the 11th, 1959", "DOB <DATE>"),
    ("away March 3-5 so not then", "away <DATE> so not then"),
    ("off 12–14 June 2025", "off <DATE>"),
    ("on holiday from the 3rd to the 5th of May", "on holiday from <DATE>"),
    ("born in march 1960", "born in <DATE>"),
    ("slept 3 hrs on 12/5, took 10mg on 12/6", "slept 3 hrs on <DATE>, took 10mg on <DATE>"),
    # ... and what stays
    ("I sleep 5-6 hours, 2 tabs of 5mg", "I sleep 5-6 hours, 2 tabs of 5mg"),
    ("we walked 3 to 5 miles", "we walked 3 to 5 miles"),
    ("in june 3 of us had covid", "in june 3 of us had covid"),
    ("march 5 mg daily", "march 5 mg daily"),
    ("I take 20 mg at 10pm and sleep 6 hours, pain 7/10", "I take 20 mg at 10pm and sleep 6 hours, pain 7/10"),
    ("I may 2nd guess it", "I may 2nd guess it"),
])
def test_dates_in_round_12s_forms(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 13: months from CLDR (Babel) in more languages and their cases, Roman-numeral and
    # CJK months, numbers with spaces around their separators or a year first with spaces, a
    # month first with dots, "the Nth day of", a misspelled month with an ordinal day, a day
    # and month right after a word for what is booked on it
    ("urodzona 14 marca 1952, bolą kolana", "urodzona <DATE>, bolą kolana"),
    ("fæddur 3. febrúar 1949", "fæddur <DATE>"),
    ("született 1955. március 7.", "született <DATE>"),
    ("born 4.VII.1962 in Gdańsk", "born <DATE> in Gdańsk"),
    ("my date of birth is 23 XI 1970", "my date of birth is <DATE>"),
    ("生日 1972年11月3日", "生日 <DATE>"),
    ("can we do 4月18日?", "can we do <DATE>?"),
    ("dob 7 - 3 - 1981", "dob <DATE>"),
    ("DOB 1975 03 28, shoulder", "DOB <DATE>, shoulder"),
    ("Odette Fenna, 1981 07 30, knee pain", "<NAME>, <DATE>, knee pain"),
    ("birthday 11.27.1966 not 27.11", "birthday <DATE> not 27.11"),
    ("I was born on the twelfth day of March 1950", "I was born on <DATE>"),
    ("born July the 9th, 1958", "born <DATE>"),
    ("Can you see me on Janury 14th?", "Can you see me on <DATE>?"),
    ("please book me in for 8/11", "please book me in for <DATE>"),
    ("could I come in 14/2 instead", "could I come in <DATE> instead"),
    ("my appointment is 3/10, right?", "my appointment is <DATE>, right?"),
    ("is 22/7 free for a check-up?", "is <DATE> free for a check-up?"),
    # ... and what stays: pain scores, fractions, the Fourth of July, a year-free foreign word
    ("pain is 7/10 at night", "pain is 7/10 at night"),
    ("is 8/10 normal after surgery?", "is 8/10 normal after surgery?"),
    ("book 2/3 of my sessions online", "book 2/3 of my sessions online"),
    ("my pain was 9/10 after my appointment", "my pain was 9/10 after my appointment"),
    ("since the Fourth of July fireworks", "since the Fourth of July fireworks"),
    ("3 marca tablets a day", "3 marca tablets a day"),
])
def test_dates_in_round_13s_forms(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 13: an address grown over units as other countries write them (a block with a
    # letter, Austria's "Top", Turkey's "D:", Korea's "-ho"), a street prefix ending in a sign
    # ("C/"), a house number with three separators, a street of letters and digits, Icelandic
    # street words, a church or school as the building, the town before the street
    ("I'm at Strada Florilor nr. 8, bl. A4, sc. 2, ap. 31, Cluj-Napoca 400000. Knees.",
     "I'm at <ADDRESS>. Knees."),
    ("Address: Linzer Straße 40, Top 7, 1140 Wien", "Address: <ADDRESS>"),
    ("we live at Atatürk Caddesi No: 14 D: 9, Çankaya, Ankara", "we live at <ADDRESS>"),
    ("I live at Centum-ro 30, 805-ho, Haeundae-gu, Busan 48058", "I live at <ADDRESS>"),
    ("send it to C/ Alcalá 120, 3ºA, 28009 Madrid", "send it to <ADDRESS>"),
    ("H.No. 4-1-120/7, Road No. 3, Banjara Hills, Hyderabad 500034", "<ADDRESS>"),
    ("I stay at 8, Jalan USJ9/5, 47620 Subang Jaya", "I stay at <ADDRESS>"),
    ("Hringbraut 12, 107 Reykjavík", "<ADDRESS>"),
    ("Parish address: Holy Cross Church, 9 Mill Lane, Dundalk", "Parish address: <ADDRESS>"),
    ("Lisbon, Rua Augusta 120, 1100-053", "<ADDRESS>"),
    # ... and what stays
    ("I was in the top 10 of my class", "I was in the top 10 of my class"),
    ("school, 3 times a week, hurts my back", "school, 3 times a week, hurts my back"),
])
def test_addresses_in_round_13s_forms(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 13: a sign-off name with the message going on, "mam", a relation with "'s" where a
    # sentence begins, a maiden name, a generation after the name; eponyms stay
    ("Cheers, Oonagh Brady. My hip is the same.", "Cheers, <NAME>. My hip is the same."),
    ("Thanks. Sleep is still poor.", "Thanks. Sleep is still poor."),
    ("my mam Eirlys has gout", "my mam <NAME> has gout"),
    ("I'm Tunde. Husband's Folake, she snores", "I'm <NAME>. Husband's <NAME>, she snores"),
    ("My gran, Ilse Koster née Brannigan, 90, can't sleep", "My gran, <NAME> née <NAME>, 90, can't sleep"),
    ("Yes, Patrick Brannigan Jr. Back pain", "Yes, <NAME> Back pain"),
    ("Odette Fenna III. Knee pain since May", "<NAME>. Knee pain since May"),
    ("Hi, I'm Sparrow (they/them), hip pain", "Hi, I'm <NAME> (they/them), hip pain"),
    ("Was the Jack Davis test the right one for my knee?", "Was the Jack Davis test the right one for my knee?"),
])
def test_names_in_round_13s_contexts(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 14: the day after a weekday (the weekday stays, as other corpora list it to keep), a
    # day past the 12th in October after a date word, what was done or is due on a date, days
    # of one month in a list, the first day of a range, a year of birth "about", the Islamic and
    # Hebrew calendars' months, another language's word for an appointment before d.m.
    ("Could we meet on Sunday the 14th at 3?", "Could we meet on Sunday <DATE> at 3?"),
    ("pain log: Sat 15/3 6/10, Sun 16/3 5/10", "pain log: Sat <DATE> 6/10, Sun <DATE> 5/10"),
    ("the nurse saw me on 23/10 again", "the nurse saw me on <DATE> again"),
    ("the scan done 19/11 showed a tear", "the scan done <DATE> showed a tear"),
    ("jabs 4/3, 11/3, 18/3 so far", "jabs <DATE> so far"),
    ("away 23/12 to 2/1", "away <DATE> to <DATE>"),
    ("she was born about 1950", "she was born about <DATE>"),
    ("born 12 Rajab 1390, knee", "born <DATE>, knee"),
    ("Nächster Termin am 3.12. bitte", "Nächster Termin am <DATE> bitte"),
    # ... and what stays
    ("I tried 16/8, 18/6 and 20/4 fasting", "I tried 16/8, 18/6 and 20/4 fasting"),
    ("from 7/10 to 9/10 after the op", "from 7/10 to 9/10 after the op"),
    ("I sat 3rd in the race", "I sat 3rd in the race"),
    ("Termin 12.5 mg", "Termin 12.5 mg"),
])
def test_dates_in_round_14s_forms(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 14: medical words of other languages (their endings) are no name and no part of an
    # address; names ending alike stay names.
    ("Greta here, Lindenweg 4, 80331 München, Kopfschmerzen", "<NAME> here, <ADDRESS>, Kopfschmerzen"),
    ("Ines, 3 Rua Nova, 1100-053 Lisboa, lombalgia", "<NAME>, <ADDRESS>, lombalgia"),
    ("Kristjan, 12 Kaivokatu, 00100 Helsinki, niskakipu", "<NAME>, <ADDRESS>, niskakipu"),
    ("Born 2.3.1961. Halswirbel. Call 0171 5551234", "Born <DATE>. Halswirbel. Call <PHONE>"),
    ("Hi I'm Ambrose, knees ache", "Hi I'm <NAME>, knees ache"),
])
def test_other_languages_medical_words_stay(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 14: "MR" in capitals before a lower-case word (modified release), a month before more
    # months, a first name and surname after an article or "my" with no cue (a product, a breed)
    ("Oxycodone 20mg MR at night", "Oxycodone 20mg MR at night"),
    ("MR SMITH needs an appointment", "MR <NAME> needs an appointment"),
    ("Oct, Nov and December were bad", "Oct, Nov and December were bad"),
    ("June or July would suit me, I'm April Jones", "June or July would suit me, I'm <NAME>"),
    ("I'm Jan, 54", "I'm <NAME>, 54"),
    ("Our Cavalier King sleeps on my feet", "Our Cavalier King sleeps on my feet"),
    ("I bought a Kelsey Lane mattress", "I bought a Kelsey Lane mattress"),
    ("my wife Jane Smith has gout", "my wife <NAME> has gout"),
    ("Jane Smith has gout", "<NAME> has gout"),
])
def test_things_and_months_that_look_like_names(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 14: a spelled-out email at a country's domain, ten digits in five pairs, a local
    # number after "my number" or "new number"
    ("write to marie.l at orange dot fr please", "write to <EMAIL> please"),
    ("mail me: tane.w at webmail dot co dot nz", "mail me: <EMAIL>"),
    ("portable 06.12.34.56.78 svp", "portable <PHONE> svp"),
    ("appelez le 04 91 55 12 34", "appelez le <PHONE>"),
    ("my new number is 555-0199", "my new number is <PHONE>"),
    # ... and what stays
    ("case number 555-0199", "case number 555-0199"),
    ("doses 10 20 30 40 50", "doses 10 20 30 40 50"),
])
def test_contact_details_in_round_14s_forms(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 14: a time of day or another language's hello before "X here", a name then "here" or
    # "again" after a sentence or comma, a name and a colon opening a message, after a dash with
    # the message going on, a lone known name in lower case, two names alone as a sentence,
    # someone thanked, honorifics and relations written as titles, relations in other languages
    # or without "my", whom the visitor cares for or lives with, a name then "@" and an address
    ("Afternoon! Oswin Tarrant here, my hip aches", "Afternoon! <NAME> here, my hip aches"),
    ("Hallo!! Wiebke here, Knie tut weh", "Hallo!! <NAME> here, Knie tut weh"),
    ("The scan was fine, Percival again. Still sore", "The scan was fine, <NAME> again. Still sore"),
    ("Ottilie: my wrist clicks at night", "<NAME>: my wrist clicks at night"),
    ("Results to me — Ottilie. Wrist pain", "Results to me — <NAME>. Wrist pain"),
    ("It wakes me at 4. rosalind. any tips?", "It wakes me at 4. <NAME>. any tips?"),
    ("We moved last year. Anselm and Brigida.", "We moved last year. <NAME> and <NAME>."),
    ("thank you Ottilie for the leaflet", "thank you <NAME> for the leaflet"),
    ("I'm Chief Obinna Eze, knee pain", "I'm Chief <NAME>, knee pain"),
    ("so does Auntie Bisola, gout too", "so does Auntie <NAME>, gout too"),
    ("fibromialgia, vive con mi marido Anselmo", "fibromialgia, vive con mi marido <NAME>"),
    ("my son Ade and daughter Bisola both snore", "my son <NAME> and daughter <NAME> both snore"),
    ("dad is Rolf, mum is Wiebke. Both sleep badly", "dad is <NAME>, mum is <NAME>. Both sleep badly"),
    ("I am the carer for Percival, he is 90", "I am the carer for <NAME>, he is 90"),
    ("Ottilie lives with me at 12 Elm Street", "<NAME> lives with me at <ADDRESS>"),
    ("Wiebke @ 12 Elm Street, knee pain", "<NAME> @ <ADDRESS>, knee pain"),
    # ... a name run into the label before a date, a nickname in brackets before the surname, a
    # name opening a message written for a relation
    ("Wrist pain again. Ottilie DOB 3/4/1960", "Wrist pain again. <NAME> DOB <DATE>"),
    ("This is Temitope (Tope) Bello. Knee pain", "This is <NAME>. Knee pain"),
    ("Ottilie for my dad: gout, 12 Elm Street", "<NAME> for my dad: gout, <ADDRESS>"),
    # ... and what stays
    ("Morning. Pain here is bad", "Morning. Pain here is bad"),
    ("Sciatica: what helps?", "Sciatica: what helps?"),
    ("Thanks Google for nothing", "Thanks Google for nothing"),
    ("Chief complaint: back pain", "Chief complaint: back pain"),
    ("My back hurts. Sleep and rest.", "My back hurts. Sleep and rest."),
    ("Hallo, Ibuprofen again?", "Hallo, Ibuprofen again?"),
    ("I care for Parkinson's patients", "I care for Parkinson's patients"),
])
def test_names_in_round_14s_contexts(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 15: a capitalised month with one slip and a bare day, a Japanese era's year,
    # Lithuanian's marks of year and day, the dot Croatian writes after the year; ten digits in
    # 4-3-3, an area code in brackets, a country code in brackets, a number read aloud in words
    # and digits
    ("her birthday is Decmber 3 and she wants a voucher", "her birthday is <DATE> and she wants a voucher"),
    ("born 令和2年7月9日 in Osaka", "born <DATE> in Osaka"),
    ("gimė 1990 m. birželio 14 d., nugara skauda", "gimė <DATE>, nugara skauda"),
    ("rođena 4. 11. 1975. u Zagrebu", "rođena <DATE> u Zagrebu"),
    ("knee pain at night. 0412 558 903", "knee pain at night. <PHONE>"),
    ("call me on (02) 9374 4400 after 6", "call me on <PHONE> after 6"),
    ("ring (+353) 87-555-0192 please", "ring <PHONE> please"),
    ("my cell is oh-seven-seven, 412, 9081 thanks", "my cell is <PHONE> thanks"),
    ("try 2-0-6, six-one-four, nine-nine-zero-one. knee", "try <PHONE>. knee"),
    # ... and what stays
    ("Octobr 3 times a week", "Octobr 3 times a week"),
    ("took one 10 mg then two 5 mg at 3 am", "took one 10 mg then two 5 mg at 3 am"),
    ("I did 1000 200 300 steps", "I did 1000 200 300 steps"),
])
def test_dates_and_phones_in_round_15s_forms(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 15: relations as South Asian families write them, with an initial before the name;
    # someone who sent or was told, inside a sentence; whom the visitor went to see; a known first
    # name as a subject after a word for when; names then "are my" and a relation; one capitalised
    # name then "here"; a full name as the first sentence; a name after what the visitor is; the
    # Philippines' "Ma."; kisses after a sign-off; "X my name"; "add X as my carer"; "(my kids)"
    ("writing for my appa R. Kumaran, he is 80", "writing for my appa <NAME>, he is 80"),
    ("because Adaeze told me about you", "because <NAME> told me about you"),
    ("I told Brendan I'd message you", "I told <NAME> I'd message you"),
    ("I went to see Alejandro at the gym", "I went to see <NAME> at the gym"),
    ("Last night Odalys had to sleep in a chair", "Last night <NAME> had to sleep in a chair"),
    ("Rosalind and Imogen are my twin daughters, both 12", "<NAME> and <NAME> are my twin daughters, both 12"),
    ("Thabo here. Back pain", "<NAME> here. Back pain"),
    ("Kemi Adebayo-Williams. 35. Chronic pain", "<NAME>. 35. Chronic pain"),
    ("I'm a PhD student, Jae-won Choi. Back pain", "I'm a PhD student, <NAME>. Back pain"),
    ('I\'m sixty, retired nurse, Odile "Red" Brannigan. Back\'s bad', "I'm sixty, retired nurse, <NAME>. Back's bad"),
    ("I am Ma. Cristina Reyes, email mcr@example.com", "I am <NAME>, email <EMAIL>"),
    ("hiya, knee pain. Chloe x", "hiya, knee pain. <NAME> x"),
    ("Karolina my name. Back pain", "<NAME> my name. Back pain"),
    ("Please add Samuel as my carer contact", "Please add <NAME> as my carer contact"),
    ("after talking with Ilse and Bram (my kids)", "after talking with <NAME> and <NAME> (my kids)"),
    ("Hi all, greetings from Odalys. My neck", "Hi all, greetings from <NAME>. My neck"),
    ("ok so odalys told me to write here", "ok so <NAME> told me to write here"),
    ("my dad jack o'reilly born 1940", "my dad <NAME> born <DATE>"),
    # ... and what stays: months, places, seasons and brands named after doctors
    ("Hope is all I have left", "Hope is all I have left"),
    ("we visited Florence in May", "we visited Florence in May"),
    ("Since May has been bad", "Since May has been bad"),
    ("Dawn is the worst time for my back", "Dawn is the worst time for my back"),
    ("The group on Washington Avenue sent me here", "The group on Washington Avenue sent me here"),
    ("her passport says 1950", "her passport says 1950"),
    ("I'm sorry, Dr Kohler. My knee", "I'm sorry, Dr Kohler. My knee"),
    ("I'm in Texas, San Antonio. Is there a clinic?", "I'm in Texas, San Antonio. Is there a clinic?"),
    ("I'm from Ghana, Accra. Knees", "I'm from Ghana, Accra. Knees"),
    ("My Dr. Scholl's gel insoles help, and my Dr Martens boots",
     "My Dr. Scholl's gel insoles help, and my Dr Martens boots"),
    ("Rheuma seit Jahren", "Rheuma seit Jahren"),
    ("then my doctor told me to rest", "then my doctor told me to rest"),
    ("my dad jack hammered the wall", "my dad jack hammered the wall"),
    # voice assistants are told things as people are
    ("I told Alexa to play rain sounds at 2am", "I told Alexa to play rain sounds at 2am"),
    ("because Siri told me it was 3am again", "because Siri told me it was 3am again"),
])
def test_names_in_round_15s_contexts(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 16: a day and a month of another language without a year (no English month nor
    # common word), months of other scripts with a year, French "1er", a year of birth after
    # another language's word for it, a day past the 12th after "available" or in a list, "I
    # come 14/2", "on 3 march", a month and a day past the 12th "instead of" another
    ("Posso venire il 12 dicembre?", "Posso venire il <DATE>?"),
    ("my appointment on 15 stycznia - can I move it?", "my appointment on <DATE> - can I move it?"),
    ("Born 14 травня 1980, back pain", "Born <DATE>, back pain"),
    ("Born 5 ธันวาคม 1970.", "Born <DATE>."),
    ("Né le 1er mars 1979.", "Né le <DATE>."),
    ("Mia nonna (classe 1936) ha l'artrite", "Mia nonna (classe <DATE>) ha l'artrite"),
    ("meine Mutter (Jahrgang 1948)", "meine Mutter (Jahrgang <DATE>)"),
    ("Available 21/10 or 23/10.", "Available <DATE>."),
    ("Can I come 14/2?", "Can I come <DATE>?"),
    ("can u see us together on 3 march?", "can u see us together on <DATE>?"),
    ("can she come on 4/2 instead of 3/19?", "can she come on <DATE> instead of <DATE>?"),
    # ... and what stays: a place or a first name before a number, a month word before a noun,
    # "may" and "march" as words, a half tablet, pain scores
    ("We met in Augusta 5 years ago", "We met in Augusta 5 years ago"),
    ("The Augusta 5 was lovely", "The Augusta 5 was lovely"),
    ("I eat 3 mars bars a day, 2 Mars bars at night", "I eat 3 mars bars a day, 2 Mars bars at night"),
    ("Room 4 Marco was loud, bed 4 Julie", "Room 4 Marco was loud, bed 4 Julie"),
    ("Dose 3 mai? Knieschmerzen", "Dose 3 mai? Knieschmerzen"),
    ("we may 3 march again, 3 marches", "we may 3 march again, 3 marches"),
    ("We walked 5 miles on 3 march paths", "We walked 5 miles on 3 march paths"),
    ("Pain 13/10 or 14/10 lol", "Pain 13/10 or 14/10 lol"),
    ("Can I come 9/10 mornings this month? My Tata Nano seat hurts",
     "Can I come 9/10 mornings this month? My Tata Nano seat hurts"),
    ("I take 1 instead of 1/2 now, pain 7/10 or 8/10", "I take 1 instead of 1/2 now, pain 7/10 or 8/10"),
])
def test_dates_in_round_16s_forms(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 16: other languages' self-introductions and relations, a foreign possessive, a
    # relation with a bracket or colon, nicknames and who calls someone so, staff by where they
    # work, "told by", "mine (X)", "mine - X", an aside between a name and "here", a name in its
    # own script after it, a lower-case first name with an age after it, "it's me, X", a full
    # name in lower case of known name parts
    ("Olá! Sou a Beatriz Carvalho, tenho fibromialgia", "Olá! Sou a <NAME>, tenho fibromialgia"),
    ("mijn naam is Pieter ter Horst en mijn vrouw Els ten Brink slaapt slecht",
     "mijn naam is <NAME> en mijn vrouw <NAME> slaapt slecht"),
    ("Goedemiddag, ik ben Sanne de Vries, whiplash", "Goedemiddag, ik ben <NAME>, whiplash"),
    ("ciao, sono Matteo. la mia ragazza Sofia dice", "ciao, sono <NAME>. la mia ragazza <NAME> dice"),
    ("hi, jeg er Lars, 42 år", "hi, jeg er <NAME>, 42 år"),
    ("Jó napot! Nagy Zsófia vagyok, 45 éves", "Jó napot! <NAME> vagyok, 45 éves"),
    ("Su hija, Valentina de la Cruz.", "Su hija, <NAME>."),
    ("bad back, wife (Darlene) says I snore", "bad back, wife (<NAME>) says I snore"),
    ("His wife: Monique.", "His wife: <NAME>."),
    ("Hey, Declan here (Deco to the lads). Torn hamstring", "Hey, <NAME> here (<NAME> to the lads). Torn hamstring"),
    ("This is Wojciech Nowak (friends say Wojtek).", "This is <NAME> (friends say <NAME>)."),
    ("my son Michael (we call him MJ) is 17", "my son <NAME> (we call him <NAME>) is 17"),
    ("hii, its Sunita, everyone calls me sunny.", "hii, its <NAME>, everyone calls me <NAME>."),
    ("José, pero me dicen Pepe.", "<NAME>, pero me dicen <NAME>."),
    ("I was told by Janet at reception to email you", "I was told by <NAME> at reception to email you"),
    ("say thanks to Tom at the front desk", "say thanks to <NAME> at the front desk"),
    ("Best number is 555-201-3344, or mine (Yuki)", "Best number is <PHONE>, or mine (<NAME>)"),
    ("555-201-3344 (mine - Femi Bakare).", "<PHONE> (mine - <NAME>)."),
    ("writing for my client (with consent) Andriy Melnyk, 34", "writing for my client (with consent) <NAME>, 34"),
    ("Good morning Dr. Kohler, Ryo Matsumoto (松本亮) here.", "Good morning Dr. Kohler, <NAME> (<NAME>) here."),
    ("name: Park Hyun-woo / 박현우. DOB: 1/2/1980", "name: <NAME> / <NAME>. DOB: <DATE>"),
    ("my daughter grace (she's 16) has osgood-schlatter", "my daughter <NAME> (she's 16) has osgood-schlatter"),
    ("hi dr kohler!! its me, izzy from instagram lol", "hi dr kohler!! its me, <NAME> from instagram lol"),
    ("hi hi, tan mei ling here. neck pain", "hi hi, <NAME> here. neck pain"),
    # ... and what stays: diseases and medicines, pain in Malay, German nouns after a month or a
    # pronoun, whom a sign-off is said to, a holiday, adjectives, words that are no name parts
    ("Sjögren's and fibromyalgia here, dry eyes", "Sjögren's and fibromyalgia here, dry eyes"),
    ("Ich habe seit Mai Knieschmerzen. Bieten Sie Videosprechstunden an?",
     "Ich habe seit Mai Knieschmerzen. Bieten Sie Videosprechstunden an?"),
    ("Umur 55. Sakit lutut dan susah tidur. Lahir 1969", "Umur 55. Sakit lutut dan susah tidur. Lahir 1969"),
    ("12 Jalan Ampang, 50450 Kuala Lumpur. sakit", "<ADDRESS>. sakit"),
    ("mera naam Rahul hai. kamar dard. Nakke.", "mera naam <NAME> hai. kamar dard. Nakke."),
    ("Bern. +41 31 555 12 12. Hüfte. Letzter Termin", "Bern. <PHONE>. Hüfte. Letzter Termin"),
    ("Cheers Mate.", "Cheers Mate."),
    ("Thanks all! Cheers, Mate. Thanks mate!", "Thanks all! Cheers, Mate. Thanks mate!"),
    ("She is a Valentine's baby.", "She is a Valentine's baby."),
    ("my wife calls me lazy and she calls me back", "my wife calls me lazy and she calls me back"),
    ("my husband (he is 60) Carbamazepine helps", "my husband (he is 60) Carbamazepine helps"),
    ("my mother (bless her) Arthritis, knees", "my mother (bless her) Arthritis, knees"),
    ("Hi, back pain here. Knee too", "Hi, back pain here. Knee too"),
    ("Medications - my husband: Tramadol 50mg. Mine (Tylenol) works, mine - Advil, not",
     "Medications - my husband: Tramadol 50mg. Mine (Tylenol) works, mine - Advil, not"),
    ("my husband (72) Tramadol, 50mg at night", "my husband (72) Tramadol, 50mg at night"),
    ("Dan Smith and Una Healy have back pain", "<NAME> and <NAME> have back pain"),
])
def test_names_in_round_16s_contexts(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 16: self-introductions, relations and titles in more languages, their hellos no
    # name, a three-part name ending in a given name that is an English word ("An")
    ("Здравствуйте, меня зовут Ольга Петрова, боли в спине.", "Здравствуйте, меня зовут <NAME>, боли в спине."),
    ("Bună ziua, mă numesc Andrei Popescu, am dureri de spate.", "Bună ziua, mă numesc <NAME>, am dureri de spate."),
    ("Merhaba, benim adım Elif Yılmaz. Belim ağrıyor.", "Merhaba, benim adım <NAME>. Belim ağrıyor."),
    ("Halo, nama saya Budi Santoso, sakit punggung.", "Halo, nama saya <NAME>, sakit punggung."),
    ("Hello po, ako si Maria Santos, masakit ang likod ko.", "Hello po, ako si <NAME>, masakit ang likod ko."),
    ("Habari, jina langu ni Amina Hassan.", "Habari, jina langu ni <NAME>."),
    ("Xin chào, tên tôi là Nguyễn Văn An, tôi bị đau lưng.", "Xin chào, tên tôi là <NAME>, tôi bị đau lưng."),
    ("namaste, mera naam Rahul Verma hai", "namaste, mera naam <NAME> hai"),
    ("Mevrouw Jansen heeft rugpijn. Pani Nowak ma ból.", "Mevrouw <NAME> heeft rugpijn. Pani <NAME> ma ból."),
    ("Moja żona Anna ma bóle.", "Moja żona <NAME> ma bóle."),
    ("Hej, jag heter Erik Johansson. Min fru Maria har ont.", "Hej, jag heter <NAME>. Min fru <NAME> har ont."),
    ("Mój syn Piotr ma skoliozę.", "Mój syn <NAME> ma skoliozę."),
    ("Zhou Xin, zx@example.com, back pain", "<NAME>, <EMAIL>, back pain"),
    # ... first names of West and East Africa, the Arab world, Israel, the Philippines, Vietnam and
    # China that the lexicon lacks; "I'm ... from" a capitalised place
    ("Please call 555-201-3344 and ask for Femi. She has stenosis",
     "Please call <PHONE> and ask for <NAME>. She has stenosis"),
    ("I'm Faisal Al-Zahrani from Jeddah. Back pain.", "I'm <NAME> from Jeddah. Back pain."),
    ("I'm Tired from Work. i'm sore from Pilates. I'm Irish from Cork.",
     "I'm Tired from Work. i'm sore from Pilates. I'm Irish from Cork."),
    # ... "my name is will turner", a lower-case full name of known parts before a dash, "it's me
    # Kiko", a quoted nickname, a lower-case name before "she has", "for me, ruby."
    ("my name is will turner (not the pirate haha)", "my name is <NAME> (not the pirate haha)"),
    ("nguyen thi lan - i have pain in my feet", "<NAME> - i have pain in my feet"),
    ("Heya, it's me Kiko. Knee.", "Heya, it's me <NAME>. Knee."),
    ("it's ok to call me 'Bear', everyone does.", "it's ok to call me '<NAME>', everyone does."),
    ("pls help my mum faith she has arthritis", "pls help my mum <NAME> she has arthritis"),
    ("this is for me, ruby. lupus", "this is for me, <NAME>. lupus"),
    ("lower back pain - help. it's for me, thanks. my dad he has pain",
     "lower back pain - help. it's for me, thanks. my dad he has pain"),
    # ... a sign-off name with kisses, whom to reply or write to before the address, "thanks to X for"
    ("Cheers, Siobhan x", "Cheers, <NAME> x"),
    ("3rd Floor, Kingsway House, 8 Tunde Idiagbon St, Lekki, Lagos", "<ADDRESS>"),
    ("hey its me again (brianna) my knees", "hey its me again (<NAME>) my knees"),
    ("She (Marguerite) is 84 and falls a lot.", "She (<NAME>) is 84 and falls a lot."),
    ("Warm wishes from Hortense and Gilbert.", "Warm wishes from <NAME> and <NAME>."),
    ("hi it's Wen. Can we switch?", "hi it's <NAME>. Can we switch?"),
    ("Hina from Osaka, now living in Leeds", "<NAME> from Osaka, now living in Leeds"),
    ("Pain from Work, every day.", "Pain from Work, every day."),
    ("Hello from Hawaii, knee pain.", "Hello from Hawaii, knee pain."),
    ("Ok correction: it's Siobhan, not Shivon.", "Ok correction: it's <NAME>, not <NAME>."),
    ("It's Anna, not Tylenol.", "It's <NAME>, not Tylenol."),
    ("Hi, it's Christmas. Back pain", "Hi, it's Christmas. Back pain"),
    ("She (my mum) is 84. its me again (sorry). Best wishes from Leeds and Bradford.",
     "She (my mum) is 84. its me again (sorry). Best wishes from Leeds and Bradford."),
    ("Please reply to Imogen at imogen.w@example.com", "Please reply to <NAME> at <EMAIL>"),
    ("and thanks to Maureen for the booking!", "and thanks to <NAME> for the booking!"),
    ("thanks to Google for nothing. Cheers, mate x. Send it to Mum at mum@example.com",
     "thanks to Google for nothing. Cheers, mate x. Send it to Mum at <EMAIL>"),
    # ... and what stays: English words that are titles or relations elsewhere
    ("I have a pan of water. Pan Am flight. I ate Pasta", "I have a pan of water. Pan Am flight. I ate Pasta"),
    # ... and the function words those languages write after the same words
    ("mera naam ki dawai kya hai? Nama saya tidak penting.", "mera naam ki dawai kya hai? Nama saya tidak penting."),
    ("me llaman del hospital mañana. Kızım diyor ki horluyorum.",
     "me llaman del hospital mañana. Kızım diyor ki horluyorum."),
])
def test_names_in_more_languages(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "<script>alert(1)</script>", "a" * 50_000,
                                  "¿Dónde está la clínica?", "7/10 pain, 800 mg, 3 am"])
def test_any_input_comes_back_as_text(text):
    assert isinstance(redact(text), str)


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 17: an extension in another language, an area code without its trunk 0, nine digits
    # in groups
    ("call 1 (416) 555-0174 poste 752", "call <PHONE>"),
    ("her number is (22) 562-30-00", "her number is <PHONE>"),
    ("cel (11) 98765-4321", "cel <PHONE>"),
    ("ring me on 612 345 678 after 5", "ring me on <PHONE> after 5"),
    ("Ana, 91 340 80 67", "<NAME>, <PHONE>"),
    # ... and what stays
    ("I take 100 200 300 mg steps", "I take 100 200 300 mg steps"),
    ("pain 7/10, slept 5 hours (22) nights", "pain 7/10, slept 5 hours (22) nights"),
])
def test_phones_in_round_17s_forms(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 17: a surname that begins with a particle, with no cue; "Ma." before a first name
    ("Names for the account: Odette van den Berg, Bram ap Iorwerth", "Names for the account: <NAME>, <NAME>"),
    ("I had the shot, it helped. — Marites delos Peña", "I had the shot, it helped. — <NAME>"),
    ("Who is Amélie d'Aubigné? She emailed me", "Who is <NAME>? She emailed me"),
    ("my aunt Ma. Theresa and uncle Bram are coming", "my aunt <NAME> and uncle <NAME> are coming"),
    # children counted, then named; names joined where a message begins; after an emoji
    ("I've got three kids, Ilse, Femke and Odette, and neck pain",
     "I've got three kids, <NAME>, <NAME> and <NAME>, and neck pain"),
    ("Gary & Raymond — we're both patients", "<NAME> & <NAME> — we're both patients"),
    ("👋 Gisela here! Day 14 of no sleep meds", "👋 <NAME> here! Day 14 of no sleep meds"),
    # "it's" or "c'est" inside a message; "that" before what only a person does; "Ta"; other
    # languages' relations and Tagalog's article
    ("Hi Doc, it's Venkatesh. The new mattress helped", "Hi Doc, it's <NAME>. The new mattress helped"),
    ("Bonjour, c'est Françoise. J'ai mal", "Bonjour, c'est <NAME>. J'ai mal"),
    ("tell the doctor that Lourdes can't sleep", "tell the doctor that <NAME> can't sleep"),
    ("Need a sick note, back spasms. Ta, Priya", "Need a sick note, back spasms. Ta, <NAME>"),
    ("mein Mann Lukas hat Schmerzen", "mein Mann <NAME> hat Schmerzen"),
    ("my koro Wiremu has gout", "my koro <NAME> has gout"),
    ("yung anak ko si Rowena ang magdadala sa akin", "yung anak ko si <NAME> ang magdadala sa akin"),
    # a name, "here" or "again" and where from; whom the clinic's number came from; a family
    ("Kenta again from Sapporo. Still awake at 3", "<NAME> again from Sapporo. Still awake at 3"),
    ("Hello! Fatima here from Cairo", "Hello! <NAME> here from Cairo"),
    ("I got your number off Kimberly at church.", "I got your number off <NAME> at church."),
    ("Are you related to the Ní Bhriain family?", "Are you related to the <NAME> family?"),
    # ... and what stays
    ("I live in Rio de Janeiro, is there a clinic?", "I live in Rio de Janeiro, is there a clinic?"),
    ("Musée du Louvre was lovely", "Musée du Louvre was lovely"),
    ("My GP is at Centro de Salud.", "My GP is at Centro de Salud."),
    ("Hi all, it's Monday. Is the clinic open?", "Hi all, it's Monday. Is the clinic open?"),
    ("Tell them that Florence has good hospitals", "Tell them that Florence has good hospitals"),
    ("I know that Ambien can't be taken with alcohol", "I know that Ambien can't be taken with alcohol"),
    ("Ta, that helps", "Ta, that helps"),
    ("Canadian here from Toronto, is the clinic open?", "Canadian here from Toronto, is the clinic open?"),
    ("Everyone here from Leeds says hi", "Everyone here from Leeds says hi"),
    ("I got your number from Google.", "I got your number from Google."),
    ("she's English.", "she's English."),
    # a medicine's brand before its generic name and dose; where the visitor is, opening a message
    ("Feldene (piroxicam 20mg) was prescribed years ago", "Feldene (piroxicam 20mg) was prescribed years ago"),
    ("From Manchester, happy to travel", "From Manchester, happy to travel"),
    ("From Ana Ruiz, knee pain", "From <NAME>, knee pain"),
    ("from: ana ruiz", "from: <NAME>"),
])
def test_names_in_round_17s_contexts(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(("text", "redacted"), [
    # Round 17: a second house's "bis", Poland's "os.", France's "Appt", Germany's floor, Spain's
    # "bajo", Brazil's "conj.", a street without its type before its colony, Japan's blocks
    ("the bill hasn't arrived at Bakkerstraat 6bis, 3511 AB Utrecht. thanks",
     "the bill hasn't arrived at <ADDRESS>. thanks"),
    ("Please post it. os. Słoneczne 12/3, Kraków. Ta.", "Please post it. <ADDRESS>. Ta."),
    ("Mon adresse : Appt 12, 4 rue des Lilas, 69003 Lyon. Merci", "Mon adresse : <ADDRESS>. Merci"),
    ("we moved to Kastanienweg 9, 2. OG, 80331 München in May", "we moved to <ADDRESS> in May"),
    ("now at Calle Mayor 3, bajo B, 28013 Madrid.", "now at <ADDRESS>."),
    ("post it to Rua Augusta, 1500, conj. 12, São Paulo - SP please", "post it to <ADDRESS> please"),
    ("vivimos en Hidalgo 455, Col. Centro, C.P. 44100 Guadalajara, Jal.", "vivimos en <ADDRESS>"),
    ("she lives at Kita-Aoyama 2-14-7, Tokyo 107-0061 with us", "she lives at <ADDRESS> with us"),
    # ... and what stays
    ("Appt 12 was cancelled, can I rebook?", "Appt 12 was cancelled, can I rebook?"),
    ("My appt 3 weeks ago went fine", "My appt 3 weeks ago went fine"),
    ("Hidalgo 455 is my favourite taco place", "Hidalgo 455 is my favourite taco place"),
    ("I was bajo A lot of stress", "I was bajo A lot of stress"),
])
def test_addresses_in_round_17s_forms(text, redacted):
    assert redact(text) == redacted


def test_a_stored_user_event_is_redacted_in_its_text_and_parse_data():
    event = {"event": "user", "text": "my name is Anna, 555-201-3344", "parse_data": {
        "text": "my name is Anna, 555-201-3344", "intent": {"name": "greet"},
        "text_tokens": [[0, 2], [3, 7], [8, 10], [11, 15], [17, 29]]}}
    stored = redacted_user_event(event)
    assert stored["text"] == stored["parse_data"]["text"] == "my name is <NAME>, <PHONE>"
    assert stored["parse_data"]["intent"] == {"name": "greet"}
    assert "text_tokens" not in stored["parse_data"]  # the original words' offsets
    assert redacted_user_event({"event": "user", "text": "hi", "parse_data": {"text": "hi", "text_tokens": [[0, 2]]}})[
        "parse_data"]["text_tokens"] == [[0, 2]]  # kept where nothing was redacted
    assert event["text"] == "my name is Anna, 555-201-3344"  # the turn's own event is unchanged


if __name__ == "__main__":
    import sys

    which = sys.argv[1] if len(sys.argv) > 1 else "holdout2"
    result = measure(CORPORA[which])
    print(result.summary())
    if which in HOLDOUTS:
        raise SystemExit(0)  # its misses are not read: it stays a fair test
    for heading, items in (("Missed", result.missed), ("Listed terms masked", result.kept_terms_masked),
                           ("Clean messages masked", result.clean_messages_masked)):
        print(f"\n{heading}:")
        print("\n".join(f"  {item}" for item in items) or "  none")
