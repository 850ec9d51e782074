"""actplot in a real Jupyter notebook: a fresh IPython kernel (ipykernel) run by nbclient.

Each plotting cell must show exactly one image per figure it makes, as pyplot's inline backend
does, and no error, in a kernel where nothing else was imported first: a loop of plots shows every
figure in order, a figure that is the cell's value (or displayed) shows once, an assigned figure
shows, ``show=False`` shows nothing, and a figure drawn into the user's pyplot axes shows once.
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
                     'figs = [actplot.plot("relu", show=False) for _ in range(100)]\nlen(plt.get_fignums())'),
    "loop": 'for width in (4, 5, 6):\n    actplot.plot("relu", size=(width, 3))',
    "loop then value": ('for width in (4, 5):\n    actplot.plot("elu", size=(width, 3))\n'
                        'actplot.plot("gelu", size=(6, 3))'),
    "value then loop": ('first = actplot.plot("relu", size=(4, 3))\ndisplay(first)\n'
                        'for width in (5, 6):\n    actplot.plot("elu", size=(width, 3))'),
    "not shown": 'kept = actplot.plot("relu", size=(4, 3), show=False)\nactplot.plot("elu", show=False);',
    "shown later": 'kept',
    "semicolon": 'actplot.plot("relu", size=(5, 3));',
    "failing loop": 'for alpha in (1.0, 2.0, -1.0):\n    actplot.plot("celu", alpha=alpha, size=(4 + alpha, 3))',
    "after the failure": 'actplot.sample("relu", points=3).y.tolist()',
    "released": 'import weakref\nshown = weakref.ref(actplot.plot("relu"))',
    "leaks": 'import gc\ngc.collect()\n(len(plt.get_fignums()), shown() is None)',
    "svg": ('from matplotlib_inline.backend_inline import set_matplotlib_formats\n'
            'set_matplotlib_formats("svg")\nactplot.plot("tanh")'),
}


def run_notebook(cells: dict[str, str], folder: Path, allow_errors: bool = False) -> dict[str, list[dict]]:
    """The notebook of ``cells``, run top to bottom in a new kernel of this Python; outputs by cell."""
    spec = folder / "kernels" / "actplot-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "actplot test", "language": "python"}))
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells.values()]
    import os

    previous = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(folder)
    try:
        client = nbclient.NotebookClient(notebook, kernel_name="actplot-test", timeout=120, allow_errors=allow_errors,
                                         resources={"metadata": {"path": str(ROOT)}})
        client.execute()
    finally:
        if previous is None:
            os.environ.pop("JUPYTER_PATH")
        else:
            os.environ["JUPYTER_PATH"] = previous
    return {name: cell.outputs for name, cell in zip(cells, notebook.cells, strict=True)}


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[str, list[dict]]:
    """The notebook of CELLS, run in a new kernel (one cell fails on purpose: "failing loop")."""
    return run_notebook(CELLS, tmp_path_factory.mktemp("kernels"), allow_errors=True)


def test_only_the_failing_cell_fails(executed):
    failed = [name for name, outputs in executed.items() if any(o["output_type"] == "error" for o in outputs)]
    assert failed == ["failing loop"], {name: executed[name] for name in failed}


def images(outputs: list[dict]) -> list[dict]:
    return [o for o in outputs if o.get("output_type") in ("display_data", "execute_result")
            and any(key.startswith("image/") for key in o.get("data", {}))]


def widths(outputs: list[dict]) -> list[int]:
    """The pixel width of each PNG shown, in order (each checked to be a PNG)."""
    found = []
    for image in images(outputs):
        png = base64.b64decode(image["data"]["image/png"])
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
        found.append(int.from_bytes(png[16:20], "big"))
    return found


@pytest.mark.parametrize("cell", ["figure", "assigned then shown", "assigned only", "sweep", "user axes"])
def test_each_plotting_cell_shows_exactly_one_png(executed, cell):
    outputs = executed[cell]
    assert not [o for o in outputs if o["output_type"] == "error"], outputs
    (image,) = images(outputs)
    png = base64.b64decode(image["data"]["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_a_loop_of_plots_shows_every_figure_in_order(executed):
    outputs = executed["loop"]
    assert [o["output_type"] for o in outputs] == ["display_data"] * 3
    shown = widths(outputs)
    assert shown == sorted(shown) and len(set(shown)) == 3  # 4, 5 and 6 inches wide, in that order


def test_a_figure_that_is_the_value_shows_once_after_those_made_before_it(executed):
    outputs = executed["loop then value"]
    assert [o["output_type"] for o in outputs] == ["display_data", "display_data", "execute_result"]
    shown = widths(outputs)
    assert shown == sorted(shown) and len(set(shown)) == 3


def test_a_displayed_figure_is_not_shown_again(executed):
    outputs = executed["value then loop"]
    assert len(images(outputs)) == 3
    shown = widths(outputs)
    assert shown == sorted(shown) and len(set(shown)) == 3


def test_show_false_shows_nothing_and_the_figure_shows_when_asked(executed):
    assert executed["not shown"] == []
    (result,) = executed["shown later"]
    assert result["output_type"] == "execute_result" and len(images([result])) == 1


def test_a_semicolon_hides_the_value_not_the_figure(executed):
    assert len(images(executed["semicolon"])) == 1  # as pyplot: `plt.plot(...);` still shows the figure


def test_a_failing_cell_shows_the_figures_made_before_the_error(executed):
    outputs = executed["failing loop"]
    (error,) = [o for o in outputs if o["output_type"] == "error"]
    assert error["ename"] == "ParameterError"
    assert len(images(outputs)) == 2
    assert executed["after the failure"][0]["data"]["text/plain"] == "[0.0, 0.0, 5.0]"  # nothing left over


def test_nothing_leaks_into_pyplot_nor_stays_in_memory(executed):
    assert len(images(executed["released"])) == 1
    (result,) = executed["leaks"]
    assert result["data"]["text/plain"] == "(0, True)"  # shown at the cell's end, then let go


def test_sample_gives_arrays_and_no_picture(executed):
    (result,) = executed["sample"]
    assert result["data"]["text/plain"] == "[-1.0, -0.5, 0.0, 0.5, 1.0]"


def test_a_hundred_figures_leak_nothing_into_pyplot(executed):
    outputs = executed["many figures"]
    assert not [o for o in outputs if o["output_type"] in ("error", "stream")], outputs
    assert not images(outputs)  # show=False: kept in the list, not shown
    assert outputs[-1]["data"]["text/plain"] == "0"


def test_svg_when_the_notebook_asks_for_it(executed):
    outputs = executed["svg"]
    (image,) = images(outputs)
    assert "image/svg+xml" in image["data"] and "image/png" not in image["data"]
    assert "<svg" in image["data"]["image/svg+xml"]


EXPLORE_CELLS = {
    "explorer": 'import actplot\nexplorer = actplot.explore("leaky-relu")\nexplorer',
    "set": ('import numpy as np\nexplorer.controls["negative_slope"].value = 0.3  # as the slider does\n'
            'lines = [l for l in explorer.figure.axes[0].lines if l.get_gid() == "curve"]\n'
            'x, y = lines[0].get_xdata(), lines[0].get_ydata()\n'
            'print(explorer.params, bool(np.array_equal(y, np.where(x > 0, x, 0.3 * x))))\n'
            'print(explorer.image.value[:8] == b"\\x89PNG\\r\\n\\x1a\\n",\n'
            '      type(explorer.controls["negative_slope"]).__name__)'),
    "ipympl": ('%matplotlib widget\nlive = actplot.explore("celu")\ndisplay(live)\n'
               'live.controls["alpha"].value = 2.0\nprint(live._live, type(live.controls["alpha"]).__name__, '
               'live.params)'),
    "missing": ('import sys\nsys.modules["ipywidgets"] = None  # as if actplot[notebook] were not installed\n'
                'actplot.explore("elu")'),
}


@pytest.fixture(scope="module")
def explored(tmp_path_factory) -> dict[str, list[dict]]:
    pytest.importorskip("ipywidgets")
    pytest.importorskip("ipympl")
    return run_notebook(EXPLORE_CELLS, tmp_path_factory.mktemp("explore"), allow_errors=True)


WIDGET = "application/vnd.jupyter.widget-view+json"


def test_explore_shows_ipywidgets_controls_and_the_picture(explored):
    outputs = explored["explorer"]
    assert not [o for o in outputs if o["output_type"] == "error"], outputs
    assert len([o for o in outputs if WIDGET in o.get("data", {})]) == 1
    assert not images(outputs)  # the picture is inside the widget, not a second output


def test_moving_a_widget_redraws_the_lines_and_the_image(explored):
    (text,) = [o["text"] for o in explored["set"] if o["output_type"] == "stream"]
    assert text == "{'negative_slope': 0.3} True\nTrue FloatSlider\n"


def test_explore_with_ipympl_shows_the_live_canvas(explored):
    outputs = explored["ipympl"]
    assert not [o for o in outputs if o["output_type"] == "error"], outputs
    assert [o for o in outputs if WIDGET in o.get("data", {})]
    (text,) = [o["text"] for o in outputs if o["output_type"] == "stream"]
    assert text == "True FloatLogSlider {'alpha': 2.0}\n"


def test_without_ipywidgets_the_message_says_what_to_install(explored):
    (error,) = [o for o in explored["missing"] if o["output_type"] == "error"]
    assert error["ename"] == "MissingExtra"
    assert error["evalue"] == "exploring in a notebook needs ipywidgets: pip install 'actplot[notebook]'"
