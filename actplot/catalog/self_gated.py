"""Self-gated units from the literature: x times a smooth gate of x."""

from __future__ import annotations

ENTRIES = ()
