"""Every change this project makes to Rasa 3.6's own code, in one list, installed in one place.

The Rasa server's launcher (scripts/rasa_server.py, used by `make run`, `make cluster`, the
tests and the benchmarks) calls ``install_all()`` before Rasa starts and the start log names
each patch. Nothing is installed by importing a module, so a test process or a plain
`rasa run` gets Rasa as released. Each patch keeps Rasa's behaviour; its unit test fails when
the Rasa code it replaces changes (tests/unit/test_rasa_speedups.py, test_tracker_store.py).

``RASA_PATCHES_OFF`` (comma-separated names, or ``all``) leaves patches out, so a benchmark can
measure what each still gains (bench/load.py --patches-off).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

import rasa.shared.core.events
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.events import Event
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.tensorflow.models import RasaModel

from connectors import rasa_speedups, tracker_store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Patch:
    name: str
    why: str
    # (owner, attribute, replacement) for each Rasa attribute the patch replaces
    replacements: tuple[tuple[Any, str, Any], ...]


PATCHES: tuple[Patch, ...] = (
    Patch("validator-built-once",
          "the action server's reply is validated with a validator built once (connectors/rasa_speedups.py)",
          ((RemoteAction, "_validate_action_result", rasa_speedups.validate_action_result),)),
    Patch("event-class-table",
          "an event's class is found by its type name in a table (connectors/rasa_speedups.py)",
          ((Event, "resolve_by_type", staticmethod(rasa_speedups.resolve_by_type)),)),
    Patch("kept-action-server-session",
          "calls to the action server reuse one HTTP session per endpoint (connectors/rasa_speedups.py)",
          ((EndpointConfig, "session", rasa_speedups.kept_session),)),
    Patch("graph-run-in-order",
          "the model's graphs run node after node in a fixed order, without dask (connectors/rasa_speedups.py)",
          ((DaskGraphRunner, "run", rasa_speedups.run_graph_in_order),)),
    Patch("model-built-eagerly",
          "the intent classifier's weights are built by one eager step at start, not a traced one, "
          "and its prediction is traced without AutoGraph "
          "(connectors/rasa_speedups.py)",
          ((RasaModel, "load", classmethod(rasa_speedups.load_model_built_eagerly)),)),
    Patch("reminder-time-iso",
          "a stored reminder's time is read with datetime.fromisoformat (connectors/rasa_speedups.py)",
          ((rasa.shared.core.events, "parser", rasa_speedups.iso_first_parser),)),
    Patch("tracker-store-outage-raised",
          "a tracker store outage is reported, not bridged by an empty conversation (connectors/tracker_store.py)",
          ((FailSafeTrackerStore, "on_tracker_store_error", tracker_store.on_tracker_store_error),
           (FailSafeTrackerStore, "on_tracker_store_retrieve_error", tracker_store.on_tracker_store_retrieve_error))),
)

# Rasa's own attributes, as they were before any patch: uninstall() puts them back.
RASA_AS_IMPORTED = {(owner, attribute): owner.__dict__[attribute]
              for patch in PATCHES for owner, attribute, _ in patch.replacements}


def names_off(setting: str | None = None) -> set[str]:
    setting = os.environ.get("RASA_PATCHES_OFF", "") if setting is None else setting
    wanted = {name.strip() for name in setting.split(",") if name.strip()}
    if "all" in wanted:
        return {patch.name for patch in PATCHES}
    unknown = wanted - {patch.name for patch in PATCHES}
    if unknown:
        raise ValueError(f"RASA_PATCHES_OFF names no patch: {', '.join(sorted(unknown))}; "
                         f"the patches are {', '.join(p.name for p in PATCHES)}")
    return wanted


def install(patch: Patch) -> None:
    for owner, attribute, replacement in patch.replacements:
        setattr(owner, attribute, replacement)


def uninstall(patch: Patch) -> None:
    for owner, attribute, _ in patch.replacements:
        setattr(owner, attribute, RASA_AS_IMPORTED[(owner, attribute)])


def install_all(off: set[str] | None = None) -> list[str]:
    """Install every patch not switched off; log and return the names installed."""
    off = names_off() if off is None else off
    installed = []
    for patch in PATCHES:
        if patch.name in off:
            logger.info("Rasa patch left out (RASA_PATCHES_OFF): %s", patch.name)
            continue
        install(patch)
        installed.append(patch.name)
        logger.info("Rasa patch installed: %s: %s", patch.name, patch.why)
    return installed


def uninstall_all() -> None:
    for patch in PATCHES:
        uninstall(patch)
