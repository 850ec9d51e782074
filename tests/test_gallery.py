"""The gallery: incremental runs, --check, damaged files, --clean, config errors, determinism, parallel workers."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

import actplot
from actplot import gallery
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
    monkeypatch.setattr(gallery.manifest, "data_digest",
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
    monkeypatch.setattr(gallery.manifest, "code_digest", lambda: "another version of the code")
    assert gallery.run(options(out, config)).rendered == []  # same data: nothing to draw
    relu = actplot.get("relu")
    monkeypatch.setattr(type(relu), "evaluate", lambda self, x, order=0, **p: x * 0 + 7.0)
    monkeypatch.setattr(gallery.manifest, "code_digest", lambda: "yet another version")
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
    assert "1 rendered (1 damaged), 2 unchanged" in gallery.summary(report, 1)
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
    files = {path.relative_to(package).as_posix() for path in gallery.manifest.source_files()}
    assert files == {path.relative_to(package).as_posix() for path in package.rglob("*.py")}
    assert {"__init__.py", "cli.py", "curves.py", "gallery/manifest.py", "gallery/__init__.py"} <= files
    assert any(name.startswith("catalog/") for name in files)


def test_orphans_stay_unless_clean(tmp_path, config):
    out = tmp_path / "g"
    gallery.run(options(out, config))
    config.write_text(CONFIG.replace('[[entries]]\nname = "relu"\n', ""))
    report = gallery.run(options(out, config))
    assert report.orphans == ["relu.png"] and (out / "relu.png").exists()
    assert "1 orphans kept" in gallery.summary(report, 1)
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
            partial = Path(task[4]) / f".{task[0]}.abc.tmp"  # as a killed worker would leave it
            partial.write_bytes(b"half")
            raise KeyboardInterrupt
        calls.append(task[0])
        return real(task)

    monkeypatch.setattr(gallery.workers, "render_task", interrupted)
    with pytest.raises(KeyboardInterrupt):
        gallery.run(options(out, config))
    manifest = json.loads((out / "manifest.json").read_text())
    assert list(manifest["images"]) == calls
    assert sorted(p.name for p in out.iterdir()) == sorted([*calls, "manifest.json"])
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
    assert not list(out.glob(".*.tmp"))


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
