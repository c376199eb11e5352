"""The custom NLU components, on Rasa messages as the trained pipeline hands them over."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from assistant.red_flag_meaning import Scores
from assistant.red_flags import load_rules
from components.language_guard import LanguageGuard
from components.red_flags import RedFlagClassifier


def message(text, intent, confidence, runner_up="ask_pain_disrupts_sleep", runner_up_confidence=None):
    second = 1 - confidence if runner_up_confidence is None else runner_up_confidence
    ranking = [{"name": intent, "confidence": confidence}, {"name": runner_up, "confidence": second}]
    return Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})


@pytest.fixture(scope="module")
def classifier():
    return RedFlagClassifier(load_rules())


def test_a_red_flag_wins_whatever_the_model_thought(classifier):
    [result] = classifier.process([message("my husband stopped breathing in his sleep", "ask_disorder", 0.99)])
    assert result.get("intent") == {"name": "report_emergency", "confidence": 1.0}
    assert result.get("intent_ranking")[0]["name"] == "report_emergency"


def test_the_models_alarm_on_an_idiom_is_taken_back(classifier):
    [result] = classifier.process([message("this back pain is killing me", "report_emergency", 0.97,
                                           runner_up_confidence=0.6)])
    assert result.get("intent")["name"] == "ask_pain_disrupts_sleep"


def test_an_unsure_model_alarm_is_taken_back_a_confident_one_stands(classifier):
    [unsure] = classifier.process([message("i can't wake up in the morning", "report_emergency", 0.6)])
    assert unsure.get("intent")["name"] == "ask_pain_disrupts_sleep"
    [sure] = classifier.process([message("everything feels pointless lately", "report_crisis", 0.97)])
    assert sure.get("intent")["name"] == "report_crisis"


def test_an_alarm_taken_back_leaves_the_fallback_when_the_next_guess_is_unsure(classifier):
    # Found through the servers: "is there a blood test" (report_emergency 0.56, unconfirmed)
    # fell to other_language at 0.08 and got "I can only answer in English".
    ranking = [{"name": "report_emergency", "confidence": 0.56}, {"name": "report_crisis", "confidence": 0.2},
               {"name": "other_language", "confidence": 0.08}]
    [result] = classifier.process([Message(data={"text": "is there a blood test", "intent": ranking[0],
                                                 "intent_ranking": ranking})])
    assert result.get("intent") == {"name": "nlu_fallback", "confidence": 0.4}
    assert [r["name"] for r in result.get("intent_ranking")] == ["nlu_fallback", "other_language"]


@pytest.fixture(scope="module")
def guard():
    return LanguageGuard(None, None, {"insomnea", "cant"})


@pytest.mark.parametrize("text", [
    "what is insomnia", "my lower back hurts and i cant sleep", "rls??", "sleep apnoea", "plmd willis ekbom cbti",
    "insomnea help", "", "😴😴", "is zopiclone addictive", "does ibuprofen interact with melatonin",
])
def test_english_and_too_short_to_tell_pass(guard, text):
    assert guard.is_english(text)


@pytest.mark.parametrize("text", [
    "me duele la espalda y no puedo dormir", "ich kann nicht schlafen", "je ne peux pas dormir la nuit",
    "我晚上背痛睡不着怎么办", "у меня болит спина", "ik kan niet slapen door mijn rugpijn",
    "me duele la rodilla por la noche",
    # ... typo tolerance included: "tengo" is one letter from "tango", "bien" from "been".
    "tengo dolor de espalda y no puedo dormir bien", "j'ai mal au dos et je ne dors pas la nuit",
    "mi fa male la schiena e non riesco a dormire", "não consigo dormir por causa da dor nas costas",
])
def test_other_languages_are_noticed(guard, text):
    assert not guard.is_english(text)


@pytest.mark.parametrize(("text", "code"), [
    ("ich kann nicht schlafen", "de"), ("me duele la espalda y no puedo dormir", "es"),
    ("我晚上背痛睡不着怎么办", "zh"), ("ik kan niet slapen door mijn rugpijn", "nl")])
def test_a_message_in_another_language_says_which_for_the_reply(guard, text, code):
    [result] = guard.process([message(text, "ask_pain_disrupts_sleep", 0.9)])
    assert result.get("intent")["name"] == "other_language"
    assert result.as_dict(only_output_properties=True)["language"] == code


@pytest.mark.parametrize("text", [
    # Session 35's exploratory tester: slang was told that only English is answered (my wordings).
    "been tossin n turnin all nite",
    "im wakin up every nite hurtin",
    "u up? my back is killin me rn",
    "muchas gracias, adiós",  # a farewell visitors mix in is not a message in Spanish
    # Session 36's exploratory tester: typos were told that only English is answered (my wordings).
    "waht abuot sleep apnia",
    "hwo do i stpo restles legz",
])
def test_chat_shorthand_and_dropped_gs_are_english(guard, text):
    assert guard.is_english(text)


@pytest.mark.parametrize("text", ["<b>hello</b>", "<p>what helps my back pain at night</p>", "hi <i>there</i> friend"])
def test_markup_is_not_another_language(guard, text):
    assert guard.is_english(text)


@pytest.mark.parametrize(("runner_up_confidence", "expected"),
                         [(0.45, "ask_sleep_worsens_pain"), (0.1, "nlu_fallback")])
def test_the_models_other_language_guess_on_plain_english_is_taken_back(guard, runner_up_confidence, expected):
    # Session 26's tester was told, in Spanish, that only English is answered.
    text = "My mother is 80, she lives with us since dad died. The GP just says it's age."
    [result] = guard.process([message(text, "other_language", 0.55, "ask_sleep_worsens_pain", runner_up_confidence)])
    assert result.get("intent")["name"] == expected
    assert "other_language" not in [r["name"] for r in result.get("intent_ranking")]
    # Another language stays another language, whatever the model guessed.
    [spanish] = guard.process([message("me duele la espalda y no puedo dormir", "ask_pain_disrupts_sleep", 0.9)])
    assert spanish.get("intent")["name"] == "other_language"
    # A mix the model read as another language keeps its guess.
    [mixed] = guard.process([message("hola doctor, dolor de espalda, help please", "other_language", 0.9)])
    assert mixed.get("intent")["name"] == "other_language"
    # ... unless it asks its question in plain English (session 43's visitor tester).
    asked = "mi rodilla duele mucho en la noche. sorry, my english is bad. how I can sleep better with this?"
    [mixed] = guard.process([message(asked, "other_language", 0.9, "ask_pain_disrupts_sleep", 0.5)])
    assert mixed.get("intent")["name"] == "ask_pain_disrupts_sleep"
    [spanish] = guard.process([message("me duele la rodilla. ¿cómo puedo dormir mejor?", "other_language", 0.9)])
    assert spanish.get("intent")["name"] == "other_language"


# --- the meaning detector behind the rules ---------------------------------------------


@pytest.fixture(scope="module")
def full_classifier():
    from assistant.embeddings import default_embedder
    from assistant.red_flag_meaning import build_detector

    return RedFlagClassifier(load_rules(), build_detector(default_embedder()))


@pytest.mark.parametrize(("text", "intent", "kind"), [
    ("my little boy got into the cupboard and drank some of the blue stuff under the sink",
     "report_emergency", "poisoning"),
    ("i have been giving away my things and sorting out my will so nobody has to deal with it later",
     "report_crisis", "crisis"),
    # Session 48: a hand that drops things since this morning is still a stroke's sign, though a
    # hand that keeps dropping things is blanked as slow weakness (weak_grip_over_time).
    ("since this morning I keep dropping things with my left hand", "report_emergency", "emergency"),
])
def test_a_red_flag_the_rules_miss_is_caught_by_its_meaning(full_classifier, text, intent, kind):
    assert load_rules().detect(text) is None  # otherwise this test would not test the detector
    [result] = full_classifier.process([message(text, "ask_diagnosis", 0.9)])
    assert result.get("intent")["name"] == intent
    assert result.get("red_flag") == {"kind": kind, "detector": "meaning", "score": result.get("red_flag")["score"]}


@pytest.mark.parametrize("text", ["my back is absolutely murdering me tonight", "my knees are killing me tonight"])
def test_an_idiom_blanked_leaves_too_little_to_judge(full_classifier, text):
    # Session 49's visitor tester got the screening question: blanked, "my back ~ tonight" was judged.
    [result] = full_classifier.process([message(text, "ask_pain_disrupts_sleep", 0.9)])
    assert result.get("red_flag") is None and result.get("intent")["name"] == "ask_pain_disrupts_sleep"
    # A threat told beside the idiom keeps enough words to be judged.
    [result] = full_classifier.process([message("this pain is killing me, tonight i will take all my pills",
                                                "ask_pain_disrupts_sleep", 0.9)])
    assert result.get("red_flag")["kind"] == "crisis"


def test_an_overdose_is_a_poisoning_whatever_the_model_thought(full_classifier):
    [result] = full_classifier.process([message("i took 20 of my sleeping pills an hour ago", "ask_medication", 0.95)])
    assert result.get("intent")["name"] == "report_emergency"
    assert result.get("red_flag")["kind"] == "poisoning"


def test_an_unsure_verdict_on_a_message_in_another_language_is_not_a_screening_question(full_classifier, monkeypatch):
    # Found through the servers: a German visitor with knee pain was asked about suicide. Since
    # session 34 the detector hears nothing in it (it learns ordinary messages in other languages);
    # should it be unsure of another such message, the component still asks no screening question.
    german = "Guten Tag, ich habe Knieschmerzen und schlafe schlecht"
    [foreign] = full_classifier.process([message(german, "other_language", 1.0)])
    assert foreign.get("intent")["name"] == "other_language" and foreign.get("red_flag") is None
    # A message in another language with a red flag the rules know still gets its guidance.
    [spanish] = full_classifier.process([message("me quiero suicidar", "other_language", 1.0)])
    assert spanish.get("intent")["name"] == "report_crisis"
    unsure = Scores(crisis=0.7, crisis_part=german, urgent=0.0, urgent_part=german, poisoning_first=False,
                    alarm=0.7, alarm_kind="crisis", alarm_part=german)
    monkeypatch.setattr(full_classifier._detector, "scores", lambda text: unsure)
    [foreign] = full_classifier.process([message(german, "other_language", 1.0)])
    assert foreign.get("intent")["name"] == "other_language" and foreign.get("red_flag") is None
    # The same unsure verdict on a message in English asks the screening question.
    [english] = full_classifier.process([message("I'm so tired of all of it", "ask_diagnosis", 0.9)])
    assert english.get("intent")["name"] == "report_possible_crisis"


@pytest.mark.parametrize("text", [
    "how much melatonin can i take before bed?",
    "can i take ibuprofen with my sleeping pill?",
])
def test_ordinary_dosing_questions_still_get_the_dosing_refusal(full_classifier, text):
    [result] = full_classifier.process([message(text, "ask_medication", 0.95)])
    assert result.get("intent")["name"] == "ask_medication"
    assert result.get("red_flag") is None


@pytest.mark.parametrize(("text", "ahead"), [
    ("What should I do if I ever get chest pain during the night? Just want to know for the future.", True),
    ("if someone stops breathing, what should you do?", True),
    ("how does pain affect sleep?", False),
])
def test_a_question_asked_ahead_of_an_emergency_is_marked_for_the_actions_and_raises_no_alarm(
        full_classifier, text, ahead):
    # The actions put the emergency numbers first on the strength of this mark (session 31).
    [result] = full_classifier.process([message(text, "ask_when_to_see_provider", 0.9)])
    assert result.get("red_flag") is None
    assert bool(result.get("asked_ahead")) is ahead
    assert result.get("asked_ahead") == load_rules().asked_ahead(text)


# --- a message that names a condition is not small talk on a guess ----------------------


def with_entity(text, intent, confidence, entity="other_condition", value="night sweats"):
    result = message(text, intent, confidence)
    result.set("entities", [{"entity": entity, "value": value}])
    return result


def test_an_unsure_goodbye_naming_a_condition_becomes_the_fallback():
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([with_entity("why do i get night sweats", "goodbye", 0.44)])
    assert result.get("intent")["name"] == "nlu_fallback"


@pytest.mark.parametrize(("intent", "confidence", "entity"), [
    ("goodbye", 0.95, "disorder"),  # "good night, thanks for the insomnia tips": a clear goodbye
    ("ask_disorder", 0.44, "disorder"),  # a health intent stays
    ("goodbye", 0.65, "body_part"),  # a body part alone names no condition (under 0.6, "..." bids no farewell)
])
def test_other_guesses_stand(intent, confidence, entity):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([with_entity("...", intent, confidence, entity)])
    assert result.get("intent")["name"] == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("why is that?", "affirm"),
    ("why would that happen", "affirm"),  # no question mark, a question word
    ("so no meds involved?", "deny"),
    ("imo the no phone in bed thing is overblown? or nah", "deny"),
    # Nor a question about the chat.
    ("ok so what else helps", "ask_capabilities"),  # opening fillers, then a question word
    ("can that make it worse?", "say_misunderstood"),  # opens with "can"
    ("what else besides that?", "say_misunderstood"),
    ("and how does it work?", "ask_capabilities"),
    # Session 35's tester, in my words: a clause that asks, after what it asks about.
    ("the jerking thing, what causes it", "say_misunderstood"),
])
def test_a_follow_up_question_is_not_a_yes_a_no_or_a_question_about_the_chat(text, intent):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, intent, 0.97)])
    assert result.get("intent")["name"] == "nlu_fallback"


@pytest.mark.parametrize(("text", "intent"), [
    ("how do i stop my mind racing at night", "end_session"),
    ("how do i stop tossing and turning?", "end_session"),
    ("can sleeping badly make my back worse", "goodbye"),
])
def test_a_question_about_something_else_is_not_a_goodbye(text, intent):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, intent, 0.41)])
    assert result.get("intent")["name"] == "nlu_fallback"


@pytest.mark.parametrize(("text", "confidence", "expected"), [
    ("next", 0.47, "nlu_fallback"),  # session 35's tester, after the approaches' buttons: the closing
    ("more please", 0.5, "nlu_fallback"),
    ("ok bye then", 0.5, "goodbye"),  # a farewell
    ("signing off now", 0.5, "goodbye"),  # leaving
    ("next", 0.9, "goodbye"),  # sure
])
def test_an_unsure_goodbye_with_no_word_of_leaving_is_a_guess(text, confidence, expected):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, "goodbye", confidence)])
    assert result.get("intent")["name"] == expected


@pytest.mark.parametrize(("text", "intent"), [
    ("can we end this chat now", "end_session"),
    ("can i go now?", "end_session"),
    ("are we done?", "goodbye"),
    ("is that all?", "end_session"),
    ("ok bye", "goodbye"),
    ("stop", "end_session"),
    ("good night, thanks for the insomnia tips", "goodbye"),
    ("have a nice day", "goodbye"),  # opens with "have", yet asks nothing (found through the servers)
    ("thank you, is that all?", "thank"),
    ("thanks, that was helpful", "thank"),
])
def test_goodbyes_stand(text, intent):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, intent, 0.9)])
    assert result.get("intent")["name"] == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("yes, what should I do?", "affirm"),  # a yes to the screening question, with a question
    ("no, why?", "deny"),
    ("no thanks, that's all", "deny"),
    ("ok?", "affirm"),  # too short to be a follow-up
    ("sure thing", "affirm"),
    ("what about reading a paper book instead?", "book_consultation"),  # not a yes or a no
    # Questions about the chat.
    ("what can you do?", "ask_capabilities"),
    ("how does this chat work", "ask_capabilities"),
    ("what subjects can we talk about", "ask_capabilities"),
    ("where do i start", "ask_capabilities"),
    ("give me some examples", "ask_capabilities"),  # not a question
    ("huh? that's not what i said", "say_misunderstood"),
    ("no, that's wrong?", "say_misunderstood"),  # opens with a no
    ("you misunderstood me", "say_misunderstood"),
])
def test_yes_no_and_questions_about_the_chat_stand(text, intent):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, intent, 0.97)])
    assert result.get("intent")["name"] == intent


# --- a message read again in plain words --------------------------------------------------


@pytest.fixture(scope="module")
def respelling_classifier():
    from components.red_flags import red_flag_respeller

    return RedFlagClassifier(load_rules(), respell=red_flag_respeller())


@pytest.mark.parametrize(("text", "kind"), [
    ("wud evry1 be happier w/o me around", "crisis"),
    ("sum1 took a hole bottle of tabletts", "poisoning"),  # "pils" is read as typed since session 38
    ("im plannin to swalow all my pils tonite", "crisis"),
    # Session 49's writer, read by kind (my wordings): "hw" is "how" (knowledge/chat_words.yml).
    ("hw many zopiclone = not wakin up??", "crisis"),
])
def test_text_speak_is_read_in_plain_words_too(respelling_classifier, text, kind):
    [plain] = respelling_classifier.process([message(text, "ask_pain_disrupts_sleep", 0.9)])
    assert plain.get("red_flag")["kind"] == kind
    [as_typed] = RedFlagClassifier(load_rules()).process([message(text, "ask_pain_disrupts_sleep", 0.9)])
    assert as_typed.get("red_flag") is None  # otherwise this test would not test the second reading


def test_the_second_reading_keeps_idioms_idioms(respelling_classifier):
    text = "my nek is killing me lol, cant sleep"
    [result] = respelling_classifier.process([message(text, "ask_pain_disrupts_sleep", 0.9)])
    assert result.get("red_flag") is None


@pytest.mark.parametrize(("text", "confidence", "expected"), [
    ("What's the tough band under the foot that people say gets inflamed in heel pain?", 0.54, "nlu_fallback"),
    ("does losing weight help knee pain or is that just something doctors say", 0.44, "nlu_fallback"),
    ("you misunderstood me", 0.6, "say_misunderstood"),  # asks nothing
    ("that's not what I said?", 0.97, "say_misunderstood"),  # sure
])
def test_an_unsure_guess_that_it_misunderstood_is_no_reason_to_apologise_for_a_question(text, confidence, expected):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, "say_misunderstood", confidence)])
    assert result.get("intent")["name"] == expected


@pytest.mark.parametrize("text", ["thank you. and the jumpy legs in the evening?", "thanks! what about PLMD?"])
def test_a_thanks_with_a_question_after_it_is_the_question(text):
    # Found through the servers: "You're welcome" and the closing; the question was lost.
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, "thank", 0.62)])
    assert result.get("intent")["name"] == "nlu_fallback"


@pytest.mark.parametrize(("text", "expected"), [
    ("ok, I will book. bye", "goodbye"),  # found through the servers: the last answer again, no closing
    ("I need to go now, take care", "goodbye"),
    ("what is insomnia? bye", "nlu_fallback"),  # a question: answered first
    ("bye bye legs", "nlu_fallback"),  # no goodbye of its own at the end
    # Found through the servers: "Sorry, I'm not sure I understood", and no closing.
    ("ok that's all, thanks!", "goodbye"),
    ("Thank you, that is all", "goodbye"),
    ("thanks for your help, im done", "goodbye"),
    ("is that all?", "nlu_fallback"),  # asks
    # Session 35's tester: thanks and goodbyes in Spanish got "not sure I understood", no closing.
    ("muchas gracias, adiós", "goodbye"),
    ("Adiós!", "goodbye"),
    ("merci beaucoup", "goodbye"),
    ("ciao", "goodbye"),
    ("adiós a mi dolor de espalda?", "nlu_fallback"),  # asks
    ("that's all i wanted to know about insomnia, does it go away?", "nlu_fallback"),
])
def test_an_unsure_message_that_ends_with_a_goodbye_of_its_own_is_a_goodbye(text, expected):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, "nlu_fallback", 0.4)])
    assert result.get("intent")["name"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Session 32's tester: the offer to book alone, and the session had no disclaimer.
    ("ok I'll get him to book. bye", "goodbye"),
    ("great, I'll book a visit then, thanks, bye", "goodbye"),
    ("I'd like to book a consultation", "book_consultation"),
    ("can I book for my mum? bye", "book_consultation"),  # asks
])
def test_a_plan_to_book_that_ends_with_a_goodbye_gets_the_closing(text, expected):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, "book_consultation", 0.95)])
    assert result.get("intent")["name"] == expected


@pytest.mark.parametrize(("text", "intent", "confidence", "entity", "expected"), [
    # Found through the servers: these got a refusal.
    ("what's your address?", "ask_diagnosis", 0.49, None, "nlu_fallback"),
    ("caterpillar", "ask_medication", 0.43, None, "nlu_fallback"),
    ("would sleeping on his side help?", "ask_medication", 0.46, None, "nlu_fallback"),
    # Sure, but about bedding ("pill" in "pillow", session 25).
    ("what pillow should I buy for neck pain?", "ask_medication", 0.76, None, "nlu_fallback"),
    ("is a memory foam mattress topper worth it", "ask_medication", 0.9, None, "nlu_fallback"),
    # Sure enough, or a medicine named: the refusal stands.
    ("could my legs twitching be rls", "ask_diagnosis", 0.94, None, "ask_diagnosis"),
    ("how much melatonin is ok", "ask_medication", 0.45, "treatment", "ask_medication"),
    ("how many should i take", "ask_medication", 0.58, None, "ask_medication"),
    ("can i take my sleeping pill and then use a wedge pillow", "ask_medication", 0.8, "treatment", "ask_medication"),
])
def test_an_unsure_guess_of_a_refusals_intent_is_no_reason_to_refuse(text, intent, confidence, entity, expected):
    from components.condition_question_guard import ConditionQuestionGuard

    guess = message(text, intent, confidence) if entity is None else with_entity(text, intent, confidence, entity)
    [result] = ConditionQuestionGuard().process([guess])
    assert result.get("intent")["name"] == expected


def test_an_unsure_greeting_guess_for_a_message_with_no_word_of_greeting_becomes_the_fallback():
    from components.condition_question_guard import ConditionQuestionGuard

    guard = ConditionQuestionGuard()
    # Found through the servers: this got the welcome (greet at 0.48).
    [heel] = guard.process([message("heel hurts most at night in bed, even when resting", "greet", 0.48)])
    assert heel.get("intent")["name"] == "nlu_fallback"
    for text, confidence in (("hi there", 0.6), ("hello, I have a question about sleep", 0.6),
                             ("good morning to you all", 0.5), ("my knee hurts at night", 0.95)):
        [result] = guard.process([message(text, "greet", confidence)])
        assert result.get("intent")["name"] == "greet", text


@pytest.mark.parametrize(("text", "intent"), [
    ("why?", "affirm"),  # found through the servers: "Of course. What would you like to know?"
    ("how come", "deny"),
    ("but why is that?", "thank"),
    ("in what way?", "greet"),
])
def test_why_is_a_follow_up_question_not_a_yes_a_no_or_a_thanks(text, intent):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, intent, 0.4)])
    assert result.get("intent")["name"] == "nlu_fallback"


def test_the_pipeline_reads_a_message_without_its_tags():
    from components.plain_text import MarkupRemover

    [tagged, plain] = MarkupRemover().process([message("<script>alert('x')</script> how does pain affect sleep?",
                                                       "nlu_fallback", 0.4),
                                               message("is 3 < 5 hours of sleep too little?", "nlu_fallback", 0.4)])
    assert tagged.get("text") == "how does pain affect sleep?"  # a script's code is no words either
    assert plain.get("text") == "is 3 < 5 hours of sleep too little?"


@pytest.mark.parametrize(("text", "intent", "expected"), [
    # Found by an exploratory tester: after a false alarm, "call 911 now ... even if it has passed".
    ("no it was 3 months ago, not an emergency", "nlu_fallback", "say_misunderstood"),
    ("that was years ago", "affirm", "say_misunderstood"),
    ("no no, that happened last year", "deny", "say_misunderstood"),
    # Not corrections: a story, a question, a health question with more to say.
    ("I had a heart attack 3 years ago and now I cant sleep", "nlu_fallback", "nlu_fallback"),
    ("is it an emergency", "nlu_fallback", "nlu_fallback"),
    ("It is not an emergency but my back hurts every night", "nlu_fallback", "nlu_fallback"),
    ("no emergency, it was years ago", "ask_disorder", "ask_disorder"),  # the NLU read a question
])
def test_a_correction_of_an_alarm_is_read_as_you_misunderstood(text, intent, expected):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, intent, 0.4)])
    assert result.get("intent")["name"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Found through the servers: the closing, and no answer.
    ("I'm dying to get a good night's sleep lol", "nlu_fallback"),
    ("just one good night would be nice", "nlu_fallback"),
    ("good night, thanks for the help", "goodbye"),
    ("night night", "goodbye"),
])
def test_a_good_night_wished_for_is_not_a_goodbye(text, expected):
    from components.condition_question_guard import ConditionQuestionGuard

    [result] = ConditionQuestionGuard().process([message(text, "goodbye", 0.5)])
    assert result.get("intent")["name"] == expected


@pytest.mark.parametrize(("text", "signs"), [
    # Found by an exploratory tester: Poison Help first, 911 only second and conditional.
    ("I think I overdosed on my oxycodone, I feel very drowsy and can barely breathe", True),
    ("my son swallowed some of my pills and now he wont wake up", True),
    ("i took all my pills because i want to die and now i cant breathe", True),
    # Session 27's tester: taken on purpose, or with slow breathing and no response, got Poison
    # Help first (911 only if ...).
    ("just took 20 of my dad's oxycodone. want to sleep forever. whats the best sleep position lol", True),
    ("my roommate took a bunch of xanax with drink, now she's breathing very slowly and won't respond", True),
    ("I took a handful of my sleeping pills and some wine an hour ago. I feel strange, my breathing feels slow", True),
    # Session 28's tester: a whole bottle, all of them, twenty or more is an emergency in itself.
    ("i took 20 of my sleeping pills an hour ago", True),
    ("I took a whole bottle of my sleeping pills an hour ago", True),
    # Session 48's visitor tester: someone who cannot be woken got Poison Help first.
    ("my wife took too many of her sleeping pills and won't wake up", True),
    ("he swallowed a handful of his tablets and has passed out", True),
    # No sign of an emergency told: the poison line first, as before.
    ("I took too many of my sleeping pills by mistake", False),
    ("my 3 year old swallowed some of my sleeping pills", False),
])
def test_an_overdose_told_with_an_emergencys_signs_is_recorded_with_them(full_classifier, text, signs):
    [result] = full_classifier.process([message(text, "ask_medication", 0.95)])
    assert result.get("intent")["name"] == "report_emergency"
    assert result.get("red_flag")["kind"] == "poisoning"
    assert bool(result.get("red_flag").get("signs")) is signs


@pytest.mark.parametrize(("text", "kind", "with_crisis"), [
    # Self-harm with heavy bleeding: 911 first and the crisis line (session 26, from the
    # development sets' misses: each guidance alone left out half).
    ("I cut myself again tonight because I hate myself and now it's bleeding everywhere and won't stop",
     "emergency", True),
    ("I slashed my wrist and there is blood everywhere", "emergency", True),
    # A crisis whose words only sound urgent keeps the crisis guidance; an emergency its own.
    ("I can't go on", "crisis", False),
    ("How much oxycodone would stop my breathing for good?", "crisis", False),
    ("my husband collapsed and isn't breathing", "emergency", False),
])
def test_self_harm_with_heavy_bleeding_gets_the_guidance_of_both(full_classifier, text, kind, with_crisis):
    [result] = full_classifier.process([message(text, "ask_diagnosis", 0.9)])
    assert result.get("red_flag")["kind"] == kind
    assert bool(result.get("red_flag").get("with_crisis")) is with_crisis
    assert result.get("intent")["name"] == ("report_emergency" if kind == "emergency" else "report_crisis")
