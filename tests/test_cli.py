"""The command line: options, outputs, errors, start-up cost, the entry point and the window.

Most tests call :func:`actplot.cli.run`, the function behind the console script, and read
what it printed; a few run the installed ``actplot`` in a subprocess.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import actplot
from actplot.cli import app, run
from actplot.settings import MAX_POINTS

ROOT = Path(__file__).resolve().parent.parent


def invoke(capsys, *argv: str) -> tuple[int, str, str]:
    status = run(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_readme_command_writes_a_png(capsys, tmp_path):
    target = tmp_path / "leaky-relu.png"
    status, out, err = invoke(capsys, "leaky-relu", "--alpha", "0.01", "--range", "-10", "10", "-o", str(target))
    assert (status, out, err) == (0, "", "")
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", actplot.names())
def test_every_entry_is_a_command_that_draws(capsys, tmp_path, name):
    target = tmp_path / f"{name}.svg"
    status, _, err = invoke(capsys, name, "--order", "2", "--points", "301", "-o", str(target))
    assert status == 0, err
    assert b"<svg" in target.read_bytes()


@pytest.mark.parametrize("alias", ["LeakyReLU", "leaky_relu", "LEAKY-RELU", "lrelu"])
def test_aliases_work_as_commands(capsys, tmp_path, alias):
    target = tmp_path / "out.csv"
    assert invoke(capsys, alias, "--alpha", "0.2", "-o", str(target), "--points", "3")[0] == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    assert rows[0]["activation"] == "leaky-relu" and rows[0]["parameters"] == "negative_slope=0.2"


def test_every_parameter_and_alias_is_an_option(capsys, tmp_path):
    target = tmp_path / "out.csv"
    for entry in actplot.registry().values():
        for param in entry.parameters:
            for name in [param.name, *(a for a in param.aliases if len(a) > 1)]:
                value = ",".join(map(str, param.default)) if isinstance(param.default, tuple) else str(param.default)
                status, _, err = invoke(capsys, entry.name, f"--{name.replace('_', '-')}", value,
                                        "-o", str(target), "--points", "2")
                assert status == 0, (entry.name, name, err)


def test_csv_export_keeps_every_point_and_the_breakpoints(capsys, tmp_path):
    target = tmp_path / "relu6.csv"
    assert invoke(capsys, "relu6", "--range", "-1", "7", "--points", "5", "--order", "2", "-o", str(target))[0] == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    x = np.array([float(r["x"]) for r in rows])
    np.testing.assert_array_equal(x, [-1, 0, 1, 3, 5, 6, 7])  # the 5 uniform points and both corners
    entry = actplot.get("relu6")
    for column, order in (("y", 0), ("dy", 1), ("d2y", 2)):
        np.testing.assert_array_equal([float(r[column]) for r in rows], entry.evaluate(x, order))
    assert list(rows[0]) == ["activation", "parameters", "x", "y", "dy", "d2y"]


def test_sweeps_export_one_block_per_curve(capsys, tmp_path):
    target = tmp_path / "sweep.csv"
    argv = ["hardtanh", "--min-val", "-1", "--min-val", "-2", "--max", "1", "--max", "3", "--points", "11"]
    assert invoke(capsys, *argv, "--order", "0", "-o", str(target))[0] == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    blocks = list(dict.fromkeys(r["parameters"] for r in rows))
    assert blocks == ["min_val=-1.0;max_val=1.0", "min_val=-1.0;max_val=3.0",
                      "min_val=-2.0;max_val=1.0", "min_val=-2.0;max_val=3.0"]
    assert list(rows[0]) == ["activation", "parameters", "x", "y"]


def test_json_export_records_parameters_and_columns(capsys, tmp_path):
    target = tmp_path / "cmp.json"
    argv = ["compare", "relu", "softmax:others=1,2", "--range", "-2", "2", "--points", "5", "-o", str(target)]
    assert invoke(capsys, *argv)[0] == 0
    data = json.loads(target.read_text())
    assert data["range"] == [-2.0, 2.0] and data["order"] == 1
    relu, softmax = data["curves"]
    assert relu["activation"] == "relu" and relu["x"] == [-2.0, -1.0, 0.0, 1.0, 2.0]
    assert softmax["params"] == {"others": [1.0, 2.0]}
    expected = np.exp(softmax["x"]) / (np.exp(softmax["x"]) + np.e + np.e**2)
    np.testing.assert_allclose(softmax["y"], expected, rtol=1e-14)
    assert softmax["dy"] == actplot.get("softmax").derivative(softmax["x"], others=(1, 2)).tolist()


def test_json_writes_null_where_the_value_overflows(capsys, tmp_path):
    target = tmp_path / "exp.json"
    assert invoke(capsys, "exponential", "--range", "700", "720", "--points", "3", "-o", str(target))[0] == 0
    (curve,) = json.loads(target.read_text())["curves"]
    assert curve["y"][0] == pytest.approx(np.exp(700.0)) and curve["y"][1:] == [None, None]


def test_list_and_info(capsys):
    status, out, _ = invoke(capsys, "list")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "PARAMETERS", "FORMULA", "PYTORCH"]
    assert [line.split()[0] for line in lines[1:]] == actplot.names()
    assert "negative_slope=0.01" in lines[3] and lines[3].endswith("nn.LeakyReLU")
    status, out, _ = invoke(capsys, "info", "LeakyReLU")
    assert status == 0
    assert "f(x)   = x if x > 0 else α x" in out
    assert "negative_slope (α) = 0.01: slope of the line for x < 0; any finite number; also --alpha" in out
    assert "x = 0 (kink, f' jumps)" in out and "f'(0) = negative_slope" in out
    assert "monotonic: increasing" in out and "torch.nn.LeakyReLU" in out
    assert "\\" not in out and "$" not in out


def test_version(capsys):
    assert invoke(capsys, "--version") == (0, f"actplot {actplot.__version__}\n", "")


ERRORS = [
    (["lekyrelu"], "unknown activation 'lekyrelu'; did you mean 'leaky-relu'"),
    (["relu", "--range", "5", "-5"], "--range 5 -5 is reversed; did you mean --range -5 5?"),
    (["relu", "--range", "1", "1"], "--range 1 1 is empty"),
    (["relu", "--range", "0", "inf"], "--range must be two finite numbers"),
    (["relu", "--range", "nan", "1"], "--range must be two finite numbers"),
    (["relu", "--range", "-1e7", "1"], "--range must stay within +-1e+06"),
    (["relu", "--points", "1"], f"--points must be a whole number from 2 to {MAX_POINTS:,}, got 1"),
    (["relu", "--points", str(MAX_POINTS + 1)], "--points must be a whole number from 2"),
    (["relu", "--order", "3"], "--order must be 0, 1 or 2, got 3"),
    (["relu", "--dpi", "0"], "--dpi must be from 10 to 2400"),
    (["relu", "--size", "0", "3"], "--size must be two numbers of inches"),
    (["softplus", "--beta", "0"], "beta must be (0, inf), got 0.0"),
    (["hardtanh", "--min-val", "2"], "hardtanh: min_val must be less than max_val"),
    (["rrelu", "--lower", "0.5", "--upper", "0.1"], "rrelu: lower must be less than or equal to upper"),
    (["gelu", "--approximate", "erf"], "Invalid value for '--approximate'"),
    (["relu", "--alpha", "0.1"], "No such option: --alpha"),
    (["relu", "--bogus"], "(see 'actplot relu --help')"),
    (["leaky-relu", "--alpha", "abc"], "Invalid value for '--negative-slope'"),
    (["compare", "relu", "lekyrelu"], "unknown activation 'lekyrelu'"),
    (["compare", "leaky-relu:0.2"], "expected param=value after 'leaky-relu:'"),
    (["compare", "relu:alpha=1"], "relu takes no parameters"),
    (["compare"], "Missing argument 'SPEC...'"),
    (["info", "nosuch"], "unknown activation 'nosuch'"),
    (["relu", "--style", "ggplott"], "unknown style 'ggplott'; did you mean 'ggplot'"),
]


@pytest.mark.parametrize(("argv", "message"), ERRORS, ids=[" ".join(a) for a, _ in ERRORS])
def test_user_mistakes_get_one_line_and_status_2(capsys, tmp_path, argv, message):
    target = tmp_path / "out.png"
    target.write_bytes(b"keep me")
    status, out, err = invoke(capsys, *argv, "-o", str(target)) if argv[0] not in ("info",) else invoke(capsys, *argv)
    assert status == 2
    assert err.startswith("actplot: error: ") and err.count("\n") == 1, err
    assert message in err
    assert "Traceback" not in err and out == ""
    assert target.read_bytes() == b"keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]


@pytest.mark.parametrize(
    ("output", "message"),
    [("out.xyz", "cannot write '.xyz' files; use one of: "), ("missing/out.png", "does not exist"),
     ("out", "has no extension"), (".", "is a directory"), ("afile/out.png", "is not a directory")],
)
def test_bad_output_paths(capsys, tmp_path, monkeypatch, output, message):
    monkeypatch.chdir(tmp_path)
    Path("afile").write_text("x")
    status, _, err = invoke(capsys, "relu", "-o", output)
    assert status == 2 and message in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_bad_extension_lists_the_formats_matplotlib_can_write(capsys, tmp_path):
    _, _, err = invoke(capsys, "relu", "-o", str(tmp_path / "a.doc"))
    for fmt in ("png", "svg", "pdf", "csv", "json"):
        assert fmt in err


def test_a_runtime_failure_exits_1_without_traceback_and_keeps_the_file(capsys, tmp_path, monkeypatch):
    from matplotlib.figure import Figure

    target = tmp_path / "out.png"
    target.write_bytes(b"keep me")
    monkeypatch.setattr(Figure, "savefig", lambda *a, **k: (_ for _ in ()).throw(MemoryError("out of memory")))
    status, _, err = invoke(capsys, "relu", "-o", str(target))
    assert status == 1 and err == "actplot: error: MemoryError: out of memory\n"
    assert target.read_bytes() == b"keep me" and len(list(tmp_path.iterdir())) == 1


def test_no_display_says_to_use_output(capsys, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    status, _, err = invoke(capsys, "relu")
    assert status == 2 and "use -o FILE" in err


def test_bare_command_prints_help(capsys):
    status, out, _ = invoke(capsys)
    assert status == 0 and "Usage: actplot" in out and "leaky-relu" in out


def test_no_command_name_clashes_with_an_alias():
    from actplot.catalog import RESERVED_NAMES
    from actplot.errors import lookup_key

    commands = {command.name for command in app.registered_commands}
    assert commands == RESERVED_NAMES
    aliases = {lookup_key(alias) for entry in actplot.registry().values() for alias in entry.all_names}
    assert not {lookup_key(command) for command in commands} & aliases


def python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **env}, timeout=60)


@pytest.mark.parametrize("argv", [["--help"], ["list"], ["info", "gelu"], ["leaky-relu", "--help"],
                                  ["relu", "-o", "x.csv", "--points", "3"]])
def test_start_up_and_data_export_do_not_import_matplotlib(argv, tmp_path):
    code = (f"import sys, os; os.chdir({str(tmp_path)!r}); from actplot.cli import run; status = run({argv!r}); "
            "print('MPL' if 'matplotlib' in sys.modules else 'NOMPL', status)")
    result = python(code)
    assert result.stdout.split()[-2:] == ["NOMPL", "0"], result.stderr


def test_shell_completion_lists_names_without_matplotlib():
    code = ("import sys\nfrom actplot.cli import app\ntry:\n    app(prog_name='actplot')\n"
            "except SystemExit:\n    pass\nprint('MPL' if 'matplotlib' in sys.modules else 'NOMPL')")
    result = python(code, _ACTPLOT_COMPLETE="complete_bash", COMP_WORDS="actplot leak", COMP_CWORD="1")
    assert result.stdout.split() == ["leaky-relu", "NOMPL"], result.stderr


def test_installed_entry_point_and_module_run(tmp_path):
    executable = shutil.which("actplot", path=str(Path(sys.executable).parent)) or shutil.which("actplot")
    if executable is None:
        pytest.skip("the actplot console script is not installed in this environment")
    target = tmp_path / "gelu.png"
    result = subprocess.run([executable, "gelu", "-o", str(target)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size > 10_000
    result = subprocess.run([executable, "nosuch"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.startswith("actplot: error: unknown activation 'nosuch'")
    result = subprocess.run([sys.executable, "-m", "actplot", "--version"], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.stdout == f"actplot {actplot.__version__}\n"


@pytest.fixture
def virtual_display():
    """A private Xvfb display, or a skip saying why there is none."""
    if not shutil.which("Xvfb") or not shutil.which("xwininfo"):
        pytest.skip("no virtual display: install xvfb and x11-utils (.ci/run does) to test the window")
    for number in range(90, 110):
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


def test_window_opens_on_a_display(virtual_display):
    env = {**os.environ, "DISPLAY": virtual_display, "MPLBACKEND": "TkAgg"}
    try:
        import tkinter  # noqa: F401
    except ImportError:
        pytest.skip("this Python has no tkinter, so matplotlib has no window backend")
    plot = subprocess.Popen([sys.executable, "-m", "actplot", "gelu"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline, tree = time.monotonic() + 60, ""
    while time.monotonic() < deadline and plot.poll() is None:
        tree = subprocess.run(["xwininfo", "-root", "-tree", "-display", virtual_display],
                              capture_output=True, text=True).stdout
        if '"actplot: gelu' in tree:
            break
        time.sleep(0.2)
    still_open = plot.poll() is None
    plot.terminate()  # the window stays until closed: close it
    _, stderr = plot.communicate(timeout=10)
    assert still_open, f"actplot exited instead of showing a window: {stderr}"
    assert '"actplot: gelu   approximate=none"' in tree
