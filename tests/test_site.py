"""The website (actplot site): its files, pages, data, pictures, incremental builds and errors.

The pages are read as a browser's parser reads them (html5lib, strict); what the browser does
with them is in test_site_browser.py.
"""

from __future__ import annotations

import base64
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import html5lib
import numpy as np
import pytest
from PIL import Image as Picture

import actplot
from actplot import site
from actplot.site import SiteError
from actplot.site.config import parse
from tests.site_support import built

ENTRIES = ("leaky-relu", "gelu", "binary-step")


@pytest.fixture(scope="module")
def website(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(str(tmp_path_factory.mktemp("website")))[0]


def _pages(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.html"))


def _data(directory: Path, name: str) -> dict:
    text = (directory / "data" / f"{name}.js").read_text(encoding="utf-8")
    assert text.startswith("window.ACTPLOT_DATA = ") and text.endswith(";\n")
    return json.loads(text[len("window.ACTPLOT_DATA = "):-2])


# --- what a build writes ----------------------------------------------------------------------

def test_every_page_data_file_and_picture_is_written(website: Path) -> None:
    for name in ENTRIES:
        assert (website / f"{name}.html").is_file()
        assert (website / "data" / f"{name}.js").is_file()
        assert (website / "csv" / f"{name}.csv").is_file()
        for suffix, size in (("", (900, 280)), ("@2x", (1800, 560)), ("-dark", (900, 280)), ("-dark@2x", (1800, 560))):
            with Picture.open(website / "img" / f"{name}{suffix}.png") as picture:
                assert picture.size == size
    for page in ("index.html", "fw/jax.nn.gelu.html", "fw/torch.nn.GELU.html", "fw/keras.layers.LeakyReLU.html",
                 "compare/gelu-exact-vs-tanh.html", "assets/site.css", "assets/site.js"):
        assert (website / page).is_file(), page
    assert not (website / "relu.html").exists()  # only the config's entries


def test_dark_pictures_are_dark_and_light_ones_light(website: Path) -> None:
    for suffix, dark in (("", False), ("-dark", True), ("@2x", False), ("-dark@2x", True)):
        with Picture.open(website / "img" / f"gelu{suffix}.png") as picture:
            corner = picture.convert("RGB").getpixel((2, 2))
        assert (sum(corner) < 60) == dark, (suffix, corner)


def test_pages_parse_strictly_with_unique_ids_alt_text_and_labels(website: Path) -> None:
    pages = _pages(website)
    assert len(pages) >= 15
    for page in pages:
        text = page.read_text(encoding="utf-8")
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)  # raises on any parse error
        assert text.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
        ids = re.findall(r'\sid="([^"]+)"', text)
        assert len(ids) == len(set(ids)), page
        for image in re.findall(r"<img [^>]*>", text):
            alt = re.search(r'alt="([^"]*)"', image)
            assert alt and alt.group(1).strip(), (page, image)
        for control in re.findall(r'<(?:input|select)[^>]*\sid="([^"]+)"', text):
            assert f'for="{control}"' in text, (page, control)


def test_every_link_and_picture_of_every_page_is_there(website: Path) -> None:
    for page in _pages(website):
        text = page.read_text(encoding="utf-8")
        targets = [t for t in re.findall(r'(?:href|src)="([^"#]+)', text) if not t.startswith("https://")]
        targets += [t.split()[0] for s in re.findall(r'srcset="([^"]+)"', text) for t in s.split(", ")]
        for target in targets:
            assert (page.parent / target).resolve().is_file(), (page.name, target)


def test_each_page_is_under_300_kb_before_pictures(website: Path) -> None:
    for page in _pages(website):
        text = page.read_text(encoding="utf-8")
        scripts = re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', text)
        total = len(text.encode()) + sum((page.parent / s).stat().st_size for s in scripts)
        assert total < 300_000, (page.name, total)


def test_the_largest_data_of_any_entry_keeps_a_page_under_300_kb() -> None:
    from actplot.site import grid

    largest = max(len(json.dumps(grid.payload(entry), separators=(",", ":")))
                  for entry in actplot.registry().values())
    assert largest < 230_000


def test_an_entry_page_holds_its_facts(website: Path) -> None:
    text = (website / "gelu.html").read_text(encoding="utf-8")
    assert '<math display="block"' in text  # the formula as mathematics
    # each form a choice gives, with the option that gives it: the exact erf form, then the tanh one
    assert text.count("approximate = none") == 1 and text.count("approximate = tanh") == 1
    assert text.index("approximate = none") < text.index("approximate = tanh") < text.index('id="curves"')
    assert "arXiv:1606.08415" in text
    cited = subprocess.run([sys.executable, "-m", "actplot", "info", "gelu", "--cite"], capture_output=True,
                           text=True, check=True).stdout
    bibtex = re.search(r'<pre id="bibtex"><code>(.*?)</code></pre>', text, re.S)
    assert bibtex and bibtex.group(1).replace("&quot;", '"').replace("&#x27;", "'") == cited.rstrip("\n") + "\n"
    for framework_name in ("torch.nn.GELU", "jax.nn.gelu", "keras.ops.gelu", "tf.nn.gelu", "onnx.Gelu"):
        assert f'href="fw/{framework_name}.html"' in text
    assert "approximate is a bool and defaults to True, the tanh form." in text
    leaky = (website / "leaky-relu.html").read_text(encoding="utf-8")
    assert "x = 0 (kink: f′ jumps)" in leaky
    assert ("<tr><td><code>negative_slope</code></td><td>" in leaky and "<td><code>0.01</code></td>"
            "<td>any finite number</td>" in leaky and "(also <code>--alpha</code>, <code>--slope</code>)" in leaky)
    assert 'href="binary-step.html"' in leaky  # related: the same family


def test_a_framework_page_shows_its_difference_or_its_identity(website: Path) -> None:
    jax = (website / "fw" / "jax.nn.gelu.html").read_text(encoding="utf-8")
    assert "differs from" in jax and 'src="../img/fw-jax.nn.gelu.png"' in jax
    assert "jax.nn.gelu(approximate=True)" in jax
    torch = (website / "fw" / "torch.nn.GELU.html").read_text(encoding="utf-8")
    assert "computes exactly what" in torch and 'src="../img/gelu.png"' in torch
    assert not (website / "img" / "fw-torch.nn.GELU.png").exists()
    assert "<h2 id=\"versions-heading\">Versions</h2>" in torch and "verified at PyTorch 2.13.0" in torch
    keras = (website / "fw" / "keras.layers.LeakyReLU.html").read_text(encoding="utf-8")
    assert "before Keras 3.0: Keras 2 called the slope alpha" in keras
    assert "(keras.layers.LeakyReLU@2 draws it)" in keras


def test_the_compare_page_has_the_overlay_and_the_difference(website: Path) -> None:
    text = (website / "compare" / "gelu-exact-vs-tanh.html").read_text(encoding="utf-8")
    assert 'src="../img/compare-gelu-exact-vs-tanh.png"' in text
    assert 'src="../img/compare-gelu-exact-vs-tanh-diff.png"' in text
    assert "actplot diff gelu gelu:approximate=tanh --order 2" in text


def test_the_csv_is_what_the_command_line_writes(website: Path, tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "actplot", "leaky-relu", "--order", "2", "--points", "401",
                    "-o", str(tmp_path / "l.csv")],
                   check=True)
    assert (website / "csv" / "leaky-relu.csv").read_bytes() == (tmp_path / "l.csv").read_bytes()


# --- the interactive data is actplot's own samples ------------------------------------------------

def _page_grid(lo: float, hi: float, points: int, breakpoints: list[float]) -> np.ndarray:
    """The x grid as the page rebuilds it (site.js): lo + i * step, the last point hi, with the
    breakpoints merged in, sorted, without repeats."""
    step = (hi - lo) / (points - 1)
    xs = [lo + i * step for i in range(points)]
    xs[-1] = hi
    xs += [b for b in breakpoints if lo <= b <= hi]
    return np.array(sorted(set(xs)))


@pytest.mark.parametrize("name", ENTRIES)
def test_every_combination_is_what_actplot_samples(website: Path, name: str) -> None:
    data = _data(website, name)
    lo, hi = data["range"]
    assert data["combos"]
    for key, combo in data["combos"].items():
        params = {c["name"]: c["values"][int(i)] for c, i in zip(data["controls"], key.split(","), strict=True)} \
            if key else {}
        expected = actplot.sample(name, x_range=(lo, hi), points=data["points"], order=2, **params)
        x = _page_grid(lo, hi, data["points"], combo["b"])
        np.testing.assert_array_equal(x, expected.x)
        y = np.frombuffer(base64.b64decode(combo["y"]), dtype="<f4").reshape(3, -1)
        for row, column in zip(y, (expected.y, expected.dy, expected.d2y), strict=True):
            np.testing.assert_array_equal(row, column.astype(np.float32))


def test_a_slider_has_the_default_and_the_examples_on_round_steps(website: Path) -> None:
    (control,) = _data(website, "leaky-relu")["controls"]
    assert control["name"] == "negative_slope" and control["kind"] == "slider"
    values = control["values"]
    assert values[control["default"]] == 0.01
    assert {0.1, 0.2, 0.3} <= set(values)
    assert values == sorted(values) and all(abs(v * 20 - round(v * 20)) < 1e-9 for v in values if v != 0.01)
    (choice,) = _data(website, "gelu")["controls"]
    assert choice["kind"] == "choice" and choice["values"][choice["default"]] == "none"


def test_the_step_s_jump_is_recorded_with_its_limits(website: Path) -> None:
    combo = _data(website, "binary-step")["combos"][""]
    (jump,) = combo["j"][0]
    assert jump[:4] == [0.0, 1.0, 0.0, 1.0] and jump[4:] == [1, 0]  # f(0) = 1, open circle at the left limit 0


def test_refused_combinations_carry_actplot_s_message() -> None:
    from actplot.site import grid

    data = grid.payload(actplot.get("soft-root-sign"))
    assert list(data["refused"].values()) == [
        "soft-root-sign: beta must be less than e * alpha (or the denominator reaches 0)"]
    assert len(data["combos"]) + len(data["refused"]) == math.prod(len(c["values"]) for c in data["controls"])


def test_more_than_two_sliders_move_one_at_a_time() -> None:
    from actplot.site import grid

    data = grid.payload(actplot.get("srelu"))
    defaults = [c["default"] for c in data["controls"]]
    assert data["mode"] == "alone" and len(data["controls"]) == 4
    for key in data["combos"]:
        assert sum(int(i) != d for i, d in zip(key.split(","), defaults, strict=True)) <= 1


# --- incremental, reproducible -----------------------------------------------------------------

def _snapshot(directory: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(directory).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in directory.rglob("*") if p.is_file()}


def test_a_rebuild_with_nothing_changed_writes_nothing(website: Path) -> None:
    before = _snapshot(website)
    report = site.run(site.Options(directory=website, config=website.parent / "site.toml"))
    assert report.written == [] and report.images.rendered == [] and not report.composed
    assert _snapshot(website) == before
    assert site.run(site.Options(directory=website, config=website.parent / "site.toml", check=True)).problems == []


def test_check_finds_a_changed_page_a_damaged_picture_and_an_orphan(tmp_path: Path) -> None:
    directory = tmp_path / "s"
    config = tmp_path / "one.toml"
    config.write_text('entries = ["relu"]\nframework_pages = false\nreplace = true\n', encoding="utf-8")
    site.run(site.Options(directory=directory, config=config))
    (directory / "relu.html").write_text("changed", encoding="utf-8")
    (directory / "img" / "relu-dark.png").write_bytes(b"not a png")
    (directory / "old.html").write_text("left over", encoding="utf-8")
    problems = site.run(site.Options(directory=directory, config=config, check=True)).problems
    assert "out of date: relu.html" in problems
    assert any(p.startswith("img/damaged: relu-dark.png") for p in problems)
    assert "orphan: old.html" in problems
    report = site.run(site.Options(directory=directory, config=config, clean=True))
    assert report.written == ["relu.html"] and report.images.rendered == ["relu-dark.png"]
    assert report.removed == ["old.html"] and not (directory / "old.html").exists()
    assert site.run(site.Options(directory=directory, config=config, check=True)).problems == []


def test_two_builds_write_the_same_bytes(tmp_path: Path) -> None:
    config = tmp_path / "one.toml"
    config.write_text('entries = ["hardswish"]\nframework_pages = false\nreplace = true\n', encoding="utf-8")
    first, second = tmp_path / "a", tmp_path / "b"
    site.run(site.Options(directory=first, config=config, jobs=2))
    site.run(site.Options(directory=second, config=config, jobs=1))
    files = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    assert files == {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


# --- mistakes ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("table", "message"), [
    ({"entries": ["nope"]}, "entries: unknown activation 'nope'"),
    ({"entries": ["jax.nn.gelu"]}, "'jax.nn.gelu' is not a catalog entry"),
    ({"colour": 1}, "unknown key 'colour'"),
    ({"framework_pages": "yes"}, "'framework_pages' must be true or false"),
    ({"compare": [{"file": "a", "curves": ["relu"]}]}, "'curves' must be a list of two or more specs"),
    ({"compare": [{"file": "../a", "curves": ["relu", "gelu"]}]}, "'file' must be a plain name"),
    ({"compare": [{"file": "a", "curves": ["relu", "gelu"], "range": [3, 1]}]}, "'range' must be two increasing"),
    ({"compare": [{"file": "gelu-exact-vs-tanh", "curves": ["relu", "gelu"]}]}, "two compare pages are called"),
])
def test_a_bad_config_names_the_key(table: dict, message: str) -> None:
    with pytest.raises(SiteError, match=re.escape(message)):
        parse(table, "site.toml")


def test_the_command_line_says_one_line_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("entries = [1]\n", encoding="utf-8")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for arguments, message in (
        (["site", str(tmp_path / "s"), "--config", str(tmp_path / "bad.toml")], "'entries' must be a list of names"),
        (["site", str(tmp_path / "file")], "is a file, not a directory"),
        (["site", str(tmp_path / "s"), "--check", "--force"], "--check writes nothing"),
        (["site", str(tmp_path / "s"), "--jobs", "0"], "--jobs must be at least 1"),
    ):
        done = subprocess.run([sys.executable, "-m", "actplot", *arguments], capture_output=True, text=True)
        assert done.returncode == 2, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and message in done.stderr
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "s").exists()


def test_check_of_an_out_of_date_site_exits_1(tmp_path: Path) -> None:
    config = tmp_path / "one.toml"
    config.write_text('entries = ["relu"]\nframework_pages = false\nreplace = true\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "actplot", "site", str(tmp_path / "s"), "--config", str(config),
                           "--check"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "missing: relu.png" in done.stdout and "run 'actplot site" in done.stderr


# --- contrast --------------------------------------------------------------------------------------

def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_has_a_contrast_of_at_least_4_5_in_both_schemes() -> None:
    css = (Path(site.__file__).parent / "assets" / "site.css").read_text(encoding="utf-8")
    light, dark = (dict(re.findall(r"--([a-z]+): (#[0-9a-f]{6})", block))
                   for block in css.split("@media (prefers-color-scheme: dark)", 1))
    assert set(light) == set(dark) >= {"bg", "fg", "muted", "link", "card", "accent", "focus"}
    for scheme in (light, dark):
        for text_colour in ("fg", "muted", "link"):
            for background in ("bg", "card"):
                assert _contrast(scheme[text_colour], scheme[background]) >= 4.5, (text_colour, background, scheme)
        for mark in ("accent", "focus"):  # lines and outlines: 3:1 for graphics
            assert _contrast(scheme[mark], scheme["bg"]) >= 3.0, (mark, scheme)
