"""The desk's plain parts: reading conversations from stored events, grouping what went
unanswered, the files a Teach or a "Needs an article" changes, accounts and the audit log."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from assistant import paths
from assistant.examples import load_examples
from assistant.paths import PROJECT_ROOT as ROOT
from desk.accounts import LOCKOUT_SECONDS, MAX_FAILURES, StaffAccounts
from desk.audit import AuditLog, details_of, newest_first
from desk.conversations import group_key, question_id, summaries, turns_by_sender, unanswered_groups
from desk.library_edits import add_content_gap, add_example

HYGIENE = "sleep-disorders-and-msk-pain/approaches-to-breaking-the-cycle/proper-sleep-hygiene"


def row(sender, type_name, at, text, custom=None):
    data = {"event": type_name, "text": text}
    if custom is not None:
        data["data"] = {"custom": custom}
    return (sender, type_name, at, json.dumps(data))


ROWS = [
    row("a", "user", 1.0, "What is narcolepsy?"),
    row("a", "bot", 1.1, "no answer", {"kind": "no_answer", "reason": "not_covered", "condition": "narcolepsy"}),
    row("a", "bot", 1.2, "book", {"kind": "booking"}),
    row("b", "user", 5.0, "what is  narcolepsy"),
    row("b", "bot", 5.1, "no answer", {"kind": "no_answer", "reason": "not_covered"}),
    row("b", "user", 6.0, "what is insomnia"),
    row("b", "bot", 6.1, "Insomnia ...", {"kind": "answer", "reason": "retrieved", "score": 2.5, "passages": ["x"]}),
    row("b", "user", 7.0, "EXTERNAL: end_session"),
    row("b", "bot", 7.1, "disclaimer", {"kind": "closing"}),
    row("c", "user", 9.0, "asdf"),
    row("c", "bot", 9.1, "not sure", {"kind": "info", "unanswered": "not_understood"}),
    row("c", "user", 10.0, "screens at night?"),
    row("c", "bot", 10.1, "Maintaining ...", {"kind": "answer", "reason": "retrieved", "score": 1.05}),
    row("c", "user", 11.0, "I want to hurt myself"),
    row("c", "bot", 11.1, "crisis", {"kind": "alert", "alert": "crisis"}),
]


def test_unanswered_questions_are_grouped_and_the_most_frequent_come_first():
    groups = unanswered_groups(turns_by_sender(ROWS), threshold=1.0)
    assert [(g.text, g.count, g.why) for g in groups] == [
        ("what is  narcolepsy", 2, "no vetted answer"),  # the newest wording of the two
        ("screens at night?", 1, "unsure answer"),  # an answer just above the threshold
        ("asdf", 1, "not understood"),
    ]
    assert group_key("What is narcolepsy?") == group_key("what is  narcolepsy")
    assert "what is insomnia" not in {g.text for g in groups}
    hidden = [question_id(group_key("asdf"))]
    assert [g.text for g in unanswered_groups(turns_by_sender(ROWS), 1.0, dismissed=hidden)] == [
        "what is  narcolepsy", "screens at night?"]


def test_conversation_summaries_say_what_happened():
    found = {s.sender: s for s in summaries(turns_by_sender(ROWS))}
    assert (found["b"].turns, found["b"].answered, found["b"].closed, found["b"].red_flag) == (2, 1, True, False)
    assert found["c"].red_flag and not found["c"].closed
    assert [s.sender for s in summaries(turns_by_sender(ROWS), "insomnia")] == ["b"]


def test_a_conversation_with_only_bot_messages_does_not_break_the_list_or_the_dashboard():
    # E.g. an inactivity closing stored after the visitor deleted the conversation (a replica's
    # reminder): bot messages with no visitor message before them.
    from desk.dashboard import figures

    rows = ROWS + [row("d", "bot", 12.0, "disclaimer", {"kind": "closing"})]
    assert [s.sender for s in summaries(turns_by_sender(rows))] == [s.sender for s in summaries(turns_by_sender(ROWS))]
    assert figures(turns_by_sender(rows)) == figures(turns_by_sender(ROWS))


def test_teach_adds_the_question_to_the_articles_examples_once(tmp_path, index):
    add_example(HYGIENE, "is  netflix in bed bad", tmp_path)
    add_example(HYGIENE, "Is netflix in bed bad", tmp_path)  # the same question: not twice
    path = tmp_path / "sleep-disorders-and-msk-pain.yml"
    assert path.read_text(encoding="utf-8").startswith("# Example questions")
    assert load_examples({p.id for p in index.passages}, tmp_path) == {HYGIENE: ("is netflix in bed bad",)}


def test_teach_changes_no_line_of_the_examples_file_but_the_one_it_adds(tmp_path):
    # A Teach in the desk wrote all 360 lines of the examples file again, without their quotes:
    # staff review the change in git, and saw the whole file changed.
    shutil.copy(paths.EXAMPLES_DIR / "sleep-disorders-and-msk-pain.yml", tmp_path)
    path = tmp_path / "sleep-disorders-and-msk-pain.yml"
    before = path.read_text(encoding="utf-8").splitlines()
    add_example(HYGIENE, "is netflix in bed bad", tmp_path)
    after = path.read_text(encoding="utf-8").splitlines()
    assert [line.strip() for line in after if line not in before] == ["- is netflix in bed bad"]
    assert len(after) == len(before) + 1


def test_needs_an_article_lists_the_question_once_with_who_added_it(tmp_path):
    path = tmp_path / "content_gaps.yml"
    add_content_gap("what is narcolepsy", "alice", path)
    add_content_gap("What is narcolepsy", "bob", path)
    text = path.read_text(encoding="utf-8")
    assert text.count("narcolepsy") == 1 and "added_by: alice" in text


def test_accounts_lock_after_repeated_failures_and_unlock_after_the_wait(tmp_path):
    accounts = StaffAccounts(tmp_path / "staff.json")
    with pytest.raises(ValueError):
        accounts.add("alice", "short")
    accounts.add("alice", "a long enough password")
    assert "a long enough password" not in (tmp_path / "staff.json").read_text()  # only the argon2 hash
    assert accounts.sign_in("alice", "a long enough password", now=0).ok
    results = [accounts.sign_in("alice", "wrong", now=1) for _ in range(MAX_FAILURES)]
    assert [r.locked for r in results] == [False] * (MAX_FAILURES - 1) + [True]
    assert accounts.sign_in("alice", "a long enough password", now=2).locked
    assert accounts.sign_in("alice", "a long enough password", now=2 + LOCKOUT_SECONDS).ok
    assert not accounts.sign_in("nobody", "anything").ok


def test_the_audit_log_says_who_did_what_and_when(tmp_path):
    log = AuditLog(tmp_path / "audit.log")
    log.write("alice", "view conversation", "visitor-1")
    [line] = log.lines()
    assert (line["user"], line["action"], line["target"]) == ("alice", "view conversation", "visitor-1")
    assert line["at"].endswith("+00:00")


def test_the_audit_log_reads_the_newest_first_for_one_person_or_one_action(tmp_path):
    log = AuditLog(tmp_path / "audit.log")
    log.write("alice", "sign in")
    log.write("bob", "view conversation", "visitor-1")
    log.write("alice", "teach", "q1", passage="x", file="y.yml")
    assert [line["action"] for line in newest_first(log.lines())] == ["teach", "view conversation", "sign in"]
    assert [line["action"] for line in newest_first(log.lines(), user="alice")] == ["teach", "sign in"]
    assert [line["user"] for line in newest_first(log.lines(), action="view conversation")] == ["bob"]
    assert details_of(newest_first(log.lines())[0]) == "passage: x, file: y.yml"


@pytest.mark.parametrize("requested, number, shown", [
    ("", 1, [0, 1]), ("2", 2, [2, 3]), ("3", 3, [4]), ("9", 3, [4]), ("0", 1, [0, 1]), ("x", 1, [0, 1]),
    ("-1", 1, [0, 1]),
])
def test_a_long_list_is_shown_a_page_at_a_time_and_any_page_asked_for_is_one_that_exists(requested, number, shown):
    from desk.app import page_of

    page = page_of(list(range(5)), requested, 2)
    assert (page.items, page.number, page.count, page.total) == (shown, number, 3, 5)
    assert page_of([], "4", 2).count == 1


def test_an_article_read_into_the_form_and_saved_unchanged_keeps_its_passages_and_comments(index):
    from pathlib import Path

    from assistant.articles import parse_article
    from assistant.paths import ARTICLES_DIR
    from desk.articles import compose, read

    path = ARTICLES_DIR / "sleep-disorders-and-msk-pain.md"
    original = path.read_text(encoding="utf-8")
    text, body_offset = compose(read("sleep-disorders-and-msk-pain"), previous=original)
    assert "# Front matter: what the assistant shows in every citation" in text  # staff's comments stay
    article, passages = parse_article(text, Path(path))
    before = [(p.id, p.text) for p in parse_article(original, path)[1]]
    assert [(p.id, p.text) for p in passages] == before
    assert text.splitlines()[body_offset] == original.split("\n---\n", 1)[1].strip("\n").splitlines()[0]


def test_an_article_error_is_placed_in_the_form():
    from assistant.datafiles import ContentError
    from desk.articles import where

    assert where(ContentError("x.md", 14, "use '## '"), body_offset=11) == "Line 3 of the text: use '## '"
    assert where(ContentError("x.md", 4, "reviewed_on must be a date"), 11).startswith("In the article's details")
    front = "---\ntitle: T\nslug: t\nreviewed_on: 15/01/2026\n---\n"
    assert where(ContentError("x.md", 4, "reviewed_on must be a date"), 6, front) == (
        "In the article's details, “Reviewed on”: reviewed_on must be a date")
    # Found by an exploratory tester: a missing reviewer was put on "Title", and an examples file's
    # problem on "Short name" of the article being saved.
    assert where(ContentError("x.md", 2, "the front matter needs 'medical_reviewer'"), 6, front, "x") == (
        "In the article's details, “Medical reviewer”: fill it in")
    other = where(ContentError("knowledge/examples/heat.yml", 3, "'heat/a' is not a passage id"), 6, front, "pillows")
    assert other.startswith("Another file has a problem") and "knowledge/examples/heat.yml, line 3" in other


def test_a_conversation_becomes_test_story_steps_in_the_projects_format():
    from desk.test_stories import story_steps

    def user(text, intent, *entities):
        return {"event": "user", "text": text, "parse_data": {
            "intent": {"name": intent}, "entities": [{"entity": e, "value": v} for e, v in entities]}}

    events = [{"event": "action", "name": "action_session_start"}, {"event": "action", "name": "action_listen"},
              user("does <NAME> have sleep apnoea and a bad back?", "ask_disorder",
                   ("disorder", "sleep apnoea"), ("body_part", "back")),
              {"event": "action", "name": "action_answer_question"}, {"event": "action", "name": "action_listen"},
              user('/ask_disorder{"disorder": "insomnia"}', "ask_disorder", ("disorder", "insomnia")),
              {"event": "action", "name": "action_answer_question"},
              user("EXTERNAL: end_session", "end_session"), {"event": "action", "name": "action_close_session"}]
    steps = story_steps(events)
    assert [dict(s) for s in steps] == [
        {"user": "does <NAME> have [sleep apnoea](disorder) and a bad [back](body_part)?\n", "intent": "ask_disorder"},
        {"action": "action_answer_question"},
        {"user": '/ask_disorder{"disorder": "insomnia"}\n', "intent": "ask_disorder",
         "entities": [{"disorder": "insomnia"}]},
        {"action": "action_answer_question"},
        {"user": "/end_session\n", "intent": "end_session"},  # the inactivity reminder, as End chat sends it
        {"action": "action_close_session"},
    ]


def test_the_dashboard_counts_what_visitors_got():
    from desk.dashboard import figures

    shown = figures(turns_by_sender(ROWS))
    assert shown["conversations"] == 3 and shown["conversations_per_day"] == {"1970-01-01": 3}
    assert shown["outcomes"] == {"answered": 2, "honest no": 2, "not sure": 1, "red flag": 1, "other": 0}
    assert shown["top_passages"] == [("x", 1)]
    assert shown["red_flags_per_week"] == {"1970-W01": 1}
    assert shown["turn_latency_ms"]["p50"] == 100  # each reply came 0.1 s after its message


def test_the_dashboard_counts_booking_clicks_by_day_and_button(tmp_path):
    from desk.dashboard import booking_clicks, figures

    log = tmp_path / "booking-clicks.jsonl"
    log.write_text('{"at": "2026-12-01T10:03:00+00:00", "button": "online"}\n'
                   '{"at": "2026-12-01T11:00:00+00:00", "button": "call"}\nnot json\n'
                   '{"at": "2026-12-02T09:00:00+00:00", "button": "online"}\n', encoding="utf-8")
    shown = figures({}, booking_clicks(log))
    assert shown["booking_clicks"] == 3
    assert shown["booking_clicks_per_day"] == {"2026-12-01": 2, "2026-12-02": 1}
    assert shown["booking_clicks_by_button"] == {"online": 2, "call": 1}
    assert booking_clicks(tmp_path / "missing.jsonl") == []


DESK_WITHOUT_TENSORFLOW = """
import runpy, sys
sys.argv = ["desk", "--help"]
try:
    runpy.run_module("desk", run_name="__main__")  # as `python -m desk` runs it, up to its arguments
except SystemExit:
    pass
assert "desk.app" in sys.modules
from assistant.knowledge import live_library
assert live_library().current().answer("what is insomnia", "ask_disorder").found
assert sys.modules["tensorflow"] is None, "something imported TensorFlow"
print("ok")
"""


def test_the_desk_starts_and_reads_the_library_without_tensorflow():
    # A process of its own: in this one, other tests need TensorFlow.
    import subprocess
    import sys
    from pathlib import Path

    done = subprocess.run([sys.executable, "-c", DESK_WITHOUT_TENSORFLOW], cwd=Path(__file__).resolve().parents[2],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")


def test_the_conversation_list_kept_lines_give_the_page_each_line_rendered_in_its_loop_gave():
    """desk/app.py keeps each line of the list (RenderedRows); the page must be the one the
    template gave when it rendered every line in its loop, byte for byte."""
    from urllib.parse import quote

    from desk.app import RenderedRows, page_templates
    from desk.conversations import Summary

    templates = page_templates()
    inline = templates.from_string(
        '{% extends "base.html" %}{% block main %}<table>\n  <tbody>\n  {% for s in summaries %}\n    <tr>\n'
        '      <td><a href="/conversations/{{ quote(s.sender) }}">{{ s.started | when }}</a></td>\n'
        '      <td>{{ s.turns }}</td><td>{{ s.answered }}</td>\n'
        '      <td>{{ "yes" if s.red_flag else "" }}</td><td>{{ "yes" if s.closed else "" }}</td>\n'
        '    </tr>\n  {% endfor %}\n  </tbody>{% endblock %}')
    kept = templates.from_string(
        '{% extends "base.html" %}{% block main %}<table>\n  <tbody>\n  {% for row in rows %}{{ row }}{% endfor %}\n'
        '  </tbody>{% endblock %}')
    found = [Summary('a"<b>&c d/é', 1.5e9, 1.5e9 + 60, 3, 2, True, False),
             Summary("visitor-1", 0.0, 9.0, 0, 0, False, True)]
    rows = RenderedRows(templates)
    for _ in range(2):  # rendered, then kept
        assert kept.render(user="alice", csrf="t", rows=rows(found, len(found))) == inline.render(
            user="alice", csrf="t", summaries=found, quote=quote)
    page = templates.get_template("conversations.html")
    assert '<td><a href="/conversations/a%22%3Cb%3E%26c%20d/%C3%A9">2017-07-14 02:40 UTC</a></td>' in page.render(
        rows=rows(found, 2), search="")


def test_a_signed_out_session_stays_ended_after_a_restart_until_it_would_have_expired(tmp_path):
    from desk.sessions import SignedOutSessions

    path = tmp_path / "signed-out.json"
    SignedOutSessions(path).end("first", expires_at=100.0, now=0.0)
    restarted = SignedOutSessions(path)
    assert restarted.ended("first") and not restarted.ended("other")
    restarted.end("second", expires_at=300.0, now=200.0)  # "first" has expired: forgotten
    assert not SignedOutSessions(path).ended("first") and SignedOutSessions(path).ended("second")


def test_make_staff_user_records_each_account_added_or_reset_and_needs_no_terminal(tmp_path, monkeypatch, capsys):
    # Found by an exploratory tester: a reset (which also lifts a lock) left no line in the audit
    # log, and with no terminal `make staff-user` ended in a traceback.
    import io

    from desk import accounts as accounts_module

    monkeypatch.setenv("DESK_ACCOUNTS", str(tmp_path / "staff.json"))
    monkeypatch.setenv("DESK_AUDIT_LOG", str(tmp_path / "audit.log"))
    for _ in range(2):
        monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery staple\n"))
        assert accounts_module.main(["add", "carol", "--password-stdin"]) == 0
    lines = AuditLog(tmp_path / "audit.log").lines()
    assert [(line["action"], line["target"]) for line in lines] == [("add staff account", "carol"),
                                                                   ("reset staff account", "carol")]
    monkeypatch.setattr("builtins.input", lambda prompt: (_ for _ in ()).throw(EOFError))
    assert accounts_module.main(["add"]) == 1
    assert "run `make staff-user` in a terminal" in capsys.readouterr().err


def test_make_staff_user_takes_the_name_and_password_piped_from_a_script(tmp_path):
    # Session 35's staff tester: `make staff-user` could only be answered at a terminal.
    env = {**os.environ, "DESK_ACCOUNTS": str(tmp_path / "staff.json"), "DESK_AUDIT_LOG": str(tmp_path / "audit.log")}
    done = subprocess.run(["make", "-s", "staff-user"], input="carol\na long enough password\n", text=True,
                          capture_output=True, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    assert StaffAccounts(tmp_path / "staff.json").sign_in("carol", "a long enough password", now=0).ok
    done = subprocess.run(["make", "-s", "staff-user", "name=dave"], input="short\n", text=True,
                          capture_output=True, cwd=ROOT, env=env)
    assert done.returncode != 0 and "at least 12 characters" in done.stderr
    assert "dave" not in StaffAccounts(tmp_path / "staff.json").names()
