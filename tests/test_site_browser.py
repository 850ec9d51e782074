"""The website in a real browser: headless Chromium driven by Playwright, on the pages as built.

The pages are opened from disk (file://), as a reader who downloaded the site would, with no
server. Skipped, with the reason, where Playwright or a Chromium is missing (.ci/run installs
Debian's chromium).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import actplot
from actplot import describe
from tests.site_support import built

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
CHROMIUM = os.environ.get("ACTPLOT_CHROMIUM") or next(
    (path for path in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if path), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to drive (apt-get install chromium)")
#: Chromium's flags for a machine without a display, a sandbox or the network.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def website(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(str(tmp_path_factory.mktemp("website")))[0]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


class Page:
    """A page with its console's errors and warnings and its uncaught exceptions collected."""

    def __init__(self, browser: Any, url: str, **context: Any) -> None:
        self.context = browser.new_context(**{"viewport": {"width": 1100, "height": 900}, **context})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"{m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"exception: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def close(self) -> None:
        self.context.close()


def _open(browser: Any, path: Path, fragment: str = "", **context: Any) -> Page:
    return Page(browser, path.as_uri() + fragment, **context)


def _curve(page: Any, order: int) -> list[str]:
    """The drawn polylines of a panel, as the browser has them."""
    return page.eval_on_selector_all(f'#panels svg[data-order="{order}"] polyline.curve',
                                     "lines => lines.map(l => l.getAttribute('points'))")


def test_every_page_loads_without_a_console_error_and_with_every_picture(website: Path, browser: Any) -> None:
    pages = sorted(website.rglob("*.html"))
    assert len(pages) >= 15
    for path in pages:
        opened = _open(browser, path)
        opened.page.wait_for_function("Array.from(document.images).every(i => i.complete)")
        broken = opened.page.eval_on_selector_all("img", "images => images.filter(i => !i.naturalWidth).length")
        assert opened.problems == [] and broken == 0, (path.name, opened.problems, broken)
        opened.close()


def test_search_finds_a_framework_name(website: Path, browser: Any) -> None:
    opened = _open(browser, website / "index.html")
    page = opened.page
    assert page.text_content("#count") == "3 of 3 activations"
    page.fill("#query", "jax.nn.gelu")
    visible = page.eval_on_selector_all("#cards > li:not([hidden]) h2", "cards => cards.map(c => c.textContent)")
    assert visible == ["gelu"]
    assert page.text_content("#count") == "1 of 3 activations"
    assert page.eval_on_selector_all(".fw.hit", "links => links.map(l => l.textContent)") == ["jax.nn.gelu"]
    assert page.url.endswith("#q=jax.nn.gelu")
    page.fill("#query", "no such thing")
    assert page.is_visible("#nothing")
    page.fill("#query", "")
    page.select_option("#property", "smooth")
    assert page.eval_on_selector_all("#cards > li:not([hidden]) h2", "c => c.map(x => x.textContent)") == ["gelu"]
    opened.close()
    restored = _open(browser, website / "index.html", "#q=leaky")
    assert restored.page.input_value("#query") == "leaky"
    assert restored.page.text_content("#count") == "1 of 3 activations"
    restored.close()


def test_a_slider_moves_the_curve_and_the_url_keeps_it(website: Path, browser: Any) -> None:
    opened = _open(browser, website / "leaky-relu.html")
    page = opened.page
    before = _curve(page, 0)
    assert page.text_content("#v-negative_slope") == "0.01"
    page.focus("#p-negative_slope")
    page.keyboard.press("ArrowRight")  # the next grid value: 0.05
    assert page.text_content("#v-negative_slope") == "0.05"
    assert page.get_attribute("#p-negative_slope", "aria-valuetext") == "0.05"
    after = _curve(page, 0)
    assert after != before
    assert page.text_content("#command") == "actplot leaky-relu --negative-slope 0.05 --order 2"
    assert page.url.endswith("#negative_slope=0.05")
    shared = page.url
    opened.close()

    again = _open(browser, Path(shared.split("#")[0][len("file://"):]), "#" + shared.split("#")[1])
    assert again.page.text_content("#v-negative_slope") == "0.05"
    assert _curve(again.page, 0) == after
    assert again.problems == []
    again.close()


def test_the_readout_shows_the_values_actplot_computed(website: Path, browser: Any) -> None:
    opened = _open(browser, website / "leaky-relu.html", "#negative_slope=0.2")
    page = opened.page
    page.focus("#panels")
    page.keyboard.press("Home")
    expected = actplot.sample("leaky-relu", x_range=(-5, 5), order=2, negative_slope=0.2, points=401)
    assert (expected.y[0], expected.dy[0], expected.d2y[0]) == (-1.0, 0.2, 0.0)
    readout = page.text_content("#readout")
    assert re.sub(r"\s+", " ", readout) == "x = -5: f(x) = -1, f′(x) = 0.2, f″(x) = 0"
    page.keyboard.press("End")
    assert re.sub(r"\s+", " ", page.text_content("#readout")) == "x = 5: f(x) = 5, f′(x) = 1, f″(x) = 0"
    opened.close()


def test_a_jump_is_broken_with_its_dot_and_open_circle(website: Path, browser: Any) -> None:
    opened = _open(browser, website / "binary-step.html")
    page = opened.page
    assert len(_curve(page, 0)) == 2  # two pieces, no steep segment across the jump
    assert page.eval_on_selector_all('#panels svg[data-order="0"] circle.dot', "c => c.length") == 1
    assert page.eval_on_selector_all('#panels svg[data-order="0"] circle.open', "c => c.length") == 1
    opened.close()


def test_a_choice_switches_gelu_to_its_tanh_form(website: Path, browser: Any) -> None:
    opened = _open(browser, website / "gelu.html")
    page = opened.page
    exact = _curve(page, 2)
    page.select_option("#p-approximate", label="tanh")
    assert _curve(page, 2) != exact
    assert page.url.endswith("#approximate=tanh")
    assert page.text_content("#command") == "actplot gelu --approximate tanh --order 2"
    opened.close()


@pytest.mark.parametrize(("scheme", "scale", "ending"), [
    ("light", 1, "/img/gelu.png"), ("dark", 1, "/img/gelu-dark.png"),
    ("light", 2, "/img/gelu@2x.png"), ("dark", 2, "/img/gelu-dark@2x.png"),
])
def test_the_picture_follows_the_colour_scheme_and_the_screen(website: Path, browser: Any, scheme: str, scale: int,
                                                              ending: str) -> None:
    opened = _open(browser, website / "gelu.html", color_scheme=scheme, device_scale_factor=scale)
    page = opened.page
    page.wait_for_function("document.querySelector('figure.picture img').complete")
    assert page.eval_on_selector("figure.picture img", "i => i.currentSrc").endswith(ending)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(0, 0, 0)" if scheme == "dark" else "rgb(255, 255, 255)")
    opened.close()


def test_the_keyboard_reaches_every_control(website: Path, browser: Any) -> None:
    opened = _open(browser, website / "leaky-relu.html")
    page = opened.page
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert {"p-negative_slope", "reset", "panels"} <= set(reached)
    opened.close()


def test_copy_bibtex_says_copied(website: Path, browser: Any) -> None:
    opened = _open(browser, website / "gelu.html")
    opened.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = opened.page
    page.click("button[data-copy=bibtex]")
    page.wait_for_function("document.querySelector('button[data-copy=bibtex]').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == describe.citation("gelu")
    assert opened.problems == []
    opened.close()
