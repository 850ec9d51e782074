"""The explorer's redraw when a slider moves, and when the view is zoomed, in a warm process.

Leaky ReLU (f and f', 2001 points each) in the explorer's figure under Agg. Three medians are
printed as ``NAME SECONDS LOW HIGH`` (read by run.py):

- ``redraw``: a slider moves: both panels sampled again, their lines replaced, titles and
  layout updated; the window's repaint is left to the toolkit (``draw_idle``), as in a window;
- ``redraw+paint``: the same, then the whole figure painted by Agg (what a window shows);
- ``zoom``: the x limits change and both panels are sampled again over the view.

Usage: python explore_redraw.py [RUNS]
"""

import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

import actplot


def timed(action, runs: int) -> list[float]:
    action(0)
    times = []
    for index in range(runs):
        started = time.perf_counter()
        action(index + 1)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    painted = actplot.explore("leaky-relu")
    deferred = actplot.explore("leaky-relu")
    deferred.figure.canvas.draw_idle = lambda *args, **kwargs: None  # the toolkit would paint later
    slopes = [0.05 + 0.9 * (i % 19) / 18 for i in range(runs + 1)]
    results = {
        "redraw": timed(lambda i: deferred.controls["negative_slope"].set_val(slopes[i]), runs),
        "redraw+paint": timed(lambda i: painted.controls["negative_slope"].set_val(slopes[i]), runs),
        "zoom": timed(lambda i: deferred.figure.axes[0].set_xlim(-1.0 - i * 0.01, 1.0 + i * 0.01), runs),
    }
    for name, values in results.items():
        print(name, statistics.median(values), min(values), max(values))


if __name__ == "__main__":
    main()
