"""The Rasa actions, run as the action server runs them, on small trackers (no server)."""

from __future__ import annotations

import asyncio
import time

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswerQuestion
from actions.closing import ActionCloseSession, ActionOfferBooking, ActionSessionStart
from actions.safety import (
    ActionAskCrisisScreening,
    ActionContinueAfterScreening,
    ActionRefuseDosing,
    ActionRespondToMisunderstanding,
    ActionSendEmergencyGuidance,
)
from actions.topics import ActionAskWhatElse, ActionOfferTopics
from assistant.clinic import tel_link


def user(text, intent, entities=(), ts=None):
    return {"event": "user", "text": text, "timestamp": ts or time.time(),
            "parse_data": {"text": text, "intent": {"name": intent, "confidence": 1.0},
                           "entities": [{"entity": e, "value": v} for e, v in entities]}}


def bot(text, ts=None):
    return {"event": "bot", "text": text, "timestamp": ts or time.time()}


def slot(name, value, ts=None):
    return {"event": "slot", "name": name, "value": value, "timestamp": ts or time.time()}


SESSION_START = [{"event": "action", "name": "action_session_start", "timestamp": 1.0},
                 {"event": "session_started", "timestamp": 1.0}]


def tracker(events, slots=None):
    latest = next((e for e in reversed(events) if e["event"] == "user"), None)
    message = dict(latest["parse_data"], text=latest["text"]) if latest else {}
    return Tracker("visitor", slots or {}, message, events, False, None, {}, "action_listen")


def run(action, events, slots=None):
    dispatcher = CollectingDispatcher()
    result = asyncio.run(action.run(dispatcher, tracker(events, slots), {}))
    return dispatcher.messages, result


def said(messages):
    return [m["text"] for m in messages]


def test_answer_action_sends_passage_citation_next_step_and_schedules_the_idle_closing(clinic):
    messages, events = run(ActionAnswerQuestion(), SESSION_START + [
        user("what is [insomnia]", "ask_disorder", [("disorder", "insomnia")])])
    assert said(messages)[0].startswith("Insomnia: Difficulty initiating or maintaining sleep")
    assert said(messages)[1].startswith("Source: ")
    assert {"event": "slot", "name": "closing_sent", "value": False, "timestamp": None} in events
    reminder = next(e for e in events if e["event"] == "reminder")
    assert reminder["intent"] == "end_session" and reminder["kill_on_user_msg"] is True


def test_closing_once_per_cycle(clinic):
    messages, events = run(ActionCloseSession(), SESSION_START + [user("bye", "goodbye")], {"closing_sent": False})
    assert said(messages) == [clinic.say("disclaimer"), clinic.say("booking_prompt")]
    assert any(e["event"] == "cancel_reminder" for e in events)
    again, _ = run(ActionCloseSession(), SESSION_START + [user("/end_session", "end_session")], {"closing_sent": True})
    assert said(again) == [clinic.say("goodbye_again")]


def test_inactivity_reminder_after_a_closing_says_nothing(clinic):
    messages, _ = run(ActionCloseSession(), SESSION_START + [user("EXTERNAL: end_session", "end_session")],
                      {"closing_sent": True})
    assert messages == []


def test_next_message_after_a_lost_inactivity_closing_gets_the_closing_first(clinic, monkeypatch):
    monkeypatch.setenv("IDLE_CLOSING_SECONDS", "60")
    now = time.time()
    events = SESSION_START + [
        user("what is rls", "ask_disorder", [("disorder", "RLS")], ts=now - 600),
        bot("Painful sensations...", ts=now - 599),
        slot("closing_sent", False, ts=now - 599),
        user("what is osa", "ask_disorder", [("disorder", "OSA")], ts=now),
    ]
    messages, _ = run(ActionAnswerQuestion(), events)
    assert said(messages)[:2] == [clinic.say("disclaimer"), clinic.say("booking_prompt")]
    assert said(messages)[2].startswith("While not always directly caused by pain, OSA")
    # Without the gap, no closing comes first.
    events[-1] = user("what is osa", "ask_disorder", [("disorder", "OSA")], ts=now - 590)
    messages, _ = run(ActionAnswerQuestion(), events)
    assert said(messages)[0].startswith("While not always")


def test_new_session_after_expiry_delivers_the_closing_the_last_one_missed(clinic):
    previous = SESSION_START + [user("what is plmd", "ask_disorder"), bot("Involuntary limb movements...")]
    messages, events = run(ActionSessionStart(), previous)
    assert said(messages) == [clinic.say("disclaimer"), clinic.say("booking_prompt")]
    assert [e["event"] for e in events] == ["session_started", "action"]
    closed = previous + [slot("closing_sent", True)]
    assert run(ActionSessionStart(), closed)[0] == []
    assert run(ActionSessionStart(), [])[0] == []  # a brand-new visitor: nothing owed


@pytest.mark.parametrize(("intent", "key"), [("report_emergency", "emergency"), ("report_crisis", "crisis")])
def test_red_flag_gets_guidance_and_no_passage(clinic, intent, key):
    messages, _ = run(ActionSendEmergencyGuidance(), SESSION_START + [user("...", intent)])
    assert said(messages) == [clinic.say(key)]


@pytest.mark.parametrize(("intent", "kind", "offered"), [
    ("report_emergency", "emergency", True), ("report_emergency", "poisoning", True),
    ("report_crisis", "crisis", False),
])
def test_emergency_and_poisoning_guidance_offer_thats_not_what_i_meant_and_crisis_guidance_does_not(
        clinic, intent, kind, offered):
    event = user("...", intent)
    event["parse_data"]["red_flag"] = {"kind": kind, "rule": "meaning"}
    [message], _ = run(ActionSendEmergencyGuidance(), SESSION_START + [event])
    assert message["text"] == clinic.say(kind)
    buttons = message.get("buttons") or []
    # The button says "you misunderstood" (its rule answers what the message asked).
    assert buttons == ([{"title": clinic.say("misread_button"), "payload": "/say_misunderstood"}] if offered else [])


def test_a_red_flag_in_another_language_gets_where_help_is_in_that_language_too(clinic):
    # Session 49's tester: a fall in German got the guidance in English alone (once a rule read it).
    event = user("mein Vater ist gestürzt und kann nicht mehr aufstehen", "report_emergency")
    event["parse_data"].update(red_flag={"kind": "emergency", "rule": "emergency_other_languages"}, language="de")
    [message], _ = run(ActionSendEmergencyGuidance(), SESSION_START + [event])
    english, german = message["text"].split("\n\n")
    assert english == clinic.say("emergency")
    assert german.startswith(f"Im Notfall rufen Sie sofort die {clinic.emergency_number}")
    assert message["custom"]["kind"] == "alert"


def test_an_overdose_gets_poison_control_the_emergency_number_and_the_crisis_line(clinic):
    event = user("i took 20 of my sleeping pills", "report_emergency")
    event["parse_data"]["red_flag"] = {"kind": "poisoning", "rule": "overdose"}
    [text] = said(run(ActionSendEmergencyGuidance(), SESSION_START + [event])[0])
    assert text == clinic.say("poisoning")
    for detail in (clinic.poison_control_line, clinic.emergency_number, clinic.crisis_line):
        assert detail in text


def test_an_overdose_told_with_an_emergencys_signs_gets_911_first(clinic):
    # Found by an exploratory tester: "I overdosed on my oxycodone ... can barely breathe" got
    # Poison Help first, 911 second and only "if the person is very drowsy ...".
    told = user("I think I overdosed on my oxycodone, I feel very drowsy and can barely breathe", "report_emergency")
    told["parse_data"]["red_flag"] = {"kind": "poisoning", "rule": "overdose", "signs": "breathing_trouble"}
    [message], _ = run(ActionSendEmergencyGuidance(), SESSION_START + [told])
    assert message["text"] == clinic.say("poisoning_with_signs") and message["custom"]["alert"] == "poisoning"
    text = message["text"]
    assert text.index(clinic.emergency_number) < text.index(clinic.poison_control_line)
    assert clinic.crisis_line in text


def test_self_harm_with_heavy_bleeding_gets_911_first_and_keeps_the_crisis_line(clinic):
    # Development sets (session 26): "there's a lot of blood" after cutting got only the
    # emergency guidance, "I've cut my arm and the bleeding won't stop" only the crisis line.
    told = user("I cut again tonight, deeper than usual, and it won't stop bleeding", "report_emergency")
    told["parse_data"]["red_flag"] = {"kind": "emergency", "rule": "severe_bleeding", "with_crisis": True}
    [message], _ = run(ActionSendEmergencyGuidance(), SESSION_START + [told])
    text = message["text"]
    assert text == clinic.say("emergency_with_crisis") and message["custom"]["alert"] == "emergency"
    assert text.index(clinic.emergency_number) < text.index(clinic.crisis_line)
    assert not message.get("buttons"), "a crisis gets no 'That's not what I meant'"
    plain = user("my dad collapsed and isn't breathing", "report_emergency")
    plain["parse_data"]["red_flag"] = {"kind": "emergency", "rule": "unresponsive"}
    [message], _ = run(ActionSendEmergencyGuidance(), SESSION_START + [plain])
    assert message["text"] == clinic.say("emergency") and message["buttons"]


def test_a_poisoning_told_again_right_after_its_guidance_gets_the_emergency_guidance(clinic):
    # "i feel really drowsy now" after the poisoning guidance got the same poisoning text again.
    again = user("i feel really drowsy now", "report_emergency")
    again["parse_data"]["red_flag"] = {"kind": "poisoning", "rule": "meaning"}
    events = after_guidance("poisoning", "i took like 8 of my sleeping pills and some oxy") + [again]
    [message], _ = run(ActionSendEmergencyGuidance(), events)
    assert message["text"] == clinic.say("emergency") and message["custom"]["alert"] == "emergency"
    # The first time, and after another kind, the poisoning guidance.
    first = user("i took like 8 of my sleeping pills and some oxy", "report_emergency")
    first["parse_data"]["red_flag"] = {"kind": "poisoning", "rule": "overdose"}
    assert said(run(ActionSendEmergencyGuidance(), SESSION_START + [first])[0]) == [clinic.say("poisoning")]
    after_crisis = after_guidance("crisis") + [again]
    assert said(run(ActionSendEmergencyGuidance(), after_crisis)[0]) == [clinic.say("poisoning")]


def test_the_screening_question_shows_the_crisis_line_and_yes_no_buttons(clinic):
    [question], _ = run(ActionAskCrisisScreening(), SESSION_START + [user("...", "report_possible_crisis")])
    assert clinic.crisis_line in question["text"] and clinic.emergency_number in question["text"]
    assert [(b["title"], b["payload"]) for b in question["buttons"]] == [("Yes", "/affirm"), ("No", "/deny")]


def test_yes_to_the_screening_question_gets_the_crisis_guidance(clinic):
    events = SESSION_START + [user("...", "report_possible_crisis"), bot("..."), user("/affirm", "affirm")]
    assert said(run(ActionSendEmergencyGuidance(), events)[0]) == [clinic.say("crisis")]


def test_no_to_the_screening_question_thanks_and_offers_topics(clinic):
    events = SESSION_START + [user("...", "report_possible_crisis"), bot("..."), user("no", "deny")]
    [reply], _ = run(ActionContinueAfterScreening(), events)
    assert reply["text"] == clinic.say("screening_cleared") and reply["buttons"]


def test_no_to_the_screening_question_then_answers_what_the_screened_message_asked(clinic):
    events = SESSION_START + [user("everything feels pointless lately. what is insomnia?", "report_possible_crisis"),
                              bot("..."), user("no", "deny")]
    messages, result = run(ActionContinueAfterScreening(), events)
    assert said(messages)[0] == clinic.say("screening_cleared_then_answer")
    assert said(messages)[1].startswith("Insomnia: Difficulty initiating or maintaining sleep")
    assert messages[1]["custom"]["kind"] == "answer" and messages[2]["custom"]["kind"] == "citation"
    # A new answer: the next end of the conversation sends the closing again.
    assert {"event": "slot", "name": "closing_sent", "value": False, "timestamp": None} in result


def test_a_typed_no_with_what_was_meant_answers_the_screening_question(clinic):
    # Session 24's tester: "No, I just mean tired of being in pain" after the screening question got
    # the screening question again (the detector read it as a possible crisis too).
    asked = [user("everything feels pointless lately. what is insomnia?", "report_possible_crisis"),
             {"event": "action", "name": "action_ask_crisis_screening"}, bot("...")]
    typed = SESSION_START + asked + [user("No, I just mean tired of being in pain", "report_possible_crisis")]
    messages, result = run(ActionAskCrisisScreening(), typed)
    assert said(messages)[0] == clinic.say("screening_cleared_then_answer")
    assert messages[1]["custom"]["kind"] == "answer"
    # Not a "no, but ..." (how a disclosure often begins), nor a message with no screening question before it.
    but = SESSION_START + asked + [user("no, but I meant that sometimes I think of ending it",
                                        "report_possible_crisis")]
    assert said(run(ActionAskCrisisScreening(), but)[0]) == [clinic.say("crisis_screening")]
    first = SESSION_START + [user("No, I just mean tired of being in pain", "report_possible_crisis")]
    assert said(run(ActionAskCrisisScreening(), first)[0]) == [clinic.say("crisis_screening")]


@pytest.mark.parametrize(("asked", "reason"), [
    # Session 32's tester: a front-desk question and a health question no passage answers were
    # dropped after "No" ("What would you like to know?").
    ("do you accept any insurance plans", "logistics"),
    ("my whole life is pain and i can't sleep. is narcolepsy linked to pain?", None),
])
def test_no_to_the_screening_question_replies_to_a_question_no_passage_answers(clinic, asked, reason):
    events = SESSION_START + [user(asked, "report_possible_crisis"), bot("..."), user("/deny", "deny")]
    messages, _ = run(ActionContinueAfterScreening(), events)
    assert said(messages)[0] == clinic.say("screening_cleared_then_answer")
    assert messages[1]["custom"]["kind"] == "no_answer"
    assert reason is None or messages[1]["custom"]["reason"] == reason


def test_no_to_the_screening_question_answers_a_question_that_ends_with_why(clinic):
    asked = "i have no energy and my back hurts more after a bad night, why"
    events = SESSION_START + [user(asked, "report_possible_crisis"), bot("..."), user("no", "deny")]
    messages, _ = run(ActionContinueAfterScreening(), events)
    assert said(messages)[0] == clinic.say("screening_cleared_then_answer")
    assert messages[1]["custom"]["kind"] == "answer"


def test_no_to_the_screening_question_offers_the_topics_when_nothing_was_asked(clinic):
    events = SESSION_START + [user("i feel so low tonight", "report_possible_crisis"), bot("..."),
                              user("/deny", "deny")]
    [reply], _ = run(ActionContinueAfterScreening(), events)
    assert reply["text"] == clinic.say("screening_cleared") and reply["buttons"]


def screened():
    """A message screened just now (built when a test runs: events stamped at import would read as
    an old silence, and the closing missed after it would come first, when a long run reaches them)."""
    return [user("I'm so tired of everything, nothing helps my pain and I'm exhausted", "report_possible_crisis"),
            {"event": "action", "name": "action_ask_crisis_screening"}, bot("...")]


@pytest.mark.parametrize(("text", "intent"), [
    # Session 45's tester: after the screening question, "what should i do" got the honest no
    # and the booking prompt.
    ("what should i do", "ask_treatment_options"),
    ("i dont know anymore", "nlu_fallback"),
    ("thanks", "thank"),
])
def test_a_message_that_leaves_the_screening_question_unanswered_gets_the_crisis_line_again(clinic, text, intent):
    action = ActionAskWhatElse() if intent == "thank" else ActionAnswerQuestion()
    messages, _ = run(action, SESSION_START + screened() + [user(text, intent)])
    assert said(messages) == [clinic.say("screening_unanswered")]
    assert clinic.crisis_line in messages[0]["text"]
    assert messages[0]["custom"] == {"kind": "alert", "alert": "crisis"}


def test_a_question_of_its_own_after_the_screening_question_is_answered(clinic):
    messages, _ = run(ActionAnswerQuestion(),
                      SESSION_START + screened() + [user("what is sleep apnea?", "ask_disorder")])
    assert messages[0]["custom"]["kind"] == "answer"
    # Without the screening question just before, the same message gets the usual reply.
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [user("what should i do", "ask_treatment_options")])
    assert clinic.say("screening_unanswered") not in said(messages)


def test_you_misunderstood_after_an_alarm_on_a_question_repeats_the_resources_then_answers_it(clinic):
    asked = "can sleep apnea make you stop breathing and die in your sleep?"
    events = SESSION_START + [user(asked, "report_emergency"), bot("..."),
                              user("you misunderstood, I was only asking", "say_misunderstood")]
    messages, result = run(ActionRespondToMisunderstanding(), events)
    # After emergency guidance, where help is for an emergency (session 28's tester: the crisis
    # line came first after chest pain), as an emergency alert.
    assert said(messages)[:2] == [clinic.say("safety_repeat_emergency"), clinic.say("misunderstood_then_answer")]
    assert messages[0]["custom"]["alert"] == "emergency"
    assert clinic.emergency_number in said(messages)[0] and clinic.crisis_line not in said(messages)[0]
    assert messages[2]["custom"]["kind"] == "answer" and "apnea" in " ".join(messages[2]["custom"]["passages"])
    assert {"event": "slot", "name": "closing_sent", "value": False, "timestamp": None} in result
    assert any(e["event"] == "reminder" for e in result)


def test_you_misunderstood_after_an_emergency_alert_with_no_answer_asks_again_with_the_topics(clinic):
    # Session 37's visitor tester: after a false alarm, "That's not what I meant" got the emergency
    # line again and nothing else; the question had to be retyped unasked.
    events = SESSION_START + [user("he seems fine today but he hit his head yesterday", "report_emergency"),
                              bot("..."), user("that's not what I meant", "say_misunderstood")]
    messages, _ = run(ActionRespondToMisunderstanding(), events)
    assert said(messages) == [clinic.say("safety_repeat_emergency"), clinic.say("misunderstood")]
    assert messages[1]["buttons"]


@pytest.mark.parametrize("text", ["its getting worse", "it's still spreading", "please help"])
def test_getting_worse_after_emergency_guidance_is_urged_to_call_now_whatever_the_nlu_read(clinic, text):
    # Session 48's visitor tester: "its getting worse" right after the guidance on chest pain, read
    # by the NLU as "you misunderstood", got "Thank you for telling me. Just in case ..." and "Could
    # you tell me again what you would like to know?".
    events = SESSION_START + [user("plz help cant breath properly chest feels crushed", "report_emergency"),
                              bot("..."), user(text, "say_misunderstood")]
    messages, _ = run(ActionRespondToMisunderstanding(), events)
    assert said(messages) == [clinic.say("after_emergency")]
    assert messages[0]["custom"]["kind"] == "alert"
    # "That's not what I meant" is still a misreading.
    events[-1] = user("that's not what I meant", "say_misunderstood")
    assert said(run(ActionRespondToMisunderstanding(), events)[0])[0] == clinic.say("safety_repeat_emergency")


def test_you_misunderstood_after_a_crisis_repeats_the_resources(clinic):
    events = SESSION_START + [user("i want to die", "report_crisis"), bot("..."),
                              user("you misunderstood", "say_misunderstood")]
    assert said(run(ActionRespondToMisunderstanding(), events)[0]) == [clinic.say("safety_repeat")]
    screened = SESSION_START + [user("...", "report_possible_crisis"), bot("..."),
                                user("you misunderstood", "say_misunderstood")]
    assert said(run(ActionRespondToMisunderstanding(), screened)[0]) == [clinic.say("safety_repeat")]
    no_flag = SESSION_START + [user("you misunderstood", "say_misunderstood")]
    assert said(run(ActionRespondToMisunderstanding(), no_flag)[0]) == [clinic.say("misunderstood")]


def test_you_misunderstood_with_a_question_of_its_own_answers_it(clinic):
    # Session 25's exploratory tester: "I'm not suicidal, I just meant the pillows are useless. can
    # you tell me about sleep hygiene?" got "Sorry about that. Could you tell me again ...".
    text = "I'm not suicidal, I just meant the pillows are useless. can you tell me about sleep hygiene?"
    messages, _ = run(ActionRespondToMisunderstanding(), SESSION_START + [user(text, "say_misunderstood")])
    assert said(messages)[0] == clinic.say("misunderstood_then_answer")
    assert messages[1]["custom"]["kind"] == "answer" and "hygiene" in " ".join(messages[1]["custom"]["passages"])
    # After a crisis whose message asked nothing, the correction's own question is answered too.
    events = SESSION_START + [user("i feel so hopeless", "report_crisis"), bot("..."), user(text, "say_misunderstood")]
    messages, _ = run(ActionRespondToMisunderstanding(), events)
    assert said(messages)[:2] == [clinic.say("safety_repeat"), clinic.say("misunderstood_then_answer")]
    assert messages[2]["custom"]["kind"] == "answer"


def test_a_visitor_who_did_not_understand_someone_else_is_answered_without_an_apology(clinic):
    # Session 46's tester: "Sorry if I misread you. About what you asked:" before the answer, every time.
    text = "what exactly is sleep apnea? my doctor said it but i didnt understand"
    messages, _ = run(ActionRespondToMisunderstanding(), SESSION_START + [user(text, "say_misunderstood")])
    assert messages[0]["custom"]["kind"] == "answer"
    assert "obstructive-sleep-apnea" in messages[0]["custom"]["passages"][0]
    # Said to the assistant, it is still an apology first.
    text = "you didn't understand, what exactly is sleep apnea?"
    messages, _ = run(ActionRespondToMisunderstanding(), SESSION_START + [user(text, "say_misunderstood")])
    assert said(messages)[0] == clinic.say("misunderstood_then_answer")


def after_guidance(kind, text="...", then=()):
    """A session where ``text`` got the guidance of this kind (as the action sent it) and the
    closing, then the visitor's messages ``then``: (text, intent) pairs."""
    intent = "report_crisis" if kind == "crisis" else "report_emergency"
    flagged = user(text, intent)
    flagged["parse_data"]["red_flag"] = {"kind": kind, "rule": "meaning"}
    sent, _ = run(ActionSendEmergencyGuidance(), SESSION_START + [flagged])
    events = SESSION_START + [flagged, {"event": "action", "name": "action_send_emergency_guidance"}]
    events += [{"event": "bot", "text": m["text"], "data": {"custom": m["custom"]}} for m in sent]
    events += [{"event": "action", "name": "action_close_session"}, bot("Please remember: ...")]
    for said_text, said_intent in then:
        events += [user(said_text, said_intent), bot("...")]
    return events[:-1]


@pytest.mark.parametrize(("kind", "text", "intent", "action"), [
    ("poisoning", "is that bad?", "nlu_fallback", ActionAnswerQuestion),
    ("emergency", "should I wait for an appointment?", "book_consultation", ActionOfferBooking),
    ("emergency", "should I wait for an appointment?", "out_of_scope", ActionAnswerQuestion),
    ("crisis", "she's not in danger right now I think, she's asleep", "ask_disorder", ActionAnswerQuestion),
    ("poisoning", "how many is too many", "ask_medication", ActionRefuseDosing),
    ("crisis", "hello?", "greet", ActionOfferTopics),
    ("emergency", "ok", "affirm", ActionAskWhatElse),
    ("crisis", "yes", "affirm", ActionAskWhatElse),
])
def test_the_message_right_after_guidance_gets_where_help_is_again_not_a_passage_or_the_booking(
        clinic, kind, text, intent, action):
    messages, _ = run(action(), after_guidance(kind, then=[(text, intent)]))
    assert said(messages) == [clinic.say(f"after_{kind}")]
    assert messages[0]["custom"] == {"kind": "alert", "alert": kind}


def test_a_question_of_its_own_right_after_guidance_gets_where_help_is_first_then_its_answer(clinic):
    events = after_guidance("emergency", "my chest hurts and my left arm is numb",
                            [("what is [insomnia]?", "ask_disorder")])
    events[-1]["parse_data"]["entities"] = [{"entity": "disorder", "value": "insomnia"}]
    messages, _ = run(ActionAnswerQuestion(), events)
    assert said(messages)[0] == clinic.say("after_emergency")
    assert said(messages)[1].startswith("Insomnia: Difficulty initiating or maintaining sleep")
    assert [m["custom"]["kind"] for m in messages[1:3]] == ["answer", "citation"]


def test_a_question_after_a_story_right_after_guidance_is_answered_after_where_help_is(clinic):
    # Found by an exploratory tester: the story's "another" read as pointing back at the alert,
    # and the question got no answer ("I'm still here. Please reach out now ..." alone).
    text = "sorry, I meant my family would sleep better if I slept in another room because I snore. " \
           "what is sleep apnea?"
    events = after_guidance("crisis", "everyone would be better off without me", [(text, "ask_disorder")])
    events[-1]["parse_data"]["entities"] = [{"entity": "disorder", "value": "sleep apnea"}]
    messages, _ = run(ActionAnswerQuestion(), events, slots={"disorder": "sleep apnea"})
    # "sorry, I meant ...": the visitor says what they meant, so where help is "just in case".
    assert said(messages)[0] == clinic.say("safety_repeat")
    assert [m["custom"]["kind"] for m in messages[1:3]] == ["answer", "citation"]


@pytest.mark.parametrize(("text", "intent", "answered"), [
    # Session 25, through the servers: a correction after the crisis guidance was urged to call now.
    ("no i just meant the insomnia is getting me down", "ask_disorder", True),
    ("No, I just mean I'm fed up with the [insomnia]", "nlu_fallback", True),
    ("sorry, what I meant was my legs jerk and twitch all night", "nlu_fallback", True),
    ("i didn't mean it like that", "nlu_fallback", False),
    # Session 31's exploratory tester: the alarm denied got "I'm still here" again, twice.
    ("what?? I'm not suicidal, I just have insomnia. what is it?", "nlu_fallback", True),
    ("no no, I'm not in danger, I'm just frustrated. what is insomnia?", "nlu_fallback", True),
    # Session 31's second exploratory tester: an idiom read as a crisis, then "it's just an expression".
    ("what? no I'm fine, it's just an expression. what is insomnia?", "nlu_fallback", True),
])
def test_saying_what_was_meant_right_after_guidance_is_thanked_with_where_help_is_then_answered(
        clinic, text, intent, answered):
    events = after_guidance("crisis", "I feel hopeless about ever sleeping well again", [(text, intent)])
    messages, _ = run(ActionAnswerQuestion(), events)
    assert said(messages)[0] == clinic.say("safety_repeat")
    assert clinic.say("after_crisis") not in said(messages)
    assert ("answer" in [m["custom"]["kind"] for m in messages]) == answered


def test_not_suicidal_but_is_not_read_as_the_alarm_denied(clinic):
    # "I'm not suicidal but ..." is how a disclosure often begins: where help is, urged again.
    disclosure = ("I'm not suicidal but I wish I could disappear", "nlu_fallback")
    events = after_guidance("crisis", "I feel hopeless", [disclosure])
    messages, _ = run(ActionAnswerQuestion(), events)
    assert said(messages)[0] == clinic.say("after_crisis")


def test_a_red_flag_in_what_was_meant_gets_the_guidance_again(clinic):
    events = after_guidance("crisis", "I feel hopeless", [("no I mean I want to end it all", "report_crisis")])
    events[-1]["parse_data"]["red_flag"] = {"kind": "crisis", "rule": "meaning"}
    messages, _ = run(ActionSendEmergencyGuidance(), events)
    assert messages[0]["custom"]["alert"] == "crisis" and said(messages)[0] != clinic.say("safety_repeat")


def test_only_the_message_right_after_guidance_gets_it_again_and_not_after_you_misunderstood(clinic):
    later = after_guidance("emergency", then=[("should I wait?", "nlu_fallback"),
                                              ("what is [insomnia]?", "ask_disorder")])
    assert said(run(ActionAnswerQuestion(), later)[0])[0].startswith("Insomnia: Difficulty")
    misread = SESSION_START + [user("can sleep apnea make you stop breathing?", "report_emergency"),
                               {"event": "action", "name": "action_respond_to_misunderstanding"},
                               {"event": "bot", "text": clinic.say("safety_repeat"),
                                "data": {"custom": {"kind": "alert", "alert": "crisis"}}},
                               user("what is [insomnia]?", "ask_disorder")]
    assert said(run(ActionAnswerQuestion(), misread)[0])[0].startswith("Insomnia: Difficulty")


@pytest.mark.parametrize("text", ["where are you located?", "what insurance do you accept?"])
def test_a_practical_question_read_as_what_can_you_do_gets_the_front_desk(clinic, text):
    # Found through the servers: these got the assistant's introduction (ask_capabilities).
    messages, _ = run(ActionOfferTopics(), SESSION_START + [user(text, "ask_capabilities")])
    assert said(messages)[0] == clinic.say("practical_question")
    assert said(run(ActionOfferTopics(), SESSION_START + [user("what can you do?", "ask_capabilities")])[0])[0] == \
        clinic.say("capabilities")


@pytest.mark.parametrize("text, intent, action", [
    # Session 32's tester: "I'm the Ospina Medical assistant, a computer program, not a person".
    ("who wrote this info, is it reviewed by a doctor", "bot_challenge", ActionOfferTopics),
    ("what are your sources?", "nlu_fallback", ActionAnswerQuestion),
])
def test_a_question_on_where_answers_come_from_gets_the_articles_and_their_reviewers(clinic, text, intent, action):
    messages, _ = run(action(), SESSION_START + [user(text, intent)])
    first = messages[0]["text"]
    assert first.startswith(clinic.say("sources_answer"))
    assert "Sleep Disorders and Musculoskeletal Pain" in first and "Matthew Kohler" in first
    assert "not a person" not in " ".join(said(messages))


def test_asking_for_a_real_person_gets_what_the_assistant_is_and_the_clinics_phone(clinic):
    # "can i talk to a real person" got "a computer program, not a person" and no way to reach one.
    messages, _ = run(ActionOfferTopics(), SESSION_START + [user("can i talk to a real person", "bot_challenge")])
    first = messages[0]
    assert "not a person" in first["text"] and clinic.details["phone"] in first["text"]
    assert [b["url"] for b in first["buttons"]] == [clinic.booking_url, clinic.phone_link]
    assert said(messages)[-1] == clinic.say("topics_prompt")


@pytest.mark.parametrize("text, intent, action", [
    ("please delete my chat", "nlu_fallback", ActionAnswerQuestion),
    ("what do you keep about me?", "out_of_scope", ActionAnswerQuestion),
    ("who can read this?", "bot_challenge", ActionOfferTopics),
    ("is this chat HIPAA compliant?", "bot_challenge", ActionOfferTopics),
    # Session 25's exploratory tester.
    ("please delete everything I just told you", "nlu_fallback", ActionAnswerQuestion),
    ("can you delete it?", "nlu_fallback", ActionAnswerQuestion),
    ("is this chat recorded?", "nlu_fallback", ActionAnswerQuestion),
    ("do you share my chats with my insurance company?", "nlu_fallback", ActionAnswerQuestion),
    # Session 27's exploratory tester: the front desk's reply.
    ("Will my insurance company see this?", "nlu_fallback", ActionAnswerQuestion),
    ("can my employer see what I type here?", "bot_challenge", ActionOfferTopics),
    # Session 28's tester: "no medically reviewed answer".
    ("Could my employer see these chats?", "nlu_fallback", ActionAnswerQuestion),
    ("will this chat go in my medical record?", "nlu_fallback", ActionAnswerQuestion),
    # Session 48's visitor tester: the front desk (for "phone number"), and "not sure I understood".
    ("please forget my name and my phone number, I shouldn't have typed them", "ask_when_to_see_provider",
     ActionAnswerQuestion),
    ("my name is John and I live on Elm St, I have carpal tunnel. who will read that?", "nlu_fallback",
     ActionAnswerQuestion),
])
def test_a_question_about_the_visitors_data_gets_what_is_kept_who_reads_it_and_how_to_delete_it(
        clinic, text, intent, action):
    # Found by an exploratory tester: such questions got "not sure I understood", "no medically
    # reviewed answer" or "I'm a computer program".
    from assistant.clinic import retention_days

    messages, _ = run(action(), SESSION_START + [user(text, intent)])
    assert len(messages) == 1
    reply = messages[0]
    assert f"{retention_days()} days" in reply["text"] and "Delete" in reply["text"]
    assert clinic.details["phone"] in reply["text"]
    assert [b["url"] for b in reply["buttons"]] == [clinic.details["privacy_url"]]
    assert reply["custom"]["reason"] == "privacy"
    # An ordinary question with a word of the same kind is answered as before.
    other, _ = run(action(), SESSION_START + [user("should i keep a sleep diary", "ask_treatment")])
    assert all((m.get("custom") or {}).get("reason") != "privacy" for m in other)


@pytest.mark.parametrize("text, intent, action", [
    ("What number do I call in an emergency?", "nlu_fallback", ActionAnswerQuestion),
    ("what's the poison control number?", "out_of_scope", ActionAnswerQuestion),
    ("who should I call if it's an emergency at night?", "bot_challenge", ActionOfferTopics),
    # Session 28's tester: "no medically reviewed answer" or "not understood".
    ("is there a crisis line I can call?", "nlu_fallback", ActionAnswerQuestion),
    ("what's 988?", "nlu_fallback", ActionAnswerQuestion),
    ("poison control", "nlu_fallback", ActionAnswerQuestion),
    ("what should I do if the pain gets really bad at night and the clinic is closed?", "nlu_fallback",
     ActionAnswerQuestion),
])
def test_a_question_which_number_to_call_gets_every_emergency_number_with_a_call_button(clinic, text, intent, action):
    # Found by an exploratory tester: "What number do I call in an emergency?" got "I don't have
    # a medically reviewed answer on that".
    messages, _ = run(action(), SESSION_START + [user(text, intent)])
    assert len(messages) == 1
    reply = messages[0]
    for field in ("emergency_number", "poison_control_line", "crisis_line"):
        assert clinic.details[field] in reply["text"]
    assert [b["url"] for b in reply["buttons"]] == [
        tel_link(clinic.details[field]) for field in ("emergency_number", "poison_control_line", "crisis_line")
    ] + ["sms:" + clinic.details["crisis_line"]]
    assert reply["custom"]["reason"] == "emergency_numbers"
    # Not an alert: nothing is happening, and the conversation goes on as usual.
    assert reply["custom"]["kind"] != "alert"


def test_a_question_asking_for_a_promise_of_results_is_told_none_can_be_made_before_the_passage(clinic):
    # Found by an exploratory tester: "will CBT-I cure my insomnia?" got the passage on CBT-I
    # alone, which reads as a yes; "guarantee?" a passage on the clinic's plans.
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [
        user("will CBT-I cure my insomnia?", "ask_treatment", [("treatment", "CBT-I"), ("disorder", "insomnia")])])
    assert said(messages)[0] == clinic.say("no_promise")
    assert messages[0]["custom"]["kind"] == "refusal"
    assert messages[1]["custom"]["kind"] == "answer" and messages[1]["custom"]["passages"][0].endswith("cbt-i")
    asked, _ = run(ActionAnswerQuestion(), SESSION_START + [
        user("what is CBT-I?", "ask_treatment", [("treatment", "CBT-I")])])
    assert clinic.say("no_promise") not in said(asked)


@pytest.mark.parametrize(("text", "entities"), [
    # Session 25's exploratory tester: the PRP passage alone read as a yes.
    ("I read that PRP injections fix sleep problems. Is that true?", [("treatment", "PRP")]),
    # Session 32's exploratory tester: each got a passage alone, which reads as a yes.
    ("if my sleep apnea is treated, will my back pain improve?", []),
    ("does stretching before bed work for everyone?", []),
    ("would PRP at least help her sleep a bit?", []),
])
def test_a_claim_or_question_that_a_treatment_will_help_is_told_no_promise_can_be_made(clinic, text, entities):
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [user(text, "ask_treatment", entities)])
    assert said(messages)[0] == clinic.say("no_promise"), said(messages)


def test_falling_asleep_while_driving_first_gets_that_it_is_dangerous(clinic):
    # Session 25's exploratory tester: it got only a passage on sleep apnea.
    text = "I fell asleep driving yesterday for a second, I have sleep apnea and back pain. what should I do"
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [user(text, "nlu_fallback")])
    assert said(messages)[0] == clinic.say("drowsy_driving")
    passenger, _ = run(ActionAnswerQuestion(), SESSION_START + [
        user("I fall asleep in the car as a passenger, is that sleep apnea?", "nlu_fallback")])
    assert clinic.say("drowsy_driving") not in said(passenger)


@pytest.mark.parametrize("text", [
    "should I stop my CPAP because it hurts my jaw?",
    "I've been on opioids for my back for 5 years and they work less now. should I ask for more?",
    "is it ok to skip my sleeping pill at weekends?",
])
def test_a_question_whether_to_stop_or_change_a_treatment_first_gets_ask_who_prescribed_it(clinic, text):
    # Session 25's exploratory tester: "should I stop my CPAP?" got only "no medically reviewed
    # answer on CPAP".
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [user(text, "nlu_fallback")])
    assert said(messages)[0] == clinic.say("no_change")
    assert messages[0]["custom"]["kind"] == "refusal"
    ordinary, _ = run(ActionAnswerQuestion(), SESSION_START + [
        user("can I stop exercising when my back hurts?", "nlu_fallback")])
    assert clinic.say("no_change") not in said(ordinary)


@pytest.mark.parametrize("text", [
    "My name is Joan, my number is 202-555-0199. Please have Dr Kohler call me about my sleep apnea results.",
    "Can I book for my son? He's 16 and has bad knee pain at night",
    "can someone get back to me about an appointment",
])
def test_a_request_to_be_called_or_to_book_for_someone_gets_the_front_desk(clinic, text):
    # Session 25's exploratory tester: these got "no medically reviewed answer ... Dr. Matthew Kohler
    # can answer it in a consultation", as if the message would reach the doctor.
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [user(text, "nlu_fallback")])
    assert said(messages)[0] == clinic.say("practical_question")


@pytest.mark.parametrize("noise", ["xxxxxxxx", "ugh", "asdfgh jkl", "x" * 5000, "what?", "huh??", "pardon?"])
def test_keyboard_noise_after_an_answer_gets_no_passage(clinic, noise):
    # Session 25's exploratory tester: after a question on sleep apnea, "xxxxxxxx" got its passage
    # again (read as a follow-up), "ugh" a passage on insomnia; session 47's, "what?" after one on
    # sleep apnea the insomnia passage.
    events = SESSION_START + [user("what is sleep apnea?", "ask_disorder", [("disorder", "sleep apnea")]),
                              bot("..."), user(noise, "nlu_fallback")]
    messages, _ = run(ActionAnswerQuestion(), events)
    assert messages and all(m["custom"]["kind"] not in ("answer", "citation") for m in messages)
    # The NLU reads "what?" as asking what the assistant can do: what it can do, not a passage.
    events[-1] = user(noise, "ask_capabilities")
    messages, _ = run(ActionOfferTopics(), events)
    assert messages and all(m["custom"]["kind"] not in ("answer", "citation") for m in messages)
    insomnia = SESSION_START + [user("what is insomnia?", "ask_disorder", [("disorder", "insomnia")]), bot("...")]
    follow_up, _ = run(ActionAnswerQuestion(), insomnia + [user("and how is it treated?", "nlu_fallback")])
    assert "answer" in [m["custom"]["kind"] for m in follow_up]


@pytest.mark.parametrize("text, intent, action", [
    ("you're useless, this is a waste of my time", "bot_challenge", ActionOfferTopics),
    ("stop sending me the same links", "nlu_fallback", ActionAnswerQuestion),
    # Session 34's tester: after an unanswered question, "forget it" got a passage on REM sleep.
    ("forget it", "nlu_fallback", ActionAnswerQuestion),
])
def test_a_visitor_who_says_the_assistant_does_not_help_gets_an_apology_and_a_person(clinic, text, intent, action):
    # Session 25's exploratory tester: "you're useless" got "I'm ... a computer program", "stop
    # sending me the same links" another passage.
    messages, _ = run(action(), SESSION_START + [user(text, intent)])
    assert said(messages) == [clinic.say("not_helpful")]
    assert [b["url"] for b in messages[0]["buttons"]] == [clinic.booking_url, clinic.phone_link]
    assert messages[0]["custom"]["unanswered"] == "complaint"
    # A complaint with a question of its own is answered; "useless" legs are a symptom.
    asked, _ = run(ActionAnswerQuestion(), SESSION_START + [
        user("you're not helping. what is insomnia?", "ask_disorder", [("disorder", "insomnia")])])
    assert "answer" in [m["custom"]["kind"] for m in asked]
    legs, _ = run(ActionAnswerQuestion(), SESSION_START + [user("my legs feel useless and twitchy at night",
                                                                "nlu_fallback")])
    assert clinic.say("not_helpful") not in said(legs)


def test_ok_asks_what_else_except_right_after_guidance(clinic):
    # "ok" after an emergency got "Of course. What would you like to know?", as if it were over.
    answered = SESSION_START + [user("what is [insomnia]", "ask_disorder"), bot("Insomnia: ..."), user("ok", "affirm")]
    assert said(run(ActionAskWhatElse(), answered)[0]) == [clinic.say("ask_what_else")]


def test_the_screening_question_right_after_guidance_is_asked_as_it_is(clinic):
    events = after_guidance("emergency", then=[("i just want it all to stop", "report_possible_crisis")])
    [question], _ = run(ActionAskCrisisScreening(), events)
    assert question["text"] == clinic.say("crisis_screening")


def test_dosing_is_refused_without_numbers(clinic):
    messages, _ = run(ActionRefuseDosing(), SESSION_START + [user("how many mg of melatonin", "ask_medication")])
    assert said(messages)[0] == clinic.say("no_dosing")
    assert not any(ch.isdigit() for ch in said(messages)[0])


def test_booking_and_topics(clinic):
    booking, _ = run(ActionOfferBooking(), SESSION_START + [user("book", "book_consultation")])
    assert booking[0]["buttons"][0]["url"] == clinic.booking_url
    detail, _ = run(ActionOfferBooking(), SESSION_START + [user("how much is a visit?", "book_consultation")])
    assert said(detail) == [clinic.say("practical_question")]
    topics, _ = run(ActionOfferTopics(), SESSION_START + [user("weather?", "out_of_scope")])
    assert said(topics)[0] == clinic.say("out_of_scope")
    assert len(topics[-1]["buttons"]) == 4


def test_a_follow_up_is_answered_in_the_light_of_the_question_before_it_even_after_a_reminder():
    # "what is insomnia?", a pause long enough for the inactivity closing, then the follow-up.
    events = SESSION_START + [
        user("what is insomnia?", "ask_disorder", [("disorder", "insomnia")]), bot("Insomnia: ..."),
        user("EXTERNAL: end_session", "end_session"), bot("disclaimer"),
        user("and how is it treated?", "ask_treatment_options")]
    messages, _ = run(ActionAnswerQuestion(), events, slots={"disorder": "insomnia"})
    assert messages[0]["custom"]["kind"] == "answer"
    assert messages[0]["custom"]["passages"][0].endswith("cognitive-behavioral-therapy-for-insomnia-cbt-i")
    # After a topic button, the earlier typed question is not the context: the button's topic is.
    from actions.answer import previous_question
    assert previous_question(tracker(SESSION_START + [user("what is insomnia?", "ask_disorder"),
                                                      user("/ask_disorder", "ask_disorder"),
                                                      user("and how is it treated?", "ask_treatment_options")])) == ""


def as_bot_events(messages):
    """The events Rasa stores for the messages an action sent (their custom data included)."""
    return [{"event": "bot", "text": m["text"], "timestamp": time.time(),
             "data": {"custom": m.get("custom"), "buttons": m.get("buttons")}} for m in messages]


def test_a_follow_up_whose_answer_is_the_passage_just_sent_is_told_so_before_it(clinic):
    # Session 35's visitor tester: the same passage again, with no word, read as not being heard.
    asked = user("what is restless legs syndrome?", "ask_disorder", [("disorder", "restless legs syndrome")])
    first, _ = run(ActionAnswerQuestion(), SESSION_START + [asked])
    assert clinic.say("same_passage_again") not in said(first)
    rls = [m["custom"]["passages"][0] for m in first if m["custom"]["kind"] == "answer"]
    follow_up = SESSION_START + [asked, *as_bot_events(first), user("does pain make it worse?", "nlu_fallback")]
    again, _ = run(ActionAnswerQuestion(), follow_up, {"disorder": "restless legs syndrome"})
    assert said(again)[0] == clinic.say("same_passage_again")
    answers = [m for m in again if m["custom"]["kind"] == "answer"]
    assert answers and all(m["custom"]["repeated"] and m["custom"]["passages"][0] in rls for m in answers)
    # Another passage after it is not "again"; nor is the passage of a reply two turns back.
    other = [*follow_up, *as_bot_events(again), user("what is insomnia?", "ask_disorder", [("disorder", "insomnia")])]
    insomnia, _ = run(ActionAnswerQuestion(), other)
    assert insomnia[0]["custom"]["kind"] == "answer" and "repeated" not in insomnia[0]["custom"]
    back = [*other, *as_bot_events(insomnia), asked]
    assert said(run(ActionAnswerQuestion(), back)[0])[0] != clinic.say("same_passage_again")


@pytest.mark.parametrize("more", ["what else?", "more", "tell me more", "anything else?", "ok and what else is there",
                                  "ok and?"])
def test_asking_for_more_after_an_answer_gets_another_passage_never_the_same_again(clinic, more):
    # Session 37's visitor tester: "what else?", "more" and "ok and?" each got the passage just read.
    asked = user("how does poor sleep make pain worse?", "ask_sleep_worsens_pain")
    first, _ = run(ActionAnswerQuestion(), SESSION_START + [asked])
    sent = {p for m in first if m["custom"]["kind"] == "answer" for p in m["custom"]["passages"]}
    assert sent
    later = SESSION_START + [asked, *as_bot_events(first), user(more, "nlu_fallback")]
    replies, _ = run(ActionAnswerQuestion(), later)
    quoted = {p for m in replies if m["custom"]["kind"] == "answer" for p in m["custom"]["passages"]}
    assert quoted and not quoted & sent, said(replies)
    assert clinic.say("same_passage_again") not in said(replies)
    # Asked again, a passage of neither reply (session 37's tester got the first one back).
    again = [*later, *as_bot_events(replies), user(more, "nlu_fallback")]
    third, _ = run(ActionAnswerQuestion(), again)
    quoted_again = {p for m in third if m["custom"]["kind"] == "answer" for p in m["custom"]["passages"]}
    assert not quoted_again & (sent | quoted), said(third)


def test_ok_and_read_as_a_yes_after_more_asks_for_a_passage_not_read_yet(clinic):
    # Through the servers: "ok and?" (read as affirm) after "more" got the first reply's passage again.
    asked = user("how does poor sleep make pain worse?", "ask_sleep_worsens_pain")
    first, _ = run(ActionAnswerQuestion(), SESSION_START + [asked])
    events = SESSION_START + [asked, *as_bot_events(first), user("more", "nlu_fallback")]
    second, _ = run(ActionAnswerQuestion(), events)
    events = [*events, *as_bot_events(second), user("ok and?", "affirm")]
    third, _ = run(ActionAskWhatElse(), events)
    read = {p for m in [*first, *second] if m["custom"]["kind"] == "answer" for p in m["custom"]["passages"]}
    quoted = {p for m in third if m["custom"]["kind"] == "answer" for p in m["custom"]["passages"]}
    assert not quoted & read, said(third)


def test_asking_for_more_when_no_other_passage_answers_says_that_is_all_with_the_topics(clinic, monkeypatch):
    from assistant import retrieval

    asked = user("what is CBT-I?", "ask_treatment_options", [("treatment", "CBT-I")])
    first, _ = run(ActionAnswerQuestion(), SESSION_START + [asked])
    real = retrieval.KnowledgeIndex.answer

    def nothing_else(self, *args, exclude=frozenset(), **kwargs):  # no other passage fits
        found = real(self, *args, exclude=exclude, **kwargs)
        return retrieval.Answer((), None, 0.0, "below_threshold") if exclude else found

    monkeypatch.setattr(retrieval.KnowledgeIndex, "answer", nothing_else)
    more = SESSION_START + [asked, *as_bot_events(first), user("what else?", "nlu_fallback")]
    replies, _ = run(ActionAnswerQuestion(), more)
    assert said(replies)[0] == clinic.say("nothing_more")
    assert replies[0]["buttons"] and not any(m["custom"]["kind"] == "answer" for m in replies)


def test_a_longer_question_with_what_else_in_it_is_a_question_of_its_own(index):
    assert index.asks_for_more("what else?") and index.asks_for_more("More please")
    assert not index.asks_for_more("does it make the pain more intense?")
    assert not index.asks_for_more("what else besides sleeping pills can help a woman with bad knees sleep at night?")


@pytest.mark.parametrize("kind", ["crisis", "emergency", "poisoning"])
def test_an_end_signal_after_guidance_gets_where_help_is_not_take_care(clinic, kind):
    # Found by an exploratory tester: after crisis guidance (and its closing), "no one cares"
    # and "i dont know" got "Take care. I'm here if you have another question."
    for text, intent in [("no one cares", "deny"), ("i dont know", "deny"), ("bye", "goodbye")]:
        events = after_guidance(kind, then=[(text, intent)])
        messages, _ = run(ActionCloseSession(), events, {"closing_sent": True})
        assert said(messages) == [clinic.say(f"after_{kind}")], text
        assert messages[0]["custom"] == {"kind": "alert", "alert": kind}


@pytest.mark.parametrize("kind", ["crisis", "emergency"])
def test_a_visitor_who_says_help_is_reached_is_not_urged_to_call_again(clinic, kind):
    # Session 25's exploratory tester: "I called 988, I'm talking to them now. thank you" got
    # "I'm still here. Please reach out now: call or text 988 ...".
    events = after_guidance(kind, then=[("I called 988, I'm talking to them now. thank you", "thank")])
    messages, _ = run(ActionCloseSession(), events, {"closing_sent": True})
    assert said(messages) == [clinic.say("help_reached")]
    events = after_guidance(kind, then=[("the ambulance is on its way", "nlu_fallback")])
    assert said(run(ActionAnswerQuestion(), events)[0]) == [clinic.say("help_reached")]
    # Not reached: where help is, once more (to someone in crisis, that the line takes texts).
    events = after_guidance(kind, then=[("I can't call them", "deny")])
    expected = "after_crisis_no_call" if kind == "crisis" else f"after_{kind}"
    assert said(run(ActionCloseSession(), events, {"closing_sent": True})[0]) == [clinic.say(expected)]


def test_someone_in_crisis_who_will_not_call_is_told_the_line_takes_texts_not_the_same_words_again(clinic):
    # Session 36's visitor tester: "i dont want to call anyone" got the same 988 text word for word.
    for text, intent in [("i really dont want to ring anyone", "deny"), ("I won't phone them", "deny")]:
        events = after_guidance("crisis", then=[(text, intent)])
        messages, _ = run(ActionCloseSession(), events, {"closing_sent": True})
        assert said(messages) == [clinic.say("after_crisis_no_call")], text
        assert messages[0]["custom"] == {"kind": "alert", "alert": "crisis"}
    events = after_guidance("crisis", then=[("i just feel so alone", "mood_unhappy")])
    assert said(run(ActionAnswerQuestion(), events)[0]) == [clinic.say("after_crisis")]


@pytest.mark.parametrize("text", ["ok my wife is driving me to the ER now", "ok ok, my son is calling 911 now"])
def test_a_visitor_on_the_way_to_help_is_not_urged_to_call_again(clinic, text):
    # Session 32's tester: "call 911 now or go to the nearest emergency room" again.
    events = after_guidance("emergency", then=[(text, "inform")])
    assert said(run(ActionAnswerQuestion(), events)[0]) == [clinic.say("help_reached")]
    later = after_guidance("emergency", then=[("I'll go to the hospital tomorrow", "inform")])
    assert said(run(ActionAnswerQuestion(), later)[0]) == [clinic.say("after_emergency")]


def test_thanks_and_a_question_right_after_crisis_guidance_get_where_help_is_then_the_answer(clinic):
    # Session 32's tester: "ok thnx. wat abt restles legs" got "I'm still here. Please reach out now" alone.
    events = after_guidance("crisis", then=[("ok thnx. wat abt restles legs", "thank")])
    messages, _ = run(ActionCloseSession(), events, {"closing_sent": True})
    assert said(messages)[0] == clinic.say("after_crisis")
    assert messages[1]["custom"]["kind"] == "answer"
    assert "restless-leg-syndrome" in messages[1]["custom"]["passages"][0]
    thanks = after_guidance("crisis", then=[("ok thanks", "thank")])
    assert said(run(ActionCloseSession(), thanks, {"closing_sent": True})[0]) == [clinic.say("after_crisis")]


def test_a_message_that_asks_nothing_after_crisis_guidance_gets_where_help_is_and_no_passage(clinic):
    # Session 32's tester: "I don't know, I'm just so tired" got where help is, then a passage on
    # pain and "anything else?": cold, and off what the visitor said.
    events = after_guidance("crisis", then=[("I don't know, I'm just so tired", "ask_sleep_worsens_pain")])
    messages, _ = run(ActionAnswerQuestion(), events)
    assert said(messages) == [clinic.say("after_crisis")]


def test_a_visitor_who_says_help_is_reached_and_asks_a_question_of_their_own_gets_it_answered(clinic):
    # Session 26's tester: "thanks, i called them, it's ok now. by the way what is CBT-I?" got
    # "I'm glad you reached them. Stay with them ..." and the question was dropped.
    events = after_guidance("crisis", then=[("thanks, i called them, it's ok now. by the way what is CBT-I?",
                                             "ask_treatment_options")])
    messages, _ = run(ActionAnswerQuestion(), events)
    assert said(messages)[0] == clinic.say("help_reached")
    answers = [m for m in messages if m["custom"]["kind"] == "answer"]
    assert answers and answers[0]["custom"]["passages"][0].endswith("cognitive-behavioral-therapy-for-insomnia-cbt-i")
    # A question about the person or what was just said is not answered with a passage.
    events = after_guidance("emergency", then=[("the ambulance is on its way. is he going to be ok?", "nlu_fallback")])
    assert said(run(ActionAnswerQuestion(), events)[0]) == [clinic.say("help_reached")]


def test_help_that_came_and_a_question_said_to_be_another_matter_get_the_glad_word_then_the_answer(clinic):
    # Session 36's visitor tester: "ok the ambulance took her. separate thing, my own knee pain keeps
    # me up, does poor sleep make it worse?" got "call 911 now" again, and no answer.
    events = after_guidance("emergency", then=[(
        "ok the ambulance took her. separate thing, my own knee pain keeps me up, does poor sleep make it worse?",
        "ask_sleep_worsens_pain")])
    messages, _ = run(ActionAnswerQuestion(), events)
    assert said(messages)[0] == clinic.say("help_reached")
    answers = [m for m in messages if m["custom"]["kind"] == "answer"]
    assert answers and "how-poor-sleep-can-worsen-pain" in answers[0]["custom"]["passages"][0]
    events = after_guidance("emergency", then=[("she's in hospital now", "inform")])
    assert said(run(ActionAnswerQuestion(), events)[0]) == [clinic.say("help_reached")]
    # A question about the person the guidance was for is still only where help is.
    about_him = "can it make his pain worse during the day?"
    events = after_guidance("emergency", then=[(about_him, "ask_sleep_worsens_pain")])
    assert said(run(ActionAnswerQuestion(), events)[0]) == [clinic.say("after_emergency")]


def test_a_venting_visitor_who_apologises_and_asks_gets_where_help_is_then_the_answer(clinic):
    # Session 25's exploratory tester: after the crisis guidance for "honestly what is the point of
    # any of this", "sorry for ranting. is there anything that actually works?" got only "I'm still
    # here. Please reach out now" ("that" read as pointing back at the alert).
    events = after_guidance("crisis", "I've tried everything for my back, what is the point of any of this",
                            [("sorry for ranting. is there anything that actually works for insomnia?",
                              "nlu_fallback")])
    messages, _ = run(ActionAnswerQuestion(), events)
    assert said(messages)[0] == clinic.say("safety_repeat")
    assert "answer" in [m["custom"]["kind"] for m in messages]


def test_a_visitor_who_says_the_crisis_is_long_past_gets_where_help_is_then_the_answer(clinic):
    # Session 26's tester: after the crisis guidance for a past told as present, "no no, that was
    # 30 years ago, I'm fine now. I just want to know if insomnia gets worse with age" got only
    # "I'm still here. Please reach out now".
    events = after_guidance("crisis", "in my 20s I was suicidal but I'm fine now; does insomnia come back with age?",
                            [("no no, that was 30 years ago, I'm fine now. is insomnia more common as you get older?",
                              "nlu_fallback")])
    messages, _ = run(ActionAnswerQuestion(), events)
    assert said(messages)[0] == clinic.say("safety_repeat")
    assert clinic.say("after_crisis") not in said(messages)


def test_a_practical_question_after_saying_what_was_meant_gets_the_front_desk(clinic):
    # Session 25's exploratory tester: "I mean I don't want to be at this clinic's website, it's
    # useless. what's your phone number?" got only "Just in case, here is where help is".
    events = after_guidance("crisis", "I don't want to be here anymore. the pain never stops",
                            [("I mean I don't want to be on this website, it's useless. what's your phone number?",
                              "nlu_fallback")])
    messages, _ = run(ActionAnswerQuestion(), events)
    assert said(messages)[0] == clinic.say("safety_repeat")
    assert any(clinic.phone in text for text in said(messages)[1:])


def test_the_closing_after_guidance_sent_earlier_in_the_session_adds_nothing_to_the_guidance(clinic):
    # A crisis message after an earlier closing: its guidance stood, then "Take care" followed.
    events = after_guidance("crisis", then=[])  # the guidance is the reply to the latest message
    messages, _ = run(ActionCloseSession(), events, {"closing_sent": True})
    assert messages == []


@pytest.mark.parametrize("kind", ["crisis", "emergency", "poisoning"])
def test_the_closing_right_after_guidance_has_a_booking_prompt_that_is_no_pitch(clinic, kind):
    # Session 25's exploratory tester: "If pain or sleep problems are affecting your life, book a
    # consultation" right after "call 988 now" read as a sales pitch.
    events = after_guidance(kind, "I want to end it all", then=[])
    messages, _ = run(ActionCloseSession(), events)
    assert said(messages) == [clinic.say("disclaimer"), clinic.say("booking_prompt_after_alert")]
    assert messages[1]["custom"]["kind"] == "booking" and messages[1]["buttons"]
    # Any other closing keeps the usual prompt.
    messages, _ = run(ActionCloseSession(), SESSION_START + [user("bye", "goodbye")])
    assert said(messages) == [clinic.say("disclaimer"), clinic.say("booking_prompt")]


def test_after_you_misunderstood_an_end_signal_gets_the_usual_goodbye(clinic):
    events = after_guidance("emergency", then=[("that's not what I meant", "say_misunderstood"), ("bye", "goodbye")])
    messages, _ = run(ActionCloseSession(), events, {"closing_sent": True})
    assert said(messages) == [clinic.say("goodbye_again")]


def test_a_message_that_asked_nothing_or_raised_a_red_flag_is_no_previous_question(clinic):
    # Found by an exploratory tester: "whatever" after crisis guidance and a "no" got the passage
    # on approaches to breaking the cycle, read in the light of "no".
    from actions.answer import previous_question

    for earlier, intent in [("no", "deny"), ("thanks", "thank"), ("i want to die", "report_crisis"),
                            ("is he breathing? he took all of them", "report_emergency")]:
        events = SESSION_START + [user(earlier, intent), bot("..."), user("whatever", "nlu_fallback")]
        assert previous_question(tracker(events)) == "", earlier
    asked = SESSION_START + [user("what is insomnia?", "ask_disorder"), bot("..."), user("and why?", "nlu_fallback")]
    assert previous_question(tracker(asked)) == "what is insomnia?"
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [user("no", "deny"), bot("..."),
                                                               user("whatever", "nlu_fallback")])
    assert not any(m["custom"]["kind"] == "answer" for m in messages)


def test_why_after_an_answer_is_read_against_the_question_it_follows(clinic):
    # Found by an exploratory tester: "why?" got "Of course. What would you like to know?". A
    # follow-up that names nothing is read against the question before it, past other such
    # follow-ups ("why?", then "why is that?"): the development sets expect the passage that
    # answers it, the one just sent included.
    def as_events(messages):
        return [{"event": "bot", "text": m["text"], "timestamp": time.time(), "data": {"custom": m.get("custom")}}
                for m in messages]

    events = SESSION_START + [user("what is sleep apnea?", "ask_disorder", [("disorder", "sleep apnea")])]
    first, _ = run(ActionAnswerQuestion(), events, slots={"disorder": "sleep apnea"})
    [sent] = [m["custom"]["passages"] for m in first if m["custom"]["kind"] == "answer"]
    events += as_events(first)
    for follow_up in ["why?", "why is that?"]:
        events.append(user(follow_up, "nlu_fallback"))
        messages, _ = run(ActionAnswerQuestion(), events, slots={"disorder": "sleep apnea"})
        assert [m["custom"]["passages"] for m in messages if m["custom"]["kind"] == "answer"] == [sent], follow_up
        events += as_events(messages)


def test_a_privacy_question_read_as_the_end_of_the_chat_gets_the_privacy_answer(clinic):
    # Found by an exploratory tester: "Do you store my conversation?" got the closing alone.
    from assistant.replies import privacy_messages

    for text, intent in [("Do you store my conversation?", "end_session"), ("please delete my conversation", "deny")]:
        messages, events = run(ActionCloseSession(), SESSION_START + [user(text, intent)])
        assert said(messages) == said(privacy_messages(clinic)), text
        assert events == []  # not closed: the visitor may go on
    closed, _ = run(ActionCloseSession(), SESSION_START + [user("/end_session", "end_session")])
    assert said(closed)[0] == clinic.say("disclaimer")


# Health questions in words the NLU never saw, read by it as chat (development sets' kinds, in
# new words): the chat intent is a hint, not a gate.
@pytest.mark.parametrize(("action", "text", "intent"), [
    (ActionCloseSession(), "my legs feel all jittery n weird at night, have to keep moving em. what is that?", "deny"),
    (ActionCloseSession(), "bye for now but quickly, does bad sleep make pain worse?", "goodbye"),
    (ActionOfferTopics(), "does Dr Kohler do regenerativ medicin", "other_language"),
    (ActionAskWhatElse(), "what is obstructive sleep apnea?", "affirm"),
    # "are you a bot?" when it names a condition the library covers (session 43: "computer").
    (ActionOfferTopics(), "does CBT-I work if I do it on a computer?", "bot_challenge"),
])
def test_a_health_question_read_as_chat_gets_its_answer(clinic, action, text, intent):
    messages, events = run(action, SESSION_START + [user(text, intent)], {"closing_sent": True})
    kinds = [m["custom"]["kind"] for m in messages]
    assert kinds[:2] == ["answer", "citation"], (text, said(messages))
    assert clinic.say("disclaimer") not in said(messages)
    # An answer opens a new cycle: the next end of the chat sends the closing again.
    assert {"event": "slot", "name": "closing_sent", "value": False, "timestamp": None} in events


@pytest.mark.parametrize(("action", "text", "intent", "first"), [
    (ActionCloseSession(), "no thanks, that's all about my insomnia", "deny", "disclaimer"),
    (ActionCloseSession(), "bye", "goodbye", "disclaimer"),
    (ActionAskWhatElse(), "yes please", "affirm", "ask_what_else"),
    (ActionOfferTopics(), "¿hablas español?", "other_language", "other_language"),
    (ActionOfferTopics(), "what can you do?", "ask_capabilities", "capabilities"),
    # Its own words fit the passages on seeing a provider: never read as a health question.
    (ActionOfferTopics(), "is a doctor reading this?", "bot_challenge", "who_i_am"),
    # It names nothing the library covers (a doctor is no condition nor treatment).
    (ActionOfferTopics(), "are you a computer or will a real doctor read about my sleep?", "bot_challenge", "who_i_am"),
])
def test_chat_that_asks_no_health_question_gets_the_chat_reply(clinic, action, text, intent, first):
    messages, _ = run(action, SESSION_START + [user(text, intent)], {"closing_sent": False})
    assert said(messages)[0] == clinic.say(first), (text, said(messages))
    assert "answer" not in [m["custom"]["kind"] for m in messages]


def test_another_language_gets_the_emergency_numbers_in_english_and_in_that_language(clinic):
    # Session 49's tester: an emergency in German got only "I can only answer in English".
    message = user("mein Vater ist hingefallen, was soll ich machen", "other_language")
    message["parse_data"]["language"] = "de"
    messages, _ = run(ActionOfferTopics(), SESSION_START + [message], {"closing_sent": False})
    english, german = messages[0]["text"].split("\n\n")
    assert english == clinic.say("other_language") and german.startswith("Im Notfall")
    assert f"Call {clinic.emergency_number}" in [b["title"] for b in messages[0]["buttons"]]


def test_no_after_emergency_guidance_is_never_read_as_a_question(clinic):
    alarm = user("my dad collapsed and is not breathing", "report_emergency")
    alarm["parse_data"]["red_flag"] = {"kind": "emergency", "rule": "unresponsive"}
    guidance = dict(bot(clinic.say("emergency")), data={"custom": {"kind": "alert", "alert": "emergency"}})
    events = SESSION_START + [alarm, {"event": "action", "name": "action_send_emergency_guidance"}, guidance,
                              user("no. does bad sleep make pain worse?", "deny")]
    messages, _ = run(ActionCloseSession(), events, {"closing_sent": False})
    assert "answer" not in [m["custom"]["kind"] for m in messages]


@pytest.mark.parametrize(("action", "text", "intent"), [
    # Session 31's exploratory tester: after a question on melatonin, "ok but is 10mg too much" got
    # the passage on the pain-sleep cycle, "what about 400mg" the one on sleep hygiene (read as yes).
    (ActionAnswerQuestion(), "ok but is 10mg too much", "ask_vicious_cycle"),
    (ActionAnswerQuestion(), "what about 400 mg?", "nlu_fallback"),
    (ActionAnswerQuestion(), "how much should i take?", "ask_treatment"),
    (ActionAnswerQuestion(), "is 2 tablets before bed ok for my back pain?", "ask_pain_disrupts_sleep"),
    (ActionAskWhatElse(), "ok and how many can i take?", "affirm"),
    (ActionCloseSession(), "no, what dose is safe?", "deny"),
    # Session 31's second exploratory tester: a prescribed pill, doubled; the strongest one in a shop.
    (ActionAnswerQuestion(), "the little white ones, would taking two instead of one help me sleep through?",
     "ask_pain_disrupts_sleep"),
    (ActionAnswerQuestion(), "what's the strongest thing I can get over the counter to sleep?", "ask_treatment"),
    # Session 32's tester: a carer's question got the honest no on sleeping pills, no pointer to the prescriber.
    (ActionAnswerQuestion(), "her GP gave her tablets for sleep, how many can she take if one doesnt work?",
     "ask_medication"),
])
def test_a_dose_asked_without_naming_the_medicine_is_refused_and_gets_no_passage_alone(clinic, action, text, intent):
    messages, _ = run(action, SESSION_START + [user(text, intent)], {"closing_sent": False})
    assert said(messages)[0] == clinic.say("no_dosing"), (text, said(messages))
    assert messages[0]["custom"]["kind"] == "refusal"


@pytest.mark.parametrize("text", ["how much sleep do i need?", "how long does it take for CBT-I to work?",
                                  "does it take two weeks for CBT-I to work?",
                                  "I sleep 5 hours a night, is that enough?"])
def test_amounts_that_are_no_dose_are_not_refused(clinic, text):
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [user(text, "nlu_fallback")])
    assert clinic.say("no_dosing") not in said(messages), text


def test_thanks_get_you_are_welcome_as_a_structured_reply_then_the_closing(clinic):
    # Session 31's exploratory tester: "You're welcome." (the domain's only response) had no kind.
    thanks = SESSION_START + [user("thank you so much", "thank")]
    messages, _ = run(ActionCloseSession(), thanks, {"closing_sent": False})
    assert said(messages) == [clinic.say("you_are_welcome"), clinic.say("disclaimer"), clinic.say("booking_prompt")]
    assert all(m["custom"]["kind"] for m in messages)
    again, _ = run(ActionCloseSession(), SESSION_START + [user("thanks again", "thank")], {"closing_sent": True})
    assert said(again) == [clinic.say("you_are_welcome"), clinic.say("goodbye_again")]
    bye, _ = run(ActionCloseSession(), SESSION_START + [user("bye", "goodbye")], {"closing_sent": False})
    assert clinic.say("you_are_welcome") not in said(bye)


@pytest.mark.parametrize("text", [
    # Session 37's visitor tester got the passage on consulting a provider when pain persists.
    "when should someone go to the ER for back pain? just general info",
    "how do I know if it's an emergency?",
])
def test_a_question_when_to_go_to_the_emergency_room_gets_the_emergency_numbers(clinic, text):
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [user(text, "ask_when_to_see_provider")])
    assert said(messages)[0] == clinic.say("emergency_numbers")
    assert not any(m["custom"]["kind"] == "answer" for m in messages)


def test_a_question_asked_ahead_of_an_emergency_gets_the_numbers_as_information_first(clinic):
    # The red-flag component marks the message (tests/unit/test_components.py); the action reads that.
    text = "What should I do if I ever get chest pain during the night? Just want to know for the future."
    asked_ahead = user(text, "ask_when_to_see_provider")
    asked_ahead["parse_data"]["asked_ahead"] = "when_to_call_asked_ahead"
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [asked_ahead])
    assert said(messages)[0] == clinic.say("emergency_numbers")
    assert messages[0]["custom"]["kind"] == "info"  # not an alert: nothing is happening now
    assert messages[0]["custom"]["reason"] == "emergency_numbers"
    asked = SESSION_START + [user("how does pain affect sleep?", "ask_pain_disrupts_sleep")]
    ordinary, _ = run(ActionAnswerQuestion(), asked)
    assert clinic.say("emergency_numbers") not in said(ordinary)


@pytest.mark.parametrize("text", [
    # Session 31's exploratory tester: the passage on restless legs alone, read as a diagnosis.
    "my mum's legs feel crawly at night and she has to get up and walk around. What could that be?",
    "my legs twitch all night and I can't stop moving them, what's wrong with me?",
    # Session 34's exploratory tester: the passage on restless legs alone, read as a yes.
    "could it be my hip causing that?",
    # Session 44's visitor tester: the passage on sleep apnea alone, read as the answer.
    "he has sore knees, kicks his legs at night and snores. which one is most likely for him?",
])
def test_a_question_what_someone_has_naming_no_condition_is_told_no_diagnosis_first(clinic, text):
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [user(text, "nlu_fallback")])
    assert said(messages)[0] == clinic.say("no_diagnosis"), said(messages)
    assert messages[0]["custom"]["kind"] == "refusal"


@pytest.mark.parametrize("text, refused", [
    # Session 37's visitor tester: a diagnosis the visitor has, told with a question about it, got
    # only "I can't tell whether you have a particular condition".
    ("I have fibromyalgia, does it affect sleep?", False),
    ("I don't have sleep apnea, I have insomnia. what helps insomnia?", False),
    ("my husband was diagnosed with sleep apnea last year, can it make his back pain worse?", False),
    # Session 45's tester: "it" for the condition the message names.
    ("whats insomnia exactly? my doc said i have it", False),
    # ... but a question whether someone has one is still refused first.
    ("I think I have restless legs, do I?", True),
    ("i read about sleep apnea. do i have it?", True),
    ("I have pain in my legs at night, is this RLS?", True),
    ("do I have sleep apnea?", True),
])
def test_a_diagnosis_the_visitor_tells_is_not_refused_but_a_question_for_one_is(clinic, text, refused):
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [user(text, "ask_diagnosis")])
    assert (said(messages)[0] == clinic.say("no_diagnosis")) is refused, said(messages)
    assert any(m["custom"]["kind"] in ("answer", "no_answer") for m in messages)


def test_a_question_told_again_after_that_is_not_what_i_asked_gets_its_reply(clinic):
    # Session 31's exploratory tester: "thats not what i asked. i asked why 3am specifically" got
    # "Could you tell me again what you would like to know?".
    text = "thats not what i asked. i asked why 3am specifically"
    messages, _ = run(ActionRespondToMisunderstanding(), SESSION_START + [user(text, "say_misunderstood")])
    assert messages[0]["custom"]["kind"] == "no_answer"
    assert clinic.say("misunderstood") not in said(messages)
    plain, _ = run(ActionRespondToMisunderstanding(), SESSION_START + [user("you misunderstood", "say_misunderstood")])
    assert said(plain)[0] == clinic.say("misunderstood")


def test_a_correction_that_tells_what_the_visitor_just_wants_to_know_gets_its_answer(clinic):
    # Session 32's tester: "lol not literally. I just want to know why it's worse at night" got
    # "Could you tell me again what you would like to know?".
    text = "lol not literally. I just want to know why pain keeps me awake at night"
    messages, _ = run(ActionRespondToMisunderstanding(), SESSION_START + [user(text, "say_misunderstood")])
    assert clinic.say("misunderstood") not in said(messages)
    assert any(m["custom"]["kind"] == "answer" for m in messages), said(messages)


@pytest.mark.parametrize("text", ["ok delete everything I wrote please", "yes, please erase it"])
def test_a_request_to_delete_read_as_a_yes_gets_how_to_delete_never_of_course(clinic, text):
    # Session 31's second exploratory tester: "Of course. What would you like to know?", and
    # nothing was deleted.
    from assistant.replies import privacy_messages

    messages, _ = run(ActionAskWhatElse(), SESSION_START + [user(text, "affirm")])
    assert said(messages) == said(privacy_messages(clinic))


def medicine_question_replies(text: str, confidence: float) -> list[dict]:
    """What action_refuse_dosing sends for ``text`` read as a medicine question this sure."""
    event = user(text, "ask_medication")
    event["parse_data"]["intent"]["confidence"] = confidence
    return run(ActionRefuseDosing(), SESSION_START + [event])[0]


@pytest.mark.parametrize(("text", "refused"), [
    # Session 31's second exploratory tester: read as a medicine question at 0.42, it got the
    # refusal to advise on medicines before the passage on sleep hygiene.
    ("ok, different thing — what's sleep hygiene?", False),
    # Session 37's visitor tester: "dose" typed for "does" got the refusal to advise on doses.
    ("how dose pain affect sleep", False),
    # Unsure too, but about a medicine: still refused.
    ("what dose of melatonin is ok", True),
    ("how much melatonin is ok", True),
    ("can i take something for it?", True),
    ("is 10mg too much", True),
])
def test_an_unsure_medicine_question_is_refused_only_when_it_speaks_of_a_medicine(clinic, text, refused):
    messages = medicine_question_replies(text, 0.42)
    assert (said(messages)[0] == clinic.say("no_dosing")) == refused, said(messages)
    if not refused:
        assert messages[0]["custom"]["kind"] == "answer"


@pytest.mark.parametrize(("text", "refused"), [
    # Session 44's visitor tester: read as a medicine question at 0.87, a question on surgery got
    # the refusal to advise on medicines first.
    ("how long does recovery take after knee surgery?", False),
    ("will i need an operation on my back", False),
    # Surgery and a medicine: still refused.
    ("what painkillers will i get after the operation", True),
    ("how much ibuprofen after surgery", True),
])
def test_a_sure_medicine_question_on_surgery_is_refused_only_when_it_speaks_of_a_medicine(clinic, text, refused):
    messages = medicine_question_replies(text, 0.87)
    assert (said(messages)[0] == clinic.say("no_dosing")) == refused, said(messages)
    if not refused:
        assert messages[0]["custom"]["kind"] in ("answer", "no_answer")


@pytest.mark.parametrize(("text", "refused"), [
    # Session 46's visitor tester: a question for what helps without medicines got the refusal first.
    ("is there therapy for sleep instead of pills?", False),
    ("anything that doesnt involve tablets for insomnia?", False),
    # A medicine asked about, or one's own to be stopped: still refused.
    ("can i take melatonin instead of sleeping pills?", True),
    ("how do i sleep without my sleeping pills?", True),
    ("what can i take instead of ibuprofen?", True),
    ("how much less of my tablets can i take without feeling worse", True),
])
def test_a_sure_medicine_question_for_what_helps_without_medicines_is_answered_without_the_refusal(
        clinic, text, refused):
    messages = medicine_question_replies(text, 0.95)
    assert (said(messages)[0] == clinic.say("no_dosing")) == refused, said(messages)
    if not refused:
        assert messages[0]["custom"]["kind"] == "answer"
        assert "cognitive-behavioral-therapy" in messages[0]["custom"]["passages"][0]


def test_a_comparison_with_the_condition_of_the_turn_before_gets_a_passage_on_each(clinic):
    # Session 34's tester, through the servers: after the PLMD button, "what's the difference
    # between that and RLS" got both passages on RLS (the message's own entity had already
    # replaced PLMD in the slot).
    button = '/ask_disorder{"disorder": "periodic_limb_movement_disorder"}'
    events = SESSION_START + [
        user(button, "ask_disorder", [("disorder", "periodic_limb_movement_disorder")]),
        slot("disorder", "periodic_limb_movement_disorder"), bot("Involuntary limb movements ..."),
        user("what's the difference between that and RLS", "ask_disorder", [("disorder", "RLS")]),
        slot("disorder", "RLS")]
    messages, _ = run(ActionAnswerQuestion(), events, {"disorder": "RLS"})
    answers = [m for m in messages if m["custom"]["kind"] == "answer"]
    assert [p.rsplit("/", 1)[-1] for m in answers for p in m["custom"]["passages"]] == [
        "periodic-limb-movement-disorder-plmd", "restless-leg-syndrome-rls"]


def test_a_greeting_in_the_middle_of_a_chat_gets_a_short_reply_not_the_introduction_again(clinic):
    # Session 36's visitor tester: a mid-chat "hello?" replayed the whole three-message introduction.
    first, _ = run(ActionOfferTopics(), SESSION_START + [user("hi", "greet")])
    assert said(first)[0] == clinic.say("greeting")
    asked = user("what is [insomnia]", "ask_disorder", [("disorder", "insomnia")])
    later = SESSION_START + [user("hi", "greet"), bot("Hello!"), asked, bot("Insomnia: ..."), user("hello?", "greet")]
    messages, _ = run(ActionOfferTopics(), later)
    assert said(messages) == [clinic.say("still_here")] and len(messages[0]["buttons"]) == 4


@pytest.mark.parametrize("text, intent, passage", [
    ("hello, what is restless legs syndrome?", "greet", "restless-leg-syndrome-rls"),
    ("hi there! does poor sleep make pain worse?", "greet", "how-poor-sleep-can-worsen-pain"),
    ("can I start CBT-I on my own?", "get_started", "cognitive-behavioral-therapy-for-insomnia-cbt-i"),
])
def test_a_question_read_as_a_greeting_is_answered_after_the_introduction(clinic, text, intent, passage):
    # Session 44's visitor tester: "hello, what is plantar fasciitis?" got the greeting alone, and
    # "can i wear the splint all night from the start" (read as a chat client's opening) too.
    messages, _ = run(ActionOfferTopics(), SESSION_START + [user(text, intent)])
    assert said(messages)[:2] == [clinic.say("greeting"), clinic.say("disclaimer_short")]
    answers = [m for m in messages if m["custom"]["kind"] == "answer"]
    assert answers and answers[0]["custom"]["passages"][0].endswith(passage), said(messages)


def test_a_greeting_with_no_question_and_the_opening_payload_still_get_the_introduction(clinic):
    for text, intent in (("hi", "greet"), ("good morning!", "greet"), ("/get_started", "get_started")):
        messages, _ = run(ActionOfferTopics(), SESSION_START + [user(text, intent)])
        assert said(messages) == [clinic.say("greeting"), clinic.say("disclaimer_short"), clinic.say("topics_prompt")]


def test_a_question_read_as_a_greeting_in_the_middle_of_a_chat_is_answered_without_the_introduction(clinic):
    asked = user("what is [insomnia]", "ask_disorder", [("disorder", "insomnia")])
    later = SESSION_START + [user("hi", "greet"), bot("Hello!"), asked, bot("Insomnia: ..."),
                             user("hello again, what is sleep apnea?", "greet")]
    messages, _ = run(ActionOfferTopics(), later)
    assert messages[0]["custom"]["kind"] == "answer" and clinic.say("greeting") not in said(messages)
    assert messages[0]["custom"]["passages"][0].endswith("obstructive-sleep-apnea-osa")


def test_a_question_asking_for_a_figure_the_articles_do_not_give_gets_the_honest_no_not_a_misunderstanding(clinic):
    # Session 36's visitor tester: "can you at least tell me the success rate" got "not sure I understood".
    asked = user("fine, just give me a success rate", "nlu_fallback")
    messages, _ = run(ActionAnswerQuestion(), SESSION_START + [asked])
    assert messages[0]["custom"]["kind"] == "no_answer" and clinic.say("fallback") not in said(messages)
