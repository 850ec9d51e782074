"""actplot against the plain matplotlib way, measured side by side in one run.

Usage (after ``pip install .``)::

    python benchmarks/run.py [--runs 5] [--only single,startup,gallery,scale] [--output benchmarks/results.md]

Every figure runs each contender once to warm up (file caches, font cache), then ``--runs``
rounds in which the contenders take turns (A B A B ...), so a noisy moment hurts both sides
alike. Bytecode is cached (``PYTHONDONTWRITEBYTECODE`` is dropped), as in an installed package.
Each command runs as its own process; its wall time and peak memory (the operating
system's accounting of that child, from ``os.wait4``) are recorded. The table gives the median,
the min-max, the ratio of medians against the reference contender, and the goal.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
ACTPLOT = shutil.which("actplot", path=str(Path(sys.executable).parent)) or shutil.which("actplot")
# Every contender runs with compiled bytecode cached, as after `pip install .` (which compiles it):
# an environment that forbids writing it would make every run compile actplot's modules again.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@dataclass
class Contender:
    """A command to time, with an optional step before each run that is not timed."""

    label: str
    argv: Sequence[str]
    prepare: Callable[[], None] | None = None
    times: list[float] = field(default_factory=list)
    memory_mb: list[float] = field(default_factory=list)

    def run_once(self) -> None:
        if self.prepare:
            self.prepare()
        started = time.perf_counter()
        process = subprocess.Popen(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        error = process.stderr.read().decode() if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        if process.returncode != 0:
            raise SystemExit(f"benchmark command failed ({process.returncode}): {' '.join(self.argv)}\n{error}")
        self.times.append(elapsed)
        self.memory_mb.append(usage.ru_maxrss / 1024)  # kilobytes on Linux

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def spread(self) -> str:
        return f"{min(self.times):.3f}-{max(self.times):.3f}"


def interleave(contenders: Sequence[Contender], runs: int) -> None:
    """Warm up each contender once, then take turns ``runs`` times."""
    for contender in contenders:
        contender.run_once()
        contender.times.clear()
        contender.memory_mb.clear()
    for _ in range(runs):
        for contender in contenders:
            contender.run_once()


@dataclass
class Row:
    figure: str
    contender: Contender
    reference: Contender | None = None
    goal: float | None = None
    note: str = ""
    seconds_goal: float | None = None  # a goal in seconds rather than a ratio

    def cells(self) -> list[str]:
        c = self.contender
        ratio = goal = met = ""
        if self.seconds_goal is not None:
            goal = f"< {self.seconds_goal:g} s"
            met = "yes" if c.median < self.seconds_goal else "**no**"
        if self.reference is not None:
            value = c.median / self.reference.median
            ratio = f"{value:.2f}"
            if self.goal is not None:
                goal = f"<= {self.goal:g}"
                met = "yes" if value <= self.goal else "**no**"
        return [self.figure, c.label, f"{c.median:.3f}", c.spread(), f"{statistics.median(c.memory_mb):.0f}",
                ratio, goal, met, self.note]


def single_plot(runs: int, work: Path) -> list[Row]:
    actplot = Contender("actplot leaky-relu --alpha 0.01 --range -10 10 -o f.png",
                        [ACTPLOT, "leaky-relu", "--alpha", "0.01", "--range", "-10", "10", "-o", str(work / "a.png")])
    plain = Contender("plain numpy + pyplot script (benchmarks/plain_single.py)",
                      [PYTHON, str(HERE / "plain_single.py"), str(work / "p.png")])
    floor = Contender("floor: numpy + Figure, fixed layout, no pyplot (benchmarks/floor_single.py)",
                      [PYTHON, str(HERE / "floor_single.py"), str(work / "f.png")])
    interleave([actplot, plain, floor], runs)
    return [Row("1. single plot", plain), Row("1. single plot", floor),
            Row("1. single plot", actplot, plain, 0.9, "against the plain script"),
            Row("1. single plot", actplot, floor, 1.15, "against the floor")]


def startup(runs: int, work: Path) -> list[Row]:
    single = Contender("actplot leaky-relu ... -o f.png (reference)",
                       [ACTPLOT, "leaky-relu", "--alpha", "0.01", "--range", "-10", "10", "-o", str(work / "a.png")])
    commands = [Contender(f"actplot {' '.join(args)}", [ACTPLOT, *args])
                for args in (["--help"], ["list"], ["info", "gelu"])]
    interleave([single, *commands], runs)
    rows = [Row("2. start-up", single)]
    for command in commands:
        imports = subprocess.run([PYTHON, "-X", "importtime", "-c",
                                  f"from actplot.cli import run; run({command.argv[1:]!r})"],
                                 capture_output=True, text=True).stderr
        note = "imports matplotlib" if "matplotlib" in imports else "no matplotlib"
        rows.append(Row("2. start-up", command, single, 0.4, note))
    return rows


def library(runs: int, work: Path) -> list[Row]:
    """``import actplot`` alone, and one plot in a warm process against the same drawing by hand."""
    bare = Contender("python -c pass", [PYTHON, "-c", "pass"])
    imported = Contender("python -c 'import actplot'", [PYTHON, "-c", "import actplot"])
    interleave([bare, imported], runs)
    check = subprocess.run([PYTHON, "-c", "import sys, actplot; print('matplotlib' in sys.modules)"],
                           capture_output=True, text=True)
    note = "imports matplotlib" if check.stdout.strip() == "True" else "no matplotlib"
    rows = [Row("5. library", bare), Row("5. library", imported, bare, None, note)]
    output = subprocess.run([PYTHON, str(HERE / "warm_api.py"), str(max(10, 4 * runs))], capture_output=True,
                            text=True, check=True).stdout
    warm: dict[str, Contender] = {}
    for line in output.splitlines():
        name, median, low, high = line.split()
        label = ("actplot.plot(...) + savefig, warm process" if name == "actplot"
                 else "the same figure by hand (Figure, numpy), warm process")
        warm[name] = Contender(label, [], times=[float(low), float(median), float(high)], memory_mb=[0.0])
    rows += [Row("5. library", warm["by-hand"]),
             Row("5. library", warm["actplot"], warm["by-hand"], None, "benchmarks/warm_api.py")]
    return rows


def data(runs: int, work: Path) -> list[Row]:
    """Data at scale: ten million points to CSV (every digit) and to .npz."""
    small = Contender("actplot gelu --points 1e3 -o f.csv", [ACTPLOT, "gelu", "--points", "1e3", "-o",
                                                             str(work / "small.csv")])
    big = Contender("actplot gelu --points 1e7 -o f.csv", [ACTPLOT, "gelu", "--points", "1e7", "-o",
                                                          str(work / "big.csv")])
    npz = Contender("actplot gelu --points 1e7 -o f.npz", [ACTPLOT, "gelu", "--points", "1e7", "-o",
                                                          str(work / "big.npz")])
    interleave([small, big, npz], max(1, runs // 2))
    return [Row("6. data", small), Row("6. data", big, None, None, "830 MB, 17 digits", seconds_goal=8.0),
            Row("6. data", npz, big)]


def terminal(runs: int, work: Path) -> list[Row]:
    """The mission command drawn in the terminal (no display) against the same to PNG."""
    mission = ["leaky-relu", "--alpha", "0.01", "--range", "-10", "10"]
    png = Contender("actplot leaky-relu --alpha 0.01 --range -10 10 -o f.png",
                    [ACTPLOT, *mission, "-o", str(work / "t.png")])
    text = Contender("the same in the terminal (-t, 100 x 30)", ["env", "-u", "DISPLAY", "COLUMNS=100", "LINES=30",
                                                                  ACTPLOT, *mission, "-t"])
    interleave([png, text], runs)
    return [Row("7. terminal", png), Row("7. terminal", text, png, 0.4, "no matplotlib")]


def gallery(runs: int, work: Path) -> list[Row]:
    import actplot

    names = actplot.names()
    empty = work / "empty.toml"
    empty.write_text("replace = false\n")  # the catalog's own entries, no extras
    cold_dir, warm_dir, loop_dir, plain_dir = (work / d for d in ("cold", "warm", "loop", "plain"))

    def fresh(directory: Path) -> Callable[[], None]:
        return lambda: shutil.rmtree(directory, ignore_errors=True)

    cold = Contender(f"actplot gallery, cold ({len(names)} images, {os.cpu_count()} jobs)",
                     [ACTPLOT, "gallery", str(cold_dir), "--config", str(empty)], prepare=fresh(cold_dir))
    loop_dir.mkdir(exist_ok=True)
    script = "; ".join(f"{ACTPLOT} {n} -o {loop_dir / n}.png --dpi 100" for n in names)
    shell = Contender("shell loop: actplot NAME -o FILE per entry", ["bash", "-c", script])
    plain = Contender("one process, fresh pyplot figure per entry (benchmarks/plain_gallery.py)",
                      [PYTHON, str(HERE / "plain_gallery.py"), str(plain_dir)])
    interleave([cold, shell, plain], max(3, runs // 2) if runs > 3 else runs)

    subprocess.run([ACTPLOT, "gallery", str(warm_dir), "--config", str(empty)], check=True, capture_output=True)
    unchanged = Contender("actplot gallery, nothing changed", [ACTPLOT, "gallery", str(warm_dir), "--config",
                                                               str(empty)])
    help_ = Contender("actplot --help", [ACTPLOT, "--help"])
    interleave([unchanged, help_], runs)
    return [Row("3. gallery", shell), Row("3. gallery", plain),
            Row("3. gallery", cold, shell, 0.15, "against the shell loop"),
            Row("3. gallery", cold, plain, 0.5, "against the pyplot loop"),
            Row("3. gallery", help_), Row("3. gallery", unchanged, help_, 2.0, "against actplot --help")]


def scale(runs: int, work: Path) -> list[Row]:
    contenders = [Contender(f"actplot gelu --points {n:.0e}".replace("+0", ""),
                            [ACTPLOT, "gelu", "--points", str(n), "-o", str(work / f"s{n}.png")])
                  for n in (10**3, 10**5, 10**6, 10**7)]
    interleave(contenders, runs)
    smallest = contenders[0]
    rows = [Row("4. scale", smallest)]
    for contender in contenders[1:]:
        big = contender is contenders[-1]
        note = f"peak {max(contender.memory_mb):.0f} MB (goal < 400 MB)" if big else ""
        rows.append(Row("4. scale", contender, smallest, 3.0 if big else None, note))
    return rows


def explore(runs: int, work: Path) -> list[Row]:
    """The explorer's redraw in a warm process (benchmarks/explore_redraw.py)."""
    output = subprocess.run([PYTHON, str(HERE / "explore_redraw.py"), str(max(20, 8 * runs))], capture_output=True,
                            text=True, check=True).stdout
    labels = {"redraw": "slider moved: 2 panels x 2001 points sampled, lines, titles, layout",
              "redraw+paint": "the same, then the whole figure painted by Agg",
              "zoom": "x limits changed: both panels sampled again over the view"}
    rows = []
    for line in output.splitlines():
        name, median, low, high = line.split()
        contender = Contender(labels[name], [], times=[float(low), float(median), float(high)], memory_mb=[0.0])
        goal = 0.03 if name == "redraw" else None
        rows.append(Row("8. explore", contender, seconds_goal=goal, note="benchmarks/explore_redraw.py"))
    return rows


def properties(runs: int, work: Path) -> list[Row]:
    """Every entry's properties_at in a warm process (benchmarks/properties.py): the slowest must
    take milliseconds, oscillating entries included."""
    output = subprocess.run([PYTHON, str(HERE / "properties.py")], capture_output=True, text=True,
                            check=True).stdout
    _, median, low, high = output.split()
    typical = Contender("properties_at, every entry and example (median entry)", [],
                        times=[float(low), float(median), float(high)], memory_mb=[0.0])
    slowest = Contender("properties_at, the slowest entry", [], times=[float(high)] * 3, memory_mb=[0.0])
    return [Row("9. properties", typical, note="benchmarks/properties.py"),
            Row("9. properties", slowest, seconds_goal=0.02, note="oscillating entries included")]


FIGURES = {"single": single_plot, "startup": startup, "gallery": gallery, "scale": scale, "library": library,
           "data": data, "terminal": terminal, "explore": explore, "properties": properties}


def table(rows: Sequence[Row], runs: int, seconds: float) -> str:
    header = ["figure", "contender", "median s", "min-max s", "peak MB", "ratio", "goal", "met", "note"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `python benchmarks/run.py` on {time.strftime('%Y-%m-%d')}: {os.cpu_count()} CPUs, "
        f"{platform.machine()}, Python {platform.python_version()}, {runs} interleaved runs after a warm-up "
        f"(the gallery's slow contenders: {max(3, runs // 2) if runs > 3 else runs}); {seconds:.0f} s in all. "
        "Ratio: this median over the reference's median.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed rounds per figure (default 5)")
    parser.add_argument("--only", default=",".join(FIGURES), help="figures to run, comma-separated")
    parser.add_argument("--output", type=Path, default=HERE / "results.md", help="where to write the table")
    args = parser.parse_args()
    if ACTPLOT is None:
        raise SystemExit("install actplot first: pip install .")
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as directory:
        for name in args.only.split(","):
            print(f"benchmark: {name}...", file=sys.stderr, flush=True)
            rows += FIGURES[name](args.runs, Path(directory))
    text = table(rows, args.runs, time.perf_counter() - started)
    print(text)
    args.output.write_text(text)


if __name__ == "__main__":
    main()
