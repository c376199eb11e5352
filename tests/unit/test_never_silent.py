"""The channel wrapper that leaves no visitor without a reply, and logs no message text."""

from __future__ import annotations

import asyncio
import logging

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sqlalchemy.exc import OperationalError

from assistant.clinic import clinic
from connectors.never_silent import failure_summary, never_silent

SECRET = "my knee hurts and I take 40 mg of something"


def _run(on_new_message) -> list[dict]:
    collector = CollectingOutputChannel()
    asyncio.run(never_silent(on_new_message)(UserMessage(SECRET, collector, "visitor-1")))
    return collector.messages


def _database_down() -> OperationalError:
    driver_error = Exception('connection to server at "127.0.0.1", port 5432 failed: Connection refused\n'
                             "\tIs the server running on that host?")
    return OperationalError("INSERT INTO events (data) VALUES (%(data)s)", {"data": SECRET}, driver_error)


def test_a_turn_that_replies_gets_no_apology():
    async def answer(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "an answer"})

    assert [m["text"] for m in _run(answer)] == ["an answer"]


def test_a_silent_turn_gets_the_apology_with_the_phone_number():
    async def silent(message: UserMessage) -> None:
        return None

    messages = _run(silent)
    assert [m["text"] for m in messages] == [clinic().say("action_failed")]
    assert clinic().phone in messages[0]["text"]


def test_a_database_outage_gets_the_apology_and_a_log_line_without_the_message(caplog):
    async def database_down(message: UserMessage) -> None:
        raise _database_down()

    with caplog.at_level(logging.DEBUG):
        messages = _run(database_down)
    assert [m["text"] for m in messages] == [clinic().say("action_failed")]
    assert "Connection refused" in caplog.text and "OperationalError" in caplog.text
    assert SECRET not in caplog.text and "INSERT" not in caplog.text


def test_failure_summary_names_other_errors_by_kind_only():
    assert failure_summary(ValueError(SECRET)) == "ValueError"
    assert SECRET not in failure_summary(_database_down())


def test_a_database_error_behind_another_is_summarised_too():
    try:
        try:
            raise _database_down()
        except OperationalError as error:
            raise RuntimeError(SECRET) from error
    except RuntimeError as wrapped:
        summary = failure_summary(wrapped)
    assert summary.startswith("RuntimeError (Exception: connection to server")
    assert SECRET not in summary
