"""A planted fault for the random-kill test to catch: the real CLI, but ``import-kpis`` commits after every chunk of
figures (several transactions instead of one), so a kill between two chunks leaves a partial import behind."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from coachdesk.storage import bulk  # noqa: E402

_insert = bulk.insert_figures


def insert_and_commit(conn, rows):  # noqa: ANN001, ANN201
    stored = _insert(conn, rows)
    conn.exec_driver_sql("COMMIT")  # the planted fault: what is written so far is committed on its own
    conn.exec_driver_sql("BEGIN")
    # the partial state lasts long enough that random kills land in it on a fast idle machine too (there the
    # chunks are written in milliseconds, and the start-up takes most of the run)
    time.sleep(1.5)
    return stored


bulk.insert_figures = insert_and_commit

if __name__ == "__main__":
    from coachdesk.cli import main

    sys.exit(main(sys.argv[1:]))
