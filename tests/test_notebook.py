"""actplot in a real Jupyter notebook: a fresh IPython kernel (ipykernel) run by nbclient.

Each plotting cell must show exactly one image and no error, in a kernel where nothing else
was imported first; a figure drawn into the user's pyplot axes must not show twice.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parent.parent

CELLS = {
    "figure": 'import actplot\nactplot.plot("leaky-relu", negative_slope=0.01, x_range=(-10, 10))',
    "assigned then shown": 'fig = actplot.plot("relu", "gelu", "silu", order=2)\nfig',
    "assigned only": 'fig = actplot.plot("elu")',
    "sweep": 'actplot.plot("leaky-relu", negative_slope=[0.01, 0.1, 0.3])',
    "user axes": ('import matplotlib.pyplot as plt\nfig, axs = plt.subplots(1, 2, figsize=(8, 3))\n'
                  'fig.suptitle("mine")\nactplot.plot("gelu", axes=axs)'),
    "sample": 's = actplot.sample("elu", x_range=(-1, 1), points=5, order=2)\ns.x.tolist()',
    "many figures": ('import warnings\nwarnings.simplefilter("error")\n'
                     'figs = [actplot.plot("relu") for _ in range(100)]\nlen(plt.get_fignums())'),
    "svg": ('from matplotlib_inline.backend_inline import set_matplotlib_formats\n'
            'set_matplotlib_formats("svg")\nactplot.plot("tanh")'),
}


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[str, list[dict]]:
    """The notebook of CELLS, run top to bottom in a new kernel of this Python; outputs by cell."""
    folder = tmp_path_factory.mktemp("kernels")
    spec = folder / "kernels" / "actplot-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "actplot test", "language": "python"}))
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in CELLS.values()]
    import os

    previous = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(folder)
    try:
        client = nbclient.NotebookClient(notebook, kernel_name="actplot-test", timeout=120,
                                         resources={"metadata": {"path": str(ROOT)}})
        client.execute()
    finally:
        if previous is None:
            os.environ.pop("JUPYTER_PATH")
        else:
            os.environ["JUPYTER_PATH"] = previous
    return {name: cell.outputs for name, cell in zip(CELLS, notebook.cells, strict=True)}


def images(outputs: list[dict]) -> list[dict]:
    return [o for o in outputs if o.get("output_type") in ("display_data", "execute_result")
            and any(key.startswith("image/") for key in o.get("data", {}))]


@pytest.mark.parametrize("cell", ["figure", "assigned then shown", "sweep", "user axes"])
def test_each_plotting_cell_shows_exactly_one_png(executed, cell):
    outputs = executed[cell]
    assert not [o for o in outputs if o["output_type"] == "error"], outputs
    (image,) = images(outputs)
    png = base64.b64decode(image["data"]["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_assigning_a_figure_shows_nothing(executed):
    assert executed["assigned only"] == []


def test_sample_gives_arrays_and_no_picture(executed):
    (result,) = executed["sample"]
    assert result["data"]["text/plain"] == "[-1.0, -0.5, 0.0, 0.5, 1.0]"


def test_a_hundred_figures_leak_nothing_into_pyplot(executed):
    outputs = executed["many figures"]
    assert not [o for o in outputs if o["output_type"] in ("error", "stream")], outputs
    assert outputs[-1]["data"]["text/plain"] == "0"


def test_svg_when_the_notebook_asks_for_it(executed):
    outputs = executed["svg"]
    (image,) = images(outputs)
    assert "image/svg+xml" in image["data"] and "image/png" not in image["data"]
    assert "<svg" in image["data"]["image/svg+xml"]
