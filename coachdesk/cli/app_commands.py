"""Commands that open windows or fill the database: the GUI, the self-test and the demo data."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.common import EXIT_OK, UserError, open_context
from coachdesk.paths import AppPaths

if TYPE_CHECKING:
    import argparse


def cmd_gui(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.app import run_gui
    from coachdesk.services.common import resolve_location

    return run_gui(paths, resolve_location(paths, db=args.db, db_url=args.db_url))


def cmd_self_test(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.app import run_self_test
    from coachdesk.services.common import resolve_location

    return run_self_test(paths, resolve_location(paths, db=args.db, db_url=args.db_url), out=out)


def cmd_demo(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from coachdesk.services.demo import generate_demo

    if args.agents < 1 or args.days < 1:
        raise UserError("--agents and --days must be at least 1.")
    ctx = open_context(args, paths)
    last = [-1]

    def progress(percent: int, message: str = "") -> None:
        if percent // 10 != last[0] // 10:
            print(f"  {percent:3d}% {message}", file=sys.stderr)
        last[0] = percent

    summary = generate_demo(ctx.db, agents=args.agents, days=args.days, seed=args.seed, progress=progress)
    print(f"Demo data written to {ctx.describe()} in {summary.seconds:.1f} s: {summary.teams} teams, "
          f"{summary.people} people ({summary.agents} agents), {summary.kpi_figures:,} KPI figures, "
          f"{summary.observations} observations, {summary.feedback} feedback, {summary.one_to_ones} one-to-ones, "
          f"{summary.recognitions} recognitions, {summary.goals} goals, {summary.objectives} objectives.", file=out)
    return EXIT_OK
