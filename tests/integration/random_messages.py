"""Random visitor messages for the tests that compare a patched Rasa with Rasa as released:
words of the assistant's subjects, its commands, other languages and scripts, and junk."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = ["hi", "hello", "bye", "thanks", "my", "back", "knee", "pain", "keeps", "me", "awake", "what", "is",
         "restless", "legs", "sleep", "apnea", "insomnia", "how", "much", "melatonin", "should", "i", "take",
         "chest", "hurts", "want", "to", "die", "book", "appointment", "doctor", "Kohler", "?", "!", "...",
         "zzqx", "ça", "va", "睡眠", "/greet", "/get_started", "🙂", "", "snore", "stretching", "CBT-I"]
MESSAGES = st.lists(st.sampled_from(WORDS) | st.text(max_size=10), max_size=25).map(" ".join)
