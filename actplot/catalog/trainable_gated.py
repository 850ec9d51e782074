"""Gated units with a trainable shape, and smoothed maxima."""

from __future__ import annotations

ENTRIES = ()
