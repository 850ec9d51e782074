"""Shared test set-up: a deterministic hypothesis profile and sample parameter sets."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import settings

import actplot

ROOT = Path(__file__).resolve().parent.parent

# Same examples on every run, so CI is reproducible; a failing example is still reported.
settings.register_profile("actplot", derandomize=True, max_examples=60, deadline=None)
settings.load_profile("actplot")


def load_script(name: str) -> ModuleType:
    """Import ``scripts/NAME.py`` (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parameter_cases() -> list[tuple[str, dict[str, Any]]]:
    """(name, params) for every entry at its defaults and at each valid example value."""
    reference = load_script("make_reference")
    return [(name, params) for name in actplot.names()
            for params in reference.parameter_sets(actplot.get(name))]


def case_id(case: tuple[str, dict[str, Any]]) -> str:
    name, params = case
    return name + "".join(f"-{k}={v}" for k, v in params.items())


@pytest.fixture
def virtual_display():
    """A private Xvfb display, or a skip saying why there is none."""
    if not shutil.which("Xvfb") or not shutil.which("xwininfo"):
        pytest.skip("no virtual display: install xvfb and x11-utils (.ci/run does) to test the window")
    # Each pytest-xdist worker looks in a block of display numbers of its own (gw0: 90-109,
    # gw1: 110-129...), so two workers never start a server on the same display.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    first = 90 + 20 * int(worker.removeprefix("gw") or 0)
    for number in range(first, first + 20):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    display = f":{number}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["xwininfo", "-root", "-display", display], capture_output=True).returncode:
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.skip("Xvfb did not start")
            time.sleep(0.1)
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)
