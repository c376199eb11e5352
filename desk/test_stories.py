"""A visitor's conversation as a Rasa test story (tests/conversations/, the project's format),
and the conversation tests run in the background for the desk.

The story is built from the stored events: each visitor message with the intent and entities
the assistant understood then (entities marked in the text, as the tester guide asks), each
action it ran. The text is as stored: personal details are placeholders (<NAME> ...).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from assistant import paths
from assistant.names import ActionName, Entity
from desk.library_edits import replace_file

STORY_ENTITIES = (Entity.DISORDER, Entity.TREATMENT, Entity.BODY_PART, Entity.OTHER_CONDITION)
SKIPPED_ACTIONS = {"action_listen", ActionName.SESSION_START}  # action_listen: Rasa's own
EXTERNAL = "EXTERNAL: "
STORIES_FILE = "desk.yml"
HEADER = ('version: "3.1"\n\n# Conversations saved from the staff desk ("Save as test conversation"): real visitors\'\n'
          "# turns, personal details replaced. Edit or delete them like any other test.\nstories: []\n")


def stored_events(engine: sa.engine.Engine, sender: str) -> list[dict]:
    query = sa.text("SELECT data FROM events WHERE sender_id = :sender AND type_name IN ('user', 'action') ORDER BY id")
    with engine.connect() as connection:
        return [json.loads(row[0]) for row in connection.execute(query, {"sender": sender})]


def marked(text: str, entities: list[tuple[str, str]]) -> str:
    """``text`` with each entity the assistant found marked: "what is [insomnia](disorder)"."""
    for entity, value in entities:
        match = re.search(rf"(?<![\w\[]){re.escape(value)}(?![\w\]])", text)
        if match:
            text = f"{text[:match.start()]}[{value}]({entity}){text[match.end():]}"
    return text


def story_steps(events: list[dict]) -> list[dict]:
    steps: list[dict] = []
    for event in events:
        if event.get("event") == "user":
            text = str(event.get("text") or "")
            parse = event.get("parse_data") or {}
            intent = (parse.get("intent") or {}).get("name")
            if not intent:
                continue
            entities = [(str(e.get("entity")), str(e.get("value"))) for e in parse.get("entities") or []
                        if e.get("entity") in STORY_ENTITIES and e.get("value")]
            if text.startswith(EXTERNAL):  # the inactivity reminder: as a payload, like End chat
                text = "/" + intent
            shown = text if text.startswith("/") else marked(text, entities)
            step: dict = {"user": LiteralScalarString(shown + "\n"), "intent": intent}
            if text.startswith("/") and entities:
                step["entities"] = [{entity: value} for entity, value in entities]
            steps.append(step)
        elif event.get("event") == "action" and steps:
            name = str(event.get("name") or "")
            if name and name not in SKIPPED_ACTIONS:
                steps.append({"action": name})
    return steps


def save_story(events: list[dict], name: str, stories_dir: Path) -> Path:
    steps = story_steps(events)
    if not steps:
        raise ValueError("this conversation has no turn to test")
    path = stories_dir / STORIES_FILE
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    data = yaml.load(path.read_text(encoding="utf-8") if path.exists() else HEADER)
    stories = list(data.get("stories") or [])  # a plain list: written in block style
    taken = {str(s.get("story")) for s in stories}
    title, n = name.strip() or "saved conversation", 2
    unique = title
    while unique in taken:
        unique, n = f"{title} ({n})", n + 1
    stories.append({"story": unique, "steps": steps})
    data["stories"] = stories
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    replace_file(path, buffer.getvalue())
    return path


@dataclass
class TestRun:
    """One run of the conversation tests at a time, in the background."""

    model: Path
    stories_dir: Path
    out_dir: Path
    started: float = 0.0
    finished: float = 0.0
    returncode: int | None = None
    log: list[str] = field(default_factory=list)
    _thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> bool:
        if self.running:
            return False
        self.started, self.finished, self.returncode, self.log = time.time(), 0.0, None, []
        self._thread = threading.Thread(target=self._run, name="conversation-tests", daemon=True)
        self._thread.start()
        return True

    def _run(self) -> None:
        rasa = Path(sys.executable).with_name("rasa")
        command = [str(rasa), "test", "core", "--model", str(self.model), "--stories", str(self.stories_dir),
                   "--fail-on-prediction-errors", "--out", str(self.out_dir)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   cwd=paths.PROJECT_ROOT)
        assert process.stdout is not None
        for line in process.stdout:
            self.log.append(line.rstrip())
            del self.log[:-400]  # the last lines are enough
        self.returncode = process.wait()
        self.finished = time.time()

    def progress(self) -> int:
        """Percent of the stories processed, from rasa's progress bar."""
        for line in reversed(self.log):
            found = re.findall(r"(\d{1,3})%\|", line)
            if found:
                return int(found[-1])
        return 100 if self.returncode is not None else 0

    def failed_stories(self) -> str:
        path = self.out_dir / "failed_test_stories.yml"
        return path.read_text(encoding="utf-8") if path.exists() else ""
