"""The website chat widget, as a visitor uses it: Chromium on the demo page (web/app.py), talking
to the real Rasa server over its socket.io channel.

What the assistant should say is asked of the same Rasa server over the REST channel (a
"twin" conversation), so these tests check the widget, not the content of the answers.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assistant.clinic import load_clinic, retention_days, tel_link
from tests.browser.conftest import AXE, DESKTOP, PHONE, ROOT, SITE

CLINIC = load_clinic()
SCREENSHOTS = ROOT / "docs" / "screenshots"
QUESTION = "how does pain affect sleep?"
XSS = "<img src=x onerror=alert(1)>"
EMERGENCY = "I have crushing chest pain and my left arm feels heavy"
CRISIS = "I want to die"
OVERDOSE = "my 3 year old swallowed some of my sleeping pills"
# A whole bottle is an emergency as well (session 28): the poisoning guidance that puts 911 first.
LARGE_OVERDOSE = "I took a whole bottle of my sleeping pills an hour ago"
SMALL_PHONE = {"width": 320, "height": 568}
DELETED = "Your conversation was deleted, here and on the clinic's assistant."
OFFLINE = "You're offline. Your message will be sent when you're back online."
expect.set_options(timeout=30_000)


# ---- helpers ----------------------------------------------------------------------------------

def twin(rasa, message: str) -> list[dict]:
    """What the assistant answers ``message`` at the start of a conversation (REST channel)."""
    return rasa.say(f"twin-{uuid.uuid4().hex}", message)


def passage_and_citation(messages: list[dict]) -> tuple[str, str]:
    citations = [m["text"] for m in messages if m.get("custom", {}).get("kind") == "citation"]
    passages = [m["text"] for m in messages if m.get("custom", {}).get("kind") == "answer"]
    assert citations and passages, messages
    return passages[0], citations[0]


def chat(page: Page):
    return page.get_by_role("dialog", name="Ospina Medical assistant")


def bot_texts(page: Page):
    return page.locator(".omc-msg--bot .omc-text")


def bubble_with(page: Page, text: str):
    return page.locator(".omc-msg--bot").filter(has=page.locator(".omc-text", has_text=text))


def open_chat(page: Page, url: str = SITE) -> None:
    page.goto(url)
    page.get_by_role("button", name="Chat with us").click()
    expect(chat(page)).to_be_visible()


def expect_welcome(page: Page) -> None:
    expect(bot_texts(page).filter(has_text=CLINIC.say("greeting"))).to_have_count(1)
    expect(bot_texts(page).filter(has_text=CLINIC.say("disclaimer_short"))).to_have_count(1)
    expect(page.get_by_role("group", name="Suggested replies").first.get_by_role("button")).not_to_have_count(0)


def ask(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Your question")
    box.fill(text)
    box.press("Enter")
    expect(page.locator(".omc-msg--user .omc-text").last).to_have_text(text)


def active(page: Page) -> dict:
    """The focused element, looking into the widget's shadow root."""
    return page.evaluate("""() => {
        let node = document.activeElement;
        while (node && node.shadowRoot && node.shadowRoot.activeElement) node = node.shadowRoot.activeElement;
        if (!node) return {};
        const style = getComputedStyle(node);
        return {tag: node.tagName.toLowerCase(), cls: node.className || '', text: (node.textContent || '').trim(),
                label: node.getAttribute('aria-label') || '', inWidget: !!node.closest('.omc') ||
                node.getRootNode() !== document, outline: style.outlineStyle + ' ' + style.outlineWidth};
    }""")


def press_until(page: Page, key: str, reached, tries: int, what: str) -> dict:
    """Press ``key`` until the focused element (``active``) is ``reached``; it, or fail naming ``what``."""
    for _ in range(tries):
        page.keyboard.press(key)
        focused = active(page)
        if reached(focused.get("text", "")):
            return focused
    pytest.fail(f"{key} never reached {what}")


def session_id(page: Page) -> str:
    stored = page.evaluate("() => Object.entries(localStorage).filter(([k]) => k.startsWith('ospina-chat:'))")
    assert len(stored) == 1, stored
    return json.loads(stored[0][1])["sessionId"]


def run_axe(page: Page) -> list[dict]:
    # The page as a visitor sees it: its stylesheets applied (a page just loaded after a form post
    # may have its text but not yet its styles, which axe would measure unstyled).
    page.wait_for_load_state("load")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


# ---- a visitor's conversation -----------------------------------------------------------------

def test_opening_the_widget_shows_the_welcome_with_the_disclaimer_and_topics(page, rasa):
    page.goto(SITE)
    launcher = page.get_by_role("button", name="Chat with us")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()
    expect_welcome(page)
    topics = [b["title"] for b in twin(rasa, "/greet")[-1]["buttons"]]
    expect(page.get_by_role("group", name="Suggested replies").first.get_by_role("button")).to_have_text(topics)
    # Focus goes to the text box, ready to type.
    assert active(page)["tag"] == "input"
    # The clinic's details on the page come from knowledge/clinic.yml.
    expect(page.get_by_role("link", name=f"Call {CLINIC.phone}").first).to_have_attribute("href", CLINIC.phone_link)
    expect(page.locator("main")).to_contain_text(CLINIC.doctor)


def test_a_question_gets_the_passage_with_its_citation_under_it(page, rasa):
    passage, citation = passage_and_citation(twin(rasa, QUESTION))
    open_chat(page)
    expect_welcome(page)
    # The typing indicator shows while the visitor waits (checked in the same task as the send).
    typing_shown = page.evaluate("""(text) => {
        const root = document.querySelector('#ospina-chat').shadowRoot;
        root.querySelector('.omc-input').value = text;
        root.querySelector('.omc-send').click();
        return !root.querySelector('.omc-typing').hidden;
    }""", QUESTION)
    assert typing_shown
    answer = bubble_with(page, passage[:60])
    expect(answer.locator(".omc-text")).to_have_text(passage)
    expect(answer.locator(".omc-citation")).to_have_text(citation)
    expect(page.locator(".omc-typing")).to_be_hidden()
    # The citation is set smaller than the answer.
    sizes = answer.evaluate("""li => [getComputedStyle(li.querySelector('.omc-text')).fontSize,
                                      getComputedStyle(li.querySelector('.omc-citation')).fontSize].map(parseFloat)""")
    assert sizes[1] < sizes[0]
    # A screen reader hears the new message: it is in the widget's live region.
    expect(page.locator("[aria-live=polite]")).to_contain_text(passage[:60])


def test_a_quick_reply_sends_its_payload_and_shows_its_title(page, rasa):
    topic = twin(rasa, "/greet")[-1]["buttons"][1]
    passage, citation = passage_and_citation(twin(rasa, topic["payload"]))
    open_chat(page)
    expect_welcome(page)
    page.get_by_role("button", name=topic["title"]).click()
    expect(page.locator(".omc-msg--user .omc-text").last).to_have_text(topic["title"])
    answer = bubble_with(page, passage[:60])
    expect(answer.locator(".omc-citation")).to_have_text(citation)
    assert topic["payload"] not in page.locator(".omc-messages").inner_text()


def test_a_question_left_from_a_message_of_several_is_asked_by_its_button(page):
    # Found through the servers: of three questions in one message, only the insurance one got a reply.
    open_chat(page)
    ask(page, "Does poor sleep make pain worse? And what is CBT-I? Also do you take insurance?")
    expect(bot_texts(page).filter(has_text=CLINIC.say("also_asked"))).to_have_count(1)
    chat(page).get_by_role("button", name="And what is CBT-I?", exact=True).click()
    expect(page.locator(".omc-msg--user .omc-text").last).to_have_text("And what is CBT-I?")
    expect(bubble_with(page, "This non-pharmacological approach")).to_have_count(1)


def test_a_message_sent_while_a_reply_arrives_comes_after_the_whole_reply(page):
    # Session 25's tester: a second question typed while the answer was arriving was shown in the
    # middle of it (between the passage and "anything else?").
    open_chat(page)
    expect_welcome(page)
    page.evaluate("""([first, second]) => {
        const root = document.querySelector('#ospina-chat').shadowRoot;
        root.querySelector('.omc-input').value = first;
        root.querySelector('.omc-send').click();
        root.querySelector('.omc-input').value = second;
        root.querySelector('.omc-send').click();
    }""", [QUESTION, "what is sleep hygiene?"])
    anything_else = bot_texts(page).filter(has_text=CLINIC.say("anything_else"))
    expect(anything_else).to_have_count(2, timeout=60000)
    order = page.evaluate("""() => [...document.querySelector('#ospina-chat').shadowRoot
        .querySelectorAll('.omc-msg')].map(li => li.classList.contains('omc-msg--user') ? 'user' : 'bot')""")
    users = [i for i, who in enumerate(order) if who == "user"]
    assert len(users) == 2
    # Every message between the two questions is the first one's reply, and it is complete:
    # nothing of it comes after the second question, whose own reply follows it.
    texts = page.evaluate("""() => [...document.querySelector('#ospina-chat').shadowRoot
        .querySelectorAll('.omc-msg')].map(li => li.textContent)""")
    first_reply = texts[users[0] + 1:users[1]]
    assert any(CLINIC.say("anything_else") in t for t in first_reply), order


def test_a_reload_keeps_the_conversation_and_the_session(page, rasa):
    passage, _ = passage_and_citation(twin(rasa, QUESTION))
    open_chat(page)
    expect_welcome(page)
    ask(page, QUESTION)
    expect(bubble_with(page, passage[:60])).to_have_count(1)
    before = session_id(page)

    page.reload()
    # Still open, same messages, same Rasa conversation.
    expect(chat(page)).to_be_visible()
    expect(page.locator(".omc-msg--user .omc-text")).to_have_text([QUESTION])
    expect(bubble_with(page, passage[:60])).to_have_count(1)
    expect(bot_texts(page).filter(has_text=CLINIC.say("greeting"))).to_have_count(1)
    assert session_id(page) == before
    # The conversation goes on: "bye" after an answer gets the closing (Rasa remembers the answer).
    ask(page, "bye")
    expect(bot_texts(page).filter(has_text=CLINIC.say("disclaimer"))).to_have_count(1)


def test_a_reload_shows_the_last_question_and_its_answer_not_the_welcome(page, rasa):
    # Session 45's tester: after a reload the conversation opened scrolled to the welcome at
    # its top (the widget is hidden until its stylesheet loads: the scroll did not hold).
    page.set_viewport_size(PHONE)
    last = "what is restless leg syndrome?"
    passage, _ = passage_and_citation(twin(rasa, last))
    open_chat(page)
    for question in (QUESTION, "what is sleep apnea?", last):
        ask(page, question)
        expect(page.locator(".omc-msg--bot .omc-text").last).not_to_have_text("")
    expect(bubble_with(page, passage[:60])).to_have_count(1)

    page.reload()
    expect(chat(page)).to_be_visible()
    expect(page.locator(".omc-msg--user").last).to_be_in_viewport()
    expect(bot_texts(page).filter(has_text=CLINIC.say("greeting"))).not_to_be_in_viewport()


@pytest.mark.parametrize("size", [PHONE, SMALL_PHONE])
def test_on_a_phone_the_welcome_opens_at_its_greeting(page, size):
    # Session 45's tester: on a phone the open privacy notice left the greeting scrolled out of view.
    page.set_viewport_size(size)
    open_chat(page)
    expect_welcome(page)
    page.wait_for_timeout(1000)  # any scroll settles
    expect(bot_texts(page).filter(has_text=CLINIC.say("greeting"))).to_be_in_viewport(ratio=1)


@pytest.mark.parametrize("size", [DESKTOP, {"width": 1366, "height": 768}])
def test_on_a_laptop_the_welcome_shows_its_first_topic_without_scrolling(page, size):
    # Session 47's tester: at 1280 x 800 the open privacy notice and a header on two rows left
    # the conversation 300 px tall, and every topic button of the welcome below its fold.
    page.set_viewport_size(size)
    open_chat(page)
    expect_welcome(page)
    page.wait_for_timeout(1000)  # any scroll settles
    log = chat(page).get_by_role("region", name="Conversation").bounding_box()
    first = chat(page).get_by_role("group", name="Suggested replies").first.get_by_role("button").first.bounding_box()
    assert log["y"] <= first["y"] and first["y"] + first["height"] <= log["y"] + log["height"], (first, log)
    expect(bot_texts(page).filter(has_text=CLINIC.say("greeting"))).to_be_in_viewport(ratio=1)


def test_end_chat_shows_the_disclaimer_and_booking_links(page, context):
    booked: list[str] = []

    def booking_site(route):
        booked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Booking</title>booking")

    context.route(re.compile(r"^https://"), booking_site)  # no request leaves the machine
    open_chat(page)
    expect_welcome(page)
    ask(page, QUESTION)
    expect(page.locator(".omc-citation")).to_have_count(1)
    page.get_by_role("button", name="End chat").click()
    expect(page.locator(".omc-note")).to_have_text("You ended the chat.")
    expect(bot_texts(page).filter(has_text=CLINIC.say("disclaimer"))).to_have_count(1)
    expect(bot_texts(page).filter(has_text=CLINIC.say("booking_prompt"))).to_have_count(1)

    book = chat(page).get_by_role("link", name=CLINIC.say("book_online_button"))
    call = chat(page).get_by_role("link", name=CLINIC.say("call_button"))
    expect(book).to_have_attribute("href", CLINIC.booking_url)
    expect(book).to_have_attribute("target", "_blank")
    expect(book).to_have_attribute("rel", "noopener noreferrer")
    expect(call).to_have_attribute("href", CLINIC.phone_link)
    # A link button opens its page; it is not sent to the assistant as a message.
    users_before = page.locator(".omc-msg--user").count()
    with context.expect_page() as popup:
        book.click()
    assert popup.value.url == CLINIC.booking_url
    assert booked == [CLINIC.booking_url]
    popup.value.close()
    page.wait_for_timeout(500)
    expect(page.locator(".omc-msg--user")).to_have_count(users_before)


def test_markup_typed_by_a_visitor_is_shown_as_text(page):
    open_chat(page)
    expect_welcome(page)
    bots_before = bot_texts(page).count()
    ask(page, XSS)
    expect(page.locator(".omc-msg--user .omc-text").last).to_have_text(XSS)
    expect(bot_texts(page)).not_to_have_count(bots_before)  # the assistant answered
    page.wait_for_timeout(500)
    assert page.locator("#ospina-chat img").count() == 0
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    # (the page fixture fails the test if a dialog opened or a script error happened)


def test_a_long_story_is_sent_whole_and_the_length_limit_is_said(page):
    # Found by an exploratory tester: a pasted 1,315-character story was cut at 1,000 without a
    # word, and lost its question at the end.
    open_chat(page)
    story = "My knees and my lower back ache every night and I wake up many times. " * 18 + \
        "My question is: is it safe to fall asleep with a heating pad on?"
    assert 1_000 < len(story) < 4_000
    ask(page, story)  # the whole story, its question included
    box = page.get_by_role("textbox", name="Your question")
    box.fill("x" * 4_700)
    expect(chat(page).get_by_role("status")).to_have_text("300 characters left.")
    box.fill("x" * 5_000)
    expect(chat(page).get_by_role("status")).to_contain_text("reached the 5,000-character limit")
    # A pasted story over the limit is neither cut nor sent: the visitor is told and keeps it
    # to shorten (session 27's tester: 6,750 characters were cut to 5,000 without a word).
    sent_before = page.locator(".omc-msg--user").count()
    long_story = "My back hurts at night. " * 280 + "Can a heating pad help me sleep?"
    box.fill(long_story)
    over = f"{len(long_story) - 5_000:,} characters over the 5,000-character limit"
    expect(chat(page).get_by_role("status")).to_contain_text(over)
    box.press("Enter")
    expect(chat(page).get_by_role("status")).to_contain_text("Nothing has been sent.")
    # ... with where help is: a story over the limit may hold a disclosure never read (session 28).
    expect(chat(page).get_by_role("status")).to_contain_text(
        f"If you need help now, call {CLINIC.emergency_number}, or call or text {CLINIC.crisis_line}.")
    assert box.input_value() == long_story
    assert page.locator(".omc-msg--user").count() == sent_before
    box.fill("")
    expect(chat(page).locator(".omc-status")).to_have_text("")
    box.press("Enter")  # nothing typed: said, not silently ignored
    expect(chat(page).get_by_role("status")).to_have_text("Type your question first, then press Send.")


@pytest.mark.parametrize("size", [{"width": 667, "height": 375}, {"width": 360, "height": 640},
                                  {"width": 320, "height": 568}])
def test_on_a_phone_the_alerts_call_links_are_in_view_once_the_reply_is_in(page, size):
    # Session 26's tester: on a phone held sideways (or with the keyboard open) the view stopped at
    # the visitor's own message, and the call links were below the fold.
    page.set_viewport_size(size)
    open_chat(page)
    expect_welcome(page)
    ask(page, OVERDOSE)
    expect(bot_texts(page).filter(has_text=CLINIC.say("disclaimer"))).to_have_count(1)
    page.wait_for_timeout(1500)  # the smooth scroll settles
    in_view = page.evaluate("""() => {
        const root = document.querySelector('#ospina-chat').shadowRoot;
        const log = root.querySelector('.omc-log').getBoundingClientRect();
        const link = root.querySelector('.omc-alert-actions a').getBoundingClientRect();
        const text = root.querySelector('.omc-msg--alert .omc-text').getBoundingClientRect();
        return [log.top, log.bottom, link.top, link.bottom, text.top];
    }""")
    log_top, log_bottom, link_top, link_bottom, text_top = in_view
    assert log_top <= link_top and link_bottom <= log_bottom, f"the alert's first call link is out of view: {in_view}"
    # ... and so is its first sentence (session 28's tester: at 320 px "This could be an overdose
    # ... Call Poison Help now" was scrolled out of view), wherever the view can hold both (held
    # sideways, the view is two rows of call links tall).
    if log_bottom - log_top < 200:
        return
    assert log_top <= text_top and text_top + 20 <= log_bottom, f"the alert's first line is out of view: {in_view}"


def test_after_a_long_story_the_start_of_the_reply_is_in_view(page):
    # Session 46's tester: after a 4,000-character message the view stopped at its first lines,
    # the reply far below with nothing pointing to it.
    page.set_viewport_size({"width": 375, "height": 740})
    open_chat(page)
    expect_welcome(page)
    story = "My knees and my lower back ache every night and I wake up many times. " * 50 + \
        "My question is: how does pain affect sleep?"
    ask(page, story)
    expect(page.locator(".omc-citation")).to_have_count(1)
    page.wait_for_timeout(1500)  # the smooth scroll settles
    expect(page.locator(".omc-msg--user").last).not_to_be_in_viewport(ratio=1)  # taller than the view
    top = page.evaluate("""() => {
        const root = document.querySelector('#ospina-chat').shadowRoot;
        const log = root.querySelector('.omc-log').getBoundingClientRect();
        const answer = [...root.querySelectorAll('.omc-msg--bot')].find(li => li.querySelector('.omc-citation'));
        return [log.top, log.bottom, answer.getBoundingClientRect().top];
    }""")
    log_top, log_bottom, answer_top = top
    assert log_top <= answer_top <= log_bottom - 40, f"the answer's start is out of view: {top}"


@pytest.mark.parametrize("message, kind", [
    (EMERGENCY, "emergency"), (CRISIS, "crisis"), (OVERDOSE, "poisoning"), (LARGE_OVERDOSE, "poisoning_with_signs"),
    ("/report_possible_crisis", "crisis_screening"),  # the intent the red-flag check gives an unclear message
])
def test_emergency_and_crisis_guidance_is_an_alert_with_call_links(page, message, kind):
    open_chat(page)
    expect_welcome(page)
    ask(page, message)
    alert = page.get_by_role("alert")
    expect(alert).to_have_count(1)
    expect(alert.locator(".omc-text")).to_have_text(CLINIC.say(kind))
    first = {"crisis": CLINIC.crisis_line, "crisis_screening": CLINIC.crisis_line,
             "poisoning": CLINIC.poison_control_line,
             "poisoning_with_signs": CLINIC.poison_control_line}.get(kind, CLINIC.emergency_number)
    expect(page.locator(".omc-alert-actions a").first).to_have_attribute("href", tel_link(first))
    expect(chat(page).get_by_role("link", name=f"Call {CLINIC.emergency_number}", exact=True)).to_be_visible()
    # Styled so it cannot be missed: a thick red border.
    border = alert.evaluate("el => getComputedStyle(el).borderLeftWidth")
    assert float(border.removesuffix("px")) >= 4
    # Emergency and poisoning guidance offer "That's not what I meant"; crisis guidance does not.
    misread = chat(page).get_by_role("button", name=CLINIC.say("misread_button"), exact=True)
    expect(misread).to_have_count(1 if kind in ("emergency", "poisoning", "poisoning_with_signs") else 0)
    if kind == "crisis_screening":
        # A question, not an ending: Yes / No, then the crisis guidance and the closing.
        chat(page).get_by_role("button", name="Yes", exact=True).click()
        expect(page.get_by_role("alert").last.locator(".omc-text")).to_have_text(CLINIC.say("crisis"))
    # The closing follows, as after every emergency.
    expect(bot_texts(page).filter(has_text=CLINIC.say("disclaimer"))).to_have_count(1)


def test_asked_which_number_to_call_the_visitor_gets_call_links_and_a_text_link(page):
    # Found by exploratory testers: "What number do I call in an emergency?" got "no medically
    # reviewed answer"; "can I text 988?" no way to text.
    open_chat(page)
    expect_welcome(page)
    ask(page, "What number do I call in an emergency?")
    expect(bot_texts(page).filter(has_text=CLINIC.say("emergency_numbers"))).to_have_count(1)
    expect(page.get_by_role("alert")).to_have_count(0)  # asked ahead: information, not an alarm
    for name, href in ((f"Call {CLINIC.emergency_number}", tel_link(CLINIC.emergency_number)),
                       (f"Call {CLINIC.poison_control_name}", tel_link(CLINIC.poison_control_line)),
                       (f"Text {CLINIC.crisis_line}", "sms:" + CLINIC.crisis_line)):
        expect(chat(page).get_by_role("link", name=name, exact=True).last).to_have_attribute("href", href)


def test_the_next_message_after_an_overdose_gets_the_numbers_again_as_an_alert(page):
    open_chat(page)
    expect_welcome(page)
    ask(page, OVERDOSE)
    expect(page.get_by_role("alert").locator(".omc-text")).to_have_text(CLINIC.say("poisoning"))
    expect(bot_texts(page).filter(has_text=CLINIC.say("booking_prompt_after_alert"))).to_have_count(1)
    ask(page, "is that bad?")
    expect(page.get_by_role("alert")).to_have_count(2)
    again = page.get_by_role("alert").last
    expect(again.locator(".omc-text")).to_have_text(CLINIC.say("after_poisoning"))
    calls = page.locator(".omc-alert-actions").last.locator("a")
    expect(calls.first).to_have_attribute("href", tel_link(CLINIC.poison_control_line))
    expect(page.locator(".omc-citation")).to_have_count(0)  # no passage


def test_thats_not_what_i_meant_under_an_alarm_shows_the_numbers_again_then_the_answer(page):
    # A long pause in breathing witnessed last night reads as an emergency; the visitor was asking
    # about sleep apnoea.
    open_chat(page)
    expect_welcome(page)
    ask(page, "my husband stopped breathing in his sleep last night for almost a minute, is that sleep apnea?")
    expect(page.get_by_role("alert").locator(".omc-text")).to_have_text(CLINIC.say("emergency"))
    expect(bot_texts(page).filter(has_text=CLINIC.say("disclaimer"))).to_have_count(1)
    chat(page).get_by_role("button", name=CLINIC.say("misread_button"), exact=True).click()
    expect(page.locator(".omc-msg--user .omc-text").last).to_have_text(CLINIC.say("misread_button"))
    expect(page.get_by_role("alert").last.locator(".omc-text")).to_have_text(CLINIC.say("safety_repeat_emergency"))
    expect(bot_texts(page).filter(has_text=CLINIC.say("misunderstood_then_answer"))).to_have_count(1)
    expect(page.locator(".omc-citation").last).to_contain_text("Source:")


def test_no_to_the_screening_question_in_the_widget_shows_the_answer_to_what_was_asked(page, rasa):
    # Unsure whether this is about self-harm: the screening question, with the crisis line.
    asked = "nothing matters anymore. does pain make insomnia worse?"
    open_chat(page)
    expect_welcome(page)
    ask(page, asked)
    expect(page.get_by_role("alert").locator(".omc-text")).to_have_text(CLINIC.say("crisis_screening"))
    chat(page).get_by_role("button", name="No", exact=True).click()
    # The REST twin says what comes after "No": the thanks, then the passage and its source.
    sender = f"twin-{uuid.uuid4().hex}"
    rasa.say(sender, asked)
    passage, citation = passage_and_citation(rasa.say(sender, "/deny"))
    expect(bot_texts(page).filter(has_text=CLINIC.say("screening_cleared_then_answer"))).to_have_count(1)
    expect(bubble_with(page, passage[:60])).to_have_count(1)
    expect(page.locator(".omc-citation").filter(has_text=citation[:40])).not_to_have_count(0)
    # Not an ending: no closing yet.
    expect(bot_texts(page).filter(has_text=CLINIC.say("disclaimer"))).to_have_count(0)


def test_a_follow_up_question_after_an_answer_is_answered_and_the_chat_stays_open(page, rasa):
    # "so no meds involved?" was once read as a "no" to "anything else?", which closes the chat.
    first, follow_up = "what is restless legs syndrome?", "so no meds involved?"
    sender = f"twin-{uuid.uuid4().hex}"
    answered = rasa.say(sender, first)
    expected = rasa.say(sender, follow_up)
    assert CLINIC.say("disclaimer") not in [m.get("text") for m in expected]
    open_chat(page)
    expect_welcome(page)
    ask(page, first)
    # Every message of the answer is shown before the follow-up is asked.
    last_text = [m["text"] for m in answered if m.get("text") and m.get("custom", {}).get("kind") != "citation"][-1]
    expect(bubble_with(page, last_text[:60]).last).to_be_visible()
    # The follow-up's first reply may repeat a passage already shown: count its bubbles.
    reply = bubble_with(page, expected[0]["text"][:60])
    shown = reply.count()
    ask(page, follow_up)
    expect(reply).to_have_count(shown + 1)
    expect(bot_texts(page).filter(has_text=CLINIC.say("disclaimer"))).to_have_count(0)


def test_keyboard_only(page):
    page.goto(SITE)
    press_until(page, "Tab", lambda text: text == "Chat with us", 40, "the chat launcher")
    assert active(page)["outline"].startswith("solid"), "the focused launcher shows no focus ring"
    page.keyboard.press("Enter")
    expect_welcome(page)
    assert active(page)["tag"] == "input"

    answers = bot_texts(page).filter(has_text=CLINIC.say("anything_else"))  # each answer ends with it
    page.keyboard.type("what is insomnia?")
    page.keyboard.press("Enter")
    expect(answers).to_have_count(1)
    expect(page.locator(".omc-citation")).not_to_have_count(0)
    expect(page.locator(".omc-typing")).to_be_hidden()

    # Shift+Tab from the text box reaches the newest suggested replies; Enter sends one.
    page.keyboard.press("Shift+Tab")
    focused = active(page)
    assert "omc-reply" in focused["cls"] and focused["outline"].startswith("solid"), focused
    page.keyboard.press("Enter")
    expect(page.locator(".omc-msg--user .omc-text").last).to_have_text(focused["text"])
    expect(answers).to_have_count(2)
    assert active(page)["tag"] == "input"

    # Escape closes the chat and gives focus back to the launcher; Enter opens it again.
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert active(page)["text"] == "Chat with us"
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_visible()
    assert active(page)["tag"] == "input"

    # Back to the header: End chat with the keyboard.
    press_until(page, "Shift+Tab", lambda text: text == "End chat", 60, "End chat")
    page.keyboard.press("Enter")
    expect(bot_texts(page).filter(has_text=CLINIC.say("disclaimer"))).to_have_count(1)
    # The closing is two messages; wait for the last, or it can arrive after the chat is closed
    # and (rightly) show as unread on the launcher.
    expect(bot_texts(page).filter(has_text=CLINIC.say("booking_prompt"))).to_have_count(1)
    # The close button is reachable and labelled.
    page.keyboard.press("Tab")
    assert active(page)["label"] == "Close chat"
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert active(page)["text"] == "Chat with us"

    # Focus on something of the page's that the open panel covers: Escape hides the panel and
    # leaves focus where it is, so the visitor sees it (WCAG 2.4.11).
    page.keyboard.press("Enter")
    expect(chat(page)).to_be_visible()
    covered = page.evaluate("""() => {
        const panel = document.querySelector('#ospina-chat').shadowRoot.querySelector('.omc-panel')
            .getBoundingClientRect();
        for (const el of document.querySelectorAll('main a, main button')) {
            el.scrollIntoView({block: 'center'});
            const r = el.getBoundingClientRect();
            if (r.left < panel.right && r.right > panel.left && r.top < panel.bottom && r.bottom > panel.top) {
                el.focus();
                return el.textContent.trim();
            }
        }
        return null;
    }""")
    assert covered, "no page control lies behind the panel"
    page.keyboard.press("Escape")
    expect(chat(page)).to_be_hidden()
    assert active(page)["text"] == covered


def test_no_serious_accessibility_violations(browser, web):
    # axe-core sets inline styles while it checks, which the page's CSP (rightly) blocks: the
    # check runs with CSP bypassed. The other tests run under the CSP.
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    try:
        page = ctx.new_page()
        page.goto(SITE)
        expect(page.get_by_role("button", name="Chat with us")).to_be_visible()
        assert run_axe(page) == []  # the page with the launcher
        open_chat(page)
        expect_welcome(page)
        ask(page, QUESTION)
        expect(page.locator(".omc-citation")).to_have_count(1)
        ask(page, EMERGENCY)
        expect(chat(page).get_by_role("link", name=CLINIC.say("book_online_button"))).to_have_count(1)
        assert run_axe(page) == []  # answer, citation, alert, quick replies, links, privacy notice
        chat(page).get_by_role("button", name="Delete", exact=True).click()
        expect(chat(page).get_by_role("button", name="Delete my conversation")).to_be_focused()
        assert run_axe(page) == []  # the delete confirmation
        chat(page).get_by_role("button", name="Cancel").click()
    finally:
        ctx.close()

    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    try:
        small = ctx.new_page()
        open_chat(small)
        expect_welcome(small)
        assert run_axe(small) == []
    finally:
        ctx.close()


def test_reduced_motion_is_respected(browser, web):
    ctx = browser.new_context(reduced_motion="reduce")
    try:
        reduced = ctx.new_page()
        open_chat(reduced)
        animations = reduced.evaluate("""() => {
            const root = document.querySelector('#ospina-chat').shadowRoot;
            return ['.omc-panel', '.omc-dots span'].map(s => getComputedStyle(root.querySelector(s)).animationName);
        }""")
        assert animations == ["none", "none"]
    finally:
        ctx.close()


def test_phone_screen(browser, web, rasa):
    passage, _ = passage_and_citation(twin(rasa, QUESTION))
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone = ctx.new_page()
        phone.goto(SITE)
        launcher = phone.get_by_role("button", name="Chat with us")
        box = launcher.bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 44
        launcher.tap()
        expect_welcome(phone)
        ask(phone, QUESTION)
        expect(bubble_with(phone, passage[:60]).locator(".omc-citation")).to_have_count(1)
        # The chat takes the whole screen and nothing overflows sideways.
        panel = phone.locator(".omc-panel").bounding_box()
        assert (panel["x"], panel["y"], panel["width"], panel["height"]) == (0, 0, PHONE["width"], PHONE["height"])
        overflow = phone.evaluate("""() => {
            const root = document.querySelector('#ospina-chat').shadowRoot;
            const log = root.querySelector('.omc-log');
            return [document.documentElement.scrollWidth, log.scrollWidth - log.clientWidth];
        }""")
        assert overflow == [PHONE["width"], 0]
        for control in (phone.get_by_role("button", name="End chat"), phone.get_by_role("button", name="Close chat"),
                        phone.get_by_role("button", name="Send")):
            size = control.bounding_box()
            assert size["width"] >= 24 and size["height"] >= 24  # WCAG 2.2 target size
    finally:
        ctx.close()


def test_typing_on_a_phone_with_a_keyboard_writes_in_the_text_box(browser, web, rasa):
    # Session 49's tester: opened with Enter on a touch screen, the chat focuses the conversation
    # (no on-screen keyboard over the welcome), and an emergency typed straight away went nowhere.
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone = ctx.new_page()
        phone.goto(SITE)
        phone.get_by_role("button", name="Chat with us").focus()
        phone.keyboard.press("Enter")
        expect_welcome(phone)
        assert active(phone)["cls"].startswith("omc-log")
        phone.keyboard.type("what is insomnia?")
        expect(phone.get_by_role("textbox", name="Your question")).to_have_value("what is insomnia?")
        phone.keyboard.press("Enter")
        expect(phone.locator(".omc-msg--user .omc-text").last).to_have_text("what is insomnia?")
    finally:
        ctx.close()


def test_a_phone_number_is_never_broken_across_lines_on_a_phone(browser, web, rasa):
    # Session 49's tester: "+1 (202) 555-" at the end of one line, "0100" on the next.
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone = ctx.new_page()
        phone.goto(SITE)
        phone.get_by_role("button", name="Chat with us").tap()
        expect_welcome(phone)
        ask(phone, "Guten Tag, mein Knie tut nachts weh und ich kann nicht schlafen. Was kann ich tun?")
        expect(bubble_with(phone, "Im Notfall")).to_have_count(1)
        numbers = phone.evaluate("""() => {
            const root = document.querySelector('#ospina-chat').shadowRoot;
            return [...root.querySelectorAll('.omc-msg--bot .omc-nowrap')]
                .map(n => [n.textContent, n.getClientRects().length]);
        }""")
        assert [CLINIC.phone, 1] in numbers and all(lines == 1 for _, lines in numbers), numbers
    finally:
        ctx.close()


def test_screenshots(browser, web, rasa):
    """docs/screenshots/: the widget on a desktop and on a phone, mid-conversation."""
    passage, _ = passage_and_citation(twin(rasa, QUESTION))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, options in [("widget-desktop.png", {"viewport": {"width": 1280, "height": 800}}),
                          ("widget-phone.png", {"viewport": PHONE, "is_mobile": True, "has_touch": True})]:
        ctx = browser.new_context(reduced_motion="reduce", **options)
        try:
            shot = ctx.new_page()
            open_chat(shot)
            expect_welcome(shot)
            ask(shot, QUESTION)
            expect(bubble_with(shot, passage[:60]).locator(".omc-citation")).to_have_count(1)
            expect(shot.locator(".omc-typing")).to_be_hidden()
            expect(shot.locator(".omc-status")).to_be_hidden()
            shot.wait_for_timeout(400)
            shot.screenshot(path=str(SCREENSHOTS / name))
        finally:
            ctx.close()
    assert (SCREENSHOTS / "widget-phone.png").stat().st_size > 10_000


def test_the_widget_reconnects_after_the_server_drops_and_says_so(page, rasa):
    """Last: it restarts the Rasa server (about 40 s)."""
    open_chat(page)
    expect_welcome(page)
    status = page.locator(".omc-status")
    rasa.kill_rasa()
    expect(status).to_contain_text("Connection lost. Reconnecting", timeout=30_000)
    expect(status).to_have_attribute("role", "status")
    rasa.start_rasa()
    expect(status).to_contain_text("Connected again.", timeout=60_000)
    ask(page, QUESTION)
    expect(page.locator(".omc-citation")).to_have_count(1)
    # The browser logged the refused connections while the server was down: expected here.
    page.problems[:] = [p for p in page.problems if "ERR_CONNECTION_REFUSED" not in p and "WebSocket" not in p]


def test_the_widget_script_never_parses_html():
    source = (ROOT / "web" / "static" / "widget" / "widget.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, sink
    assert Path(AXE).exists()


def test_delete_my_conversation_empties_the_transcript_and_the_store(page, rasa):
    open_chat(page)
    ask(page, QUESTION)
    expect(bot_texts(page).first).to_be_visible()
    session = page.evaluate(
        "() => JSON.parse(Object.entries(localStorage).find(([k]) => k.startsWith('ospina-chat:'))[1]).sessionId")

    def stored_events() -> int:
        with sqlite3.connect(rasa.tracker_db) as connection:
            return connection.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (session,)).fetchone()[0]

    for _ in range(100):  # the turn is saved once it is over
        if stored_events():
            break
        page.wait_for_timeout(100)
    assert stored_events() > 0
    chat(page).get_by_role("button", name="Delete", exact=True).click()
    confirm = chat(page).get_by_role("button", name="Delete my conversation")
    expect(confirm).to_be_focused()  # a keyboard user lands on the choice
    confirm.click()
    expect(chat(page).get_by_role("status")).to_have_text(
        "Your conversation was deleted, here and on the clinic's assistant.")
    expect(page.locator(".omc-msg")).to_have_count(0)
    assert stored_events() == 0
    stored = page.evaluate("() => Object.values(localStorage).join(' ')")
    assert "sleep" not in stored.lower()  # no trace of the transcript in the browser
    # The chat reopens as it was left, open, and starts a fresh conversation: the welcome, and
    # nothing of the deleted one (its question is not shown, its session stays empty).
    page.reload()
    expect(chat(page)).to_be_visible()
    expect_welcome(page)
    expect(page.locator(".omc-msg--user")).to_have_count(0)
    assert page.evaluate(
        "() => JSON.parse(Object.entries(localStorage).find(([k]) => k.startsWith('ospina-chat:'))[1]).sessionId"
    ) != session
    assert stored_events() == 0


def test_a_conversation_the_visitor_ended_is_not_shown_again_on_the_next_page(page):
    # Session 25's exploratory tester: after End chat, the next visit opened the panel by itself
    # with the whole conversation, for anyone at that computer to read.
    open_chat(page)
    ask(page, QUESTION)
    expect(page.locator(".omc-citation")).to_have_count(1)
    page.get_by_role("button", name="End chat").click()
    expect(bot_texts(page).filter(has_text=CLINIC.say("booking_prompt"))).to_have_count(1)
    stored = page.evaluate("() => Object.values(localStorage).join(' ')")
    assert QUESTION.lower()[:20] not in stored.lower()  # nothing of it left in the browser
    page.reload()
    expect(page.get_by_role("button", name="Chat with us")).to_be_visible()
    expect(chat(page)).to_be_hidden()
    open_chat(page)
    expect(page.locator(".omc-msg--user")).to_have_count(0)
    expect(page.locator(".omc-citation")).to_have_count(0)
    # A question after End chat starts a conversation that a reload keeps again, alone.
    ask(page, QUESTION)
    expect(page.locator(".omc-citation")).to_have_count(1)
    page.get_by_role("button", name="End chat").click()
    expect(page.locator(".omc-note")).to_have_count(1)
    ask(page, "what is insomnia?")
    expect(page.locator(".omc-citation")).not_to_have_count(1)  # its answer came
    page.reload()
    expect(page.locator(".omc-msg--user")).to_have_count(1)
    expect(page.locator(".omc-msg--user .omc-text")).to_have_text("what is insomnia?")


def test_end_chat_in_one_tab_leaves_nothing_in_the_browser_with_another_tab_open(page, context):
    # Session 26's tester: the second tab wrote the ended conversation back into storage, and a
    # reload showed it all again; and the next conversation went on under the same id.
    open_chat(page)
    ask(page, QUESTION)
    expect(page.locator(".omc-citation")).to_have_count(1)
    before = session_id(page)
    other = context.new_page()
    other.goto(SITE)
    expect(other.locator(".omc-msg--user")).to_have_count(1)  # the same conversation, restored
    page.get_by_role("button", name="End chat").click()
    expect(bot_texts(page).filter(has_text=CLINIC.say("booking_prompt"))).to_have_count(1)
    page.wait_for_timeout(1500)  # the other tab receives the closing too
    stored = page.evaluate("() => Object.values(localStorage).join(' ')")
    assert QUESTION.lower()[:20] not in stored.lower()
    page.reload()
    open_chat(page)
    expect(page.locator(".omc-msg--user")).to_have_count(0)
    # The next question is a conversation of its own, under a new id.
    ask(page, "what is insomnia?")
    expect(page.locator(".omc-citation")).not_to_have_count(0)  # its answer came
    assert session_id(page) != before
    other.close()


def test_delete_can_be_cancelled(page):
    open_chat(page)
    ask(page, QUESTION)
    expect(bot_texts(page).first).to_be_visible()
    chat(page).get_by_role("button", name="Delete", exact=True).click()
    chat(page).get_by_role("button", name="Cancel").click()
    expect(chat(page).get_by_role("button", name="Delete", exact=True)).to_be_focused()
    expect(page.locator(".omc-msg--user")).to_have_count(1)


def test_the_privacy_notice_is_in_view_before_the_first_message(page):
    open_chat(page)
    notice = chat(page).locator("#omc-privacy")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(CLINIC.say("privacy_notice", retention_days=str(retention_days())))
    link = notice.get_by_role("link", name="Privacy policy")
    expect(link).to_have_attribute("href", CLINIC.privacy_url)
    expect(link).to_have_attribute("target", "_blank")
    # (axe checks the open widget, notice included, in test_no_serious_accessibility_violations)


def test_the_privacy_notice_folds_to_one_line_once_the_visitor_asks_and_opens_again(page):
    # On a phone the whole notice took a third of the screen for the whole conversation.
    open_chat(page)
    notice = chat(page).locator("#omc-privacy")
    text = CLINIC.say("privacy_notice", retention_days=str(retention_days()))
    ask(page, QUESTION)
    expect(bot_texts(page).first).to_be_visible()
    expect(notice.get_by_text(text)).to_be_hidden()
    expect(notice.locator("summary")).to_be_visible()
    notice.locator("summary").click()
    expect(notice.get_by_text(text)).to_be_visible()
    # A reload keeps it folded: the conversation has a question in it.
    page.reload()
    expect(chat(page)).to_be_visible()
    expect(chat(page).locator("#omc-privacy summary")).to_be_visible()
    expect(chat(page).locator("#omc-privacy").get_by_text(text)).to_be_hidden()


def test_the_privacy_link_and_delete_work_from_the_keyboard(page):
    open_chat(page)
    ask(page, QUESTION)
    expect(bot_texts(page).first).to_be_visible()
    # The notice folds once the visitor asks; Enter on its summary opens it.
    chat(page).get_by_role("textbox").focus()
    press_until(page, "Tab", lambda text: text.startswith("Privacy:"), 30, "the privacy notice's summary")
    page.keyboard.press("Enter")
    # Tab from the text box reaches the notice's link, with a visible focus ring.
    chat(page).get_by_role("textbox").focus()
    press_until(page, "Tab", lambda text: text.startswith("Privacy policy"), 30, "the privacy notice's link")
    assert active(page)["outline"].startswith("solid"), "the focused link shows no focus ring"
    # Delete: reached by Shift+Tab, opened with Enter, confirmed with Enter.
    press_until(page, "Shift+Tab", lambda text: text == "Delete", 60, "Delete")
    page.keyboard.press("Enter")
    expect(chat(page).get_by_role("button", name="Delete my conversation")).to_be_focused()
    page.keyboard.press("Enter")
    expect(chat(page).get_by_role("status")).to_have_text(
        "Your conversation was deleted, here and on the clinic's assistant.")
    expect(page.locator(".omc-msg")).to_have_count(0)


# ---- session 27's exploratory tester ------------------------------------------------------------

def overlaps(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


@pytest.mark.parametrize("size", [SMALL_PHONE, {"width": 360, "height": 640}, DESKTOP])
def test_the_header_title_and_buttons_never_overlap(page, size):
    # At 320 px the title wrapped onto three lines and ran under the Delete button.
    page.set_viewport_size(size)
    open_chat(page)
    # Measured once the panel has slid in: during its opening animation a 44 px button measured
    # 43.999996 px (a clean run of cbaae24).
    chat(page).evaluate("panel => Promise.all(panel.getAnimations({subtree: true})"
                        ".map(a => a.finished.catch(() => null)))")
    title = chat(page).get_by_role("heading", name="Ospina Medical assistant")
    expect(title).to_be_visible()
    # The title's lines as drawn (a word too long for its box spills out of it), cut to its box
    # where it clips them.
    lines = title.evaluate("""h => {
        const range = document.createRange();
        range.selectNodeContents(h);
        const box = h.getBoundingClientRect(), clips = getComputedStyle(h).overflowX !== 'visible';
        return [...range.getClientRects()].map(r => {
            const left = clips ? Math.max(r.left, box.left) : r.left;
            const right = clips ? Math.min(r.right, box.right) : r.right;
            return {x: left, y: r.top, width: right - left, height: r.height};
        });
    }""")
    assert lines
    for name in ("Delete", "End chat", "Close chat"):
        button = chat(page).get_by_role("button", name=name, exact=True).bounding_box()
        assert not any(overlaps(line, button) for line in lines), (name, button, lines)
        # Fully on screen and a full-size target.
        assert button["x"] >= 0 and button["x"] + button["width"] <= size["width"], (name, button)
        assert button["width"] >= 44 and button["height"] >= 44, (name, button)


def test_every_control_is_at_least_44_px_square_on_a_320_px_phone(page):
    # Reply buttons were 38 px high, the header's 40 (WCAG 2.5.5 asks 44 x 44).
    page.set_viewport_size(SMALL_PHONE)
    open_chat(page)
    expect_welcome(page)
    ask(page, EMERGENCY)  # safety guidance with call links, "That's not what I meant", booking links
    expect(chat(page).get_by_role("link", name=CLINIC.say("book_online_button"))).to_have_count(1)
    chat(page).get_by_role("button", name="Delete", exact=True).click()  # and the confirmation's
    expect(chat(page).get_by_role("button", name="Cancel")).to_be_visible()
    sizes = chat(page).evaluate("""panel => [...panel.querySelectorAll('button, a[href], summary, input')]
        // A link in a sentence (the footnote's number, the privacy policy) is exempt (2.5.5 inline).
        .filter(node => node.getClientRects().length && getComputedStyle(node).display !== 'inline')
        .map(node => {
            const r = node.getBoundingClientRect();
            return [node.getAttribute('aria-label') || node.textContent.trim().slice(0, 30), r.width, r.height];
        })""")
    names = [name for name, _, _ in sizes]
    for expected in ("Delete my conversation", "Cancel", "Call 911", CLINIC.say("misread_button"),
                     CLINIC.say("book_online_button"), "Send", "Close chat"):
        assert any(name.startswith(expected) for name in names), (expected, names)
    small = [(name, width, height) for name, width, height in sizes if width < 44 or height < 44]
    assert small == []
    # The layout holds: nothing runs off the side.
    overflow = page.evaluate("""() => {
        const log = document.querySelector('#ospina-chat').shadowRoot.querySelector('.omc-log');
        return [document.documentElement.scrollWidth, log.scrollWidth - log.clientWidth];
    }""")
    assert overflow == [SMALL_PHONE["width"], 0]
    chat(page).get_by_role("button", name="Cancel").click()


def test_reply_buttons_of_earlier_turns_are_disabled_but_the_alerts_call_links_are_not(page):
    # Shift+Tab from the text box walked back through the greeting's topic buttons.
    open_chat(page)
    expect_welcome(page)
    groups = chat(page).get_by_role("group", name="Suggested replies")
    topics = groups.first.get_by_role("button")
    misread = chat(page).get_by_role("button", name=CLINIC.say("misread_button"), exact=True)
    call = chat(page).get_by_role("link", name=f"Call {CLINIC.emergency_number}", exact=True).first  # the first alert's
    ask(page, EMERGENCY)
    expect(misread).to_be_enabled()  # the newest turn's
    expect(chat(page).get_by_role("link", name=CLINIC.say("book_online_button"))).to_have_count(1)
    ask(page, QUESTION)
    expect(page.locator(".omc-citation")).to_have_count(1)
    expect(page.locator(".omc-typing")).to_be_hidden()

    def check():
        for i in range(topics.count()):
            expect(topics.nth(i)).to_be_disabled()
        expect(misread).to_be_disabled()
        expect(groups.last.get_by_role("button").first).to_be_enabled()  # the answer's own
        expect(call).to_be_visible()
        expect(call).to_have_attribute("href", tel_link(CLINIC.emergency_number))

    check()
    # From the text box back to the start of the conversation, Shift+Tab meets the newest turn's
    # buttons and the call links, and none of the earlier buttons.
    chat(page).get_by_role("textbox").focus()
    reached = []
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        focused = active(page)
        if focused["label"] == "Conversation":
            break
        reached.append((focused["tag"], focused["text"]))
    else:
        pytest.fail(f"Shift+Tab never reached the conversation: {reached}")
    assert ("a", f"Call {CLINIC.emergency_number}") in reached, reached
    buttons = [text for tag, text in reached if tag == "button"]
    assert sorted(buttons) == sorted(groups.last.get_by_role("button").all_inner_texts()), reached
    assert CLINIC.say("misread_button") not in buttons
    # A reload shows them as they were.
    page.reload()
    expect(chat(page)).to_be_visible()
    check()


def test_safety_guidance_that_comes_while_the_chat_is_closed_is_announced_at_once(page):
    # It was announced as "New message from the assistant." in the polite region, behind others.
    open_chat(page)
    expect_welcome(page)
    # Sent, then the chat closed, in one go: the guidance comes while the panel is closed.
    page.evaluate("""(text) => {
        const root = document.querySelector('#ospina-chat').shadowRoot;
        root.querySelector('.omc-input').value = text;
        root.querySelector('.omc-send').click();
        root.querySelector('.omc-close').click();
    }""", EMERGENCY)
    expect(chat(page)).to_be_hidden()
    guidance = CLINIC.say("emergency")[:60]
    expect(page.locator("[aria-live=assertive]")).to_contain_text(guidance)
    expect(page.locator("[aria-live=polite]")).not_to_contain_text(guidance)
    # Opened, it is the alert it always is.
    page.get_by_role("button", name=re.compile("^Chat with us")).click()
    expect(page.get_by_role("alert").locator(".omc-text")).to_have_text(CLINIC.say("emergency"))


def test_the_deleted_notice_goes_when_the_visitor_asks_again(page):
    # It stayed on screen through the next questions and answers.
    open_chat(page)
    expect_welcome(page)
    chat(page).get_by_role("button", name="Delete", exact=True).click()
    chat(page).get_by_role("button", name="Delete my conversation").click()
    status = chat(page).locator(".omc-status")
    expect(status).to_have_text(DELETED)
    ask(page, QUESTION)
    expect(status).to_be_hidden()
    expect(page.locator(".omc-citation")).to_have_count(1)
    expect(status).to_be_hidden()


def test_offline_is_said_and_a_question_typed_offline_is_answered_once_back_online(page, context):
    # Offline there was no word at all, only the typing dots.
    open_chat(page)
    expect_welcome(page)
    status = chat(page).locator(".omc-status")
    context.set_offline(True)
    expect(chat(page).get_by_role("status")).to_have_text(OFFLINE)
    ask(page, QUESTION)
    expect(status).to_have_text(OFFLINE)
    context.set_offline(False)
    expect(status).not_to_contain_text("offline")
    expect(page.locator(".omc-citation")).to_have_count(1)
