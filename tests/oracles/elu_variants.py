"""placeholder."""

ORACLES: dict = {}
