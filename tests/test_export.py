"""The data export: CSV bytes whichever path formats them, every digit kept, and .npz."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

import actplot
from actplot import export
from actplot.settings import PlotSettings


def write(tmp_path: Path, name: str, specs: list[str], **settings) -> Path:
    path = tmp_path / name
    export.write_data(actplot.curves_for(*specs), PlotSettings(output=path, **settings), path)
    return path


def test_csv_from_worker_processes_is_byte_identical_to_csv_formatted_here(tmp_path, monkeypatch):
    specs = ["gelu", "expr:x*sigmoid(1.702*x)", "softmax:others=1,2"]
    monkeypatch.setattr(export, "WORKER_ROWS", 1000)
    monkeypatch.setattr(export, "PARALLEL_ROWS", 10**9)
    serial = write(tmp_path, "serial.csv", specs, points=5001, order=2).read_bytes()
    monkeypatch.setattr(export, "PARALLEL_ROWS", 2)
    parallel = write(tmp_path, "parallel.csv", specs, points=5001, order=2).read_bytes()
    assert parallel == serial
    rows = list(csv.DictReader(serial.decode().splitlines()))
    assert len(rows) == 3 * 5001  # smooth curves: no breakpoint added to the grid
    x = np.array([float(r["x"]) for r in rows[:5001]])
    np.testing.assert_array_equal(x, actplot.sample("gelu", points=5001).x)  # every digit read back
    np.testing.assert_array_equal([float(r["d2y"]) for r in rows[:5001]], actplot.sample("gelu", points=5001,
                                                                                         order=2).d2y)


def test_npz_holds_the_arrays_sample_returns(tmp_path):
    path = write(tmp_path, "h.npz", ["hardtanh"], points=11, x_range=(-1.5, 1.5))
    data = np.load(path)
    s = actplot.sample("hardtanh", points=11, x_range=(-1.5, 1.5))
    assert sorted(data) == ["activation", "dy", "label", "parameters", "x", "y"]
    for name in ("x", "y", "dy"):
        np.testing.assert_array_equal(data[name], getattr(s, name))
    assert (str(data["activation"]), str(data["parameters"])) == ("hardtanh", "min_val=-1;max_val=1")


def test_npz_of_several_curves_suffixes_each_key(tmp_path):
    path = write(tmp_path, "c.npz", ["relu", "elu:alpha=0.5"], points=5, order=2)
    data = np.load(path)
    assert {"x_0", "d2y_0", "x_1", "d2y_1", "label_1"} <= set(data)
    assert str(data["label_1"]) == "elu (alpha=0.5)"
    np.testing.assert_array_equal(data["d2y_1"], actplot.sample("elu", alpha=0.5, points=5, order=2).d2y)


@pytest.mark.parametrize("extension", ["csv", "json", "npz"])
def test_the_command_line_writes_each_data_format(tmp_path, extension):
    from actplot.cli import run

    target = tmp_path / f"out.{extension}"
    assert run(["leaky-relu", "-n", "3", "-o", str(target)]) == 0
    assert target.stat().st_size > 50
