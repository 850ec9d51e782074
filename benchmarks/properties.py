"""What ``properties_at`` costs (info, the gallery's index and the explorer's readout ask it):
every catalog entry at its defaults and at each example value, in a warm process.

Prints ``properties SECONDS LOW HIGH`` (read by run.py): the median over the entries of each
entry's best of three, and the fastest and slowest entry. The oscillating entries (SinLU with
b = 30, Snake, SIREN) are among them: their extrema come from every sign change of the exact
derivative at a step set by their period, not from a search that could miss a ripple.

Usage: python properties.py
"""

import statistics
import time

import actplot


def cases() -> list[tuple[str, dict]]:
    """Every entry at its defaults and at each of its parameters' example values."""
    found: list[tuple[str, dict]] = [("sinlu", {"b": 30.0}), ("sinlu", {"a": 1000.0, "b": 1000.0})]
    for name in actplot.names():
        entry = actplot.get(name)
        found.append((name, {}))
        for param in entry.parameters:
            found += [(name, {param.name: value}) for value in getattr(param, "examples", ())]
    return found


def main() -> None:
    best = []
    for name, params in cases():
        entry = actplot.get(name)
        try:
            entry.properties_at(**params)
        except ValueError:  # an example that breaks a constraint with the other defaults
            continue
        times = []
        for _ in range(3):
            started = time.perf_counter()
            entry.properties_at(**params)
            times.append(time.perf_counter() - started)
        best.append(min(times))
    print(f"properties {statistics.median(best):.6f} {min(best):.6f} {max(best):.6f}")


if __name__ == "__main__":
    main()
