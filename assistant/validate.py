"""`make validate`: check the staff-edited content, with messages that say file, line and fix.

    python -m assistant.validate                  check everything
    python -m assistant.validate --list-passages  print every passage id, for knowledge/topics.yml

Errors stop the assistant from working and exit with status 1; warnings are things staff
should fix soon (placeholders, missing review dates) and do not fail the check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ruamel.yaml import YAML

from assistant.articles import load_library
from assistant.asked_for import PHRASE_FILES, load_phrase_file
from assistant.clinic import is_example_value, load_clinic, retention_days
from assistant.datafiles import ContentError, display_path, line_of, load_yaml
from assistant.examples import load_examples, orphan_message, orphaned_files
from assistant.knowledge import build_index
from assistant.languages import load_other_languages
from assistant.logistics import (
    NOT_ANSWERED_FILE,
    load_booking_details,
    load_chat_words,
    load_logistics,
    load_not_answered,
    load_sayings,
)
from assistant.names import missing_from_domain
from assistant.paths import ARTICLES_DIR, CLINIC_FILE, PROJECT_ROOT, TOPICS_FILE
from assistant.red_flag_meaning import load_meanings
from assistant.red_flags import load_rules
from assistant.retrieval import KnowledgeIndex
from assistant.section_kinds import kind_of, load_section_kinds
from assistant.story_check import check as check_stories
from assistant.story_check import story_files
from assistant.terms import load_vocabulary
from assistant.topics import check_passages_exist, load_menu, load_topics

REVIEW_MAX_AGE_DAYS = 365  # an article reviewed longer ago than this gets a warning
MIN_EXAMPLES = 10  # an intent with fewer training examples is not learned reliably


def examples_per_intent(nlu_dir: Path) -> dict[str, tuple[str, int, int]]:
    """intent -> (file, line, number of examples), from data/nlu/*.yml."""
    found: dict[str, tuple[str, int, int]] = {}
    for path in sorted(nlu_dir.rglob("*.yml")):
        data = load_yaml(path) or {}
        for index, block in enumerate(data.get("nlu") or []):
            if isinstance(block, dict) and block.get("intent"):
                lines = str(block.get("examples") or "").splitlines()
                count = sum(1 for line in lines if line.strip().startswith("- "))
                name = str(block["intent"])
                previous = found.get(name, ("", 0, 0))[2]
                found[name] = (str(path.relative_to(PROJECT_ROOT)), line_of(data["nlu"], index) or 0, previous + count)
    return found


def check(today: dt.date | None = None) -> tuple[list[str], list[str]]:
    """(errors, warnings) for the content under knowledge/ and its links to domain.yml."""
    errors: list[str] = []
    warnings: list[str] = []
    today = today or dt.date.today()

    def attempt(step):
        try:
            return step()
        except ContentError as error:
            if str(error) not in errors:  # a file two steps read (clinic.yml) is one mistake, said once
                errors.append(str(error))
            return None

    vocabulary = attempt(load_vocabulary)
    library = attempt(load_library) or []
    clinic = attempt(load_clinic)
    attempt(load_rules)
    attempt(load_meanings)
    attempt(load_logistics)
    attempt(load_booking_details)
    attempt(load_sayings)
    attempt(load_section_kinds)
    attempt(load_not_answered)
    for name in PHRASE_FILES:
        attempt(lambda name=name: load_phrase_file(name))
    attempt(load_chat_words)
    attempt(load_other_languages)
    attempt(retention_days)
    domain = YAML(typ="safe").load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    if vocabulary is not None:
        topics = attempt(lambda: load_topics(vocabulary))
        if topics is not None and library:  # (a broken article's error is enough: not every topic's too)
            attempt(lambda: check_passages_exist(topics, {p.id for _, ps in library for p in ps}))
            attempt(lambda: load_menu(topics))
            intents = set(domain["intents"])
            for topic in topics:
                if topic.intent not in intents:
                    errors.append(f"{display_path(TOPICS_FILE)}:{topic.line}: topic '{topic.id}' uses intent "
                                  f"'{topic.intent}', which domain.yml does not list")
    attempt(lambda: load_examples({p.id for _, ps in library for p in ps}))
    for path, article in orphaned_files({p.id for _, ps in library for p in ps}) if library else ():
        warnings.append(f"{display_path(path)}: {orphan_message(article)}")
    errors.extend(missing_from_domain(domain))
    errors.extend(str(problem) for problem in check_stories(story_files(PROJECT_ROOT)))
    for intent, (path, line, count) in sorted(examples_per_intent(PROJECT_ROOT / "data" / "nlu").items()):
        if count < MIN_EXAMPLES:
            errors.append(f"{path}:{line}: intent '{intent}' has {count} examples; give it at least {MIN_EXAMPLES} "
                          "ways visitors ask")
    for article, _ in library:
        if article.reviewed_on is None:
            warnings.append(f"{article.path}: no 'reviewed_on' date; citations show none until it is set")
        elif (today - article.reviewed_on).days > REVIEW_MAX_AGE_DAYS:
            warnings.append(f"{article.path}: last medically reviewed on {article.reviewed_on}, "
                            f"more than {REVIEW_MAX_AGE_DAYS} days ago; ask the medical reviewer to review it")
        if article.source_url is None:
            warnings.append(f"{article.path}: no 'source_url'; citations show no link until it is set")
    for path in sorted(ARTICLES_DIR.iterdir()) if ARTICLES_DIR.is_dir() else ():
        # "heat.md.txt" or "heat.MD", as editors save them, were left out without a word (session 24).
        if path.is_file() and path.suffix != ".md" and not path.name.startswith("."):
            warnings.append(f"{display_path(path)}: not read, as an article's file name must end in '.md'"
                            + (f" (rename it to '{path.name.split('.')[0]}.md')" if ".md" in path.name.lower() else ""))
    if library and not errors:
        index = attempt(build_index)
        if index is not None:
            warnings.extend(listed_yet_answered(index))
    if clinic is not None and clinic.placeholders:
        # Say why a field not listed under `placeholders:` counts as one (session 35's staff tester set
        # "+1 (614) 555-0123", took 'phone' off the list, and was not told why it stayed).
        listed = {str(name) for name in (load_yaml(CLINIC_FILE) or {}).get("placeholders") or ()}
        shown = [f"{name} ({clinic.details[name]!r} is a number or address reserved for examples)"
                 if name not in listed and is_example_value(clinic.details.get(name, "")) else name
                 for name in clinic.placeholders]
        warnings.append(f"{display_path(CLINIC_FILE)}: still placeholders, set the real values before going live: "
                        + ", ".join(shown))
    return errors, warnings


def listed_yet_answered(index: KnowledgeIndex, path: Path = NOT_ANSWERED_FILE) -> list[str]:
    """A warning for each question of not_answered.yml that a passage nobody taught yet (an article
    added since the list was written) would be sent for, but for the list: visitors asking it get
    the honest no while the new article answers it (session 24: a pillow article never answered
    "what pillow should I buy?"). Staff read the passage and take the line out if it answers."""
    return [listed_warning(entry, path) for entry in questions_listed_yet_answered(index, path)]


def listed_warning(entry: tuple[int | None, str, str], path: Path = NOT_ANSWERED_FILE) -> str:
    line, question, passage_id = entry
    return (f"{display_path(path)}:{line}: \"{question}\" is listed as a question no passage answers, but "
            f"passage '{passage_id}' of an article added since fits it, so visitors who ask it get no answer; "
            "take the line out if that passage answers it")


def questions_listed_yet_answered(index: KnowledgeIndex, path: Path = NOT_ANSWERED_FILE,
                                  ) -> list[tuple[int | None, str, str]]:
    """(line, question, passage id) for each such question (see listed_yet_answered)."""
    data = load_yaml(path) if path.exists() else None
    entries = data.get("questions") if isinstance(data, dict) else None
    found = []
    for position, question in enumerate(entries if isinstance(entries, list) else []):
        answer = index.answer(" ".join(str(question).split()))
        if answer.reason == "not_answered" and answer.runner_up and not index.is_taught(answer.runner_up[0]):
            found.append((line_of(entries, position), str(question), answer.runner_up[0]))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list-passages", action="store_true", help="print every passage id and exit")
    args = parser.parse_args(argv)
    if args.list_passages:
        kinds = load_section_kinds()
        for article, passages in load_library():
            print(f"# {article.title} ({article.path})")
            for passage in passages:
                kind = kind_of(passage, kinds)
                # The kind's generic questions help a passage until staff give it examples.
                print(f"{passage.id}    (line {passage.line}" + (f"; a '{kind.name}' section)" if kind else ")"))
        return 0
    errors, warnings = check()
    for warning in warnings:
        print(f"WARNING {warning}")
    for error in errors:
        print(f"ERROR   {error}")
    if errors:
        print(f"\n{len(errors)} error(s): fix them, then run `make validate` again.")
        return 1
    print(f"Content OK ({len(warnings)} warning(s)).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
