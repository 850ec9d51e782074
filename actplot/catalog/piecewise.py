"""Piecewise linear and polynomial units from the literature."""

from __future__ import annotations

ENTRIES = ()
