"""Rasa's code is changed only by the launcher, by name, and can be put back."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from connectors import rasa_patches


def current(patch: rasa_patches.Patch) -> list:
    return [owner.__dict__[attribute] for owner, attribute, _ in patch.replacements]


def test_importing_the_channels_and_stores_leaves_rasa_as_released():
    """In a fresh process, as Rasa imports them from credentials.yml and endpoints.yml: every
    attribute a patch replaces is still Rasa's own (or the library module Rasa imported)."""
    check = (
        "import connectors.rest, connectors.socketio, connectors.tracker_store, connectors.lock_store\n"
        "from connectors import rasa_patches\n"
        "for patch in rasa_patches.PATCHES:\n"
        "    for owner, attribute, _ in patch.replacements:\n"
        "        value = owner.__dict__[attribute]\n"
        "        value = getattr(value, '__func__', value)\n"
        "        print(patch.name, value.__name__ if isinstance(value, type(rasa_patches)) else value.__module__)\n"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    modules = [line.split() for line in result.stdout.splitlines()]
    assert len(modules) == sum(len(patch.replacements) for patch in rasa_patches.PATCHES)
    # Rasa's own code, or the library Rasa's module imported (dateutil's parser for reminders).
    assert all(module.startswith("rasa.") or module == "dateutil.parser" for _, module in modules), modules


def test_install_all_names_each_patch_in_the_log_and_uninstall_puts_rasa_back(caplog):
    caplog.set_level(logging.INFO, logger=rasa_patches.logger.name)
    try:
        installed = rasa_patches.install_all(off=set())
        assert installed == [patch.name for patch in rasa_patches.PATCHES]
        for patch in rasa_patches.PATCHES:
            assert f"Rasa patch installed: {patch.name}" in caplog.text
            assert current(patch) == [new for _, _, new in patch.replacements]
    finally:
        rasa_patches.uninstall_all()
    for patch in rasa_patches.PATCHES:
        assert current(patch) == [rasa_patches.RASA_AS_IMPORTED[(o, a)] for o, a, _ in patch.replacements]


def test_patches_can_be_left_out_by_name_for_a_benchmark(caplog):
    caplog.set_level(logging.INFO, logger=rasa_patches.logger.name)
    off = rasa_patches.names_off("event-class-table, validator-built-once")
    try:
        installed = rasa_patches.install_all(off=off)
    finally:
        rasa_patches.uninstall_all()
    assert "event-class-table" not in installed and "kept-action-server-session" in installed
    assert "Rasa patch left out (RASA_PATCHES_OFF): event-class-table" in caplog.text
    assert rasa_patches.names_off("all") == {patch.name for patch in rasa_patches.PATCHES}


def test_an_unknown_patch_name_is_refused_with_the_names_there_are():
    with pytest.raises(ValueError, match="names no patch: no-such-patch; the patches are validator-built-once"):
        rasa_patches.names_off("no-such-patch")
