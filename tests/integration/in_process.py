"""The trained model loaded in the test process (no servers), for the tests that compare a
part of the pipeline with Rasa's own, and one event loop to run its coroutines on."""

from __future__ import annotations

import asyncio
from typing import TypeVar

import pytest
from rasa.core.agent import Agent

from tests.integration.servers import MODEL

T = TypeVar("T")
loop = asyncio.new_event_loop()


async def _load() -> Agent:
    return Agent.load(str(MODEL))


def load_agent() -> Agent:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it first)")
    return loop.run_until_complete(_load())


def component_of(agent: Agent, kind: type[T]) -> T:
    """The agent's pipeline component of this class."""
    nodes = agent.processor.graph_runner._instantiated_nodes.values()  # noqa: SLF001 (no public accessor)
    return next(node._component for node in nodes if isinstance(node._component, kind))  # noqa: SLF001
