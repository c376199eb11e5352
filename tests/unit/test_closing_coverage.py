"""Every story and rule that ends a conversation runs the closing (disclaimer + booking)."""

from __future__ import annotations

from assistant.paths import PROJECT_ROOT
from assistant.story_check import check, check_file, story_files


def test_every_ending_in_data_and_tests_runs_the_closing():
    files = story_files(PROJECT_ROOT)
    assert len(files) >= 6  # data/rules/*.yml and tests/conversations/*.yml are all read
    assert [str(p) for p in check(files)] == []


def test_a_story_that_ends_without_the_closing_is_reported(tmp_path):
    story = tmp_path / "stories.yml"
    story.write_text(
        'version: "3.1"\nstories:\n- story: forgets the closing\n  steps:\n'
        "  - intent: ask_disorder\n  - action: action_answer_question\n"
        "  - intent: goodbye\n  - action: utter_you_are_welcome\n"
        "- story: closes\n  steps:\n  - intent: deny\n  - action: action_close_session\n"
    )
    problems = check_file(story)
    assert [(p.name, p.intent, p.line) for p in problems] == [("forgets the closing", "goodbye", 7)]
    assert "add '- action: action_close_session'" in str(problems[0])
