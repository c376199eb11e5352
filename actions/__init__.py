"""Custom actions for the Rasa action server (``rasa run actions``).

The vetted content is loaded and checked when the action server starts: a malformed article
or data file stops the server with a message naming the file and line. While it runs, the
library is watched: a saved article is answered within seconds, and a bad one is refused
(logged with its file and line) while the last good library keeps serving.
"""

import logging

from assistant.clinic import clinic
from assistant.datafiles import ContentError
from assistant.knowledge import live_library

logger = logging.getLogger(__name__)

try:
    library = live_library()
    clinic()
except ContentError as error:
    logger.error("The assistant's content has a problem: %s", error)
    raise SystemExit(f"Cannot start the action server: {error}") from None

library.watch()
