"""Clinic details (knowledge/clinic.yml) and the clinic-approved wording (knowledge/messages.yml)."""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass
from pathlib import Path

from assistant.datafiles import ContentError, line_of, load_yaml
from assistant.paths import CLINIC_FILE, MESSAGES_FILE

CLINIC_FIELDS = (
    "name", "doctor", "booking_url", "phone", "opening_hours",
    "emergency_number", "crisis_line", "crisis_line_name", "poison_control_line", "poison_control_name",
    "privacy_url",
)
MESSAGE_KEYS = (
    "disclaimer_short", "disclaimer", "booking_prompt", "booking_prompt_after_alert", "book_online_button",
    "call_button",
    "emergency", "emergency_with_crisis", "crisis", "poisoning", "poisoning_with_signs",
    "after_emergency", "after_poisoning", "after_crisis", "after_crisis_no_call",
    "help_reached", "crisis_screening", "screening_yes_button", "screening_no_button", "screening_unanswered",
    "misread_button",
    "screening_cleared", "screening_cleared_then_answer", "privacy_notice", "privacy_answer", "privacy_button",
    "emergency_numbers",
    "safety_repeat", "safety_repeat_emergency", "no_diagnosis", "no_promise", "no_change", "drowsy_driving",
    "no_dosing", "no_vetted_answer", "misunderstood_then_answer", "practical_question",
    "no_vetted_answer_on", "no_vetted_answer_on_treatment", "also_see", "same_passage_again", "nothing_more",
    "own_clinician_pregnancy", "own_clinician_child", "sources_answer", "sources_article",
    "citation_reviewed_by", "citation_last_reviewed", "anything_else", "ask_what_else", "list_follows", "also_asked",
    "greeting", "capabilities", "who_i_am", "out_of_scope", "fallback", "misunderstood", "topics_prompt",
    "you_are_welcome", "goodbye_again", "still_here", "not_helpful", "other_language", "action_failed", "slow_down",
    "too_many_chats",
)


# The fields a message may use besides the clinic's details, filled in where it is sent.
MESSAGE_FIELDS = ("reviewer", "date", "retention_days", "condition", "title")
DEFAULT_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 3650


def retention_days(clinic_file=CLINIC_FILE) -> int:
    """The retention window from clinic.yml; a bad value raises ContentError with its line."""
    data = load_yaml(clinic_file) or {}
    value = data.get("conversation_retention_days", DEFAULT_RETENTION_DAYS)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_RETENTION_DAYS:
        raise ContentError(
            clinic_file, line_of(data, "conversation_retention_days"),
            f"conversation_retention_days must be a whole number of days from 1 to {MAX_RETENTION_DAYS}, not {value!r}",
        )
    return value



def tel_link(number: str) -> str:
    """A ``tel:`` link for a number as people write it: "+1 (202) 555-0100" -> "tel:+12025550100"."""
    return "tel:" + "".join(c for c in number if c.isdigit() or c == "+")


# Reserved for examples: the example.org/.com/.net domains (RFC 2606) and US numbers 555-0100 to
# 555-0199.
_EXAMPLE_VALUE = re.compile(r"\bexample\.(?:org|com|net)\b|\b555[-. )]*01\d\d\b")


def is_example_value(value: str) -> bool:
    return bool(_EXAMPLE_VALUE.search(value))


@dataclass(frozen=True)
class Clinic:
    details: dict[str, str]
    placeholders: tuple[str, ...]
    messages: dict[str, str]

    def __getattr__(self, name: str) -> str:
        try:
            return self.__dict__["details"][name]
        except KeyError:
            raise AttributeError(name) from None

    def say(self, key: str, **extra: str) -> str:
        """The approved wording for ``key`` with the clinic's details filled in."""
        return self.messages[key].format(**self.details, **extra)

    @property
    def phone_link(self) -> str:
        return tel_link(self.details["phone"])


def load_clinic(clinic_path: Path = CLINIC_FILE, messages_path: Path = MESSAGES_FILE) -> Clinic:
    data = load_yaml(clinic_path)
    if not isinstance(data, dict):
        raise ContentError(clinic_path, 1, "expected fields such as 'name: Ospina Medical'")
    for field in CLINIC_FIELDS:
        if not str(data.get(field) or "").strip():
            raise ContentError(clinic_path, None, f"'{field}' is missing or empty")
    for field in ("booking_url", "privacy_url"):
        if not str(data[field]).startswith("https://"):
            raise ContentError(clinic_path, line_of(data, field), f"{field} must start with https://")
    details = {field: str(data[field]).strip() for field in CLINIC_FIELDS}
    # The list staff keep, and any value still on the reserved example domain or numbers: emptying
    # the list left the example phone in every booking prompt without a word (session 24).
    placeholders = tuple(dict.fromkeys([str(p) for p in data.get("placeholders") or ()]
                                       + [field for field in CLINIC_FIELDS if is_example_value(details[field])]))
    messages_data = load_yaml(messages_path)
    if not isinstance(messages_data, dict):
        raise ContentError(messages_path, 1, "expected fields such as 'disclaimer: ...'")
    messages: dict[str, str] = {}
    for key in MESSAGE_KEYS:
        text = " ".join(str(messages_data.get(key) or "").split())
        if not text:
            raise ContentError(messages_path, None, f"'{key}' is missing or empty")
        for _, field, _, _ in string.Formatter().parse(text):
            if field and field not in details and field not in MESSAGE_FIELDS:
                raise ContentError(
                    messages_path, line_of(messages_data, key),
                    f"'{key}' uses {{{field}}}, which is not a clinic detail; use one of {', '.join(CLINIC_FIELDS)}",
                )
        messages[key] = text
    return Clinic(details, placeholders, messages)


@functools.lru_cache(maxsize=1)
def clinic() -> Clinic:
    return load_clinic()
