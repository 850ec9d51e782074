"""Plug-ins: entries from installed packages join the catalog; a broken one is skipped with a warning."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import numpy as np
import pytest

from actplot.catalog import BUILTINS, PluginWarning, plugin_entries
from actplot.core.schema import Activation

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = Path(__file__).resolve().parent / "plugin"


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory) -> str:
    """tests/plugin installed (with pip, offline, no dependencies) into a directory of its own."""
    target = tmp_path_factory.mktemp("site")
    work = tmp_path_factory.mktemp("build")
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                             "--no-index", "--target", str(target), str(PLUGIN)],
                            capture_output=True, text=True, cwd=work, timeout=300)
    if result.returncode != 0:
        pytest.fail(f"could not install the test plug-in: {result.stderr}")
    return str(target)


def actplot(plugin_path: str, *argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([plugin_path, str(ROOT)])}
    return subprocess.run([sys.executable, "-m", "actplot", *argv], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)


BROKEN = ("actplot: warning: plug-in 'broken' from actplot-demo-plugin (actplot_demo_plugin.broken:ENTRIES) "
          "was skipped: ")


def test_a_plugin_entry_joins_list_and_a_broken_one_is_named(plugin_path):
    result = actplot(plugin_path, "list")
    assert result.returncode == 0
    names = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert names == [*BUILTINS, "demo-snake"]
    assert result.stderr == BROKEN + "RuntimeError: this plug-in is broken on purpose\n"


def test_a_plugin_entry_is_a_command_with_its_parameters(plugin_path, tmp_path):
    target = tmp_path / "snake.csv"
    result = actplot(plugin_path, "DemoSnake", "--alpha", "2", "--points", "5", "-o", str(target))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(target.read_text().splitlines()))
    x = np.array([float(r["x"]) for r in rows])
    np.testing.assert_allclose([float(r["dy"]) for r in rows], 1 + np.sin(4 * x), rtol=1e-14, atol=1e-15)
    info = actplot(plugin_path, "info", "demo-snake")
    assert "alpha (α) = 1: frequency of the ripple" in info.stdout


def test_plugin_entries_appear_in_comparisons_and_the_gallery(plugin_path, tmp_path):
    target = tmp_path / "cmp.png"
    assert actplot(plugin_path, "compare", "relu", "demo-snake:alpha=0.5", "-o", str(target)).returncode == 0
    assert target.stat().st_size > 10_000
    result = actplot(plugin_path, "gallery", str(tmp_path / "g"), "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "g" / "demo-snake.png").exists()
    assert len(list((tmp_path / "g").glob("*.png"))) == len(BUILTINS) + 1


class FakePoint:
    """An entry point whose load() returns a given object (or raises)."""

    def __init__(self, name: str, provides: object) -> None:
        self.name, self.value, self.provides, self.dist = name, f"fake:{name}", provides, None

    def load(self) -> object:
        if isinstance(self.provides, Exception):
            raise self.provides
        return self.provides


def test_broken_plugins_are_skipped_with_a_warning_naming_them():
    relu = BUILTINS["relu"]
    renamed = Activation(**{**{f: getattr(relu, f) for f in ("summary", "value_fn", "derivative_fns", "formula",
                                                              "derivative_formula", "properties")}, "name": "my-relu"})
    points = [FakePoint("one", renamed), FakePoint("listed", [renamed]), FakePoint("made", lambda: [renamed]),
              FakePoint("wrong", [3]), FakePoint("fails", ImportError("no module named x"))]
    with pytest.warns(PluginWarning) as caught:
        found = plugin_entries(points)
    assert [e.name for e in found] == ["my-relu"] * 3
    assert {e.source for e in found} == {"plugin one", "plugin listed", "plugin made"}
    messages = [str(w.message) for w in caught]
    assert messages == ["plug-in 'wrong' from wrong (fake:wrong) was skipped: TypeError: it provides int, "
                        "not actplot.Activation entries",
                        "plug-in 'fails' from fails (fake:fails) was skipped: ImportError: no module named x"]


def test_a_plugin_may_not_take_a_builtin_name(monkeypatch):
    from actplot import catalog

    taken = Activation(**{**{f: getattr(BUILTINS["relu"], f) for f in (
        "summary", "value_fn", "derivative_fns", "formula", "derivative_formula", "properties")}, "name": "ReLU"})
    monkeypatch.setattr(catalog, "_loaded", None)
    monkeypatch.setattr(catalog, "plugin_entries", lambda: [taken])
    message = "plug-in entry 'ReLU' .* was skipped: the name 'ReLU' .* is taken by 'relu'"
    with pytest.warns(PluginWarning, match=message):
        names = catalog.names()
    assert names == list(BUILTINS)


@pytest.mark.parametrize("name", ["list", "Gallery", "compare", "info", "expr", "custom"])
def test_a_plugin_may_not_take_a_subcommand_name(monkeypatch, name):
    from actplot import catalog

    taken = Activation(**{**{f: getattr(BUILTINS["relu"], f) for f in (
        "summary", "value_fn", "derivative_fns", "formula", "derivative_formula", "properties")}, "name": name})
    monkeypatch.setattr(catalog, "_loaded", None)
    monkeypatch.setattr(catalog, "plugin_entries", lambda: [taken])
    message = f"plug-in entry '{name}' .* was skipped: the name '{name.lower()}' is reserved for actplot's own"
    with pytest.warns(PluginWarning, match=message):
        names = catalog.names()
    assert names == list(BUILTINS)


def test_an_installed_entry_point_object_loads(plugin_path, monkeypatch):
    monkeypatch.syspath_prepend(plugin_path)
    point = EntryPoint("snake", "actplot_demo_plugin.snake:ENTRIES", "actplot.activations")
    (entry,) = plugin_entries([point])
    assert entry.name == "demo-snake" and entry.params == {"alpha": 1.0}
