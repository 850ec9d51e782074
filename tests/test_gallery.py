"""The gallery: incremental runs, --check, damaged files, --clean, config errors, determinism, parallel workers."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import actplot
from actplot import gallery, pictures
from actplot.cli import run as cli

CONFIG = """
replace = true
[[entries]]
name = "relu"
[[entries]]
name = "leaky-relu"
params = { negative_slope = [0.01, 0.2] }
range = [-3, 3]
[[entries]]
compare = ["tanh", "softmax:others=1,2"]
order = 2
file = "pair"
"""
FILES = ["relu.png", "leaky-relu-sweep.png", "pair.png"]


@pytest.fixture
def config(tmp_path) -> Path:
    path = tmp_path / "gallery.toml"
    path.write_text(CONFIG)
    return path


def options(directory: Path, config: Path, **extra) -> gallery.Options:
    return gallery.Options(directory=directory, config=config, jobs=extra.pop("jobs", 1), **extra)


def snapshot(directory: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(directory.iterdir())}


def test_first_run_renders_everything_and_writes_index_and_manifest(tmp_path, config):
    out = tmp_path / "gallery"
    report = gallery.run(options(out, config))
    assert sorted(report.rendered) == sorted(FILES)
    assert sorted(p.name for p in out.iterdir()) == sorted([*FILES, "README.md", "index.html", "manifest.json"])
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(manifest["images"]) == sorted(FILES)
    assert manifest["images"]["leaky-relu-sweep.png"]["spec"]["curves"][1]["params"] == {"negative_slope": 0.2}
    index = (out / "README.md").read_text()
    for file in FILES:
        assert f'<img src="{file}"' in index
    assert "`max(0, x)`" in index and "nn.ReLU" in index
    assert (out / "relu.png").read_bytes()[:4] == b"\x89PNG"


def test_second_run_renders_nothing_and_rewrites_no_file(tmp_path, config, monkeypatch):
    out = tmp_path / "g"
    gallery.run(options(out, config))
    before = snapshot(out)
    monkeypatch.setattr(gallery.pictures, "data_digest",
                        lambda image: pytest.fail("evaluated although nothing changed"))
    report = gallery.run(options(out, config))
    assert report.rendered == [] and sorted(report.unchanged) == sorted(FILES) and report.indexes == []
    assert snapshot(out) == before


def test_changing_one_parameter_renders_exactly_that_image(tmp_path, config):
    out = tmp_path / "g"
    gallery.run(options(out, config))
    before = snapshot(out)
    config.write_text(CONFIG.replace("[0.01, 0.2]", "[0.01, 0.3]"))
    report = gallery.run(options(out, config))
    assert report.rendered == ["leaky-relu-sweep.png"]
    after = snapshot(out)
    assert after["relu.png"] == before["relu.png"] and after["pair.png"] == before["pair.png"]
    assert after["leaky-relu-sweep.png"][1] != before["leaky-relu-sweep.png"][1]


def test_a_changed_function_rerenders_only_what_its_data_changes(tmp_path, config, monkeypatch):
    out = tmp_path / "g"
    gallery.run(options(out, config))
    monkeypatch.setattr(gallery.pictures, "code_digest", lambda: "another version of the code")
    assert gallery.run(options(out, config)).rendered == []  # same data: nothing to draw
    relu = actplot.get("relu")
    monkeypatch.setattr(type(relu), "evaluate", lambda self, x, order=0, **p: x * 0 + 7.0)
    monkeypatch.setattr(gallery.pictures, "code_digest", lambda: "yet another version")
    assert sorted(gallery.run(options(out, config)).rendered) == sorted(FILES)


def test_check_lists_missing_stale_and_orphans_and_writes_nothing(tmp_path, config, capsys):
    out = tmp_path / "g"
    gallery.run(options(out, config))
    assert cli(["gallery", str(out), "--config", str(config), "--check"]) == 0
    assert "is up to date (3 images)" in capsys.readouterr().out
    (out / "relu.png").unlink()
    (out / "stray.png").write_bytes(b"x")
    config.write_text(CONFIG.replace('file = "pair"', 'file = "pair"\ntitle = "A pair"'))
    before = snapshot(out)
    status = cli(["gallery", str(out), "--config", str(config), "--check"])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.out.splitlines() == ["missing: relu.png", "stale: pair.png", "orphan: stray.png",
                                         "stale: README.md", "stale: index.html"]
    assert "run 'actplot gallery" in captured.err
    assert snapshot(out) == before


def test_check_never_draws_so_pixels_from_another_machine_pass(tmp_path, config, monkeypatch):
    out = tmp_path / "g"
    gallery.run(options(out, config))
    # As if another FreeType had drawn relu.png when the gallery was made: other bytes, recorded as written.
    (out / "relu.png").write_bytes(b"drawn by another FreeType")
    recorded = json.loads((out / "manifest.json").read_text())
    recorded["images"]["relu.png"]["bytes"] = hashlib.sha256(b"drawn by another FreeType").hexdigest()
    (out / "manifest.json").write_text(json.dumps(recorded))
    monkeypatch.setattr(gallery.workers, "render_task", lambda task: pytest.fail("--check drew an image"))
    assert gallery.run(options(out, config, check=True)).problems == []


def test_the_manifest_records_the_bytes_of_each_file(tmp_path, config):
    out = tmp_path / "g"
    gallery.run(options(out, config, jobs=2))
    images = json.loads((out / "manifest.json").read_text())["images"]
    for file in FILES:
        assert images[file]["bytes"] == hashlib.sha256((out / file).read_bytes()).hexdigest(), file


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_check_reports_a_damaged_image_and_a_run_redraws_it(tmp_path, config, capsys, damage):
    out = tmp_path / "g"
    gallery.run(options(out, config))
    good = (out / "relu.png").read_bytes()
    (out / "relu.png").write_bytes(b"garbage\n" if damage == "garbage" else good[: len(good) // 2])
    status = cli(["gallery", str(out), "--config", str(config), "--check"])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.out.splitlines() == ["damaged: relu.png (its bytes are not the ones actplot wrote)"]
    assert "1 out of date" in captured.err
    report = gallery.run(options(out, config))
    assert report.rendered == ["relu.png"] and report.damaged == ["relu.png"]
    assert sorted(report.unchanged) == ["leaky-relu-sweep.png", "pair.png"]
    assert "1 rendered (1 damaged), 2 unchanged" in gallery.summary(report)
    assert gallery.summary(report).endswith(" s (1 job)")
    assert (out / "relu.png").read_bytes() == good
    assert cli(["gallery", str(out), "--config", str(config), "--check"]) == 0


def test_an_unreadable_image_is_damaged(tmp_path, config):
    out = tmp_path / "g"
    gallery.run(options(out, config))
    (out / "pair.png").chmod(0)
    if os.access(out / "pair.png", os.R_OK):
        pytest.skip("running as a user who reads any file")
    assert gallery.run(options(out, config, check=True)).damaged == ["pair.png"]
    assert gallery.run(options(out, config)).rendered == ["pair.png"]
    assert gallery.run(options(out, config, check=True)).problems == []


def test_a_manifest_without_byte_hashes_makes_its_images_stale_once(tmp_path, config):
    out = tmp_path / "g"
    gallery.run(options(out, config))
    recorded = json.loads((out / "manifest.json").read_text())
    for entry in recorded["images"].values():
        del entry["bytes"]  # as an older actplot wrote it
    (out / "manifest.json").write_text(json.dumps(recorded))
    assert sorted(gallery.run(options(out, config, check=True)).stale) == sorted(FILES)
    assert sorted(gallery.run(options(out, config)).rendered) == sorted(FILES)
    assert gallery.run(options(out, config, check=True)).problems == []


def test_the_code_digest_covers_every_actplot_source_file():
    package = Path(actplot.__file__).resolve().parent
    files = {path.relative_to(package).as_posix() for path in pictures.source_files()}
    assert files == {path.relative_to(package).as_posix() for path in package.rglob("*.py")}
    assert {"__init__.py", "cli.py", "core/curves.py", "gallery/manifest.py", "gallery/__init__.py"} <= files
    assert any(name.startswith("catalog/") for name in files)


def test_orphans_stay_unless_clean(tmp_path, config):
    out = tmp_path / "g"
    gallery.run(options(out, config))
    config.write_text(CONFIG.replace('[[entries]]\nname = "relu"\n', ""))
    report = gallery.run(options(out, config))
    assert report.orphans == ["relu.png"] and (out / "relu.png").exists()
    assert "1 orphans kept" in gallery.summary(report)
    report = gallery.run(options(out, config, clean=True))
    assert report.removed == ["relu.png"] and not (out / "relu.png").exists()
    assert "relu.png" not in json.loads((out / "manifest.json").read_text())["images"]


def test_force_rerenders_byte_identical_images(tmp_path, config):
    out = tmp_path / "g"
    gallery.run(options(out, config))
    before = {name: data for name, (_, data) in snapshot(out).items()}
    report = gallery.run(options(out, config, force=True))
    assert sorted(report.rendered) == sorted(FILES)
    assert {name: data for name, (_, data) in snapshot(out).items()} == before


def test_parallel_workers_reusing_figures_draw_the_same_bytes(tmp_path, config):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    gallery.run(options(serial, config, jobs=1))
    report = gallery.run(options(parallel, config, jobs=2))
    assert sorted(report.rendered) == sorted(FILES)
    for file in FILES:
        assert (serial / file).read_bytes() == (parallel / file).read_bytes(), file


def test_svg_format_and_default_entries(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no pyproject.toml here: the default gallery
    report = gallery.run(gallery.Options(directory=Path("out"), fmt="svg", jobs=2))
    assert sorted(report.rendered) == sorted(f"{name}.svg" for name in actplot.names())
    assert b"<svg" in Path("out/gelu.svg").read_bytes()


def test_an_entry_draws_a_difference_in_a_number_format(tmp_path):
    """``diff`` and ``dtype`` draw what ``actplot diff A B --dtype T`` draws: the same picture."""
    from actplot.gallery import config

    path = tmp_path / "cfg.toml"
    path.write_text("replace = true\n[[entries]]\ncompare = ['gelu', 'gelu:approximate=tanh']\ndiff = true\n"
                    "order = 0\ndtype = 'float16'\nfile = 'd'\n")
    (image,) = config.load_config(path, "png")
    assert image.spec["diff"] is True and image.spec["dtype"] == "float16"
    assert gallery.run(gallery.Options(directory=tmp_path / "out", config=path, jobs=1)).rendered == ["d.png"]
    made = tmp_path / "c.png"
    assert cli(["diff", "gelu", "gelu:approximate=tanh", "--dtype", "float16", "--order", "0", "--dpi", "100",
                "-o", str(made)]) == 0
    assert (tmp_path / "out" / "d.png").read_bytes() == made.read_bytes()


def test_pyproject_config_is_read_from_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("pyproject.toml").write_text('[tool.actplot.gallery]\nreplace = true\n'
                                      '[[tool.actplot.gallery.entries]]\nname = "gelu"\nfile = "g"\n')
    assert gallery.run(gallery.Options(directory=Path("out"), jobs=1)).rendered == ["g.png"]


BAD_CONFIGS = [
    ("replace = 1", "'replace' must be true or false"),
    ("colour = 'red'", "unknown key 'colour'"),
    ("[[entries]]\nname = 'lekyrelu'", "entry 1 (lekyrelu): unknown activation 'lekyrelu'; did you mean 'leaky-relu'"),
    ("[[entries]]\nname = 'relu'\nrnage = [1, 2]", "entry 1 (relu): unknown key 'rnage'"),
    ("[[entries]]\nname = 'softplus'\nparams = { beta = -1 }", "entry 1 (softplus): beta must be (0, inf)"),
    ("[[entries]]\nname = 'relu'\nrange = [3, 1]", "entry 1 (relu): --range 3 1 is reversed"),
    ("[[entries]]\nname = 'relu'\nrange = 'wide'", "entry 1 (relu): 'range' must be two numbers"),
    ("[[entries]]\nname = 'relu'\norder = 5", "entry 1 (relu): --order must be 0, 1 or 2"),
    ("[[entries]]\ncompare = ['relu', 'nosuch']", "entry 1 (relu-vs-nosuch): unknown activation 'nosuch'"),
    ("[[entries]]\nname = 'relu'\ncompare = ['gelu']",
     "entry 1 (relu): give one of 'name', 'expr', 'custom', 'compare'"),
    ("[[entries]]\nname = 'gelu'\nfile = 'relu'", "two entries write 'relu.png'"),
    ("[[entries]]\nname = 'relu'\nfile = '../up'", "'file' must be a plain file name"),
    ("[[entries", "not valid TOML"),
    ("[[entries]]\nname = 'relu'\ndtype = 'float8'",
     "entry 1 (relu): --dtype float8 is not a format actplot computes in"),
    ("[[entries]]\ncompare = ['relu', 'gelu', 'silu']\ndiff = true",
     "'diff' is true or false, and true takes a 'compare' of two names"),
]


@pytest.mark.parametrize(("text", "message"), BAD_CONFIGS, ids=[m for _, m in BAD_CONFIGS])
def test_bad_config_names_file_entry_and_key_and_writes_nothing(tmp_path, capsys, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    out = tmp_path / "g"
    status = cli(["gallery", str(out), "--config", str(path)])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1, err
    assert str(path) in err and message in err
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--config", "nosuch.toml"], "config 'nosuch.toml' does not exist"),
     (["--format", "jpg"], "--format must be one of png, svg"),
     (["--jobs", "0"], "--jobs must be at least 1"),
     (["--check", "--force"], "does not go with --force"),
     (["--dpi", "1"], "--dpi must be from 10 to 2400")],
)
def test_bad_options(tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    assert cli(["gallery", "out", *argv]) == 2
    assert message in capsys.readouterr().err
    assert not Path("out").exists() or list(Path("out").iterdir()) == []


def test_directory_that_is_a_file(tmp_path, capsys):
    target = tmp_path / "file"
    target.write_text("keep")
    assert cli(["gallery", str(target)]) == 2
    assert "is a file, not a directory" in capsys.readouterr().err
    assert target.read_text() == "keep"


def test_an_interrupted_run_leaves_no_partial_image_and_an_honest_manifest(tmp_path, config, monkeypatch):
    out = tmp_path / "g"
    real = gallery.workers.render_task
    calls = []

    def interrupted(task):
        if calls:
            partial = Path(task[5]) / f".{task[0]}.abc.tmp"  # as a killed worker would leave it
            partial.write_bytes(b"half")
            raise KeyboardInterrupt
        calls.append(task[0])
        return real(task)

    monkeypatch.setattr(gallery.workers, "render_task", interrupted)
    with pytest.raises(KeyboardInterrupt):
        gallery.run(options(out, config))
    manifest = json.loads((out / "manifest.json").read_text())
    assert list(manifest["images"]) == calls
    assert sorted(p.name for p in out.iterdir()) == sorted([*calls, "manifest.json"])  # the staging directory too
    monkeypatch.setattr(gallery.workers, "render_task", real)
    assert sorted(gallery.run(options(out, config)).rendered) == sorted(set(FILES) - set(calls))


_REAL_RENDER_TASK = gallery.workers.render_task


def _killed_on_relu(task):
    """A worker that dies (as if killed) when it is given relu.png."""
    if task[0] == "relu.png":
        os._exit(9)
    return _REAL_RENDER_TASK(task)


def test_a_killed_worker_fails_the_run_and_keeps_the_manifest_honest(tmp_path, config, monkeypatch, capsys):
    out = tmp_path / "g"
    monkeypatch.setattr(gallery.workers, "render_task", _killed_on_relu)
    status = cli(["gallery", str(out), "--config", str(config), "--jobs", "2"])
    assert status == 1 and "BrokenProcessPool" in capsys.readouterr().err
    manifest = json.loads((out / "manifest.json").read_text())
    assert "relu.png" not in manifest["images"] and not (out / "relu.png").exists()
    for name in manifest["images"]:
        assert (out / name).is_file()
    assert not list(out.glob(".*"))  # neither the worker's half-written file nor the run's staging directory


def test_this_repository_gallery_is_current():
    """The committed gallery/ matches the catalog and the config in pyproject.toml."""
    root = Path(__file__).resolve().parent.parent
    previous = Path.cwd()
    os.chdir(root)
    try:
        report = gallery.run(gallery.Options(directory=root / "gallery", check=True))
    finally:
        os.chdir(previous)
    assert report.problems == [], "run 'actplot gallery' and commit gallery/"


def test_importing_the_gallery_and_its_help_import_neither_matplotlib_nor_rich():
    import subprocess
    import sys

    code = ("import sys; import actplot.gallery; from actplot.cli import run; status = run(['gallery', '--help']); "
            "print(sorted({'matplotlib', 'rich'} & set(sys.modules)), status)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[-1] == "[] 0", result.stderr


def test_a_no_change_run_does_not_import_matplotlib(tmp_path, config):
    import subprocess
    import sys

    out = tmp_path / "g"
    gallery.run(options(out, config))
    code = (f"import sys; from actplot.cli import run; status = run(['gallery', {str(out)!r}, '--config', "
            f"{str(config)!r}]); print('MPL' if 'matplotlib' in sys.modules else 'NOMPL', status)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split()[-2:] == ["NOMPL", "0"], result.stderr
    assert "0 rendered, 3 unchanged" in result.stdout


def test_expressions_and_custom_functions_as_gallery_entries(tmp_path, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)  # where tests.custom_functions is importable
    config = tmp_path / "own.toml"
    config.write_text('replace = true\n[[entries]]\nexpr = "x * sigmoid(b * x)"\nparams = { b = [1, 2] }\n'
                      'file = "swish"\n[[entries]]\ncustom = "tests.custom_functions:snake"\n'
                      '[[entries]]\ncompare = ["gelu", "expr:x*sigmoid(1.702*x)"]\nfile = "gelu-approx"\n')
    out = tmp_path / "g"
    report = gallery.run(gallery.Options(directory=out, config=config, jobs=2))
    assert sorted(report.rendered) == ["gelu-approx.png", "snake.png", "swish.png"]
    index = (out / "README.md").read_text()
    assert "**x * sigmoid(b * x)**" in index and "b=1; b=2" in index and "**snake**" in index
    again = gallery.run(gallery.Options(directory=out, config=config, jobs=2))
    assert again.rendered == [] and len(again.unchanged) == 3


def test_an_expression_without_a_file_name_gets_a_safe_one(tmp_path):
    config = tmp_path / "e.toml"
    config.write_text('replace = true\n[[entries]]\nexpr = "x / (1 + abs(x))"\n')
    assert gallery.run(options(tmp_path / "g", config)).rendered == ["x-1-abs-x.png"]


def test_the_index_groups_images_by_family_and_names_their_source(tmp_path):
    from actplot.gallery import config, index

    config_file = tmp_path / "g.toml"
    config_file.write_text('[[entries]]\ncompare = ["relu", "gelu"]\n[[entries]]\nname = "elu"\n'
                           'params = { alpha = [0.5, 1.0] }\n')
    images = config.load_config(config_file, "png")
    text = index.markdown_index(images)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Rectifiers" and headings[-1] == "## Examples"
    assert len(headings) == len(set(headings))
    rectifiers = text.split("## Rectifiers")[1].split("## ")[0]
    assert "| **relu** | `max(0, x)` |  | torch.nn.ReLU |" in rectifiers
    examples = text.split("## Examples")[1]
    assert "relu vs gelu" in examples and "alpha=0.5" in examples and "**relu** |" not in examples
    page = index.html_index(images)
    assert page.count("<h2>") == len(headings) and "<h2>Examples</h2>" in page


# --- Nothing depends on the working directory; a run removes only its own files; --jobs is capped ---------------

#: A small gallery for the runs in subprocesses: three entries, few points.
SMALL = """
replace = true
[[entries]]
name = "relu"
points = 200
[[entries]]
name = "gelu"
points = 200
[[entries]]
name = "elu"
points = 200
"""
SMALL_FILES = ["elu.png", "gelu.png", "relu.png"]


def actplot_run(*argv: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    """``actplot ARGV`` started in a subprocess (in ``cwd``)."""
    return subprocess.Popen([sys.executable, "-m", "actplot", *argv], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


@contextmanager
def read_only_directory(path: Path) -> Iterator[Path]:
    """``path``, a new directory no one may write in: mounted read-only on itself as root (whom its
    mode does not stop), else made 0555; the test is skipped if that does not stop a write."""
    import shutil

    path.mkdir()
    root = getattr(os, "geteuid", lambda: -1)() == 0
    mounted = root and shutil.which("mount") is not None and subprocess.run(
        ["mount", "--bind", "-o", "ro", str(path), str(path)], capture_output=True).returncode == 0
    if not mounted:
        path.chmod(0o555)
    try:
        try:
            (path / "probe").write_text("x")
        except OSError:
            pass
        else:
            pytest.skip("cannot make a read-only directory here (as root, read-only bind mounts need privileges)")
        yield path
    finally:
        if mounted:
            subprocess.run(["umount", str(path)], check=True)
        path.chmod(0o755)


def test_check_and_a_run_work_from_a_read_only_working_directory(tmp_path):
    config = tmp_path / "small.toml"
    config.write_text(SMALL)
    out = tmp_path / "g"
    with read_only_directory(tmp_path / "ro") as cwd:
        status, stdout, err = finished(actplot_run("gallery", str(out), "--config", str(config), cwd=cwd))
        assert status == 0 and stdout.startswith("gallery: 3 rendered"), err
        status, stdout, err = finished(actplot_run("gallery", str(out), "--config", str(config), "--check", cwd=cwd))
        assert (status, err) == (0, "") and stdout == f"gallery: '{out}' is up to date (3 images)\n"
        (out / "relu.png").write_bytes(b"damaged")
        status, stdout, _ = finished(actplot_run("gallery", str(out), "--config", str(config), "--check", cwd=cwd))
        assert status == 1 and stdout.startswith("damaged: relu.png")
        assert list(cwd.iterdir()) == []


def test_settings_are_made_without_touching_the_file_system(tmp_path, monkeypatch):
    from actplot.core.errors import SettingsError
    from actplot.core.settings import PlotSettings

    def no_io(*args, **kwargs):
        raise AssertionError("the file system was looked at")

    missing = tmp_path / "missing" / "out.png"
    image = gallery.Image("relu.png", {"curves": [], "range": [-1.0, 1.0], "order": 1, "title": None, "points": 50})
    with monkeypatch.context() as patched:
        for name in ("stat", "lstat", "access", "open", "scandir", "listdir"):
            patched.setattr(os, name, no_io)
        settings = PlotSettings(output=missing)
        image.settings("png", 100.0, Path("."))  # what the hashes make: an output in the working directory
    with pytest.raises(SettingsError, match="does not exist"):
        settings.check_output()  # writing is when the file system is asked
    with pytest.raises(SettingsError, match="is a directory"):
        PlotSettings(output=Path("."))  # that much the path says alone


def test_a_file_that_cannot_be_written_is_one_line_before_any_sampling(tmp_path, monkeypatch, capsys):
    from actplot.core import curves

    monkeypatch.setattr(curves.Curve, "sample", lambda *a, **k: pytest.fail("sampled before checking the output"))
    for output in ("missing/out.csv", "missing/out.png"):
        assert cli(["relu", "-o", str(tmp_path / output)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "directory" in err and "does not exist" in err
        with pytest.raises(actplot.SettingsError, match="does not exist"):
            actplot.save(tmp_path / output, "relu")


def test_an_unsearchable_working_directory_is_one_line(tmp_path, monkeypatch, capsys):
    real = Path.is_file

    def denied(path):
        if path == Path("pyproject.toml"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "is_file", denied)
    assert cli(["gallery", str(tmp_path / "g"), "--check"]) == 2
    assert capsys.readouterr().err == "actplot: error: cannot read config 'pyproject.toml': Permission denied\n"


def test_two_runs_at_once_on_one_gallery_both_finish(tmp_path):
    config = tmp_path / "small.toml"
    config.write_text(SMALL)
    out = tmp_path / "g"
    out.mkdir()
    foreign = out / ".relu.png.0a1b2c3d.tmp"  # as another program (or actplot) writing relu.png has it open
    foreign.write_bytes(b"not ours")
    for round_ in range(2):  # the first draws everything, the second with --force
        extra = ["--force"] if round_ else []
        runs = [actplot_run("gallery", str(out), "--config", str(config), "--jobs", "2", *extra) for _ in range(2)]
        for status, stdout, err in map(finished, runs):
            assert (status, err) == (0, ""), err
            assert stdout.startswith("gallery: 3 rendered")
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(manifest["images"]) == SMALL_FILES
    for name, entry in manifest["images"].items():
        data = (out / name).read_bytes()
        assert data.startswith(b"\x89PNG") and hashlib.sha256(data).hexdigest() == entry["bytes"]
    status, _, err = finished(actplot_run("gallery", str(out), "--config", str(config), "--check"))
    assert status == 0, err
    assert foreign.read_bytes() == b"not ours"  # not this run's temporary file: kept
    assert sorted(p.name for p in out.iterdir()) == sorted([*SMALL_FILES, foreign.name, "README.md", "index.html",
                                                            "manifest.json"])


def test_a_run_removes_the_staging_directories_of_killed_runs_only(tmp_path, config):
    fcntl = pytest.importorskip("fcntl")
    out = tmp_path / "g"
    out.mkdir()
    abandoned = out / f"{gallery.workers.STAGING}dead"  # a run killed with SIGKILL left it
    abandoned.mkdir()
    (abandoned / ".relu.png.1234.tmp").write_bytes(b"half")
    alive = out / f"{gallery.workers.STAGING}alive"  # a run still drawing holds its lock
    alive.mkdir()
    (alive / "relu.png").write_bytes(b"being written")
    lock = os.open(alive, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        report = gallery.run(options(out, config))
        assert sorted(report.rendered) == sorted(FILES)
        assert not abandoned.exists()
        assert (alive / "relu.png").read_bytes() == b"being written"
    finally:
        os.close(lock)
    gallery.run(options(out, config))  # nothing to draw; its lock is free now: removed
    assert not alive.exists()


def test_the_workers_are_no_more_than_the_images_nor_the_cpus(tmp_path, config, monkeypatch):
    import multiprocessing

    from actplot.gallery import workers

    counted = []
    close = workers.Workers.close

    def counting_close(self):
        counted.append(len(multiprocessing.active_children()) if self.pool is not None else 0)
        close(self)

    monkeypatch.setattr(workers.Workers, "close", counting_close)
    monkeypatch.setattr(workers, "available_cpus", lambda: 64)
    report = gallery.run(options(tmp_path / "many", config, jobs=1000))
    assert (report.jobs, counted) == (3, [3])  # three images: three processes, not a thousand
    assert gallery.summary(report).endswith(" s (3 jobs)")

    monkeypatch.setattr(workers, "available_cpus", lambda: 1)
    counted.clear()
    report = gallery.run(options(tmp_path / "one-cpu", config, jobs=1000, force=True))
    assert (report.jobs, counted) == (1, [0])  # one CPU: drawn in the run's own process

    report = gallery.run(options(tmp_path / "one-cpu", config, jobs=1000))
    assert report.rendered == [] and report.jobs == 0 and "job" not in gallery.summary(report)
    assert [workers.worker_count(jobs, 5) for jobs in (None, 1, 3, 1000)] == [1, 1, 1, 1]
    monkeypatch.setattr(workers, "available_cpus", lambda: 8)
    assert [workers.worker_count(jobs, 5) for jobs in (None, 1, 3, 1000)] == [5, 1, 3, 5]
    assert workers.worker_count(None, 0) == 1


def test_available_cpus_are_the_ones_the_process_may_use():
    from actplot.gallery.workers import available_cpus

    if hasattr(os, "process_cpu_count"):
        assert available_cpus() == os.process_cpu_count()
    elif hasattr(os, "sched_getaffinity"):
        assert available_cpus() == len(os.sched_getaffinity(0))
    else:
        assert available_cpus() == (os.cpu_count() or 1)


def test_jobs_1000_on_the_command_line_start_no_more_than_there_is_work(tmp_path):
    from actplot.gallery.workers import available_cpus

    config = tmp_path / "small.toml"
    config.write_text(SMALL)
    status, stdout, err = finished(actplot_run("gallery", str(tmp_path / "g"), "--config", str(config),
                                               "--jobs", "1000"))
    jobs = min(3, available_cpus())
    assert status == 0 and stdout.startswith("gallery: 3 rendered"), err
    assert stdout.rstrip().endswith(f" s ({jobs} job{'s' if jobs > 1 else ''})")
    help_text = subprocess.run([sys.executable, "-m", "actplot", "gallery", "--help"], capture_output=True,
                               text=True, timeout=60).stdout
    assert "the CPUs the process may use" in " ".join(help_text.split())


def test_the_hash_covers_the_titles_formulas_and_the_drawing_code(monkeypatch):
    """A picture shows its formulas and is drawn by the drawing code: a change to either draws it
    again, though the values drawn are the same."""
    image = pictures.image_of("elu.png", actplot.curves_for("elu"), (-5.0, 5.0), 1, None, 101)
    data = pictures.data_digest(image)
    before = pictures.image_hash(image, data, "png", 100.0)
    elu = actplot.get("elu")
    assert pictures.formulas(image) == [elu.formula_at(0), elu.formula_at(1)]
    monkeypatch.setattr(pictures, "formulas", lambda image: ["$x$", "$1$"])
    assert pictures.image_hash(image, data, "png", 100.0) != before
    monkeypatch.undo()
    monkeypatch.setattr(pictures, "_drawing", lambda: "another drawing code")
    assert pictures.image_hash(image, data, "png", 100.0) != before
    monkeypatch.undo()
    assert pictures.image_hash(image, data, "png", 100.0) == before
    assert len(pictures.drawing_digest()) == 64
