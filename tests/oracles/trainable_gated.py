"""Oracles of the trainable gated family: each paper's definition restated in mpmath."""

from __future__ import annotations

import mpmath as mp  # noqa: F401

ORACLES: dict = {}
