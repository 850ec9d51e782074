"""A small website built once per test process, shared by the website's tests."""

from __future__ import annotations

import functools
from pathlib import Path

from actplot import site

#: A few entries with what the pages must handle: a slider, a choice, a jump; framework pages; one
#: comparison.
CONFIG = """\
entries = ["leaky-relu", "gelu", "binary-step"]
replace = true
[[compare]]
file = "gelu-exact-vs-tanh"
title = "GELU: exact and tanh"
curves = ["gelu", "gelu:approximate=tanh"]
range = [-4, 4]
text = "The two forms."
"""


@functools.cache
def built(root: str) -> tuple[Path, site.Report]:
    """The small website, built into ``root``/site (once per process and root)."""
    directory = Path(root) / "site"
    config = Path(root) / "site.toml"
    config.write_text(CONFIG, encoding="utf-8")
    report = site.run(site.Options(directory=directory, config=config))
    return directory, report
