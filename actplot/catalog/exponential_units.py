"""Exponential units from the literature: ELU's descendants."""

from __future__ import annotations

ENTRIES = ()
