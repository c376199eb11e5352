"""The names the code relies on are the domain's, and make validate says when one is not."""

from __future__ import annotations

from ruamel.yaml import YAML

from assistant.names import ActionName, Intent, Slot, missing_from_domain, payload
from assistant.paths import PROJECT_ROOT


def domain() -> dict:
    return YAML(typ="safe").load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def test_every_name_the_code_uses_is_in_the_domain():
    assert missing_from_domain(domain()) == []


def test_a_renamed_intent_action_or_slot_is_reported_by_name():
    renamed = domain()
    renamed["intents"] = [i for i in renamed["intents"] if i != Intent.SAY_MISUNDERSTOOD]
    renamed["actions"] = [a for a in renamed["actions"] if a != ActionName.REFUSE_DOSING]
    renamed["slots"].pop(Slot.CLOSING_SENT)
    assert missing_from_domain(renamed) == [
        "intent 'say_misunderstood' (assistant/names.py) is not in domain.yml",
        "action 'action_refuse_dosing' (assistant/names.py) is not in domain.yml",
        "slot 'closing_sent' (assistant/names.py) is not in domain.yml",
    ]


def test_rasas_own_names_need_no_domain_entry():
    bare = {"intents": [], "actions": [], "slots": {}, "entities": []}
    problems = missing_from_domain(bare)
    assert not any("'nlu_fallback'" in p or "'out_of_scope'" in p or "'action_session_start'" in p for p in problems)


def test_payload_is_what_a_button_sends():
    assert payload(Intent.GREET) == "/greet"
