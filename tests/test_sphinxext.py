"""The Sphinx extension (actplot.sphinxext): real projects built by sphinx-build in a subprocess.

Each project is small (a directive or two, few points) so a build takes about a second.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("sphinx")
pytest.importorskip("myst_parser")

from actplot import request, sphinxext

PNG = b"\x89PNG\r\n\x1a\n"
CONF = 'extensions = ["actplot.sphinxext", "myst_parser"]\n'

def parse(argv: list[str]) -> tuple[list, object]:
    """The curves and settings a plotting command line asks for (:func:`actplot.request.parse`)."""
    plot = request.parse(argv)
    return plot.curves, plot.settings


def project(root: Path, files: dict[str, str], conf: str = CONF) -> Path:
    """A Sphinx source directory under ``root`` with conf.py and these documents."""
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(conf)
    for name, text in files.items():
        (src / name).write_text(textwrap.dedent(text))
    return src


def build(src: Path, out: Path, *options: str, builder: str = "html",
          doctrees: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build (quietly: warnings, errors and actplot's summary line), in ``cwd``."""
    doctrees = doctrees or out / ".doctrees"
    return subprocess.run([sys.executable, "-m", "sphinx", "-b", builder, "-d", str(doctrees), *options,
                           str(src), str(out)], capture_output=True, text=True, timeout=300, cwd=cwd)


def drawn(result: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    """(drawn, up to date) from the build's actplot summary line."""
    found = re.search(r"actplot: (\d+) pictures? drawn, (\d+) up to date", result.stdout)
    assert found, result.stdout + result.stderr
    return int(found[1]), int(found[2])


def images(html: Path) -> list[dict[str, str]]:
    """The attributes of every <img> tag of an HTML page."""
    return [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]*>", html.read_text())]


def mtimes(directory: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in directory.iterdir()}


INDEX = """\
    Plots
    =====

    .. toctree::

       markdown

    .. actplot:: leaky-relu --alpha 0.01 --range -10 10 -n 60
       :alt: Leaky ReLU and its derivative
       :caption: Leaky ReLU, slope *0.01*
       :name: leaky-figure

    .. actplot:: compare relu gelu --range -4 4 --order 2 -n 40
       :width: 80%
    """
MARKDOWN = """\
    # In Markdown

    ```{actplot} elu --alpha 0.5 -n 40
    :format: svg
    :alt: ELU in SVG
    :align: center
    ```
    """


def test_rst_and_myst_pictures_in_html(tmp_path: Path) -> None:
    src = project(tmp_path, {"index.rst": INDEX, "markdown.md": MARKDOWN})
    out = tmp_path / "out"
    result = build(src, out, "-W", "-j", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert drawn(result) == (3, 0)

    figure, compared = images(out / "index.html")
    assert figure["alt"] == "Leaky ReLU and its derivative"
    assert compared["alt"] == "relu vs gelu and their first two derivatives"  # the default alt text
    assert "width: 80%" in compared["style"]
    for img in (figure, compared):
        assert img["src"].startswith("_images/") and img["src"].endswith(".png")
        assert (out / img["src"]).read_bytes().startswith(PNG)
    page = (out / "index.html").read_text()
    caption = re.search(r"<figcaption>(.*?)</figcaption>", page, re.S)
    assert caption and "Leaky ReLU, slope <em>0.01</em>" in caption[1]  # inline markup in the caption
    assert page.count("<figure") == 1  # no caption: a plain image
    assert 'id="leaky-figure"' in page  # :name: labels the figure

    (svg,) = images(out / "markdown.html")
    assert svg["alt"] == "ELU in SVG" and svg["src"].endswith(".svg")
    assert "align-center" in svg["class"]
    text = (out / svg["src"]).read_text()
    assert text.startswith("<?xml") and "<svg" in text

    # The file names are the content hash; the cache holds the pictures and nothing half written.
    cache = out / ".doctrees" / "actplot"
    assert sorted(p.name for p in cache.iterdir()) == sorted(Path(i["src"]).name for i in (figure, compared, svg))


def test_rebuilds_draw_only_what_changed(tmp_path: Path) -> None:
    src = project(tmp_path, {"index.rst": """\
        Title
        =====

        .. actplot:: elu --alpha 0.5 -n 40

        .. actplot:: relu --order 0 -n 40
        """})
    out = tmp_path / "out"
    cache = out / ".doctrees" / "actplot"
    assert drawn(build(src, out, "-W")) == (2, 0)
    before = mtimes(cache)

    assert drawn(build(src, out, "-W")) == (0, 0)  # nothing changed: nothing read, nothing drawn
    assert drawn(build(src, out, "-W", "-E")) == (0, 2)  # every document read again, from the cache
    assert mtimes(cache) == before

    index = src / "index.rst"
    index.write_text(index.read_text().replace("--alpha 0.5", "--alpha 0.7"))
    assert drawn(build(src, out, "-W")) == (1, 1)
    after = mtimes(cache)
    assert {k: v for k, v in after.items() if k in before} == before
    (new,) = set(after) - set(before)
    assert new.startswith("elu-")
    assert Path(images(out / "index.html")[0]["src"]).name == new

    # Another actplot: the documents with pictures are read again and every picture drawn again.
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + "import actplot.pictures\nactplot.pictures.__version__ = '99'\n")
    assert drawn(build(src, out, "-W")) == (2, 0)


def test_parallel_documents_drawing_the_same_picture(tmp_path: Path) -> None:
    # More than five documents, so that sphinx-build -j 2 reads them in two processes.
    pages = {f"page{i}.rst": f"Page {i}\n======\n\n.. actplot:: selu -n 40\n" for i in range(6)}
    index = "Index\n=====\n\n.. toctree::\n\n" + "".join(f"   page{i}\n" for i in range(6))
    src = project(tmp_path, {"index.rst": index, **pages})
    out = tmp_path / "out"
    result = build(src, out, "-W", "-j", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    made, cached = drawn(result)
    assert made >= 1 and made + cached == 6
    (picture,) = (out / ".doctrees" / "actplot").iterdir()  # one picture, no temporary file left
    assert picture.read_bytes().startswith(PNG)
    for i in range(6):
        (img,) = images(out / f"page{i}.html")
        assert Path(img["src"]).name == picture.name


def test_latex_gets_pdf_and_html_png_from_the_same_doctrees(tmp_path: Path) -> None:
    src = project(tmp_path, {"index.rst": "Title\n=====\n\n.. actplot:: tanh --order 0 -n 40\n   :caption: Tanh\n"})
    doctrees = tmp_path / "doctrees"
    latex = build(src, tmp_path / "latex", "-W", builder="latex", doctrees=doctrees)
    assert latex.returncode == 0, latex.stdout + latex.stderr
    tex = next((tmp_path / "latex").glob("*.tex")).read_text()
    (name,) = re.findall(r"\\sphinxincludegraphics\{\{([^}]+)\}\.pdf\}", tex)
    assert (tmp_path / "latex" / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    assert r"\caption{Tanh}" in tex

    html = build(src, tmp_path / "html", "-W", doctrees=doctrees)  # read again: a PNG, not the PDF
    assert drawn(html) == (1, 0)
    (img,) = images(tmp_path / "html" / "index.html")
    assert img["src"].endswith(".png")


def test_conf_settings(tmp_path: Path) -> None:
    style = "axes.facecolor: eeeeee\n"
    conf = CONF + 'actplot_format = "svg"\nactplot_dpi = 80\nactplot_style = "styles/thick.mplstyle"\n'
    src = project(tmp_path, {"index.rst": "Title\n=====\n\n.. actplot:: relu --order 0 -n 40\n"}, conf)
    (src / "styles").mkdir()
    (src / "styles" / "thick.mplstyle").write_text(style)
    out = tmp_path / "out"
    assert drawn(build(src, out, "-W")) == (1, 0)
    (img,) = images(out / "index.html")
    assert img["src"].endswith(".svg")
    grey = (out / img["src"]).read_text()

    (src / "styles" / "thick.mplstyle").write_text("axes.facecolor: ffffff\n")  # the style file is a dependency
    assert drawn(build(src, out, "-W")) == (1, 0)
    (img,) = images(out / "index.html")
    assert (out / img["src"]).read_text() != grey


def test_a_build_from_a_read_only_working_directory(tmp_path: Path) -> None:
    from tests.test_gallery import read_only_directory

    src = project(tmp_path, {"index.rst": """\
        Title
        =====

        .. actplot:: relu --order 0 -n 40 --style styles/grey.mplstyle
           :caption: ReLU

        .. actplot:: compare relu gelu -n 40
        """}, CONF + 'actplot_style = "ggplot"\n')
    (src / "styles").mkdir()
    (src / "styles" / "grey.mplstyle").write_text("axes.facecolor: eeeeee\n")
    out = tmp_path / "out"
    with read_only_directory(tmp_path / "ro") as cwd:
        result = build(src, out, "-W", "-j", "2", cwd=cwd)
        assert result.returncode == 0, result.stdout + result.stderr
        assert drawn(result) == (2, 0)
        for img in images(out / "index.html"):
            assert (out / img["src"]).read_bytes().startswith(PNG)
        assert drawn(build(src, out, "-W", cwd=cwd)) == (0, 0)  # nothing read again: nothing changed
        assert list(cwd.iterdir()) == []


def test_bad_conf_setting_is_a_warning(tmp_path: Path) -> None:
    src = project(tmp_path, {"index.rst": "Title\n=====\n\n.. actplot:: relu --order 0 -n 20\n"},
                  CONF + 'actplot_format = "gif"\nactplot_dpi = "high"\n')
    result = build(src, tmp_path / "out", "-W", "--keep-going")
    assert result.returncode != 0  # -W: a warning fails the build
    assert "actplot: actplot_format must be one of png, svg, got 'gif'; using 'png'" in result.stderr
    assert "actplot: actplot_dpi must be a number from 10 to 2400, got 'high'; using 100.0" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    (img,) = images(tmp_path / "out" / "index.html")  # without -W the build goes on with the defaults
    assert img["src"].endswith(".png")


BAD_RST = """\
    Title
    =====

    .. toctree::

       bad

    .. actplot:: no-such-thing --range -1 1

    .. actplot:: relu --range 3 1

    .. actplot:: relu -o picture.png

    .. actplot:: relu
       :format: gif

    .. actplot:: relu
       :dpi: 5

    .. actplot:: relu
       :width: wide

    .. actplot:: relu --no-such-option 1

    .. actplot:: relu --style no-such-style -n 20
    """
BAD_MARKDOWN = """\
    # Bad

    ```{actplot} elu --alpha nothing
    ```
    """


def test_mistakes_name_document_line_and_message(tmp_path: Path) -> None:
    src = project(tmp_path, {"index.rst": BAD_RST, "bad.md": BAD_MARKDOWN})
    result = build(src, tmp_path / "out", "-W", "--keep-going")
    assert result.returncode != 0
    errors = result.stderr
    assert "Traceback" not in errors + result.stdout
    index, bad = src / "index.rst", src / "bad.md"
    for where, message in [
        (f"{index}:8", "unknown activation 'no-such-thing'"),
        (f"{index}:10", "--range 3 1 is reversed; did you mean --range 1 3?"),
        (f"{index}:12", "the directive writes the picture itself: leave out -o/--output"),
        (f"{index}:14", ":format: must be one of png, svg, got 'gif'"),
        (f"{index}:17", ":dpi: must be a number from 10 to 2400, got '5'"),
        (f"{index}:20", ":width: must be a length (400px, 12em) or a percentage (80%), got 'wide'"),
        (f"{index}:23", "No such option: --no-such-option"),
        (f"{index}:25", "unknown style 'no-such-style'"),
        (f"{bad}:3", "Invalid value for '--alpha': 'nothing' is not a valid float."),
    ]:
        assert re.search(rf"{re.escape(where)}: ERROR: actplot: [^\n]*{re.escape(message)}", errors), \
            (where, message, errors)
    assert not (tmp_path / "out" / ".doctrees" / "actplot").exists() or \
        not any((tmp_path / "out" / ".doctrees" / "actplot").iterdir())  # a mistake draws nothing


# --- The pieces, without Sphinx -------------------------------------------------------------------


def test_split_line() -> None:
    assert sphinxext.split_line('expr "x * sigmoid(x)" -n 50') == ["expr", "x * sigmoid(x)", "-n", "50"]
    assert sphinxext.split_line("actplot relu") == ["relu"]  # the word actplot may be left in
    with pytest.raises(sphinxext.DirectiveProblem, match="No closing quotation"):
        sphinxext.split_line('expr "x')


@pytest.mark.parametrize("line", ["relu -o a.png", "relu --output a.svg", "relu --output=a.png", "relu -oa.png"])
def test_output_is_refused(line: str) -> None:
    with pytest.raises(sphinxext.DirectiveProblem, match="leave out -o/--output"):
        sphinxext.parse_line(line.split())


def test_gives() -> None:
    assert sphinxext.gives(["relu", "--dpi", "200"], "--dpi")
    assert sphinxext.gives(["relu", "--dpi=200"], "--dpi")
    assert not sphinxext.gives(["relu", "--dpix"], "--dpi")
    assert not sphinxext.gives(["relu", "--order", "2"], "-o")


@pytest.mark.parametrize(("name", "fmt", "target"), [
    ("html", "html", "html"), ("dirhtml", "html", "html"), ("singlehtml", "html", "html"),
    ("epub", "html", "png"), ("latex", "latex", "pdf"), ("text", "text", "png"), ("man", "man", "png"),
])
def test_builder_target(name: str, fmt: str, target: str) -> None:
    assert sphinxext.builder_target(name, fmt) == target


def test_picture_hash_follows_what_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    curves, settings = parse(["leaky-relu", "--alpha", "0.01", "-n", "50"])
    base = sphinxext.picture_hash(curves, settings, "png")
    assert sphinxext.picture_hash(*parse(["leaky-relu", "--alpha", "0.01", "-n", "50"]), "png") == base
    others = [
        sphinxext.picture_hash(*parse(["leaky-relu", "--alpha", "0.02", "-n", "50"]), "png"),
        sphinxext.picture_hash(*parse(["leaky-relu", "--alpha", "0.01", "-n", "51"]), "png"),
        sphinxext.picture_hash(curves, settings, "svg"),
        sphinxext.picture_hash(curves, dataclasses.replace(settings, dpi=200.0), "png"),
        sphinxext.picture_hash(curves, dataclasses.replace(settings, size=(8.0, 3.0)), "png"),
        sphinxext.picture_hash(curves, dataclasses.replace(settings, style="ggplot"), "png"),
        sphinxext.picture_hash(curves, dataclasses.replace(settings, title="Slope"), "png"),
    ]
    assert len({base, *others}) == len(others) + 1
    monkeypatch.setattr("actplot.pictures.__version__", "99.0")  # another actplot
    assert sphinxext.picture_hash(curves, settings, "png") != base
    monkeypatch.undo()
    monkeypatch.setattr("actplot.pictures.data_digest", lambda image: "other values")
    assert sphinxext.picture_hash(curves, settings, "png") != base


def test_file_name_and_default_alt() -> None:
    curves, settings = parse(["leaky-relu", "--alpha", "0.01"])
    assert re.fullmatch(r"leaky-relu-[0-9a-f]{20}\.png", sphinxext.file_name(curves, "ab" * 32, "png"))
    assert sphinxext.default_alt(curves, settings) == "leaky-relu (negative_slope=0.01) and its derivative"
    assert sphinxext.default_alt(*parse(["relu", "--title", "ReLU"])) == "ReLU"
    assert sphinxext.default_alt(*parse(["relu", "--order", "0"])) == "relu"
    curves, settings = parse(["compare", "relu", "gelu", "--order", "2"])
    assert sphinxext.default_alt(curves, settings) == "relu vs gelu and their first two derivatives"
