"""Failures of the system around actplot: one line, exit status 2, nothing written or damaged.

Each test runs the real command in a subprocess, as a user would, and reads its status, its
standard error and the files left behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import actplot
from actplot.core.errors import SettingsError


def actplot_command(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
                    stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "actplot", *args], cwd=cwd, stdout=stdout,  # type: ignore[call-overload]
                          stderr=subprocess.PIPE, env={**os.environ, **(env or {})})


def one_error_line(result: subprocess.CompletedProcess[bytes]) -> str:
    assert result.returncode == 2, result.stderr
    text = result.stderr.decode()
    assert text.count("\n") == 1 and text.startswith("actplot: error: "), text
    assert "Traceback" not in text
    return text


def test_a_file_name_too_long(tmp_path: Path) -> None:
    name = "a" * 300 + ".png"
    text = one_error_line(actplot_command("relu", "-o", name, cwd=tmp_path))
    assert "is 304 bytes long" in text and "at most 255 bytes" in text
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def full_disk(tmp_path: Path):
    """A file system of 64 KiB (a tmpfs, which root can mount), or a skip."""
    mount = shutil.which("mount")
    point = tmp_path / "small"
    point.mkdir()
    if os.geteuid() != 0 or mount is None or subprocess.run(
            [mount, "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point)], capture_output=True).returncode:
        pytest.skip("a small file system cannot be mounted here (needs root and mount)")
    try:
        yield point
    finally:
        subprocess.run(["umount", str(point)], check=False)


def test_a_full_disk_keeps_the_old_file(full_disk: Path) -> None:
    actplot_command("relu", "--dpi", "40", "-o", "f.png", cwd=full_disk)
    before = (full_disk / "f.png").read_bytes()
    text = one_error_line(actplot_command("relu", "--dpi", "600", "-o", "f.png", cwd=full_disk))
    assert text == "actplot: error: cannot write 'f.png': no space left on device\n"
    assert (full_disk / "f.png").read_bytes() == before
    assert sorted(p.name for p in full_disk.iterdir()) == ["f.png"]  # no temporary file left


def test_standard_output_on_a_full_device() -> None:
    with open("/dev/full", "wb") as full:
        for args in (("relu", "-o", "-"), ("relu", "-o", "-.png"), ("list",), ("info", "gelu")):
            text = one_error_line(actplot_command(*args, stdout=full))
            assert text == "actplot: error: cannot write to standard output: no space left on device\n"


@pytest.mark.parametrize("args", [("relu", "-o", "-", "--points", "100000"), ("list",)])
def test_a_closed_pipe(args: tuple[str, ...]) -> None:
    """`actplot relu -o - | head -1`: the reader leaves early."""
    process = subprocess.Popen([sys.executable, "-m", "actplot", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    if args[0] != "list":
        process.stdout.readline()
    process.stdout.close()  # `list` is small enough for the pipe's buffer: closed before it starts
    error = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait() == 2
    assert error == ("actplot: error: standard output was closed before everything was written "
                     "(the program reading it ended)\n")


def test_an_unknown_mplbackend(tmp_path: Path) -> None:
    text = one_error_line(actplot_command("relu", "-o", "f.png", cwd=tmp_path, env={"MPLBACKEND": "nosuch"}))
    assert "MPLBACKEND='nosuch' names no matplotlib backend" in text
    assert list(tmp_path.iterdir()) == []
    terminal = actplot_command("relu", "-t", env={"MPLBACKEND": "nosuch", "COLUMNS": "80"})
    assert terminal.returncode == 0  # the terminal needs no matplotlib


def test_a_picture_too_large_for_memory(tmp_path: Path) -> None:
    text = one_error_line(actplot_command("relu", "--size", "100", "100", "--dpi", "2400", "-o", "f.png",
                                          cwd=tmp_path))
    assert text.startswith("actplot: error: --size 100 100 at 2400 dots per inch makes a picture of "
                           "240,000 x 240,000 pixels")
    with pytest.raises(SettingsError, match=r"^size=\(100, 100\) at 2400 dots per inch .* 240,000 x 240,000"):
        actplot.plot("relu", size=(100, 100), dpi=2400)
    assert list(tmp_path.iterdir()) == []


def test_writing_through_a_symbolic_link(tmp_path: Path) -> None:
    """As cp and editors do: the file the link points to is written, the link stays a link."""
    (tmp_path / "pictures").mkdir()
    target = tmp_path / "pictures" / "relu.png"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = tmp_path / "relu.png"
    link.symlink_to(Path("pictures") / "relu.png")
    result = actplot_command("relu", "-o", "relu.png", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == os.path.join("pictures", "relu.png")
    assert target.read_bytes().startswith(b"\x89PNG")
    assert target.stat().st_mode & 0o777 == 0o640  # the file's own permissions are kept
    data = actplot_command("relu", "-o", "data.csv", cwd=tmp_path)
    assert data.returncode == 0
    (tmp_path / "dangling.csv").symlink_to("made.csv")
    assert actplot_command("relu", "-o", "dangling.csv", cwd=tmp_path).returncode == 0
    assert (tmp_path / "made.csv").read_text().startswith("activation,")
    assert (tmp_path / "dangling.csv").is_symlink()
