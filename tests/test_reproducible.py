"""Drawing leaves no trace in the process and gives the same bytes however, wherever and in
whatever order it is asked for: from threads, after other figures, in every format listed."""

from __future__ import annotations

import gzip
import logging
import os
import subprocess
import sys
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import matplotlib
import pytest

import actplot
from actplot.core.errors import DrawWarning

#: Every picture format the README lists (matplotlib's, less .pgf).
FORMATS = ("png", "svg", "svgz", "pdf", "eps", "ps", "jpg", "jpeg", "tif", "tiff", "webp", "gif", "avif",
           "raw", "rgba")


def _rc_snapshot() -> dict[str, str]:
    return {key: repr(value) for key, value in matplotlib.rcParams.items()}


def _logging_snapshot() -> list[tuple[str, object, object, object]]:
    loggers = [name for name in logging.Logger.manager.loggerDict if name.startswith("matplotlib")]
    return [(name, tuple(logging.getLogger(name).handlers), tuple(logging.getLogger(name).filters),
             logging.getLogger(name).propagate) for name in sorted(loggers)]


def test_threads_draw_the_bytes_serial_drawing_draws(tmp_path: Path) -> None:
    cases = [(name, style) for name in ("relu", "hardswish", "elu") for style in ("default", "dark_background")]
    serial = {}
    for name, style in cases:
        serial[name, style] = actplot.save(tmp_path / f"serial-{name}-{style}.png", name, style=style,
                                           dpi=60).read_bytes()
    assert serial["relu", "default"] != serial["relu", "dark_background"]
    before, logs = _rc_snapshot(), _logging_snapshot()
    jobs = [(index, *cases[index % len(cases)]) for index in range(36)]
    start = threading.Barrier(6)

    def draw(job: tuple[int, str, str]) -> tuple[str, str, bytes]:
        index, name, style = job
        if index < 6:
            start.wait()  # the first six start together
        path = actplot.save(tmp_path / f"thread-{index}.png", name, style=style, dpi=60)
        return name, style, path.read_bytes()

    with ThreadPoolExecutor(6) as pool:
        drawn = list(pool.map(draw, jobs))
    wrong = [(name, style) for name, style, data in drawn if data != serial[name, style]]
    assert wrong == []
    assert _rc_snapshot() == before  # no style left behind for the process
    assert _logging_snapshot() == logs


def test_a_figure_does_not_depend_on_what_was_drawn_before(tmp_path: Path) -> None:
    first = actplot.save(tmp_path / "first.png", "hardswish").read_bytes()
    for name in ("relu", "gelu", "softplus", "threshold", "rrelu", "elu"):
        actplot.save(tmp_path / f"{name}.png", name)
    again = actplot.save(tmp_path / "again.png", "hardswish").read_bytes()
    assert again == first


def test_a_fresh_process_draws_the_same_bytes(tmp_path: Path) -> None:
    """hardswish alone in its own process, and after other entries in this one."""
    for name in ("relu", "gelu", "threshold"):
        actplot.save(tmp_path / f"{name}.png", name)
    here = actplot.save(tmp_path / "here.png", "hardswish", order=2).read_bytes()
    subprocess.run([sys.executable, "-m", "actplot", "hardswish", "--order", "2", "-o", str(tmp_path / "alone.png")],
                   check=True, capture_output=True)
    assert (tmp_path / "alone.png").read_bytes() == here


def test_the_style_is_not_left_set_and_user_settings_are_kept(tmp_path: Path) -> None:
    with matplotlib.rc_context({"lines.linewidth": 7.0}):
        before = _rc_snapshot()
        fig = actplot.plot("relu", style="dark_background")
        fig.savefig(tmp_path / "dark.png")
        assert _rc_snapshot() == before
        assert matplotlib.rcParams["lines.linewidth"] == 7.0


def test_savefig_of_a_returned_figure_uses_its_style(tmp_path: Path) -> None:
    """A dark figure saved by the user keeps its dark background (the style's savefig.facecolor)."""
    from PIL import Image

    fig = actplot.plot("relu", style="dark_background", dpi=50)
    fig.savefig(tmp_path / "dark.png")
    corner = Image.open(tmp_path / "dark.png").convert("RGB").getpixel((1, 1))
    assert corner == (0, 0, 0)


def test_no_process_state_is_touched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing files never reads or sets the umask, never changes sys.path or sys.stdout."""
    calls: list[int] = []
    real_umask = os.umask
    monkeypatch.setattr(os, "umask", lambda mask: calls.append(mask) or real_umask(mask))
    path_before, stdout_before = list(sys.path), sys.stdout
    for fmt in ("png", "csv", "json", "npz", "svg"):
        actplot.save(tmp_path / f"a.{fmt}", "relu", points=11)
    assert calls == []
    assert sys.path == path_before and sys.stdout is stdout_before
    mode = (tmp_path / "a.png").stat().st_mode & 0o777
    assert mode == 0o666 & ~_current_umask()


def _current_umask() -> int:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    pytest.skip("the umask cannot be read without changing it here")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_byte_reproducible(tmp_path: Path, fmt: str) -> None:
    """Two writes give the same bytes, and nothing in them records the time or a file name."""
    with warnings.catch_warnings():  # PostScript has no transparency: matplotlib's notice, as a warning
        warnings.simplefilter("ignore", DrawWarning)
        first = actplot.save(tmp_path / f"one.{fmt}", "threshold", dpi=40).read_bytes()
        second = actplot.save(tmp_path / f"two.{fmt}", "threshold", dpi=40).read_bytes()
    assert first == second
    if fmt in ("eps", "ps"):
        assert b"CreationDate" not in first and b"one." not in first
    if fmt == "svgz":
        assert first[:3] == b"\x1f\x8b\x08"
        assert first[3] & 0x08 == 0  # no file name in the header
        assert first[4:8] == b"\0\0\0\0"  # no time
        assert gzip.decompress(first).startswith(b"<?xml")


def test_postscript_is_the_same_a_second_later(tmp_path: Path) -> None:
    """The creation date is what made .eps differ between runs: two processes a second apart."""
    outputs = []
    for index in range(2):
        path = tmp_path / f"{index}.eps"
        subprocess.run([sys.executable, "-m", "actplot", "relu", "-o", str(path)], check=True, capture_output=True)
        outputs.append(path.read_bytes())
        if index == 0:
            import time

            time.sleep(1.1)
    assert outputs[0] == outputs[1]


def test_pgf_is_refused_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "actplot", "relu", "-o", str(tmp_path / "f.pgf")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("actplot: error: cannot write '.pgf' files: ")
    assert not list(tmp_path.iterdir())


def test_the_gallery_redraws_the_same_bytes_with_any_job_count(tmp_path: Path) -> None:
    """`gallery --force` with 2 jobs after a run with 1: every image the same, byte for byte."""
    config = tmp_path / "gallery.toml"
    entries = ["relu", "hardswish", "gelu", "threshold", "elu", "softsign"]
    config.write_text("replace = true\n" + "".join(
        f'[[entries]]\nname = "{name}"\n' for name in entries) + '[[entries]]\nname = "hardswish"\norder = 2\n'
        'file = "hardswish-2"\n')
    folder = tmp_path / "gallery"

    def run(*options: str) -> dict[str, bytes]:
        subprocess.run([sys.executable, "-m", "actplot", "gallery", str(folder), "--config", str(config), *options],
                       check=True, capture_output=True)
        return {path.name: path.read_bytes() for path in sorted(folder.glob("*.png"))}

    one = run("--jobs", "1")
    two = run("--jobs", "2", "--force")
    assert len(one) == 7 and one == two


def test_a_custom_module_beside_the_user_leaves_sys_path_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "besideme.py").write_text("import numpy as np\n\ndef f(x):\n    return np.tanh(x)\n")
    (tmp_path / "besidepkg").mkdir()
    (tmp_path / "besidepkg" / "__init__.py").write_text("")
    (tmp_path / "besidepkg" / "acts.py").write_text("def g(x):\n    return x * x\n")
    monkeypatch.chdir(tmp_path)
    before = list(sys.path)
    assert actplot.sample("custom:besideme:f", points=3).y.tolist()[1] == 0.0
    assert actplot.sample("custom:besidepkg.acts:g", points=3).y.tolist() == [25.0, 0.0, 25.0]
    assert sys.path == before


def test_postscript_has_nothing_to_say_of_an_opaque_figure(tmp_path: Path) -> None:
    """The grid and the legends are opaque colours, so only what truly needs transparency (RReLU's
    band) makes PostScript's notice."""
    for argv in (["leaky-relu"], ["compare", "relu", "gelu"]):
        result = subprocess.run([sys.executable, "-m", "actplot", *argv, "-o", str(tmp_path / "f.eps")],
                                capture_output=True, text=True)
        assert result.returncode == 0 and result.stderr == ""
