"""People lists a page at a time against the whole list, side by side, on a demo database.

What the Agent and People pages read when they open, search, sort or show someone chosen elsewhere: one page
(``people.people_slice``, 200 rows, with its counts) against the whole list they read before (``list_people``).
Each figure is the median of ``--repeat`` reads taken in turns, so both sides see the same machine.

    python bench/bench_people_list.py                                  # bench/out/demo500.sqlite3
    python bench/bench_people_list.py --db bench/out/demo2000.sqlite3  # demo --agents 2000 --days 1095
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_observe import DEFAULT_DB, copy_database, ensure_demo  # noqa: E402


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--repeat", type=int, default=15)
    options = parser.parse_args(argv)
    ensure_demo(options.db)
    from coachdesk.domain.enums import Role
    from coachdesk.services import people
    from coachdesk.services.common import open_store, sqlite_location

    folder = Path(tempfile.mkdtemp(prefix="coachdesk-bench-"))
    copy_database(options.db, folder / "demo.sqlite3")
    db = open_store(sqlite_location(folder / "demo.sqlite3")).db
    agents = people.PeopleQuery(roles=frozenset({Role.AGENT}))
    everyone = people.list_people(db, include_inactive=True)
    last = people.list_people(db, role=Role.AGENT)[-1]
    cases = [  # (what, the whole list as before, one page now)
        ("Agent list opens (agents by name)", lambda: people.list_people(db),
         lambda: people.people_slice(db, agents)),
        ("People list opens (everyone, by team)", lambda: people.list_people(db),
         lambda: people.people_slice(db, people.PeopleQuery(sort="team"))),
        ("search 'an' (name, alias, e-mail, id)", lambda: people.list_people(db, search="an"),
         lambda: people.people_slice(db, people.PeopleQuery(search="an"))),
        ("the last agent chosen elsewhere", lambda: people.list_people(db),
         lambda: people.people_slice(db, agents, reaching=last.uuid)),
    ]
    print(f"\nPeople lists on {options.db.name}: {len(everyone)} people; median of {options.repeat} reads each, "
          "taken in turns")
    print(f"  {'':42} {'whole list':>11} {'one page':>10} {'page/whole':>11}")
    for name, whole, page in cases:
        whole_ms, page_ms = [], []
        for _ in range(options.repeat):
            whole_ms.append(_timed(whole))
            page_ms.append(_timed(page))
        a, b = statistics.median(whole_ms), statistics.median(page_ms)
        print(f"  {name:<42} {a:8.1f} ms {b:7.1f} ms {b / a:10.2f}x")
    shown = people.people_slice(db, agents)
    print(f"  rows read on opening the Agent list: {len(shown.rows)} of {shown.total} agents "
          f"({shown.everyone} people in the list with every role)")
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
