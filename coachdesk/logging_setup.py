"""Logging to a rotating file in the app's log folder, and warnings to stderr."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from coachdesk.paths import AppPaths

LOG_FILE = "coachdesk.log"
MAX_BYTES = 2_000_000
KEEP = 3


def rotate_at_start(path: Path, max_bytes: int = MAX_BYTES, keep: int = KEEP) -> None:
    """Rotate the log once at start-up when it has grown past ``max_bytes`` (``.1`` is the newest old log).

    Cheaper to import than ``logging.handlers`` (which drags in sockets and pickle), and enough for a desktop app.
    """
    try:
        if not path.exists() or path.stat().st_size <= max_bytes:
            return
        for n in range(keep - 1, 0, -1):
            older = path.with_name(f"{path.name}.{n}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{n + 1}"))
        os.replace(path, path.with_name(f"{path.name}.1"))
    except OSError:
        pass


class _OneLine(logging.Formatter):
    """The console gets one line per message: tracebacks go to the log file only."""

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info = record.exc_text = record.stack_info = None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


def setup_logging(paths: AppPaths, verbose: bool = False) -> None:
    root = logging.getLogger()
    if getattr(root, "_coachdesk_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        rotate_at_start(paths.log_dir / LOG_FILE)
        file_handler = logging.FileHandler(paths.log_dir / LOG_FILE, encoding="utf-8")
        file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(file_handler)
    except OSError as exc:  # a read-only home must not stop the app
        print(f"coachdesk: cannot write the log in {paths.log_dir}: {exc}", file=sys.stderr)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(_OneLine("coachdesk: %(levelname)s: %(message)s"))
    root.addHandler(console)
    root._coachdesk_configured = True  # type: ignore[attr-defined]
