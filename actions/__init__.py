"""Custom actions for the Rasa action server (``rasa run actions``).

The vetted content is loaded and checked once, when the action server starts: a malformed
article or data file stops the server with a message naming the file and line.
"""

import logging

from assistant.clinic import clinic
from assistant.datafiles import ContentError
from assistant.knowledge import knowledge_index

logger = logging.getLogger(__name__)

try:
    knowledge_index()
    clinic()
except ContentError as error:
    logger.error("The assistant's content has a problem: %s", error)
    raise SystemExit(f"Cannot start the action server: {error}") from None
