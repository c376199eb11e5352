"""Whether a visitor's message asks something (a question mark, or a question word where a
sentence begins or a message ends): shared by the replies to chat, to red flags and after guidance."""

from __future__ import annotations

import re

# A sentence that asks: it ends with "?", begins with a question word, or ends with "why" or "how
# come" ("everything hurts more when i dont sleep, why": session 32's tester).
QUESTION = re.compile(
    r"\?|(?:^|[.!;\n]\s*)(?:what|whats|what's|how|why|when|which|who|where|is|are|does|do|did|can|could|"
    r"should|would|will|may|might|has|have|tell me|explain)\b|\b(?:why|how come)\s*[.!]*\s*$", re.IGNORECASE)


def asks_something(text: str) -> bool:
    return bool(text.strip()) and QUESTION.search(text) is not None
