"""The data export: CSV bytes whichever path formats them, every digit kept, and .npz."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import numpy as np
import pytest

import actplot
from actplot.core.settings import PlotSettings
from actplot.draw import data as export


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


def strict_json(text: str):
    """json.loads refusing the non-standard constants Python's json writes by default."""
    def refuse(constant: str):
        raise ValueError(f"not strict JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


def every_name() -> list[str]:
    from actplot.catalog.frameworks import SPELLINGS

    return [*actplot.names(), *(s.qualified for s in SPELLINGS)]


def test_json_is_strict_for_every_entry_at_its_defaults(tmp_path):
    """Every entry and every framework name at its defaults: no Infinity or NaN anywhere (Keras's
    max_value without a cap is "inf", read back by the parameter), and the parameters read back."""
    path = tmp_path / "out.json"
    for name in every_name():
        curves = actplot.curves_for(name)
        export.write_data(curves, PlotSettings(output=path, points=5, order=2), path)
        data = strict_json(path.read_text())
        (curve,) = data["curves"]
        entry = actplot.get(curve["activation"])
        assert entry.resolve(**curve["params"]) == entry.resolve(**curves[0].params), name
    (curve,) = strict_json(write(tmp_path, "k.json", ["keras.activations.relu"], points=3).read_text())["curves"]
    assert curve["params"]["max_value"] == "inf"
    assert actplot.get("keras.activations.relu").resolve(**curve["params"])["max_value"] == math.inf


def test_json_writes_overflow_as_null(tmp_path):
    data = strict_json(write(tmp_path, "e.json", ["exponential"], points=3, x_range=(0.0, 800.0)).read_text())
    assert data["curves"][0]["y"] == [1.0, math.exp(400.0), None] and data["range"] == [0.0, 800.0]


def test_the_gallery_manifest_is_strict_json_and_reads_back(tmp_path):
    from actplot.gallery import manifest
    from actplot.gallery.config import default_images
    from actplot.pictures import Image

    images = default_images("png")
    entries = {image.file: {"spec": image.spec, "hash": "h", "data": "d", "bytes": "b"} for image in images}
    assert manifest.write(tmp_path, "code", entries)
    recorded = strict_json((tmp_path / manifest.MANIFEST).read_text())
    assert recorded["images"]["keras-relu.png"]["spec"]["curves"][0]["params"]["max_value"] == "inf"
    back = manifest.read(tmp_path)["images"]
    for image in images:
        assert back[image.file]["spec"] == image.spec, image.file  # the spec compares equal: data is reused
        again = Image(image.file, back[image.file]["spec"]).curves()
        assert [c.params for c in again] == [c.params for c in image.curves()], image.file
    assert Image("k.png", back["keras-relu.png"]["spec"]).curves()[0].params["max_value"] == math.inf
