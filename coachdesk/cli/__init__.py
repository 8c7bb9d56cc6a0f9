"""The command-line face of CoachDesk (argparse subcommands); no Qt import unless a command opens a window."""

from __future__ import annotations

import importlib
import sys
import time
from types import SimpleNamespace
from typing import Any, TextIO

from coachdesk.cli.common import EXIT_USER_ERROR, UserError
from coachdesk.domain.errors import CoachDeskError
from coachdesk.paths import app_paths

__all__ = ["COMMANDS", "UserError", "main"]

#: command -> (module under coachdesk.cli, function); modules load only when their command runs
COMMANDS: dict[str, tuple[str, str]] = {
    "gui": ("app_commands", "cmd_gui"),
    "self-test": ("app_commands", "cmd_self_test"),
    "demo": ("app_commands", "cmd_demo"),
    "db": ("db_commands", "cmd_db"),
    "people": ("people_commands", "cmd_people"),
    "import-kpis": ("kpi_commands", "cmd_import_kpis"),
    "kpis": ("kpi_commands", "cmd_kpis"),
    "objectives": ("objective_commands", "cmd_objectives"),
    "export": ("data_commands", "cmd_export"),
    "import-data": ("data_commands", "cmd_import_data"),
    "erase": ("data_commands", "cmd_erase"),
    "one-to-ones": ("one_to_one_commands", "cmd_one_to_ones"),
    "calendar": ("calendar_commands", "cmd_calendar"),
    "report": ("report_commands", "cmd_report"),
}


def _plain_launch(argv: list[str] | None) -> Any:
    """``coachdesk`` with no arguments (a double-click) opens the GUI without loading argparse."""
    if sys.argv[1:] if argv is None else argv:
        return None
    return SimpleNamespace(command=None, db=None, db_url=None, data_dir=None, verbose=False)


def _log_detail(exc: BaseException) -> None:
    """The traceback goes to the log file only (the console handler prints one line and never a traceback)."""
    import logging

    logging.getLogger(__name__).info("the command stopped: %s", exc, exc_info=exc)


def _database_of(args: Any) -> Any:
    """The file or server the options name, for the sentence (never raises)."""
    import os

    from coachdesk.paths import DB_ENV, DB_URL_ENV

    url = getattr(args, "db_url", None) or (None if getattr(args, "db", None) else os.environ.get(DB_URL_ENV))
    if url:
        return url
    db = getattr(args, "db", None) or os.environ.get(DB_ENV)
    if db:
        from pathlib import Path

        return Path(db).expanduser().resolve()
    try:
        return app_paths(getattr(args, "data_dir", None)).default_db
    except Exception:  # noqa: BLE001
        return None


def _fault(exc: Exception, args: Any) -> int:
    """A fault of the machine (disk, folder, server) or an unexpected error: one sentence, exit 2; detail to the log."""
    from coachdesk.storage.faults import describe

    _log_detail(exc)
    fault = describe(exc, _database_of(args))
    if fault is not None:
        print(f"coachdesk: {fault}", file=sys.stderr)
        return EXIT_USER_ERROR
    if isinstance(exc, OSError):
        print(f"coachdesk: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ") + ".", file=sys.stderr)
        return EXIT_USER_ERROR
    from coachdesk.paths import app_paths as _paths

    try:
        log = _paths(getattr(args, "data_dir", None)).log_dir / "coachdesk.log"
    except Exception:  # noqa: BLE001
        log = "the log"
    first = str(exc).splitlines()[0][:200] if str(exc) else ""
    print(f"coachdesk: the command stopped on an unexpected error ({type(exc).__name__}: {first}); nothing "
          f"half-written was kept. The details are in {log}; please report them.", file=sys.stderr)
    return EXIT_USER_ERROR


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if (args := _plain_launch(argv)) is None:
        from coachdesk.cli.parser import build_parser

        args = build_parser().parse_args(argv)
    from coachdesk.logging_setup import setup_logging

    started = time.perf_counter()
    try:
        paths = app_paths(args.data_dir).ensure()
        setup_logging(paths, verbose=args.verbose)
        if args.command not in (None, "gui"):  # the window takes its dates from Qt's locale instead
            from coachdesk.cli.common import environment_dates
            from coachdesk.domain import date_words

            date_words.use(environment_dates())
        module, function = COMMANDS[args.command or "gui"]
        command = getattr(importlib.import_module(f"coachdesk.cli.{module}"), function)
        return command(args, paths, out)
    except CoachDeskError as exc:
        _log_detail(exc)
        print(f"coachdesk: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # the reader went away (`coachdesk ... | head`): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("coachdesk: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place every command's failure becomes a sentence
        return _fault(exc, args)
    finally:
        import logging

        logging.getLogger(__name__).debug("command took %.3f s", time.perf_counter() - started)
