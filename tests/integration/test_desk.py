"""The staff desk against the running assistant: what visitors could not get answered reaches
the inbox, Teach makes the assistant answer it (no restart, no retraining), and the desk is
closed to anyone without a session, a CSRF token or the right password."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import uuid

import pytest

from assistant.articles import parse_article
from assistant.evaluation import said_no_answer, sent_passages
from desk.conversations import group_key, question_id
from tests.integration.servers import BIN, MODEL, ROOT, Browser, Desk, Servers, library_copy
from tests.integration.servers import DESK_PASSWORD as PASSWORD

# A question the assistant cannot answer until staff teach it. (Session 18's passage classifier
# answers "is netflix in bed bad for sleeping", this test's question until then.)
QUESTION = "is bingeing box sets till 2am a bad idea"
SLEEP_HYGIENE = "sleep-disorders-and-msk-pain/approaches-to-breaking-the-cycle/proper-sleep-hygiene"


@pytest.fixture(scope="module")
def desk_and_servers(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it first)")
    workdir = tmp_path_factory.mktemp("desk")
    knowledge = library_copy(workdir)
    servers = Servers(workdir, extra_env={"KNOWLEDGE_DIR": str(knowledge), "LIBRARY_POLL_SECONDS": "1"}).start()
    desk = Desk(workdir, servers, knowledge)
    yield desk, servers, knowledge
    desk.stop()
    servers.stop()


def test_every_desk_page_needs_a_session(desk_and_servers):
    desk, _, _ = desk_and_servers
    anonymous = Browser(desk.url)
    for path in ("/", "/conversations", "/question?id=x", "/conversations/someone", "/articles", "/articles/new",
                 "/articles/sleep-disorders-and-msk-pain", "/tests", "/dashboard", "/dashboard.json",
                 "/vendor/chart.umd.min.js", "/audit"):
        status, headers, _ = anonymous.request(path)
        assert status == 302 and headers["Location"] == "/signin", path
        assert anonymous.request(path, headers={"Accept": "application/json"})[0] == 401
    for path in ("/teach", "/gap", "/dismiss", "/signout", "/articles/save", "/tests/run",
                 "/conversations/someone/save-test"):
        assert anonymous.request(path, {"id": "x"})[0] == 401, path


def test_signing_out_ends_the_session_for_every_copy_of_its_cookie(desk_and_servers):
    # Found by a staff tester: a copy of the cookie taken before signing out still opened the
    # dashboard afterwards, signed in, until it expired 8 hours after the sign-in.
    desk, _, _ = desk_and_servers
    staff = Browser(desk.url)
    assert staff.sign_in() == 302
    copy = Browser(desk.url)
    for cookie in staff.jar:
        copy.jar.set_cookie(cookie)
    assert copy.request("/dashboard")[0] == 200
    assert staff.request("/signout", {"csrf": staff.csrf()})[0] == 302
    status, headers, _ = copy.request("/dashboard")
    assert status == 302 and headers["Location"] == "/signin"
    assert staff.sign_in() == 302 and staff.request("/dashboard")[0] == 200  # a new sign-in works


def test_removing_an_account_ends_its_open_sessions_with_an_audit_line(desk_and_servers):
    # Found by session 35's staff tester: after the account of someone who left was deleted from
    # var/staff.json, as the guide said, its cookie still opened visitors' conversations for hours.
    desk, _, _ = desk_and_servers
    subprocess.run([str(BIN / "python"), "-m", "desk.accounts", "add", "leaver", "--password-stdin"],
                   input=PASSWORD + "\n", text=True, cwd=ROOT, env=desk.env, check=True)
    leaver = Browser(desk.url)
    assert leaver.sign_in("leaver") == 302 and leaver.request("/conversations")[0] == 200
    removed = subprocess.run([str(BIN / "python"), "-m", "desk.accounts", "remove", "leaver"],
                             capture_output=True, text=True, cwd=ROOT, env=desk.env)
    assert removed.returncode == 0, removed.stderr
    status, headers, _ = leaver.request("/conversations")
    assert status == 302 and headers["Location"] == "/signin"
    assert leaver.sign_in("leaver") != 302  # nor a new sign-in
    line = [entry for entry in desk.audit() if entry["action"] == "remove staff account"][-1]
    assert line["target"] == "leaver"


def test_a_change_without_the_csrf_token_is_refused(desk_and_servers):
    desk, _, _ = desk_and_servers
    staff = Browser(desk.url)
    assert staff.sign_in() == 302
    assert staff.request("/dismiss", {"id": "anything"})[0] == 403
    assert staff.request("/dismiss", {"id": "anything", "csrf": "forged"})[0] == 403
    assert not any(line["action"] == "dismiss" for line in desk.audit())


def test_wrong_passwords_lock_the_account(desk_and_servers):
    desk, _, _ = desk_and_servers
    guesser = Browser(desk.url)
    statuses = [guesser.sign_in("bob", f"wrong guess {i}") for i in range(5)]
    assert statuses == [401, 401, 401, 401, 423]
    assert guesser.sign_in("bob", PASSWORD) == 423  # locked, even with the right password
    assert "desk_session" not in {cookie.name for cookie in guesser.jar}
    assert [line["action"] for line in desk.audit() if line["user"] == "bob"][-1] == "sign in refused"


def test_the_public_page_cannot_call_the_desk(desk_and_servers):
    desk, _, _ = desk_and_servers
    status, headers, _ = Browser(desk.url).request("/", headers={"Origin": "http://localhost:8000"})
    assert "Access-Control-Allow-Origin" not in headers and status in (302, 401)
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    staff = Browser(desk.url)
    staff.sign_in()
    cookie = next(cookie for cookie in staff.jar if cookie.name == "desk_session")
    assert cookie.has_nonstandard_attr("HttpOnly") or cookie.has_nonstandard_attr("httponly")


def test_an_unanswered_question_reaches_the_inbox_and_teach_makes_the_assistant_answer_it(desk_and_servers):
    desk, servers, knowledge = desk_and_servers
    visitor = f"visitor-{uuid.uuid4().hex[:8]}"
    before = servers.say(visitor, QUESTION)
    assert said_no_answer(before) and not sent_passages(before)

    staff = Browser(desk.url)
    staff.sign_in()
    inbox = staff.request("/")[2]
    assert QUESTION in inbox
    asked = question_id(group_key(QUESTION))
    status, _, page = staff.request(f"/question?id={asked}&q=screen+time+before+bed")
    assert status == 200 and SLEEP_HYGIENE in page
    assert any(line["action"] == "view question" and line["user"] == "alice" for line in desk.audit())
    # The inbox and the conversation list show visitors' words too: each view is a line of the log.
    assert any(line["action"] == "view inbox" and line["user"] == "alice" for line in desk.audit())
    staff.request("/conversations?q=sleep")
    assert desk.audit()[-1] | {"at": ""} == {"at": "", "user": "alice", "action": "view conversation list",
                                            "target": "", "searched": "yes"}

    status, headers, _ = staff.request("/teach", {"id": asked, "passage": SLEEP_HYGIENE, "csrf": staff.csrf()})
    assert status == 302 and "taught=" in headers["Location"]
    teach = [line for line in desk.audit() if line["action"] == "teach"][-1]
    assert (teach["user"], teach["target"], teach["passage"]) == ("alice", asked, SLEEP_HYGIENE)
    # The audit log says what was done to which question without keeping the visitor's words.
    assert QUESTION not in (desk.workdir / "audit.log").read_text()
    examples = (knowledge / "examples" / "sleep-disorders-and-msk-pain.yml").read_text(encoding="utf-8")
    assert QUESTION in examples

    # The same question, asked again by a visitor: answered, with no restart and no retraining.
    deadline = time.monotonic() + 10
    while True:
        after = servers.say(f"visitor-{uuid.uuid4().hex[:8]}", QUESTION)
        if sent_passages(after) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert sent_passages(after)[0] == SLEEP_HYGIENE
    # Taught, it leaves the inbox (a staff tester found it still listed, to be taught again).
    assert QUESTION not in staff.request("/")[2]


def test_a_conversation_view_is_audited_and_shows_what_each_message_is(desk_and_servers):
    desk, servers, _ = desk_and_servers
    visitor = f"visitor-{uuid.uuid4().hex[:8]}"
    servers.say(visitor, "what is insomnia?")
    staff = Browser(desk.url)
    staff.sign_in()
    assert visitor in staff.request("/conversations?q=insomnia")[2]
    status, _, page = staff.request(f"/conversations/{visitor}")
    assert status == 200 and "what is insomnia?" in page and "kind-answer" in page and "kind-citation" in page
    assert {"user": "alice", "action": "view conversation", "target": visitor}.items() <= desk.audit()[-1].items()


def test_staff_read_the_audit_log_in_the_desk_and_reading_it_is_audited_too(desk_and_servers):
    desk, servers, _ = desk_and_servers
    visitor = f"visitor-{uuid.uuid4().hex[:8]}"
    servers.say(visitor, "what is insomnia?")
    staff = Browser(desk.url)
    assert staff.sign_in() == 302  # alice (bob may be locked by the test of wrong passwords)
    # The tracker store writes the conversation on a thread of its own: it may take a moment.
    deadline = time.monotonic() + 10
    while staff.request(f"/conversations/{visitor}")[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    status, _, page = staff.request("/audit?action=view+conversation")
    assert status == 200 and visitor in page and "<td>alice</td>" in page
    assert "<td>sign in</td>" not in page  # only the action chosen
    assert {"user": "alice", "action": "view audit log", "only_action": "view conversation"}.items() <= \
        desk.audit()[-1].items()
    status, _, page = staff.request("/audit")
    assert "<td>view audit log</td>" in page and page.index("<td>view audit log</td>") < page.index(visitor)


def test_needs_an_article_and_dismiss_take_a_question_out_of_the_inbox(desk_and_servers):
    desk, servers, knowledge = desk_and_servers
    for question in ("what is narcolepsy", "asdf qwer zxcv"):
        servers.say(f"visitor-{uuid.uuid4().hex[:8]}", question)
    staff = Browser(desk.url)
    staff.sign_in()
    inbox = staff.request("/")[2]
    assert "what is narcolepsy" in inbox and "asdf qwer zxcv" in inbox
    for path, question, said in (("/gap", "what is narcolepsy", "Added to knowledge/content_gaps.yml"),
                                 ("/dismiss", "asdf qwer zxcv", "Dismissed")):
        form = {"id": question_id(group_key(question)), "csrf": staff.csrf()}
        status, headers, _ = staff.request(path, form)
        assert status == 302
        assert said in staff.request(headers["Location"])[2]  # it says what it did (session 35's staff tester)
    inbox = staff.request("/")[2]
    assert "what is narcolepsy" not in inbox and "asdf qwer zxcv" not in inbox
    assert "what is narcolepsy" in (knowledge / "content_gaps.yml").read_text(encoding="utf-8")
    # As Teach's example, the question for the reviewer's list is saved as staff rewrote it, never
    # with a removed detail in it (session 35's staff tester).
    servers.say(f"visitor-{uuid.uuid4().hex[:8]}", "I'm a postman in Leeds. is sleep paralysis dangerous?")
    row = next(line for line in staff.request("/")[2].splitlines() if "sleep paralysis dangerous" in line)
    asked = row.split("/question?id=", 1)[1].split('"', 1)[0]
    status, _, refused = staff.request("/gap", {"id": asked, "csrf": staff.csrf(), "example": "is <NAME> ok?"})
    assert status == 400 and "still holds &lt;NAME&gt;" in refused
    assert staff.request("/gap", {"id": asked, "csrf": staff.csrf(),
                                  "example": "is sleep paralysis dangerous?"})[0] == 302
    gaps = (knowledge / "content_gaps.yml").read_text(encoding="utf-8")
    assert "is sleep paralysis dangerous?" in gaps and "postman" not in gaps
    changes = [line["action"] for line in desk.audit() if line["action"] not in ("view inbox", "view question")]
    assert changes[-3:] == ["needs an article", "dismiss", "needs an article"]


def article_form(**fields) -> dict:
    fixture = (ROOT / "tests" / "fixtures" / "library" / "fibromyalgia-and-sleep.md").read_text(encoding="utf-8")
    body = fixture.split("\n---\n", 1)[1].strip()
    form = {"new": "yes", "title": "Fibromyalgia and Sleep: What Patients Should Know",
            "slug": "fibromyalgia-and-sleep", "authors": "Test Fixture Author",
            "medical_reviewer": "Test Fixture Reviewer, MD",
            "reviewed_on": "2026-01-15", "body": body}
    return {**form, **fields}


def test_an_article_is_checked_before_it_is_saved_and_then_answered(desk_and_servers):
    desk, servers, knowledge = desk_and_servers
    staff = Browser(desk.url)
    staff.sign_in()
    saved = knowledge / "articles" / "fibromyalgia-and-sleep.md"
    # A one-hash heading on line 3 of the text box: refused, with that line.
    broken = article_form(body="Opening paragraph.\n\n# A Heading With One Hash\n\nSome text.")
    status, _, page = staff.request("/articles/save", {**broken, "csrf": staff.csrf()})
    assert status == 422 and "Line 3 of the text" in page and not saved.exists()
    # Every mistake of the text at once, with a bad field too (session 35's staff tester saw one per save).
    body = "Opening paragraph.\n\n# A Heading With One Hash\n\nSome text.\n\n### Too Deep First\n\nMore."
    broken = article_form(reviewed_on="15/01/2026", body=body)
    status, _, page = staff.request("/articles/save", {**broken, "csrf": staff.csrf()})
    assert status == 422 and "3 problems" in page and not saved.exists()
    assert "reviewed_on must be a date" in page and "Line 3 of the text" in page and "Line 7 of the text" in page
    form = {**article_form(reviewed_on="15/01/2026"), "csrf": staff.csrf()}
    status, _, page = staff.request("/articles/save", form)
    assert status == 422 and "reviewed_on must be a date written YYYY-MM-DD" in page and not saved.exists()

    # A question the list of unanswered ones holds, which the new article answers: the desk says
    # so when it is saved (session 35's staff tester: only `make validate` did).
    listed = knowledge / "not_answered.yml"
    listed.write_text(listed.read_text(encoding="utf-8") + "  - what is fibro fog and why do I get it?\n",
                      encoding="utf-8")
    status, headers, _ = staff.request("/articles/save", {**article_form(), "csrf": staff.csrf()})
    assert status == 302 and saved.exists()
    assert [line["action"] for line in desk.audit()][-1] == "add article"
    page = staff.request(headers["Location"])[2]
    assert "Fibromyalgia and Sleep" in page
    assert "knowledge/not_answered.yml" in page and "what is fibro fog and why do I get it?" in page
    # Said as something to check, not as an error (session 45's staff tester read the red list as a failed save).
    assert "To check (the article is saved)" in page and 'role="alert"' not in page
    # The same again: under its own short name, and under another with the same title (session 35's
    # staff tester made three copies of one article this way).
    for fields, said in (({}, "open it from Articles"), ({"slug": "fibro-copy"}, "has this title already")):
        status, _, page = staff.request("/articles/save", {**article_form(**fields), "csrf": staff.csrf()})
        assert status == 422 and said in page
    assert not (knowledge / "articles" / "fibro-copy.md").exists()
    deadline = time.monotonic() + 10
    while True:
        replies = servers.say(f"visitor-{uuid.uuid4().hex[:8]}", "what is fibromyalgia and how does it affect sleep?")
        if sent_passages(replies) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert sent_passages(replies)[0].startswith("fibromyalgia-and-sleep/")


def taught_to_sleep_hygiene(desk: Desk, question: str) -> tuple[Browser, str]:
    """A staff member signed in, and the page Teach leads to after teaching the question."""
    staff = Browser(desk.url)
    staff.sign_in()
    status, headers, _ = staff.request("/teach", {"id": question_id(group_key(question)), "passage": SLEEP_HYGIENE,
                                                  "csrf": staff.csrf()})
    assert status == 302
    return staff, staff.request(headers["Location"])[2]


def test_teach_says_so_when_the_question_still_gets_another_answer_and_keeps_it_in_the_inbox(desk_and_servers):
    # Found by an exploratory tester: for a question naming a remedy no article covers, Teach said
    # "The assistant uses it now", the visitor still got the honest no, and the question left the
    # inbox for good.
    desk, servers, _ = desk_and_servers
    question = "does acupuncture help you sleep when your back hurts"
    assert said_no_answer(servers.say(f"visitor-{uuid.uuid4().hex[:8]}", question))
    staff, page = taught_to_sleep_hygiene(desk, question)
    assert "still does not send that passage" in page and "acupuncture" in page
    assert question in staff.request("/")[2]


def test_teach_saves_the_question_as_staff_rewrote_it_and_never_a_removed_detail(desk_and_servers):
    # Found by session 35's staff tester: Teach saved the visitor's whole message, "my name is
    # <NAME>, I'm a 58 year old bus driver at ..." included, into a file kept in git.
    desk, servers, knowledge = desk_and_servers
    message = ("my name is Gregory Pallister and I drive buses for the city. "
               "do weighted blankets help when your hips ache at night?")
    assert said_no_answer(servers.say(f"visitor-{uuid.uuid4().hex[:8]}", message))
    staff = Browser(desk.url)
    staff.sign_in()
    row = next(line for line in staff.request("/")[2].splitlines() if "weighted blankets help when" in line)
    asked = row.split("/question?id=", 1)[1].split('"', 1)[0]
    page = staff.request(f"/question?id={asked}")[2]
    assert ">do weighted blankets help when your hips ache at night?</textarea>" in page  # its question only
    examples = knowledge / "examples" / "sleep-disorders-and-msk-pain.yml"
    before = examples.read_text(encoding="utf-8")
    status, _, refused = staff.request("/teach", {"id": asked, "passage": SLEEP_HYGIENE, "csrf": staff.csrf(),
                                                  "example": "I'm <NAME>, do weighted blankets help sore hips?"})
    assert status == 400 and "still holds &lt;NAME&gt;" in refused
    assert examples.read_text(encoding="utf-8") == before
    status, _, _ = staff.request("/teach", {"id": asked, "passage": SLEEP_HYGIENE, "csrf": staff.csrf(),
                                            "example": "do weighted blankets help sore hips at night?"})
    assert status == 302
    added = [line for line in examples.read_text(encoding="utf-8").splitlines() if line not in before.splitlines()]
    assert [line.strip() for line in added] == ["- do weighted blankets help sore hips at night?"]


def test_teach_on_a_question_read_as_another_language_says_so_and_keeps_it_in_the_inbox(desk_and_servers):
    # Found by session 35's staff tester: Teach on slang read as another language said "The
    # assistant uses it now"; visitors still got the English-only notice, and the question never
    # came back to the inbox.
    desk, servers, _ = desk_and_servers
    question = "tengo dolor de espalda y duermo muy mal por las noches"
    replies = servers.say(f"visitor-{uuid.uuid4().hex[:8]}", question)
    assert replies[0]["custom"]["unanswered"] == "other_language"
    staff, page = taught_to_sleep_hygiene(desk, question)
    assert "read this question as written in another language" in page and "uses it now" not in page
    assert question in staff.request("/")[2]


def test_a_broken_article_is_named_on_the_articles_page_not_a_server_error(desk_and_servers):
    # Found by an exploratory tester: one unclosed quote in an article's front matter made the
    # Articles page (and its Edit links) a 500 error.
    desk, _, knowledge = desk_and_servers
    broken = knowledge / "articles" / "heat-and-cold.md"
    broken.write_text('---\ntitle: "Heat and Cold\nslug: heat-and-cold\n---\nText.\n', encoding="utf-8")
    try:
        staff = Browser(desk.url)
        staff.sign_in()
        status, _, page = staff.request("/articles")
        assert status == 200 and "Sleep Disorders and Musculoskeletal Pain" in page
        assert "cannot be read" in page and "heat-and-cold" in page and "not valid YAML" in page
        status, _, page = staff.request("/articles/heat-and-cold")
        assert status == 422 and "knowledge/articles/heat-and-cold.md" in page
    finally:
        broken.unlink()


def test_a_transcript_saved_as_a_test_conversation_passes_rasa_test(desk_and_servers):
    desk, servers, _ = desk_and_servers
    visitor = f"visitor-{uuid.uuid4().hex[:8]}"
    for message in ("hello", "what is restless leg syndrome?", "bye"):
        servers.say(visitor, message)
    staff = Browser(desk.url)
    staff.sign_in()
    status, _, _ = staff.request(f"/conversations/{visitor}/save-test",
                                 {"name": "restless legs, from the desk", "csrf": staff.csrf()})
    assert status == 302
    story = (desk.stories_dir / "desk.yml").read_text(encoding="utf-8")
    assert "- story: restless legs, from the desk" in story
    assert "what is [restless leg syndrome](disorder)?" in story and "action_answer_question" in story
    assert [line["action"] for line in desk.audit()][-1] == "save as test conversation"

    assert staff.request("/tests/run", {"csrf": staff.csrf()})[0] == 302
    deadline = time.monotonic() + 300
    while "Running the conversation tests" in (page := staff.request("/tests")[2]) and time.monotonic() < deadline:
        time.sleep(2)
    assert "Passed: every conversation test gave the expected actions." in page, page[-3000:]


def test_the_dashboard_shows_the_stores_counts(desk_and_servers):
    import sqlite3

    desk, servers, _ = desk_and_servers
    servers.say(f"visitor-{uuid.uuid4().hex[:8]}", "what is insomnia?")
    staff = Browser(desk.url)
    staff.sign_in()
    status, _, body = staff.request("/dashboard.json")
    shown = json.loads(body)
    # A direct count in the tracker store: conversations with a visitor message, and answers.
    with sqlite3.connect(servers.tracker_db) as db:
        rows = [(sender, json.loads(data)) for sender, data in
                db.execute("SELECT sender_id, data FROM events WHERE type_name = 'user'")]
        answers = sum(1 for (data,) in db.execute("SELECT data FROM events WHERE type_name = 'bot'")
                      if (json.loads(data).get("data") or {}).get("custom", {}).get("kind") == "answer")
    senders = {sender for sender, event in rows if not str(event.get("text", "")).startswith("EXTERNAL: ")}
    assert status == 200 and shown["conversations"] == len(senders)
    assert sum(count for _, count in shown["top_passages"]) <= answers and shown["outcomes"]["answered"] >= 1
    assert staff.request("/dashboard")[0] == 200


CARPAL = ROOT / "tests" / "fixtures" / "library_blind" / "carpal-tunnel-syndrome-and-sleep.md"
CARPAL_SLUG = "carpal-tunnel-syndrome-and-sleep"


def carpal_passages_sent(servers: Servers) -> list[str]:
    replies = servers.say(f"visitor-{uuid.uuid4().hex[:8]}", "what is carpal tunnel syndrome?")
    return [p for p in sent_passages(replies) if p.startswith(f"{CARPAL_SLUG}/")]


def until(condition, seconds: float = 20) -> bool:
    # The 10 s target for a saved article is measured by test_library_answers.py; here the desk's
    # behaviour, with room for a busy machine (a changed library refits the passage classifier).
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True


def test_a_withdrawn_article_stops_being_quoted_within_seconds_and_can_be_put_back(desk_and_servers):
    # Session 35's staff tester: the desk could add articles but not take one out.
    desk, servers, knowledge = desk_and_servers
    article = knowledge / "articles" / CARPAL.name
    shutil.copy(CARPAL, article)
    first = parse_article(CARPAL.read_text(encoding="utf-8"), CARPAL)[1][0].id
    examples = knowledge / "examples" / f"{CARPAL_SLUG}.yml"
    examples.write_text(f"article: {CARPAL_SLUG}\nexamples:\n  {first}:\n    - why do my hands go numb at night\n",
                        encoding="utf-8")
    assert until(lambda: carpal_passages_sent(servers))
    staff = Browser(desk.url)
    staff.sign_in()
    status, _, page = staff.request(f"/articles/{CARPAL_SLUG}/withdraw", {"csrf": staff.csrf()})
    assert status == 422 and "Tick the box" in page and article.exists()
    status, headers, _ = staff.request(f"/articles/{CARPAL_SLUG}/withdraw", {"csrf": staff.csrf(), "confirm": "yes"})
    assert status == 302 and not article.exists() and not examples.exists()
    kept = knowledge / "withdrawn" / CARPAL_SLUG
    assert (kept / CARPAL.name).exists() and (kept / "examples" / examples.name).exists()
    assert [line["action"] for line in desk.audit()][-1] == "withdraw article"
    page = staff.request(headers["Location"])[2]
    assert "Withdrew" in page and "Put back" in page and "Carpal Tunnel Syndrome and Sleep" in page
    assert until(lambda: not carpal_passages_sent(servers))

    status, _, _ = staff.request(f"/articles/{CARPAL_SLUG}/put-back", {"csrf": staff.csrf()})
    assert status == 302 and article.exists() and examples.exists() and not kept.exists()
    assert [line["action"] for line in desk.audit()][-1] == "put back article"
    assert until(lambda: carpal_passages_sent(servers))

    # The article the topics name is not withdrawn, though another article is in the library (with
    # it alone, "the only article" is said first): the library would no longer load.
    main = "sleep-disorders-and-msk-pain"
    status, _, page = staff.request(f"/articles/{main}/withdraw", {"csrf": staff.csrf(), "confirm": "yes"})
    assert status == 422 and "knowledge/topics.yml" in page and (knowledge / "articles" / f"{main}.md").exists()
    status, _, page = staff.request(f"/articles/{CARPAL_SLUG}/put-back", {"csrf": staff.csrf()})
    assert status == 422 and "no withdrawn article" in page
