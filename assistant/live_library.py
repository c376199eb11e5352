"""The library as the running assistant sees it: rebuilt when staff save a file, never broken.

The action server polls the staff-edited files (every article, knowledge/examples/*.yml,
terms.yml, topics.yml) every
LIBRARY_POLL_SECONDS (default 1). When one is added, changed or removed, the index is rebuilt
in the background and swapped in whole: the next question is answered from the new library,
no restart, no conversation lost. The new library's passage classifier is fitted after the swap
(about 6 s here); until then the previous library's classifier answers for the passages both
have, so a saved article is answered within seconds. A file that does not pass the checks of
`make validate` is refused with its file and line in the log, and the last good library keeps
serving.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable

from assistant import paths
from assistant.datafiles import ContentError
from assistant.examples import example_files
from assistant.retrieval import KnowledgeIndex

logger = logging.getLogger(__name__)

POLL_SECONDS_ENV = "LIBRARY_POLL_SECONDS"
DEFAULT_POLL_SECONDS = 1.0  # a stat of a few dozen files

Snapshot = dict[str, tuple[int, int]]  # path -> (mtime in ns, size)


def watched_files() -> list[Path]:
    return [*sorted(paths.ARTICLES_DIR.glob("*.md")), *example_files(), paths.TERMS_FILE, paths.TOPICS_FILE]


def snapshot(files: list[Path]) -> Snapshot:
    found: Snapshot = {}
    for path in files:
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


class LiveLibrary:
    def __init__(self, build: Callable[[bool, KnowledgeIndex | None], KnowledgeIndex],
                 files: Callable[[], list[Path]] = watched_files):
        """``build(fresh, meanwhile)`` makes an index; ``fresh`` asks for the spaCy pipeline to be
        built from the terms file as it is now (not the one `make` built at start); ``meanwhile``
        is the library serving now, whose passage classifier answers until the new one's is
        fitted (None at start: fitted before the first question)."""
        self._build = build
        self._files = files
        self._seen = snapshot(files())
        self._index = build(False, None)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.last_error: ContentError | None = None

    def current(self) -> KnowledgeIndex:
        return self._index

    def refresh(self) -> bool:
        """Rebuild if a file changed since the last look; True when a new library is serving."""
        with self._lock:
            now = snapshot(self._files())
            if now == self._seen:
                return False
            terms_changed = now.get(str(paths.TERMS_FILE)) != self._seen.get(str(paths.TERMS_FILE))
            self._seen = now
            try:
                index = self._build(terms_changed, self._index)
            except ContentError as error:
                self.last_error = error
                logger.error("The library was not updated; the last good one keeps serving. %s", error)
                return False
            self._index = index
            self.last_error = None
            articles = len({p.article.slug for p in index.passages})
            logger.info("Library updated: %d articles, %d passages.", articles, len(index.passages))
            if index.fitting_left:
                started = time.monotonic()
                index.finish_fitting()
                logger.info("Library updated: its passage classifier fitted in %.1f s.", time.monotonic() - started)
            return True

    def watch(self, interval: float | None = None) -> None:
        """Poll in a daemon thread (idempotent)."""
        if self._thread is not None:
            return
        seconds = interval if interval is not None else float(os.environ.get(POLL_SECONDS_ENV, DEFAULT_POLL_SECONDS))
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(seconds):
                try:
                    self.refresh()
                except Exception:  # a bug must not stop the watching; the last good library serves
                    logger.exception("Checking the library for changes failed")

        self._thread = threading.Thread(target=loop, name="library-watch", daemon=True)
        self._thread.start()
