"""Questions that ask for something a passage must speak of to answer them (as
knowledge/number_questions.yml's ask for a number):

- how a condition is treated: "how is sleep apnea treated?", "what helps with restless legs?";
- whether something is safe: "is PRP safe?", "any side effects of CBT-I?".

A passage that only describes the condition ("While not always directly caused by pain, OSA
can still reduce overall sleep quality ...") does not say how it is treated, so such a question
gets the honest "no medically reviewed answer" with the referral instead of the description.
A passage speaks of treatment when it uses a word of treatment (TREATMENT_WORDS: treatment,
therapy, strategies, relief, helping ...). Staff keep the question phrases in
knowledge/treatment_questions.yml (optional; read again within seconds of a save), written as
knowledge/number_questions.yml's are: whole words, "..." for up to four words in between.

Likewise a question on safety, side effects or risks (knowledge/risk_questions.yml) is answered
only by a passage that speaks of them (RISK_WORDS): the passage on PRP says what it is, not
whether it is safe, and sent for "is PRP safe?" it would read as a yes.

And a question on how to lie in bed (a sleeping position, a pillow, a mattress;
knowledge/position_questions.yml) is answered only by a passage that speaks of them
(POSITION_WORDS, its headings included): "it can be hard to find a comfortable position" says
nothing on which one is best.

A question whether someone has a condition (knowledge/diagnosis_questions.yml: "Is this PLMD?",
"so you think I have it?") that names one, or points back at the one just talked about, gets the
refusal to diagnose first (KnowledgeIndex.asks_whether_has; assistant.answering).
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant import paths
from assistant.number_questions import NUMBER_QUESTIONS_FILE, load_question_phrases

TREATMENT_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "treatment_questions.yml"
# "what can I do?", "any tips?": what helps, with what the message told (pain, bad nights).
WHAT_TO_DO_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "what_to_do_questions.yml"
TREATMENT_WORDS = re.compile(
    r"\b(?:treat\w*|therap\w*|strateg\w*|approach\w*|relie\w*|manag\w*|improv\w*|promot\w*|help\w*|cure\w*|"
    r"remed\w*|exercis\w*|stretch\w*|consult\w*|medication\w*|medicine\w*|self[- ]care)\b",
    re.IGNORECASE)


RISK_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "risk_questions.yml"
RISK_WORDS = re.compile(
    r"\b(?:safe\w*|unsafe|risk\w*|side[- ]effects?|danger\w*|complication\w*|adverse|caution\w*|"
    r"contraindicat\w*)\b",
    re.IGNORECASE)


POSITION_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "position_questions.yml"
# "Who wrote this? Is it reviewed by a doctor?": the articles answered from, with their reviewers.
SOURCE_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "source_questions.yml"
# A question about a pregnancy or a child: the reply also points to the midwife or the child's doctor.
PREGNANCY_PHRASES_FILE = paths.KNOWLEDGE_DIR / "pregnancy_phrases.yml"
CHILD_PHRASES_FILE = paths.KNOWLEDGE_DIR / "child_phrases.yml"
# Questions that compare conditions ("the difference between RLS and PLMD"): one passage on each.
COMPARISON_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "comparison_questions.yml"
POSITION_WORDS = re.compile(
    r"\b(?:pillows?|mattress\w*|(?:sleep\w*|lying|lie|bed|rest\w*) positions?|positions? (?:to|for) (?:sleep|rest)\w*|"
    r"on (?:your|the|their|one'?s|his|her) (?:\w+ )?(?:side|back|stomach|front)|side[- ]sleep\w*|reclin\w*|propped|"
    r"prop\w* (?:\w+ )?up)\b",
    re.IGNORECASE)


# A question whether to stop, skip or change a treatment ("should I stop my CPAP because it hurts
# my jaw?", "should I ask for more?"): the reply starts with the line that a treatment is changed
# with the clinician who prescribed it (knowledge/messages.yml: no_change), before any passage
# or the honest no (session 25's exploratory tester: it got "no medically reviewed answer on CPAP").
CHANGE_QUESTION = re.compile(
    r"\b(?:should|shall|can|could|may|must|do|ok to|okay to|fine to|safe to|alright to)\b(?:\W+\w+){0,3}?\W+"
    r"(?P<verb>stop|quit|come off|get off|give up|skip|double|increase|reduce|lower|raise|cut down|cut back|"
    r"taper|wean off|halve|ask for more|take more|take extra|take less|ask for a higher|ask for a stronger)\b",
    re.IGNORECASE)
# A change of amount asks about the treatment taken whatever it is called; a stop needs a treatment named.
AMOUNT_CHANGES = frozenset({"ask for more", "take more", "take extra", "take less", "ask for a higher",
                            "ask for a stronger", "double", "halve"})
# Terms (knowledge/terms.yml) of what visitors do for themselves: stopping them is no prescriber's matter.
SELF_CARE_TERMS = frozenset({"sleep_hygiene", "gentle_exercise", "diets", "weighted_blankets", "massage"})
TREATMENT_THINGS = re.compile(
    r"\b(?:c?pap|bipap|apap|mask|machine|medications?|meds|medicines?|pills?|tablets?|painkillers?|opioids?|"
    r"prescriptions?|doses?|dosage|treatments?|injections?|patch(?:es)?|inhalers?|splints?|brace|mouth ?guard)\b",
    re.IGNORECASE)


# A visitor who tells of falling asleep while driving ("I fell asleep driving yesterday for a second,
# I have sleep apnea") gets the line that drowsy driving is dangerous first (knowledge/messages.yml:
# drowsy_driving); a crash is an emergency, raised before (knowledge/red_flags.yml). Session 25's
# exploratory tester: it got only a passage on sleep apnea.
_DOZED = (r"(?:fell|falling|falls|fall|dozed|dozing|dozes|doze|nodded|nodding|nods|nod|drifted|drifting|drift)"
          r" (?:asleep|off)")
_DRIVING = (r"(?:driving|drivin|at the wheel|behind the wheel|while i drive|when i drive|"
            r"on the (?:motorway|highway|freeway))")
DROWSY_DRIVING = re.compile(
    rf"\b{_DOZED}\b[^.!?]{{0,40}}\b{_DRIVING}\b|\b{_DRIVING}\b[^.!?]{{0,40}}\b{_DOZED}\b|\basleep at the wheel\b",
    re.IGNORECASE)


def tells_of_drowsy_driving(text: str) -> bool:
    return DROWSY_DRIVING.search(text) is not None


DIAGNOSIS_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "diagnosis_questions.yml"
# Questions that ask what condition someone has without naming one ("what could that be?"): the
# refusal to diagnose, before any passage.
OPEN_DIAGNOSIS_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "open_diagnosis_questions.yml"
# Questions about the visitor's own data (what is kept, who reads it, how to delete it): the
# privacy answer, before any passage.
PRIVACY_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "privacy_questions.yml"
# A diagnosis the visitor tells ("I have fibromyalgia, does it affect sleep?"): no refusal to
# diagnose before the answer, unless the message also asks whether someone has a condition.
TOLD_DIAGNOSIS_FILE = paths.KNOWLEDGE_DIR / "told_diagnosis_phrases.yml"
# Questions that ask which number to call in an emergency, a poisoning or a crisis, asked ahead:
# the emergency numbers (knowledge/clinic.yml), never "no medically reviewed answer".
EMERGENCY_NUMBER_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "emergency_number_questions.yml"
# Asking for more than the passage just sent ("what else?", "tell me more"): another passage,
# never the same one again.
MORE_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "more_questions.yml"
# Questions that ask for a promise of results ("will CBT-I cure my insomnia?"): the line that
# results cannot be promised, before any passage.
PROMISE_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "promise_questions.yml"
# Questions that ask how much of a medicine to take ("how much should I take?", "is 10mg too
# much"): the refusal to advise on medicines or doses, never a passage.
DOSE_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "dose_questions.yml"
# An amount with a dose unit: "10mg", "400 mg", "2 tablets", "5 ml", "1,000 IU".
DOSE_AMOUNT = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|mgs|milligrams?|mcg|micrograms?|ml|mls|millilit(?:er|re)s?|iu|tabs?|tablets?|"
    r"pills?|capsules?|caps|gummies|gummy|drops|puffs)\b", re.IGNORECASE)
# A visitor telling the assistant it does not help ("you're useless", "stop sending me the same
# links"): an apology and how to reach a person, never another passage or "I'm a computer program".
COMPLAINT_PHRASES_FILE = paths.KNOWLEDGE_DIR / "complaint_phrases.yml"


# An age under 18 ("my 8 year old", "she's 6", "age 12"): a child, whatever the words around it.
CHILD_AGE = re.compile(
    r"\b(?:(?P<age>\d{1,2})(?:[\s-]*(?:years?|yrs?)[\s-]*old\b|\s*yo\b)|(?:aged?|he'?s|she'?s|he is|she is|they'?re)\s+"
    r"(?P<age2>\d{1,2})\b(?![\s-]*(?:weeks?|months?|days?|hours?|mins?|minutes?|pm|am|mg|kg|lbs?|%)))",
    re.IGNORECASE)


def names_a_childs_age(text: str) -> bool:
    """Whether the text gives an age under 18 ("my 6 year old", "she's 12")."""
    return any(int(m.group("age") or m.group("age2")) < 18 for m in CHILD_AGE.finditer(text))


# Words of a question about a medicine that names none of knowledge/terms.yml's.
MEDICINE_WORDS = re.compile(
    r"\b(?:medicines?|medications?|meds|pills?|tablets?|capsules?|drugs?|doses?|dosage|dosing|prescri\w*|"
    r"supplements?|over the counter|otc|painkillers?|pain killers?|(?:take|taking|took) (?:something|anything))\b",
    re.IGNORECASE)


# An operation is a treatment, not a medicine: "how long does recovery take after plantar fasciitis
# surgery?" (the NLU sure it asks about medicines) got the refusal to advise on medicines first.
SURGERY_WORDS = re.compile(r"\b(?:surger(?:y|ies)|surgical|operations?|operated?|operating)\b", re.IGNORECASE)


# Medicines the visitor wants to do without: "is there therapy instead of pills?", "anything that
# doesn't involve tablets" ask for what else helps, not about a medicine (session 46's tester got
# the refusal to advise on medicines first). Not their own: "how do I sleep without my sleeping
# pills?" (coming off a medicine is a question for their doctor, as the refusal says).
MEDICINE_DECLINED = re.compile(
    r"\b(?:instead of|rather than|without|besides|other than|apart from|aside from|alternatives? to|"
    r"(?:that|which) (?:doesn'?t|does not|don'?t|do not|isn'?t|is not|aren'?t|are not) "
    r"(?:involve|need|use|mean|include)?"
    r"|not|no|non-?)\s*(?:any |taking |using |more |the )?(?!(?:my|his|her|their|your|our)\b)(?:\w+ )?"
    r"(?:medicines?|medications?|meds|pills?|tablets?|drugs?|painkillers?|pain killers?)\b",
    re.IGNORECASE)


def without_declined_medicine(text: str) -> str:
    """The text without the medicines it says to do without (unchanged when it says none)."""
    return " ".join(MEDICINE_DECLINED.sub(" ", text).split())


def speaks_of_medicine(text: str) -> bool:
    return MEDICINE_WORDS.search(text) is not None


def speaks_of_surgery(text: str) -> bool:
    return SURGERY_WORDS.search(text) is not None


def names_a_dose(text: str) -> bool:
    return DOSE_AMOUNT.search(text) is not None


def speaks_of_treatment(text: str) -> bool:
    return TREATMENT_WORDS.search(text) is not None


def speaks_of_risk(text: str) -> bool:
    return RISK_WORDS.search(text) is not None


def speaks_of_position(text: str) -> bool:
    return POSITION_WORDS.search(text) is not None


# Every staff phrase file (each optional), by the KnowledgeIndex argument it fills: read at
# every build of the library, watched for saves and checked by `make validate`, all from here.
PHRASE_FILES: dict[str, Path] = {
    "number_questions": NUMBER_QUESTIONS_FILE,
    "treatment_questions": TREATMENT_QUESTIONS_FILE,
    "what_to_do_questions": WHAT_TO_DO_QUESTIONS_FILE,
    "risk_questions": RISK_QUESTIONS_FILE,
    "position_questions": POSITION_QUESTIONS_FILE,
    "comparison_questions": COMPARISON_QUESTIONS_FILE,
    "pregnancy_phrases": PREGNANCY_PHRASES_FILE,
    "child_phrases": CHILD_PHRASES_FILE,
    "source_questions": SOURCE_QUESTIONS_FILE,
    "diagnosis_questions": DIAGNOSIS_QUESTIONS_FILE,
    "open_diagnosis_questions": OPEN_DIAGNOSIS_QUESTIONS_FILE,
    "told_diagnosis_phrases": TOLD_DIAGNOSIS_FILE,
    "more_questions": MORE_QUESTIONS_FILE,
    "privacy_questions": PRIVACY_QUESTIONS_FILE,
    "emergency_number_questions": EMERGENCY_NUMBER_QUESTIONS_FILE,
    "promise_questions": PROMISE_QUESTIONS_FILE,
    "dose_questions": DOSE_QUESTIONS_FILE,
    "complaint_phrases": COMPLAINT_PHRASES_FILE,
}


def load_phrase_file(name: str, path: Path | None = None) -> tuple[str, ...]:
    """The phrases of one of PHRASE_FILES (``path`` instead of its file, for tests)."""
    return load_question_phrases(path or PHRASE_FILES[name])


def load_phrase_files() -> dict[str, tuple[str, ...]]:
    """Every phrase file's phrases, by name; a mistake raises ContentError naming file and line."""
    return {name: load_question_phrases(path) for name, path in PHRASE_FILES.items()}
