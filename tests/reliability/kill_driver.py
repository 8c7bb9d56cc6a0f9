"""Runs one long write (import-data, db copy or import-kpis) and prints a line at each progress report, so a test
can kill it with SIGKILL while its transaction is open."""

from __future__ import annotations

import sys
from pathlib import Path


def say(text: str) -> None:
    print(text, flush=True)


def main() -> None:
    action, first, second = sys.argv[1:4]
    from coachdesk.services.common import open_store, sqlite_location

    if action == "import-data":
        from coachdesk.services.exchange import import_document

        db = open_store(sqlite_location(first)).db
        say("ready")
        import_document(db, Path(second), progress=lambda n: say(f"progress {n}"))
    elif action == "db-copy":
        from coachdesk.services.maintenance import copy_database
        from coachdesk.storage.database import Database, sqlite_url

        say("ready")
        copy_database(Database(sqlite_url(first)), second, progress=lambda table, n: say(f"progress {table} {n}"))
    elif action == "import-kpis":
        from coachdesk.services import kpis as kpis_api

        db = open_store(sqlite_location(first)).db
        options = kpis_api.ImportOptions(auto=True, create_agents=True)
        plan = kpis_api.preview_file(db, Path(second), options)
        say("ready")
        kpis_api.commit(db, plan, create_agents=True, progress=lambda fraction, message: say(f"progress {fraction}"))
    else:
        raise SystemExit(f"unknown action {action}")
    say("done")


if __name__ == "__main__":
    main()
