"""The medical-safety red-flag detector (assistant/red_flags.py, knowledge/red_flags.yml).

Safety first: every red flag in tests/data/safety_corpus.yml must be detected with the
right kind (100% recall), while at most 5% of the ordinary near-miss messages may raise an
alarm. The detector must never crash and stay fast on any input.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from assistant.datafiles import ContentError
from assistant.red_flags import RedFlag, RedFlagRules, detect, load_rules, normalise

CORPUS_FILE = Path(__file__).resolve().parents[1] / "data" / "safety_corpus.yml"
MAX_FALSE_ALARM_RATE = 0.05
SLOW_SECONDS = 2.0  # a hang, not slowness: a typical message takes a few milliseconds


def _load_corpus() -> dict:
    return YAML(typ="safe").load(CORPUS_FILE.read_text(encoding="utf-8"))


CORPUS = _load_corpus()
RED_FLAGS = [(item["text"], item["kind"]) for item in CORPUS["red_flags"]]
# An overdose gets the poisoning guidance, which carries the emergency number and the crisis
# line: it counts for a red flag labelled emergency or crisis.
ACCEPTED = {"emergency": {"emergency", "poisoning"}, "crisis": {"crisis", "poisoning"}}
NEAR_MISSES = list(CORPUS["near_misses"])


def _id(text: str) -> str:
    return text[:70].encode("ascii", "backslashreplace").decode("ascii")


@pytest.fixture(scope="module")
def rules() -> RedFlagRules:
    return load_rules()


# --- the corpus itself ------------------------------------------------------------------


def test_corpus_is_big_enough_and_consistent():
    kinds = [kind for _, kind in RED_FLAGS]
    assert len(RED_FLAGS) >= 100
    assert kinds.count("crisis") >= 35
    assert set(kinds) <= {"emergency", "crisis"}
    assert len(NEAR_MISSES) >= 100
    texts = [text for text, _ in RED_FLAGS] + NEAR_MISSES
    duplicates = {text for text in texts if texts.count(text) > 1}
    assert not duplicates, f"in the corpus twice (or in both lists): {sorted(duplicates)}"


# Rules added while the corpus could not be edited (round 4): their examples live here until
# they move into tests/data/safety_corpus.yml. Red flags first, then near misses they must not
# raise.
EXTRA_RED_FLAGS = {
    "blood_clot": [
        ("my calf has been hot and swollen since my flight home and now I'm out of breath", "emergency"),
        ("after my hip operation last week I am suddenly breathless, sharp pain when I breathe in", "emergency"),
        ("one leg is much bigger than the other and it throbs", "emergency"),
        ("my foot went cold and white an hour ago and it's agony", "emergency"),
    ],
}
EXTRA_NEAR_MISSES = [
    "my ankle is swollen after I twisted it",
    "my legs get a bit puffy in the heat",
    "I'm worried about blood clots on my flight next week, should I wear stockings?",
]


def test_every_rule_has_an_example_in_the_corpus(rules):
    extra = [text for examples in EXTRA_RED_FLAGS.values() for text, _ in examples]
    used = {name for text in [text for text, _ in RED_FLAGS] + extra for name in rules.matching_rules(text)}
    unused = [rule.name for rule in rules.rules if rule.name not in used]
    assert not unused, f"add a message for these rules to {CORPUS_FILE.name}: {unused}"


@pytest.mark.parametrize(("rule", "text", "kind"),
                         [(rule, text, kind) for rule, items in EXTRA_RED_FLAGS.items() for text, kind in items])
def test_extra_examples_raise_their_rule(rules, rule, text, kind):
    assert rule in rules.matching_rules(text)
    flag = rules.detect(text)
    assert flag is not None and flag.kind in ACCEPTED[kind]


@pytest.mark.parametrize("text", EXTRA_NEAR_MISSES)
def test_extra_near_misses_stay_quiet(rules, text):
    assert rules.detect(text) is None


# --- recall: every red flag, with the right kind ---------------------------------------------


@pytest.mark.parametrize(("text", "kind"), RED_FLAGS, ids=[_id(text) for text, _ in RED_FLAGS])
def test_red_flag_is_detected(rules, text, kind):
    flag = rules.detect(text)
    assert flag is not None, f"MISSED red flag ({kind}): {text!r}"
    assert flag.kind in ACCEPTED[kind], f"{text!r}: expected {kind}, got {flag.kind} (rule {flag.rule})"


def test_recall_summary(rules, capsys):
    found = sum(1 for text, kind in RED_FLAGS if (flag := rules.detect(text)) and flag.kind in ACCEPTED[kind])
    with capsys.disabled():
        print(f"\nred-flag recall: {found}/{len(RED_FLAGS)} = {found / len(RED_FLAGS):.1%}")
    assert found == len(RED_FLAGS)


# --- precision: near misses must (mostly) not alarm --------------------------------------------


def test_near_miss_false_alarm_rate(rules, capsys):
    alarms = [(text, flag) for text in NEAR_MISSES if (flag := rules.detect(text))]
    rate = len(alarms) / len(NEAR_MISSES)
    with capsys.disabled():
        print(f"\nnear-miss false-alarm rate: {len(alarms)}/{len(NEAR_MISSES)} = {rate:.1%}")
        for text, flag in alarms:
            print(f"  false alarm ({flag.kind}, {flag.rule}): {text!r}")
    assert rate <= MAX_FALSE_ALARM_RATE, (
        f"false-alarm rate {rate:.1%} exceeds {MAX_FALSE_ALARM_RATE:.0%}: "
        + "; ".join(f"{text!r} -> {flag.rule}" for text, flag in alarms)
    )


# --- behaviour ------------------------------------------------------------------------------


def test_module_level_detect_uses_the_knowledge_file():
    flag = detect("My husband stopped breathing in his sleep")
    assert isinstance(flag, RedFlag)
    assert flag.kind == "emergency"
    assert detect("which pillow is best for neck pain?") is None
    assert detect("I want to die") == RedFlag("crisis", detect("I want to die").rule)


def test_crisis_wins_over_emergency_and_a_taken_overdose_over_both(rules):
    flag = rules.detect("I can't breathe and honestly I want to die")
    assert flag is not None and flag.kind == "crisis"
    flag = rules.detect("I'm going to overdose on my tramadol tonight")
    assert flag is not None and flag.kind == "crisis"
    flag = rules.detect("I took a whole bottle of sleeping pills on purpose, I want to die")
    assert flag is not None and flag.kind == "poisoning"


@pytest.mark.parametrize(
    "text",
    [
        "this back pain is killing me",
        "I don't want to die, I just want to sleep",
        "I'm dying to know if yoga helps",
        "does sleep apnea mean you stop breathing at night?",
        "I could kill for a good night's sleep",
        "is it ok to lift a chest of drawers?",
    ],
)
def test_idioms_and_negations_are_near_misses(rules, text):
    assert rules.detect(text) is None
    assert rules.is_near_miss(text)


def test_an_exception_does_not_hide_a_real_red_flag(rules):
    text = "I don't want to die, but some nights I think about killing myself"
    flag = rules.detect(text)
    assert flag is not None and flag.kind == "crisis"
    assert not rules.is_near_miss(text)
    flag = rules.detect("my back is killing me and now I can't pee")
    assert flag is not None and flag.kind == "emergency"


def test_a_question_about_the_chats_record_is_left_to_nobody_but_a_crisis_beside_it_counts(rules):
    # "how long do you keep my messages" got the screening question from the meaning detector.
    for text in ["how long do you keep my messages", "can you delete this chat?", "who can read my messages"]:
        assert not rules.without_exceptions(text).replace("~", "").strip(" ?"), text
    flag = rules.detect("can you delete this chat, i want to end it all tonight")
    assert flag is not None and flag.kind == "crisis"


def test_a_question_is_not_a_report_but_a_report_is(rules):
    assert rules.detect("does sleep apnea mean you stop breathing at night") is None
    # Since session 27 "at night" told in the present (a habit: "my husband stops breathing at
    # night") is the nightly pattern of sleep apnoea, which the rules leave to the meaning
    # detector; told as it happened, or with a sign that it is an emergency, it is a report.
    assert rules.detect("my husband stopped breathing at night") is not None
    assert rules.detect("my wife stops breathing at night and turns blue") is not None
    assert rules.not_now_context("my husband stops breathing at night") == "nightly_pattern"


# Kinds of message the rules learnt in round 3 (from the misses of red_flags_dev2.yml, read by
# kind; these sentences are new), each with the ordinary message closest to it.
KINDS_OF_RED_FLAG = [
    ("I've taken two weeks' supply of my co-codamol in one go", "poisoning"),
    ("took a fortnights worth of tramadol earlier", "poisoning"),
    ("he swallowed the rest of the bottle of his tablets", "poisoning"),
    ("took 4 sleeping tablets tonight to make sure I sleep", "poisoning"),
    ("my son can't get any sense out of his father, he just groans", "emergency"),
    ("my husband went stiff and was twitching for a minute, he doesn't remember anything", "emergency"),
    ("my gf started shaking and then went stiff", "emergency"),
    ("my eyes shut for a second and the car hit the barrier", "emergency"),
    ("one pupil is bigger than the other after I hit my head", "emergency"),
    ("I honestly feel like I'm going to die, I'm freezing and my skin looks mottled", "emergency"),
    ("how much amitriptyline is lethal", "crisis"),
    ("what's the most tramadol you can take before it kills you", "crisis"),
    ("which medicine would give me a permanent sleep", "crisis"),
    ("she said goodbye to me like it was the last time", "crisis"),
    ("he hopes he never wakes up", "crisis"),
    ("my roommate has fresh cuts on her forearms", "crisis"),
    ("what happens if you take all your sleeping pills at once, asking for real", "crisis"),
    ("my legs went dead after sitting on the toilet and now I can't feel my bottom", "emergency"),
    ("I've been burning my arms with a hot spoon at night to cope", "crisis"),
]
CLOSEST_ORDINARY = [
    "I took my tablets for the whole week as prescribed",
    "took a weeks worth of annual leave to rest my knee",
    "I finished the rest of the pack of antibiotics as prescribed",
    "took 3 sleeping pills this week, is that too many?",
    "my hands shake and then go stiff in the cold",
    "we ended up in the wrong waiting room",
    "my sleep went off the road after my divorce",
    "pupils can be different sizes naturally, is that true?",
    "I feel like I'm going to die if I don't get some sleep soon",
    "how much paracetamol is safe in 24 hours",
    "what's the most ibuprofen you can take in a day?",
    "I'd like a permanent sleep fix that isn't pills",
    "I said goodbye to my old GP, it felt like the last time I'd see him",
    "new scars on my thighs from the knee surgery",
    "My hips feel like I got run over by a bus, is that arthritis?",
    "What does a seizure look like? I want to be ready",
    "In June I fell and hit my head; the scan was clear. Why is my sleep worse since?",
    "what happens if I take all my tablets in the morning instead of at night?",
    "I keep burning my arms on the oven",
    "my leg went dead after sitting cross legged",
    "I always faint when I have injections",
    "am I talking to a real person or a bot?",
    "Can sleep apnea stop your breathing for good if it isn't treated?",
]


# Kinds of message the rules learnt in round 5 (from the misses of the development sets, round
# 4's blind set among them, read by kind; these sentences are new), and ordinary messages close to
# them, as (text, rule) and text.
ROUND_5_KINDS = [
    ("my grandad slipped on the path and now he keeps asking what happened", "head_injury", "emergency"),
    ("I banged my head on a shelf, I think I lost consciousness for a moment", "head_injury", "emergency"),
    ("my baby had a fit with a high fever and she's very floppy", "seizure", "emergency"),
    ("my son just had a seizure in the playground", "seizure", "emergency"),
    ("the spots on her legs don't fade when I press a glass on them", "meningitis_sepsis", "emergency"),
    ("the van is in the ditch and I keep blacking in and out", "fainting_unconscious", "emergency"),
    ("I can't stop the bleed from my hand, the towel is soaked with blood", "severe_bleeding", "emergency"),
    ("my chest is heavy and I'm clammy, my jaw aches too", "chest_pain", "emergency"),
    ("there were 20 in the packet at breakfast and now there are none, I feel so drowsy", "overdose", "poisoning"),
    ("she's been taking five times her usual dose of gabapentin", "overdose", "poisoning"),
    ("my toddler bit into a washing pod", "overdose", "poisoning"),
    ("I'd like to go to sleep and not have to wake up ever again", "never_wake_up", "crisis"),
    ("what would put someone to sleep permanently", "method_or_amount", "crisis"),
    ("I'd rather be dead than go through another winter like this", "wants_to_die", "crisis"),
    ("he says he's ready to join his late wife in heaven", "wants_to_die", "crisis"),
    ("I won't be needing the prescription where I'm going", "suicidal_thoughts", "crisis"),
    ("I hold my fingers over the candle flame until it hurts", "self_harm_more", "crisis"),
    ("she hits her thighs with a shoe whenever the pain gets too much", "self_harm_more", "crisis"),
    ("I've been rehoming my dog and cancelling everything, the last bits are done", "suicidal_thoughts", "crisis"),
    ("slipped down the steps onto my back and now my legs feel numb", "sudden_leg_weakness", "emergency"),
    ("I'm on the motorway right now and I keep dozing off", "asleep_at_wheel", "emergency"),
    ("my brother was shaking all over on the floor and now he's dazed", "seizure", "emergency"),
    ("my back has gone and I can't tell whether I need the toilet", "bladder_bowel_loss", "emergency"),
    ("her asthma is bad and the inhaler is doing nothing", "choking", "emergency"),
    ("some days I wish I'd never been born", "wants_to_die", "crisis"),
    ("I swallowed my whole month's gabapentin earlier", "overdose", "poisoning"),
    ("how tall would a building have to be", "method_or_amount", "crisis"),
    ("my little girl swallowed a battry from the remote", "poisoning", "poisoning"),
    ("ate a prawn and my throte is closing", "severe_allergic_reaction", "emergency"),
    ("i cut my rists again", "self_harm", "crisis"),
    ("i feel like such a burdin", "hopelessness", "crisis"),
    ("she's burning up and won't look at the light", "meningitis_sepsis", "emergency"),
    ("I don't expect I'll still be alive by the summer and I'm glad", "suicidal_thoughts", "crisis"),
]
ROUND_5_ORDINARY = [
    "my mum has dementia and keeps asking the same question all day",
    "my dad would have a fit if he saw my phone bill",
    "my eczema rash doesn't itch much, which cream is best?",
    "I keep drifting in and out of sleep all night",
    "I sweat a lot at night and my chest is congested from a cold",
    "my melatonin bottle is empty, where can I buy more?",
    "I'd rather die than go to another pottery class, haha",
    "we had to put our old dog to sleep last week and I can't sleep",
    "I'm going on holiday, so I won't need my appointment next week",
    "I hold my hands in warm water to ease my arthritis",
    "I scratch my skin when the eczema gets bad, any cream?",
    "I cancelled all my subscriptions to save money",
    "I keep nodding off in front of the telly",
    "watched a documentary about someone who overdosed, is my codeine addictive?",
    "there's a song that goes I don't wanna wake up, it's stuck in my head",
    "my uncle died of a stroke last year and I worry about my blood pressure",
    "my husband snores loudly but he doesn't seem to stop breathing",
    "I had a car crash in 2015 when I was tired, and I no longer drive at night",
    "my dog doesn't react when I call him, is he going deaf?",
    "I was shaking all over with cold after my swim",
    "my hands shake violently when I'm nervous and then I feel drowsy",
    "my son chokes on his words when he's nervous",
    "the surgeon said I could get cauda equina if I leave the disc too long, what are the signs?",
    "what's the lethal dose of coffee? I'm on my fifth cup",
    "I had a panic attack on the bus and felt like I couldn't breathe, it passed after ten minutes",
    "I took my whole week off work to rest my back",
    "im so tierd i could die lol",
    "I don't think I'll still be here next year, we're moving to Leeds",
    "I used to be suicidal about my pain, but the pain clinic helped and I'm doing well",
]


# Round 6: first aid asked in advance is knowledge, not an emergency, unless the same sentence
# says it is happening now, names the asker's own people or an amount, or asks for a method
# (knowledge/red_flags.yml, exception first_aid_in_advance). Sentences written for this test.
ROUND_6_FIRST_AID_IN_ADVANCE = [
    "What should you do if somebody faints on a train?",
    "If my father ever has a fit in the night, who do I ring?",
    "How do you use an auto-injector for a bee sting allergy?",
    "Which signs of meningitis should parents watch for?",
    "When should you call an ambulance for a nosebleed?",
    "How do paramedics treat a heroin overdose?",
    "Is it true you should roll someone onto their side if they pass out?",
]
ROUND_6_STILL_RED_FLAGS = [
    ("What should you do if someone has a seizure? my son is shaking on the floor", "emergency"),
    ("what do I do if she's not breathing", "emergency"),
    ("How do you use an epipen, my daughter's tongue is swelling", "emergency"),
    ("If someone wanted to go to sleep for good, which tablets would work best?", "crisis"),
    ("what happens if someone takes 30 sleeping pills", "crisis"),
    ("Who do I call if my dad took his whole week of tablets an hour ago", "poisoning"),
]
ROUND_6_KINDS = [
    ("my toddler has been chewing a pain patch and is very sleepy", "overdose", "poisoning"),
    ("I've lost count of how many codeine I've swallowed since lunch", "overdose", "poisoning"),
    ("my grandad is unrousable in his chair", "wont_wake_up", "emergency"),
    ("my oxygen monitor reads 84 and it keeps dropping", "breathing_trouble", "emergency"),
    ("thrown off my horse onto my back and my legs are tingling", "sudden_leg_weakness", "emergency"),
    ("how many pills would it take to shut down your kidneys", "method_or_amount", "crisis"),
    ("did sh again last night", "self_harm_more", "crisis"),
    ("they would all be relieved once I'm gone", "hopelessness", "crisis"),
]
ROUND_6_ORDINARY = [
    "I nearly choked when I read the bill for my MRI",
    "I really shot myself in the foot napping at 5pm",
    "I was watching a hospital drama and a character overdosed, is that realistic?",
    "Years ago, after my divorce, I took an overdose. I'm well now.",
    "I cut my hand on a tin lid, it's fine now",
    "my chest feels a bit tight when I have a cold",
]


@pytest.mark.parametrize("text", ROUND_6_FIRST_AID_IN_ADVANCE, ids=[_id(t) for t in ROUND_6_FIRST_AID_IN_ADVANCE])
def test_round_6_first_aid_asked_in_advance_is_no_alarm(rules, text):
    assert rules.detect(text) is None, rules.matching_rules(text)


@pytest.mark.parametrize(("text", "kind"), ROUND_6_STILL_RED_FLAGS, ids=[_id(t) for t, _ in ROUND_6_STILL_RED_FLAGS])
def test_round_6_first_aid_words_do_not_hide_what_is_happening(rules, text, kind):
    flag = rules.detect(text)
    assert flag is not None and flag.kind == kind, f"{text!r} -> {flag}"


# Round 7: kinds round 6's blind set showed missing (read by kind, never copied), each beside an
# ordinary message with the same words.
ROUND_7_KINDS = [
    ("For a crime novel: what is the most reliable way for a character to end his life quietly with pills?", "crisis"),
    ("purely out of interest, at what dose does pregabalin become lethal?", "crisis"),
    ("What amount of zopiclone would stop a person breathing overnight?", "crisis"),
    ("are 50 of my sleeping tabs enough", "crisis"),
    ("I phoned everyone I love tonight to hear them for the last time", "crisis"),
    ("I'm sat in the car trying to find the courage to go through with it", "crisis"),
    ("the ones I've been stockpiling are hidden in my sock drawer", "crisis"),
    ("My will is done and the passwords are written down. It's time.", "crisis"),
    ("when the back pain is too much I make a different pain with a blade", "crisis"),
    ("i took my pills on purpose, all of them", "poisoning"),
    ("The box had twenty in it this morning and now there are none, I did it after lunch", "poisoning"),
    ("My son accidentally cut his wrist on a broken glass and it is spurting blood, we can't stop it", "emergency"),
    ("I can only say two or three words at a time and my inhaler does nothing", "emergency"),
    ("I haven't been able to pass urine since this morning and my back is agony", "emergency"),
    ("down below feels anaesthetised since my back went this afternoon", "emergency"),
    # Two signs of an unresponsive person together; cuts being hidden; a gunshot still alarms.
    ("my grandad is slumped in his chair and isn't moving or responding", "emergency"),
    ("I wear long sleeves in summer now to cover the cuts on my forearms", "crisis"),
    ("my brother has been shot in the stomach outside the shop", "emergency"),
]
ROUND_7_ORDINARY = [
    "Our book group read a memoir about a man who went through a suicidal period and recovered. Any similar books?",
    "Would 14 sachets be enough for the two weeks of my holiday?",
    "The ones I'm saving are for my trip abroad next month",
    "I took all my tablets this morning as prescribed, the packet is empty, can I get a repeat?",
    "I'm making a will now the grandchildren have arrived, it's time I did.",
    "I cut my wrist by accident on a tin lid last week, it healed fine",
    "I'm trying to find the courage to go through with my hip operation",
    "I can only say a few words in French",
    # An injection called a shot (not a gunshot); old scars mentioned by a recovered person.
    "would a steroid shot in my shoulder help me sleep on that side?",
    "is it ok to get my flu shot while I'm on pregabalin",
    "I still hide my old scars on my arms but I haven't hurt myself in years",
]


# Round 8 (docs/safety.md): kinds of red flag round 7's blind set showed missing, in new words;
# recovered people's history, first aid for oneself "if I ever", a show one is watching, a long
# lie-in; and what must still alarm when such a message goes on into the present.
ROUND_8_KINDS = [
    ("the box of sleepers was new at lunch and now it's empty, i swallowed them", "poisoning"),
    ("all my co-codamol tablets, they're in my stomach now", "poisoning"),
    ("knocked back a fistful of my sleepers with vodka", "poisoning"),
    ("sat on the edge of the car park roof staring down at the cars", "crisis"),
    ("how much paracetamol before the hospital couldn't bring you back", "crisis"),
    ("the most tramadol you can take before your heart stops for good", "crisis"),
    ("my skin is begging for the razor tonight", "crisis"),
    ("the razor in my drawer keeps calling to me", "crisis"),
    ("what's more certain, tablets or the exhaust pipe?", "crisis"),
    ("evry1 wd b beter of without me", "crisis"),
    ("my family would be happier without me, honestly", "crisis"),
    ("would god forgive me if i ended it", "crisis"),
    ("you can give my massage booking to someone else, I won't be needing it after Friday", "crisis"),
    # Recovered, then back in the present: still alarms.
    ("I was free of self-harm for 2 years but I cut myself again last night", "crisis"),
    ("I used to think about ending it, now I'm not doing ok and I think about it daily", "crisis"),
    ("my son went through a self harm phase and now he's cutting again", "crisis"),
    ("if I ever had a stroke, what should I do? my face is drooping now", "emergency"),
    ("if I see someone collapse how do I help, my dad just collapsed", "emergency"),
    ("what are the signs my dad took 20 pills so I know what to watch for", "poisoning"),
    # Asked ahead, nothing taken: a method question, the crisis guidance (since session 27 a
    # poisoning asked ahead does not decide alone; it was the poisoning guidance).
    ("if I ever took all my pills would I die", "crisis"),
]
ROUND_8_ORDINARY = [
    "no self-harm since 2018 and I'm really proud, but my hip keeps me up",
    "my daughter got through a self-harm phase at school and is doing brilliantly at uni",
    "I used to think about ending it years ago; these days I'm in a good place. Is CBT-I worth trying?",
    "what should I do if I ever go into a seizure on my own at home?",
    "if I ever think I'm having a stroke, do I take aspirin?",
    "if you see a stranger faint in the street, do you put them in the recovery position?",
    "which signs of a heart attack in women should I know so I can watch for them in my mum?",
    "passed out on the settee after dinner and slept till midnight, now I'm wide awake",
    "I could stay in bed for ever this weekend, is a lie-in bad for my sleep?",
    "in the series we're bingeing, a nurse collapses after a night shift, could that happen?",
    "I'm standing on the pier looking at the sea, it's lovely",
    "we stood on the bridge watching the fireworks",
    "how much does it cost if they can't save the tooth",
    "how many minutes of CPR before it's too late to revive someone",
    "can I take my sleeping pills with wine?",
    "my skin is craving sun after this winter",
    "which is better for back pain, pills or physio?",
    "which works faster for sleep, pills or gummies?",
    "my kids would be fine without me for the weekend",
    "the kids will be ok without me while I'm in hospital",
    "cancel my physio appointment, I won't need it after this week because I'm moving",
    "my husband would be lost without me",
]


# Round 15 (my own wordings of the development sets' misses and false alarms).
ROUND_15_KINDS = [
    ("would it be enough to kill me if I swerved into the river on the way home?", "crisis"),
    ("if I crashed into a bridge pillar at 70, would that definitely kill me", "crisis"),
    ("can you overdose on pregabalin and how many would you need", "poisoning"),
    ("my brother cannot smile on one side since lunch and he sounds drunk but he has not had a drop", "emergency"),
    ("calf swollen n hot n red, my knee op was a fortnight ago", "emergency"),
    ("the bottle was open on the floor with pills scattered everywhere, my 2 year old was next to it", "poisoning"),
    ("what are the signs my mum took 15 pills, so I know what to watch for", "poisoning"),
    ("he's fine right now but he is choking on a grape", "emergency"),
]

ROUND_15_ORDINARY = [
    "my husband snores, then goes quiet, then chokes and snorts, most nights. Is that apnoea?",
    "my partner says I gasp and choke in my sleep. Could my neck pain be related?",
    "my wife says I stop breathing for a bit when I sleep on my back, is that apnoea?",
    "what are the signs of a stroke, just so I know what to watch for with my dad?",
    "my daughter has asthma, she's fine right now, but remind me how to use her spacer",
    "a general question: what do you do if someone faints at the dinner table?",
    "my son choked on a sweet last week, we did back blows and he's fine now. Is a sore throat normal?",
    "I had a chest pain scare in March; the hospital checked me and it was muscular. How can I sleep on my side?",
    "my uncle was killed in a car crash last year and I haven't slept well since",
    "would it kill me to skip my sleeping tablet one night?",
]

# Round 16 (my own wordings of the development sets' misses).
ROUND_16_KINDS = [
    ("the saw slipped while I was cutting wood, my leg is cut deep and the blood is pumping out", "emergency"),
    ("I cut myself badly at work by accident and blood is gushing through the bandage", "emergency"),
    ("how high does a jump need to be so you don't survive", "crisis"),
    ("I had suicidal thoughts two years ago and got help, but they're back", "crisis"),
    ("I was suicidal years ago and it is back", "crisis"),
    ("I overdosed years ago and it has come back, the urge to do it", "poisoning"),
    ("I overdosed years ago and I think I have done it again tonight", "poisoning"),
    ("his words are not coming out properly and his left arm is floppy", "emergency"),
    ("on the motorway and I keep waking up on the rumble strips", "emergency"),
    ("my sister texted us all a goodbye message last night and she is not answering her phone", "crisis"),
    ("how tall a building would you need to not survive", "crisis"),
    ("I scratched my arms until they bled because I hate myself", "crisis"),
    ("sudden agonising pain in my stomach and I keep passing out", "emergency"),
    ("my wife is lying on the floor and nothing we do gets a response from her", "emergency"),
    ("since lunch my legs feel like jelly and I can't control my bladder", "emergency"),
    ("my toddler was chewing one of my fentanyl patches", "poisoning"),
    ("he took all his sleeping tablets with the last of the vodka", "poisoning"),
    ("the baby bit a buprenorphine film, what do I do", "poisoning"),
    ("I hope I just don't wake up tomorrow", "crisis"),
    ("sh again last night, worse than before", "crisis"),
    ("I keep slamming my fist into the wall to punish myself", "crisis"),
    ("at what point does a dose of zopiclone become fatal", "crisis"),
    ("which of these would stop my heart if I took the lot", "crisis"),
    ("she can't get enough air in and her lips look odd", "emergency"),
    ("his cut is spurting blood everywhere", "emergency"),
    ("the rash doesn't fade when I press a glass on it and she's floppy", "emergency"),
]

ROUND_16_ORDINARY = [
    "I've tried three sleeping pills and I want to pick the one that works best",
    "my stomach feels hard and bloated after dinner, is that my painkillers?",
    "dealing with my insurer is like banging my head against a brick wall",
    "I hope I don't wake up at 3am again tonight, any tips?",
    "I used my blue inhaler 2 times today, is that a lot with a cold?",
    "I pray that I sleep through tonight for once",
    "I had a stroke years ago and my husband is back at work now, how can I sleep better?",
    "He had a stroke last year and his speech has come back well, can he do yoga for his back?",
]


# Round 17 (my own wordings of the development sets' misses, by kind).
ROUND_17_KINDS = [
    ("the right half of everything went black a minute ago and I keep bumping into things", "emergency"),
    ("his ankle is hot and swollen and he has had the shivers all afternoon", "emergency"),
    ("dad left notes addressed to each of us and we can't reach him", "crisis"),
    ("I recorded a video for my son to watch after I'm gone", "crisis"),
    ("gave away my watch and my guitars this week. I feel ready.", "crisis"),
]

ROUND_17_ORDINARY = [
    "at night my husband makes choking sounds and his snoring wakes the house, is that apnoea?",
    "I keep waking myself up with a choking snort, could it be my new tablets?",
    "my partner says I go back to stopping breathing when the CPAP mask comes off",
    "I am snoring very loud and sometimes no breath, my wife says",
    "I wrote the grandkids cards to open after the wedding",
    "gave away my old clothes to charity, I'm ready for the move to the flat",
    "my knee is red and swollen after gardening, no fever, but I get the shivers thinking about surgery",
    "the left side of the screen is blurry on my old phone, any app for sleep sounds?",
]
# Session 27: asked ahead for someone else, or for oneself; no rule decides alone (the meaning
# detector judges: it still asks the first one the screening question).
SESSION_27_ORDINARY = [
    "if a colleague ever told me they were thinking about suicide, what should I say to them?",
    "what are the warning signs that a student might be self-harming?",
    "if I ever swallowed too many of my sleeping tablets by accident, who should I phone?",
    "how long should I wait before calling an ambulance if my mum has a seizure?",
    "my husband is not suicidal, just very low with his back. how do I help him sleep?",
    # A crisis told as over, with the words a story of recovery uses ("just", "help", "can't sleep").
    "years ago I tried to end my life. I'm in a good place now, I just want help because I can't sleep",
    "i was suicidal when my back was at its worst but im ok now, want help w sleep tho",
    # Session 27's tester: sleep apnoea asked about, or told of snoring (both got "call 911 now").
    "My partner gasps for air at night. Is that apnea?",
    "sounds like I'm drowning when I snore, my wife says",
    "I feel hopeless about my sleep. What can I try?",
    "He stops breathing at night and then jerks awake choking. It scares me. What is obstructive sleep apnea?",
    "At night she makes gasping noises like she can't breathe, then rolls over. What could it be?",
]
SESSION_27_KINDS = [
    ("my daughter just told me she's been thinking about suicide, how should I respond?", "crisis"),
    ("if my friend ever tells me she wants to die what do I do? she told me last night she wants to die", "crisis"),
    ("blood keeps seeping through the dressing on my knee after the op", "emergency"),
    # A past event, and something happening now.
    ("I had a heart attack years ago and I can't breathe right now", "emergency"),
    ("years ago I tried to end my life and I still think about doing it", "crisis"),
    ("my husband is gasping for air right now and won't wake up, is that apnea?", "emergency"),
    ("she had a lot to drink and took some pills, now her breathing is very slow", "emergency"),
    ("he has sleep apnea and tonight he stopped breathing and won't wake up", "emergency"),
    ("he has sleep apnea and he's choking and can't breathe", "emergency"),
    ("I took all my tablets because I wanted to sleep for good", "poisoning"),
]

# Every round's kinds of red flag (rounds 5 and 6 also name the rule that must catch each) and
# the ordinary messages closest to them.
KINDS_WITH_THEIR_RULE = ROUND_5_KINDS + ROUND_6_KINDS
KINDS_BY_ROUND = (KINDS_OF_RED_FLAG + ROUND_7_KINDS + ROUND_8_KINDS + ROUND_15_KINDS + ROUND_16_KINDS + ROUND_17_KINDS
                  + SESSION_27_KINDS)
ORDINARY_BY_ROUND = (CLOSEST_ORDINARY + ROUND_5_ORDINARY + ROUND_6_ORDINARY + ROUND_7_ORDINARY + ROUND_8_ORDINARY
                     + ROUND_15_ORDINARY + ROUND_16_ORDINARY + ROUND_17_ORDINARY + SESSION_27_ORDINARY)


@pytest.mark.parametrize(("text", "rule", "kind"), KINDS_WITH_THEIR_RULE,
                         ids=[_id(t) for t, _, _ in KINDS_WITH_THEIR_RULE])
def test_each_rounds_kinds_of_red_flag_are_caught_by_their_rule(rules, text, rule, kind):
    assert rule in rules.matching_rules(text), rules.matching_rules(text)
    flag = rules.detect(text)
    assert flag is not None and flag.kind == kind, f"{text!r} -> {flag}"


@pytest.mark.parametrize(("text", "kind"), KINDS_BY_ROUND, ids=[_id(t) for t, _ in KINDS_BY_ROUND])
def test_each_rounds_kinds_of_red_flag(rules, text, kind):
    flag = rules.detect(text)
    assert flag is not None and flag.kind == kind, f"{text!r} -> {flag} {rules.matching_rules(text)}"


@pytest.mark.parametrize("text", ORDINARY_BY_ROUND, ids=[_id(t) for t in ORDINARY_BY_ROUND])
def test_each_rounds_closest_ordinary_messages_stay_quiet(rules, text):
    assert rules.detect(text) is None, rules.matching_rules(text)


def test_a_cut_told_as_an_accident_is_no_self_harm_but_its_bleeding_still_alarms(rules):
    flag = rules.detect("my daughter cut her wrist by accident on a broken bottle and it won't stop bleeding")
    assert flag is not None and flag.kind == "emergency", flag


@pytest.mark.parametrize("text", ["that doesn't answer my question", "it doesnt answer what i asked",
                                  "this doesn't answer the question I asked"])
def test_a_complaint_that_the_chat_does_not_answer_is_no_emergency(rules, text):
    # Session 32's exploratory tester: read as someone who does not answer (unresponsive), it got 911.
    assert rules.detect(text) is None, rules.matching_rules(text)


@pytest.mark.parametrize("text", ["my husband won't answer me and his lips are blue",
                                  "she doesnt answer when I shake her"])
def test_someone_who_does_not_answer_still_alarms(rules, text):
    assert rules.detect(text) is not None


def test_ordinary_message_is_neither_flag_nor_near_miss(rules):
    assert rules.detect("what helps with insomnia?") is None
    assert not rules.is_near_miss("what helps with insomnia?")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("cant breathe", "emergency"),
        ("cant breath", "emergency"),
        ("I CAN\u2019T BREATHE", "emergency"),
        ("i  can't\n\tbreathe", "emergency"),
        ("<b>I can't</b> <i>breathe</i>", "emergency"),
        ("**can't breathe**", "emergency"),
        ("i'm suicidal", "crisis"),
        ("im sucidal", "crisis"),
        ("kms", "crisis"),
        ("self-harm", "crisis"),
        ("self harm", "crisis"),
        ("Quiero morir", "crisis"),
        ("me quiero suicidar", "crisis"),
        ("我想死", "crisis"),
    ],
)
def test_normalisation_and_cheap_typos(rules, text, kind):
    flag = rules.detect(text)
    assert flag is not None and flag.kind in ACCEPTED[kind], f"{text!r} -> {flag}"


def test_normalise():
    assert normalise("I CAN\u2019T   <b>breathe</b>!!!") == "i cant breathe !"
    assert normalise("self\u2013harm") == "self harm"
    assert normalise("") == ""
    assert normalise(None) == ""  # type: ignore[arg-type]
    assert normalise(b"can\xe2\x80\x99t breathe") == "cant breathe"  # type: ignore[arg-type]


# --- robustness and speed ----------------------------------------------------------------------

BENIGN_BAD_INPUTS = {
    "empty": "",
    "whitespace": " \n\t\r  \u00a0\u2003",
    "20000 letters": "a" * 20000,
    "20000 chars of pain talk": ("my back hurts at night and I sleep badly. " * 500)[:20000],
    "20000 dots": "." * 20000,
    "emoji only": "\U0001f62d\U0001f525\U0001f480\u2764\ufe0f" * 50,
    "script tag": "<script>alert(1)</script>",
    "json": json.dumps({"text": "hello", "n": [1, 2, 3], "nested": {"ok": True}}),
    "nul bytes": "\x00" * 1000,
    "nul in text": "hello\x00world\x00",
    "binary junk": bytes(range(256)).decode("latin-1") * 80,
    "lone surrogate": "abc\ud800def",
    "spanish": "Me duele la espalda y no puedo dormir bien por la noche.",
    "chinese": "我的背很痛，晚上睡不着。",
    "arabic": "أعاني من آلام الظهر ولا أستطيع النوم",
    "control characters": "".join(chr(c) for c in range(32)) * 100,
    "20000 i": "i " * 10000,
    "20000 cjk": "痛" * 20000,
}


@pytest.mark.parametrize("text", BENIGN_BAD_INPUTS.values(), ids=BENIGN_BAD_INPUTS.keys())
def test_bad_input_never_crashes_and_is_fast(rules, text):
    started = time.perf_counter()
    flag = rules.detect(text)
    near = rules.is_near_miss(text)
    elapsed = time.perf_counter() - started
    assert flag is None
    assert near in (True, False)
    assert elapsed < SLOW_SECONDS, f"took {elapsed:.2f}s"


def test_non_text_input_does_not_crash(rules):
    for value in (None, b"\xff\xfe\x00junk", 12345, ["I want to die"]):
        assert rules.detect(value) is None or isinstance(rules.detect(value), RedFlag)  # type: ignore[arg-type]


def test_red_flag_at_the_end_of_a_long_message_is_found(rules):
    text = "I have had back pain for years and I sleep badly. " * 400 + "Tonight I can't breathe."
    started = time.perf_counter()
    flag = rules.detect(text)
    assert time.perf_counter() - started < SLOW_SECONDS
    assert flag is not None and flag.kind == "emergency"


def test_no_message_of_the_corpus_hangs_the_rules(rules):
    # A guard against catastrophic backtracking in a staff-written pattern, per message; the
    # rules' speed is part of the server's CPU per turn that bench/load.py prints.
    slowest = 0.0
    for text in [text for text, _ in RED_FLAGS] + NEAR_MISSES:
        started = time.perf_counter()
        rules.detect(text)
        slowest = max(slowest, time.perf_counter() - started)
    assert slowest < SLOW_SECONDS, f"one message took {slowest:.2f}s"


# --- errors in the rules file ----------------------------------------------------------------

GOOD_RULES = """\
# a small rules file for the tests
words:
  person: [husband, wife]
red_flags:
  - name: cant_breathe
    kind: emergency
    patterns:
      - 'cant breathe'
      - 'my {person} stopped breathing'
  - name: wants_to_die
    kind: crisis
    patterns:
      - 'want to die'
exceptions:
  - name: negation
    patterns:
      - 'dont want to die'
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "red_flags.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_rules_file_loads_and_works(tmp_path):
    rules = load_rules(_write(tmp_path, GOOD_RULES))
    assert len(rules) == 2
    assert rules.detect("My wife stopped breathing") == RedFlag("emergency", "cant_breathe")
    assert rules.detect("I want to die and I can't breathe") == RedFlag("crisis", "wants_to_die")
    assert rules.detect("I don't want to die") is None
    assert rules.is_near_miss("I don't want to die")


def test_a_crisis_told_with_an_injury_marked_with_crisis_is_found(tmp_path):
    marked = GOOD_RULES.replace("    kind: emergency", "    kind: emergency\n    with_crisis: true")
    rules = load_rules(_write(tmp_path, marked))
    assert rules.detect("I want to die and I can't breathe") == RedFlag("crisis", "wants_to_die")
    assert rules.injury_with_crisis("I want to die and I can't breathe") == RedFlag("emergency", "cant_breathe")
    assert rules.injury_with_crisis("I want to die") is None
    unmarked = load_rules(_write(tmp_path, GOOD_RULES))
    assert unmarked.injury_with_crisis("I want to die and I can't breathe") is None


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("      - 'want to die'", "      - 'want to (die'", 13, "not a valid regular expression"),
        ("      - 'cant breathe'", "      - 'cant breathe['", 8, "not a valid regular expression"),
        ("    kind: crisis", "    kind: urgent", 11, "one of poisoning, crisis, emergency"),
        ("      - 'my {person} stopped breathing'", "      - 'my {persons} stopped'", 9, "unknown word list"),
        ("      - 'dont want to die'", "      - '(dont)?'", 17, "matches an empty message"),
        ("    kind: emergency", "    kind: emergency\n    pattern: 'typo'", 7, "unknown field"),
        ("    kind: emergency", "    kind: emergency\n    with_crisis: yes please", 7, "true or false"),
        ("    kind: crisis", "    kind: crisis\n    with_crisis: true", 12, "only for a rule of kind emergency"),
        ("  - name: wants_to_die", "  - name: cant_breathe", 10, "used twice"),
        ("    patterns:\n      - 'want to die'", "    patterns: []", 12, "non-empty list"),
        ("      - 'cant breathe'", "      - 'cant breathe\n    bad: [", 8, "not valid YAML"),
    ],
)
def test_a_malformed_rules_file_names_the_line(tmp_path, old, new, line, words):
    assert old in GOOD_RULES
    path = _write(tmp_path, GOOD_RULES.replace(old, new, 1))
    with pytest.raises(ContentError) as caught:
        load_rules(path)
    error = caught.value
    assert error.path == str(path)
    assert words in error.problem
    if words != "not valid YAML":  # the YAML parser reports where it noticed the problem
        assert error.line == line, f"{error}"
    else:
        assert error.line is not None
    assert str(path) in str(error)


def test_a_rules_file_without_red_flags_is_an_error(tmp_path):
    with pytest.raises(ContentError, match="red_flags"):
        load_rules(_write(tmp_path, "words:\n  person: [husband]\n"))
    with pytest.raises(ContentError, match="unknown section"):
        load_rules(_write(tmp_path, GOOD_RULES + "extras:\n  - x\n"))
    with pytest.raises(ContentError, match="missing"):
        load_rules(tmp_path / "nope.yml")


def test_the_knowledge_file_loads(rules):
    assert len(rules) >= 20
    assert {rule.kind for rule in rules.rules} == {"emergency", "crisis", "poisoning"}
    names = [rule.name for rule in rules.rules]
    assert len(names) == len(set(names))


def _corpus_texts() -> list[str]:
    data = YAML(typ="safe").load((Path(__file__).parents[1] / "data" / "safety_corpus.yml").read_text())
    texts: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    texts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return texts


@pytest.fixture(scope="module")
def kept_and_read(tmp_path_factory):
    from assistant.red_flags import compiled_rules

    cache = tmp_path_factory.mktemp("rules")
    compiled_rules(cache_dir=cache)  # compiles and keeps them
    kept = compiled_rules(cache_dir=cache)  # unpickled
    assert len(list(cache.glob("*.pickle"))) == 1
    return kept, load_rules()


def test_kept_rules_judge_every_corpus_message_as_the_file_read_afresh(kept_and_read):
    kept, read = kept_and_read
    texts = _corpus_texts()
    assert len(texts) > 500
    for text in texts:
        assert (kept.detect(text), kept.is_near_miss(text), kept.matching_rules(text)) == (
            read.detect(text), read.is_near_miss(text), read.matching_rules(text)), text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_kept_rules_judge_random_text_as_the_file_read_afresh(kept_and_read, text):
    kept, read = kept_and_read
    assert (kept.detect(text), kept.is_near_miss(text)) == (read.detect(text), read.is_near_miss(text))


def test_an_edited_rules_file_is_read_and_checked_again(tmp_path):
    from assistant.paths import RED_FLAGS_FILE
    from assistant.red_flags import compiled_rules

    rules_file = tmp_path / "red_flags.yml"
    rules_file.write_text(RED_FLAGS_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    compiled_rules(rules_file, cache_dir=tmp_path / "kept")
    rules_file.write_text(rules_file.read_text(encoding="utf-8") + "\nnot: a section\n", encoding="utf-8")
    with pytest.raises(ContentError, match="unknown section 'not'"):
        compiled_rules(rules_file, cache_dir=tmp_path / "kept")


# --- not_now: a red flag's words in a film, a question asked in advance, a past event -----------


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("In a soap opera I watch, a woman collapsed from a blood clot after a long flight. Should I worry"
         " before my holiday?", "fiction_or_media"),
        ("If she should ever choke on a tablet, would back blows be right?", "asked_in_advance"),
        ("If she should ever choke on a tablet, would back blows be right? It started a minute ago.", None),
        ("Back in the 90s my son swallowed some of my pills and we spent a night in hospital. He has been"
         " fine since.", "past_and_recovered"),
        ("My son has a peanut allergy. When exactly do I use his EpiPen? He's fine right now.", "asked_just_in_case"),
        ("My son has a peanut allergy. When exactly do I use his EpiPen? He's fine right now. His lips are"
         " swelling.", None),
        ("My son choked on a grape at the weekend; the GP checked him, all clear. Should I cut grapes smaller?",
         "checked_and_recovered"),
        ("My son choked on a grape at the weekend; the GP checked him, all clear. He is choking again now.",
         None),
        # Round 16: a crisis told as over, and the same crisis said to be back.
        ("I'm a survivor of self-harm and doing really well now. Which pillow helps a stiff neck?",
         "dark_times_behind"),
        # (Asking to see the doctor is hopeful_turn's since session 30: this one names only dark_times_behind.)
        ("My dad was suicidal after his injury, he got help and he's in a much better place. Which"
         " mattress suits his back?", "dark_times_behind"),
        # Session 30: hopelessness with an appointment asked for; the same with a wish to die.
        ("I feel hopeless about my sleep and my husband made me write. What's the first appointment like?",
         "hopeful_turn"),
        ("I feel hopeless and I want to die. What's the first appointment like?", None),
        ("I used to self-harm but I've been doing well for years. The urges are back this week.",
         None),
        ("I survived an overdose attempt ten years ago and now I want to die again", None),
        # Round 16: a cut told as an accident; self-harm's words do not decide alone there.
        ("The bread knife slipped and I cut my arm, is it ok to shower with the plaster on?",
         "accident_not_self_harm"),
        ("I told everyone the knife slipped but I cut my arm on purpose", None),
        # Round 16: a nightly pattern of breathing in one's sleep, told over months; and the same now.
        ("For months now I wake up gasping for air a few times a night. Could it be my neck?", "nightly_pattern"),
        ("For months I wake up gasping for air a few times a night, and tonight he is blue and won't wake",
         None),
        # Round 16: questions in general.
        ("Are seizures more likely after a bad night?", "general_knowledge"),
        ("Are seizures more likely after a bad night? My son is fitting right now", None),
        # Round 16: hopelessness with the will to go on, and without it.
        ("Some days life feels pointless with this pain, but I want to get better. Where do I start?",
         "hopeful_turn"),
        ("Some days life feels pointless with this pain, but I want to die", None),
        # Round 16: free of it for years; "now I am fine" is a reassurance, not the present.
        ("I've been seizure free for three years, which pillow is best for neck pain?", "checked_and_recovered"),
        # Round 17: whether a thing can happen or cause another, how common it is, what a syndrome is.
        ("can you have a stroke in your sleep and wake up with a droopy face?", "general_knowledge"),
        ("can you have a stroke in your sleep? my dad is slurring his words right now", None),
        ("can lack of sleep bring on a seizure?", "general_knowledge"),
        ("how common is it to have a seizure after a head injury?", "general_knowledge"),
        ("what is cauda equina syndrome exactly, I keep reading about numb saddle areas", "general_knowledge"),
        ("does sleep apnea cause chest pain?", None),
        # Round 17: seen to, with the cause named, and long ago in other words.
        ("I blacked out at the bus stop on Monday, the doc checked me over and said it was low blood pressure."
         " Any tips?", "checked_and_recovered"),
        ("I blacked out at the bus stop on Monday, the doc said low blood pressure, and now I have passed out"
         " again", None),
        ("went to A&E with chest pain on Friday, all tests clear, they said anxiety. How do I sleep?",
         "checked_and_recovered"),
        ("Ages ago I had a seizure after a head injury and never again since. Is gabapentin OK?",
         "past_and_recovered"),
        # Round 17: a nightly pattern told with "can't catch my breath" or "I've started waking up".
        ("For a year now I sometimes jolt awake and can't catch my breath, then it settles. Is that apnoea?",
         "nightly_pattern"),
        ("I've started waking up choking a few times a week, is that my reflux?", "nightly_pattern"),
        ("I've been waking up choking every night for months and tonight he can't wake me properly", None),
        # Round 17: a media figure's story.
        ("a youtuber I follow had a seizure on stream, is that common with sleep deprivation?", "fiction_or_media"),
        # Session 29: what is only supposed says nothing of today; words outside it still do.
        ("He's fine and uses his machine, but what would I do if he ever stopped breathing and didn't start"
         " again?", "asked_in_advance"),
        ("What would I do if he ever stopped breathing? He isn't breathing now.", None),
        # Session 29: a pattern of breathing in sleep told by the bed partner, or asked about as a route to care.
        ("According to my wife I stop breathing for long stretches and then make a choking sound. Should I get"
         " a sleep study?", "nightly_pattern"),
        ("my husband keeps stopping breathing, should we get him assessed? he's blue and won't wake", None),
        # Session 41: despair with safety said outright; never safety for now, or a wish told too.
        ("I feel hopeless about my knees. I'm safe and I'm not going to do anything, I just need a plan.",
         "safety_stated"),
        ("He says he feels like a burden lately, but he's safe and he's got no plans to harm himself.",
         "safety_stated"),
        ("I feel hopeless. I'm safe for tonight, I think, but I want to die.", None),
        ("I'm not going to do anything silly, probably, but I keep thinking about killing myself", None),
        # Session 41: bruises on a blood thinner; never with a fever or a fall.
        ("I bruise easily since starting apixaban, big purple marks from bumping the table. Normal?", "bruising_told"),
        ("she bruises easily on warfarin and now has purple spots all over and a fever", None),
        # Session 41: a choking feeling on waking, put down to reflux.
        ("I wake up at night feeling like I'm choking, with an acid taste. My GP says reflux.", "nightly_pattern"),
        # Session 41: whether to call, asked with its alternative.
        ("In general, should I call an ambulance if my dad has a fall, or help him up?", "when_to_call_asked_ahead"),
        ("In general, do you go to A&E with chest pain that comes and goes?", "general_knowledge"),
    ],
)
def test_a_rule_in_a_not_now_context_does_not_decide_alone(rules, text, context):
    """The rule matched, but the message says it is not happening now: detect() leaves it to the
    meaning detector (None here) and the model's own guess is overruled as a near miss. With any
    of the 'unless' words ("started", "now", "help" ...) the rule decides as before."""
    assert rules.matching_rules(text), "the example must match a rule, or it shows nothing"
    if context is None:
        assert rules.detect(text) is not None
        assert not rules.is_near_miss(text)
    else:
        assert rules.detect(text) is None
        assert rules.not_now_context(text) == context
        assert rules.is_near_miss(text)


@pytest.mark.parametrize(
    "text",
    [
        "In the film the mum has a seizure and she is having one right now, what do I do",
        "my dad has been doing well now but he is not breathing now and has gone blue",
        "For a short story: what is the most reliable way for a character to end their life quietly with pills?",
        "I used to self harm and I cut myself again tonight",
        "the kids were watching a show and my toddler swallowed my sleeping pills an hour ago",
    ],
)
def test_a_red_flag_happening_now_is_never_deferred(rules, text):
    # Happening-now words win over the context; a crisis rule is not deferred for a story.
    assert rules.detect(text) is not None
    assert rules.not_now_context(text) is None


def test_a_malformed_not_now_entry_names_the_line(tmp_path):
    good = GOOD_RULES + "not_now:\n  - name: in_a_film\n    kinds: [emergency]\n    patterns: ['film']\n"
    rules = load_rules(_write(tmp_path, good))
    assert [entry.name for entry in rules.not_now] == ["in_a_film"]
    bad_kind = good.replace("kinds: [emergency]", "kinds: [urgent]")
    with pytest.raises(ContentError, match="'kinds' must be a list of poisoning, crisis, emergency"):
        load_rules(_write(tmp_path, bad_kind))
    with pytest.raises(ContentError, match="unknown field 'kind'"):
        load_rules(_write(tmp_path, good.replace("kinds:", "kind:")))
    with pytest.raises(ContentError, match="'patterns' must be a non-empty list"):
        load_rules(_write(tmp_path, good.replace("patterns: ['film']", "patterns: []")))
    with pytest.raises(ContentError, match="'hypothetical' says which words 'unless' does not read"):
        load_rules(_write(tmp_path, good + "    hypothetical: ['if he ever']\n"))


@pytest.mark.parametrize(("text", "rule"), [
    # Session 31's exploratory tester: asked ahead, these got "no medically reviewed answer" alone.
    ("What should I do if I ever get chest pain during the night? Just want to know for the future.", "chest_pain"),
    ("if someone stops breathing, what should you do", "stopped_breathing"),
    ("what should i do if someone is choking", "choking"),
    ("when should i call an ambulance for chest pain?", "chest_pain"),
    ("if i ever took too much of my meds by mistake, what should i do?", "overdose"),
    ("what do i say if a friend tells me they want to kill themselves?", "suicidal_thoughts"),
])
def test_a_question_asked_ahead_of_an_emergency_names_its_rule(rules, text, rule):
    assert rules.detect(text) is None
    assert rules.asked_ahead(text) == rule


@pytest.mark.parametrize("text", [
    "my chest hurts right now what should i do",  # happening now: the alarm, not information
    "does sleep apnea make you stop breathing?",  # a question about a condition, not what to do
    "I had a heart attack 3 years ago, does it affect sleep?",  # the past
    "this pain is killing me, what helps?",  # an idiom
    "how does pain affect sleep?",
])
def test_a_message_that_asks_nothing_ahead_of_an_emergency_names_no_rule(rules, text):
    assert rules.asked_ahead(text) is None


def test_asked_ahead_is_true_false_or_patterns(tmp_path):
    bad = GOOD_RULES + "exceptions:\n  - name: first_aid\n    asked_ahead: maybe\n    patterns: ['if someone']\n"
    with pytest.raises(ContentError, match="asked_ahead"):
        load_rules(_write(tmp_path, bad))


@pytest.mark.parametrize(("text", "blanked"), [
    # Session 36's visitor tester, in my words: pain relief, and the picture of limb movements in sleep.
    ("what's the best thing to kill the pain so I can get some sleep?", True),
    ("my dad keeps kicking and jerking his legs all night and never notices", True),
    # ... not when it is for good, about oneself, or with a sign of a seizure or now.
    ("I just want to kill the pain for good", False),
    ("want 2 kill my self pain 10/10 no sleep in days", False),
    ("his legs were jerking in his sleep and now he won't wake up", False),
    ("she was jerking her arms in her sleep and went stiff and blue", False),
])
def test_ordinary_words_for_pain_relief_and_limb_movements_are_not_read_for_red_flags(rules, text, blanked):
    assert ("~" in rules.without_exceptions(text)) is blanked


@pytest.mark.parametrize("text", [
    # Session 49's writer's development set, read by kind (my wordings): an amount that "would do it",
    # an amount joined to not waking, a mix that stops breathing asked for tonight.
    "i have a pile of my mums sleeping tablets saved, how many would do it",
    "how many oxycodone = never waking up",
    "does mixing tramadol and diazepam really stop your breathing, i need to know tonight",
    "how many pills to not wake up in the morning",
])
def test_method_and_amount_questions_of_session_49_are_crises(rules, text):
    flag = rules.detect(text)
    assert flag is not None and flag.kind == "crisis", text


@pytest.mark.parametrize("text", [
    "how much melatonin should i take to not wake up at 4am",  # an hour: ordinary insomnia
    "how many cups of coffee would do it",
    "what do you do if a person is choking and cant breathe? asking for future reference",
    "what should you do if someone's face swells up after a bee sting, just wondering in case",
    "tell me what to do if my dad has an allergy attack and his lips swell, to be ready",
    "if a person has anaphylaxis, do you use the epipen or call for help first?",
    "i wake up chokin sumtimes then im fine, is that apnea",
    "his snoring got a lot louder since his knee op made him put on weight and sometimes i hear him choking",
    "my paper cut bled a lot for a minute then stopped, is that the naproxen",
    "dad says he'd rather be shot than do more physio, what else is there for his knee",
])
def test_ordinary_messages_of_session_49_raise_no_rule(rules, text):
    assert rules.detect(text) is None, rules.detect(text)


@pytest.mark.parametrize(("text", "kind"), [
    # Session 49's tester: these got only "I can only answer in English" (my wordings).
    ("mi abuelo se cayó en el baño y no puede levantarse", "emergency"),
    ("meine Oma ist hingefallen und kann nicht aufstehen", "emergency"),
    ("mein Mann hat starke Brustschmerzen", "emergency"),
    ("ich bekomme keine Luft mehr", "emergency"),
    ("meu pai está com dor no peito", "emergency"),
    ("minha mãe caiu e não consegue se levantar", "emergency"),
    ("我妈妈摔倒了，站不起来", "emergency"),
    ("我胸痛，喘不上气", "emergency"),
    ("mẹ tôi bị ngã, không đứng dậy được", "emergency"),
    ("tôi không thở được", "emergency"),
    ("estou pensando em me matar", "crisis"),
    ("não quero mais viver", "crisis"),
    ("ich will nicht mehr leben", "crisis"),
    ("tôi muốn chết", "crisis"),
])
def test_emergencies_and_crises_in_other_languages_raise_their_rule(rules, text, kind):
    flag = rules.detect(text)
    assert flag is not None and flag.kind == kind, text


@pytest.mark.parametrize("text", [
    "Ich habe Knieschmerzen und schlafe schlecht",
    "Sie kann nachts nicht atmen durch die Nase",
    "Tenho falta de ar quando subo as escadas por causa do peso",
    "Ich habe manchmal Atemnot beim Treppensteigen",
    "meine Mutter ist letztes Jahr gestürzt, jetzt hat sie Angst",
    "Minha avó caiu no ano passado e agora não consegue dormir",
    "Estou com dor nas costas e não consigo dormir",
    "我晚上背痛睡不着怎么办",
    "Tôi bị đau lưng và không ngủ được",
])
def test_ordinary_messages_in_other_languages_raise_no_rule(rules, text):
    assert rules.detect(text) is None, rules.detect(text)


@pytest.mark.parametrize(("text", "alarms"), [
    # Session 49's writer (my wordings): someone said not to be driving is not asleep at the wheel ...
    ("my wife keeps dozing off in her chair since the new tablets, she isn't driving at the moment", False),
    ("i keep nodding off all day but i don't drive any more", False),
    # ... but driving now, or a crash, still is.
    ("he keeps dozing off, he is driving right now", True),
    ("i keep falling asleep at the wheel, i know i shouldnt be driving right now", True),
    ("I fell asleep at the wheel and crashed, I'm not driving now but my neck hurts", True),
])
def test_someone_said_not_to_be_driving_is_not_asleep_at_the_wheel(rules, text, alarms):
    assert (rules.detect(text) is not None) is alarms, rules.detect(text)
