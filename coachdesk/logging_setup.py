"""Logging to a rotating file in the app's log folder, and warnings to stderr."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from coachdesk.paths import AppPaths

LOG_FILE = "coachdesk.log"


def setup_logging(paths: AppPaths, verbose: bool = False) -> None:
    root = logging.getLogger()
    if getattr(root, "_coachdesk_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            paths.log_dir / LOG_FILE, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(file_handler)
    except OSError as exc:  # a read-only home must not stop the app
        print(f"coachdesk: cannot write the log in {paths.log_dir}: {exc}", file=sys.stderr)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("coachdesk: %(levelname)s: %(message)s"))
    root.addHandler(console)
    root._coachdesk_configured = True  # type: ignore[attr-defined]
