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
from actplot.core.settings import MAX_POINTS

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


def test_a_list_parameter_takes_its_list_as_an_option(capsys, tmp_path):
    target = tmp_path / "out.csv"
    assert invoke(capsys, "softmax", "--others", "1,2", "--others", "3", "-o", str(target), "--points", "2")[0] == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    assert [row["parameters"] for row in rows] == ["others=1,2", "others=1,2", "others=3", "others=3"]
    status, _, err = invoke(capsys, "softmax", "--others", "1,x", "-o", str(target))
    assert status == 2 and err == "actplot: error: others must be a non-empty list of numbers, each any finite " \
                                  "number, got '1,x'\n"


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
    assert blocks == ["min_val=-1;max_val=1", "min_val=-1;max_val=3",
                      "min_val=-2;max_val=1", "min_val=-2;max_val=3"]
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


def test_list_one_family_and_info_names_it(capsys):
    status, out, err = invoke(capsys, "list", "--family", "Piecewise-Units")
    assert (status, err) == (0, "")
    names = [line.split()[0] for line in out.splitlines()[1:]]
    assert names[:3] == ["srelu", "apl", "plu"] and "sqnl" in names and "relu" not in names and "elu" not in names
    status, out, err = invoke(capsys, "list", "--family", "self_gates")
    assert status == 0 and "tanhexp" in out and "srelu" not in out
    status, out, _ = invoke(capsys, "info", "repu")
    assert "  family:         Piecewise linear and polynomial units (actplot list --family piecewise-units)" in out
    status, out, err = invoke(capsys, "list", "--family", "rectifier")
    assert (status, out) == (2, "") and len(err.splitlines()) == 1
    assert err.startswith("actplot: error: --family: unknown family 'rectifier'; the families: rectifiers")
    assert "self-gates (Self-gated: x times a gate)" in err
    status, out, err = invoke(capsys, "list", "--family", "rectifiers", "--framework", "jax")
    assert (status, out) == (2, "") and "cannot be combined" in err


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
    (["relu", "--range", "-1e7", "1"], "--range must stay within -1000000 to 1000000, got -10000000 1"),
    (["relu", "--range", "-1000001", "1000000"], "got -1000001 1000000"),
    (["relu", "--range", "-1e-300", "1e-300"], "--range -1e-300 1e-300 is too narrow to draw; the narrowest"),
    (["sigmoid", "--range", "0", "5e-324"], "--range 0 5e-324 is too narrow to draw"),
    (["relu", "--range", "1e5", "100000.0000000001"], "is too narrow to draw; the narrowest range there is 1e-07"),
    (["relu", "--points", "1"], f"--points must be a whole number from 2 to {MAX_POINTS:,}, got 1"),
    (["relu", "--points", str(MAX_POINTS + 1)], "--points must be a whole number from 2"),
    (["relu", "--order", "3"], "--order must be 0, 1 or 2, got 3"),
    (["relu", "--dpi", "0"], "--dpi must be from 10 to 2400"),
    (["relu", "--size", "0", "3"], "--size must be inches, at most 100 and at least 2.2 1.4 for 2 panels"),
    (["relu", "--size", "1", "1"], "at least 2.2 1.4 for 2 panels (1.1 x 1.4 a panel), got 1 1"),
    (["relu", "--size", "2", "1"], "got 2 1"),
    (["relu", "--size", "3", "3", "--order", "2"], "at least 3.3 1.4 for 3 panels"),
    (["relu", "--size", "3", "3", "--order", "0", "--size", "101", "3"], "at most 100"),
    (["relu", "--points", "1.5"], "Invalid value for '--points' / '-n': a whole number (2001, 1e5) was expected"),
    (["expr", ""], "the expression is empty"),
    (["expr", "   "], "the expression is empty"),
    (["compare", "expr:"], "the expression is empty"),
    (["compare", "custom:"], "no function given; write custom:MODULE:FUNCTION"),
    (["expr", "leaky_relu(x, negative_slope=x)"], "must not depend on x"),
    (["expr", "x*1e400"], "1e400"),
    (["expr", "gelu(x, approximate=erf)"], "approximate"),
    (["expr", "x*a", "-p", "x=2"], "'x' is a reserved name"),
    (["expr", "x*a", "-p", "a=1", "-p", "pi=3"], "'pi' is a reserved name"),
    (["custom", "os:system", "-p", "x=1"], "'x' is a reserved name"),
    (["custom", "tests.custom_functions:nowhere"],
     "nothing to draw: f(x) is not finite (or beyond +-1e+300) anywhere on [-5, 5]"),
    (["relu", "--style", "missing.mplstyle"], "style file 'missing.mplstyle' does not exist"),
    (["softplus", "--beta", "0"], "beta must be (0, inf), got 0.0"),
    (["hardtanh", "--min-val", "2"], "hardtanh: min_val must be less than max_val"),
    (["rrelu", "--lower", "0.5", "--upper", "0.1"], "rrelu: lower must be less than or equal to upper"),
    (["gelu", "--approximate", "erf"], "Invalid value for '--approximate'"),
    (["compare", "gelu:approximate=erf"], "approximate must be one of 'none', 'tanh', got 'erf'"),
    (["relu", "--alpha", "0.1"], "No such option: --alpha"),
    (["relu", "--bogus"], "(see 'actplot relu --help')"),
    (["leaky-relu", "--alpha", "abc"], "Invalid value for '--alpha'"),
    (["leaky-relu", "--alpha", "0.1", "--negative-slope", "0.2"],
     "--negative-slope and --alpha name the same parameter, negative_slope"),
    (["leaky-relu", "--alpha", "0.1", "--alpha", "0.1"], "negative_slope takes the value 0.1 twice in the sweep"),
    (["compare", "leaky-relu:alpha=0.1,negative_slope=0.2"], "negative_slope is given twice, as 'alpha' and "
     "'negative_slope'"),
    (["relu", "--ylim", "1", "-1"], "--ylim 1 -1 must go from low to high; did you mean --ylim -1 1?"),
    (["relu", "--ylim", "0", "1", "--ylim", "0", "1", "--ylim", "0", "1"], "--ylim gives limits for 3 panels"),
    (["relu", "--ylim", "a", "b"], "--ylim takes two numbers, got 'a b'"),
    (["relu", "--legend", "left"], "--legend must be one of auto, outside, inside, none, got left"),
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


def test_no_display_draws_in_the_terminal_unless_a_window_is_asked_for(capsys, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    status, out, err = invoke(capsys, "relu")
    assert status == 0 and "max(0, x)" in out and err.startswith("actplot: no window can open here")
    status, _, err = invoke(capsys, "relu", "--window")
    assert status == 2 and "use -o FILE" in err


def test_a_display_without_a_server_is_named(tmp_path):
    env = {**os.environ, "DISPLAY": ":987", "MPLBACKEND": ""}
    result = subprocess.run([sys.executable, "-m", "actplot", "relu", "--window"], capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=60)
    assert result.returncode == 2
    assert result.stderr == ("actplot: error: cannot open a window: no display server answers at ':987'; "
                             "use -o FILE to write the figure to a file\n")
    result = subprocess.run([sys.executable, "-m", "actplot", "relu"], capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=60)
    assert result.returncode == 0 and "max(0, x)" in result.stdout
    assert result.stderr.startswith("actplot: no window can open here")


def actplot_process(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actplot", *argv], capture_output=True, cwd=cwd, timeout=120)


def test_dash_writes_to_standard_output():
    csv_rows = list(csv.reader(actplot_process("relu", "-n", "3", "-o", "-").stdout.decode().splitlines()))
    assert csv_rows == [["activation", "parameters", "x", "y", "dy"], ["relu", "", "-5", "0", "0"],
                        ["relu", "", "0", "0", "0"], ["relu", "", "5", "5", "1"]]
    data = json.loads(actplot_process("elu", "-n", "2", "-o", "-.json").stdout)
    assert data["curves"][0]["x"] == [-5.0, 0.0, 5.0]
    picture = actplot_process("elu", "-o", "-.png")
    assert picture.returncode == 0 and picture.stdout[:8] == b"\x89PNG\r\n\x1a\n" and picture.stderr == b""


def test_values_beyond_float64_are_left_out_with_a_warning(capsys, tmp_path):
    target = tmp_path / "a.png"
    status, _, err = invoke(capsys, "leaky-relu", "--alpha", "1e308", "--range", "-10", "10", "-o", str(target))
    assert status == 0 and target.stat().st_size > 10_000
    assert err.splitlines()[0] == ("actplot: warning: f(x) is not finite or beyond +-1e+300 at 1000 of 2001 "
                                   "points, for x from -10 to -0.01; those points are not drawn")
    assert err.count("\n") == 2 and "f′(x) is not finite or beyond +-1e+300 at 1001 of 2002" in err
    status, _, err = invoke(capsys, "custom", "tests.custom_functions:log_of", "-o", str(tmp_path / "log.png"))
    assert status == 0 and err.startswith("actplot: warning: f(x) is not finite") and "to 0;" in err


def test_a_broken_style_file_is_refused_once(capsys, tmp_path):
    style = tmp_path / "bad.mplstyle"
    style.write_text("lines.linewidth: wide\n")
    target = tmp_path / "a.png"
    status, _, err = invoke(capsys, "relu", "--style", str(style), "-o", str(target))
    assert status == 2 and err.count("\n") == 1
    assert err.startswith(f"actplot: error: style file '{style}' is not valid: Bad value in file")
    assert not target.exists()


def test_matplotlib_notices_become_actplot_warnings(capsys, tmp_path):
    status, _, err = invoke(capsys, "rrelu", "-o", str(tmp_path / "a.eps"))
    assert status == 0
    assert err == ("actplot: warning: matplotlib: The PostScript backend does not support transparency; "
                   "partially transparent artists will be rendered opaque.\n")


def test_choices_ignore_case_and_counts_take_exponents(capsys, tmp_path):
    target = tmp_path / "g.csv"
    assert invoke(capsys, "gelu", "--approximate", "TANH", "--points", "1e2", "-o", str(target))[0] == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    assert rows[0]["parameters"] == "approximate=tanh" and len(rows) == 100


def test_a_parameter_repeated_in_a_spec_sweeps_it(capsys, tmp_path):
    target = tmp_path / "c.csv"
    argv = ["compare", "leaky-relu:alpha=0.1,alpha=0.2", "expr:a*x;a=1;a=2", "softmax:others=1,2"]
    assert invoke(capsys, *argv, "-n", "2", "-o", str(target))[0] == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    blocks = list(dict.fromkeys((r["activation"], r["parameters"]) for r in rows))
    assert blocks == [("leaky-relu", "negative_slope=0.1"), ("leaky-relu", "negative_slope=0.2"),
                      ("expr:a*x", "a=1"), ("expr:a*x", "a=2"), ("softmax", "others=1,2")]


def test_data_blocks_of_expressions_and_functions_can_be_told_apart(capsys, tmp_path):
    target = tmp_path / "c.csv"
    argv = ["compare", "expr:max(x, 0)", "expr:x*sigmoid(x)", "custom:tests.custom_functions:snake;alpha=2",
            "custom:tests.custom_functions:cubic"]
    assert invoke(capsys, *argv, "-n", "2", "-o", str(target))[0] == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    assert list(dict.fromkeys((r["activation"], r["parameters"]) for r in rows)) == [
        ("expr:max(x, 0)", ""), ("expr:x*sigmoid(x)", ""), ("custom:tests.custom_functions:snake", "alpha=2"),
        ("custom:tests.custom_functions:cubic", "")]


def test_the_readme_ten_million_points_example(capsys, tmp_path):
    target = tmp_path / "g.png"
    assert invoke(capsys, "gelu", "--points", "1e7", "-o", str(target)) == (0, "", "") or target.exists()
    assert target.stat().st_size > 10_000


def test_bare_command_prints_help(capsys):
    status, out, _ = invoke(capsys)
    assert status == 0 and "Usage: actplot" in out and "leaky-relu" in out


def test_no_command_name_clashes_with_an_alias():
    from actplot.catalog import RESERVED_NAMES
    from actplot.core.errors import lookup_key
    from actplot.request import COMMANDS

    commands = {command.name for command in app.registered_commands} | set(COMMANDS)
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


def test_parse_reads_a_command_line_without_drawing(tmp_path, capsys):
    from actplot.request import CommandLineError
    from actplot.request import parse as parse_request

    def parse(argv: list[str]) -> tuple[list, object]:
        plot = parse_request(argv)
        return plot.curves, plot.settings

    curves, settings = parse(["leaky-relu", "--alpha", "0.01", "--alpha", "0.1", "--range", "-10", "10", "-o",
                              str(tmp_path / "x.png")])
    assert [c.label for c in curves] == ["negative_slope=0.01", "negative_slope=0.1"]
    assert settings.x_range == (-10.0, 10.0) and not (tmp_path / "x.png").exists()
    curves, settings = parse(["compare", "relu", "gelu:approximate=tanh", "--order", "2"])
    assert [c.label for c in curves] == ["relu", "gelu (approximate=tanh)"] and settings.order == 2
    for argv, message in [(["lekyrelu"], "unknown activation 'lekyrelu'"), (["list"], "does not draw a plot"),
                          (["relu", "--help"], "does not draw a plot"),
                          (["relu", "--range", "5", "-5"], "--range 5 -5 is reversed"),
                          (["relu", "--bogus"], "No such option: --bogus")]:
        with pytest.raises(CommandLineError, match=message):
            parse(argv)
    assert capsys.readouterr() == ("", "")


def test_info_describes_every_entry(capsys):
    for name in actplot.names():
        status, out, err = invoke(capsys, "info", name)
        assert (status, err) == (0, ""), name
        assert out.startswith(f"{name}: ") and "  breakpoints:    " in out, name
    assert "x = 0 (f''' jumps)" in invoke(capsys, "info", "repu")[1]  # RePU's default p = 3
