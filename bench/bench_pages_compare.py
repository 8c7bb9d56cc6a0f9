"""Before/after of ``bench_pages.py``: the same benchmark run for two checkouts, one after the other in one run, on
the same demo database and machine, and the ratio after/before of every figure.

    python bench/bench_pages_compare.py --before /tmp/main-checkout [--after .] [--db bench/out/demo500.sqlite3]

``--before`` is a checkout of the older code (``git worktree add --detach /tmp/main-checkout main``); ``--after``
defaults to this checkout. Each side runs in its own process with its checkout first on ``PYTHONPATH`` (the
benchmark file itself is this checkout's). ``--rounds 2`` alternates before, after, before, after and keeps each
figure's best, so that a busy machine favours neither side.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIGURE = re.compile(r"^\s*(?P<name>Today's figures after window.show\(\))\s+(?P<value>[\d.]+) ms")
PAGE = re.compile(r"^\s+(?P<name>\w+)\s+blocked\s+(?P<blocked>[\d.]+) ms \| settled\s+(?P<first>[\d.]+|\(start\))"
                  r" /\s+(?P<again>[\d.]+) ms")
CPU = re.compile(r"^\s+(?P<name>\w+)\s+cpu\s+(?P<value>[\d.]+) ms")
SWITCH = re.compile(r"^\s+agent page: agent -> next agent, (?P<what>GUI blocked|settled|effects in|CPU \(all threads\)|CPU with effects)\s+median\s+(?P<median>[\d.]+)"
                    r" ms\s+p95\s+(?P<p95>[\d.]+)")


def run_side(checkout: Path, extra: list[str]) -> tuple[dict[str, float], str]:
    env = dict(os.environ, PYTHONPATH=str(checkout.resolve()), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(HERE / "bench_pages.py"), *extra], env=env, capture_output=True,
                          text=True, check=False)
    figures: dict[str, float] = {}
    for text in done.stdout.splitlines():
        if match := FIGURE.match(text):
            figures["Today's figures after show"] = float(match["value"])
        elif match := PAGE.match(text):
            if match["first"] != "(start)":
                figures[f"{match['name']}: first open, settled"] = float(match["first"])
            figures[f"{match['name']}: opened again, settled"] = float(match["again"])
            figures[f"{match['name']}: GUI blocked"] = float(match["blocked"])
        elif match := CPU.match(text):
            figures[f"{match['name']}: CPU, all threads"] = float(match["value"])
        elif match := SWITCH.match(text):
            figures[f"agent -> agent {match['what']}: median"] = float(match["median"])
            figures[f"agent -> agent {match['what']}: p95"] = float(match["p95"])
    if not figures:
        raise SystemExit(f"bench_pages.py with {checkout} printed no figures:\n{done.stdout}\n{done.stderr[-3000:]}")
    return figures, done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the older code")
    parser.add_argument("--after", type=Path, default=HERE.parent, help="checkout of the newer code (this one)")
    parser.add_argument("--db", type=Path, help="demo database (bench_pages.py's default when not given)")
    parser.add_argument("--after-db", type=Path, help="the same demo already migrated by the newer checkout (its "
                        "migration then runs before neither side's timing, nor its checkpoint during it)")
    parser.add_argument("--agents", type=int, default=20, help="agent switches timed (default 20)")
    parser.add_argument("--rounds", type=int, default=1, help="before/after pairs; each figure's best is kept")
    parser.add_argument("--verbose", action="store_true", help="print each run's own output too")
    options = parser.parse_args(argv)
    extra = {"before": ["--agents", str(options.agents), *(["--db", str(options.db)] if options.db else [])]}
    extra["after"] = extra["before"] if options.after_db is None else \
        ["--agents", str(options.agents), "--db", str(options.after_db)]
    best: dict[str, dict[str, float]] = {"before": {}, "after": {}}
    for _ in range(options.rounds):
        for side, checkout in (("before", options.before), ("after", options.after)):
            figures, text = run_side(checkout, extra[side])
            if options.verbose:
                print(f"--- {side} ({checkout})\n{text}")
            for name, value in figures.items():
                best[side][name] = min(value, best[side].get(name, value))
    print(f"\nPages before ({options.before}) and after ({options.after}), {options.rounds} round(s), "
          f"best of each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  {'figure':<40} {'before':>10} {'after':>10} {'after/before':>13}")
    for name, after in best["after"].items():
        before = best["before"].get(name)
        ratio = f"{after / before:12.2f}x" if before else "            -"
        shown = f"{before:8.1f}ms" if before is not None else "         -"
        print(f"  {name:<40} {shown:>10} {after:8.1f}ms {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
