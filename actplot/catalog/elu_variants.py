"""placeholder."""

from __future__ import annotations

ENTRIES = ()
