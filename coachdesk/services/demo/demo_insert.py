"""Low-level demo writing: the columns filled per table, a buffered bulk writer and SQLite's index handling."""

from __future__ import annotations

import json
import queue
import random
import threading
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Date, DateTime

from coachdesk.storage.bulk import insert_figures, insert_rows
from coachdesk.storage.models import Base

FLUSH_ROWS = 50_000
#: columns filled per table, in insertion order (parents first); records also get uuid, created/updated, version
COLUMNS: dict[str, tuple[str, ...]] = {name: tuple(cols.split()) for name, cols in {
    "team": "id name description parent_team_id is_active one_to_one_cadence_days",
    "person": "id display_name given_name family_name name_key email active_from active_to one_to_one_cadence_days",
    "person_external_id": "id person_id system value",
    "person_alias": "id person_id alias alias_key",
    "person_role": "id person_id role start_date end_date",
    "team_membership": "id person_id team_id role start_date end_date",
    "import_batch": "id file_name source report_json started_at rows_read rows_skipped figures_stored status",
    "goal": "id level parent_id team_id title description customer_outcome kpi_id target_value start_date due_date"
        " status owner_id sort_order",
    "objective": "id person_id goal_id statement measure_kind kpi_id behaviour_id baseline commit_level target_level"
        " stretch_level start_date due_date weight status status_changed_at status_changed_by_id created_by_id",
    "objective_change": "id objective_id changed_at changed_by_id field old_value new_value reason",
    "observation_session": "id coach_id agent_id team_id framework_id mode announced started_at ended_at status"
        " summary",
    "observed_interaction": "id session_id reference channel started_at ended_at",
    "behaviour_rating": "id session_id interaction_id behaviour_id observer_id value label score scale_name rated_at",
    "observation_note": "id session_id interaction_id kind text noted_at behaviour_id objective_id",
    "feedback": "id session_id agent_id coach_id team_id went_well to_improve agent_commitment follow_up_date"
        " delivered_at target_behaviour_id target_kpi_id target_objective_id follow_up_done_at",
    "one_to_one": "id agent_id leader_id type status team_id scheduled_for held_at agent_comments summary next_date"
        " previous_id acknowledged_at acknowledged_name acknowledgement_comment",
    "one_to_one_participant": "id one_to_one_id person_id role",
    "one_to_one_item": "id one_to_one_id kind text owner_id due_date status visibility reward_scope carried_from_id"
        " closed_at sort_order",
    "one_to_one_objective": "id one_to_one_id objective_id action note",
    "recognition": "id agent_id given_by_id given_by_name team_id title what_they_did words behaviour_id objective_id"
        " source_note_id recognised_on",
}.items()}
RECORD_TAIL = ("uuid", "created_at", "updated_at", "version")
#: one person's figures of every KPI in one statement: {"kpi id": {"day": value, ...}, ...}
FIGURE_SQL = ("INSERT INTO kpi_figure (person_id, kpi_id, period_start, period_end, value, batch_id) "
              "SELECT ?1, k.key, d.key, d.key, d.value, ?2 FROM json_each(?3) AS k, json_each(k.value) AS d")
#: indexes dropped during the load and rebuilt at its end, in the same transaction (cheaper than maintaining them row
#: by row): these kpi_figure ones, and every secondary index of the biggest record tables (not the UUIDs' unique ones)
REBUILT_INDEXES = ("ix_kpi_figure_kpi_period", "ix_kpi_figure_person_kpi_end")
REBUILT_TABLES = ("behaviour_rating", "one_to_one_item", "observation_note", "observed_interaction")
_UUID_KEEP = ((1 << 80) - 1) & ~((0xF << 76) | (0x3 << 62))
_UUID_SET = (0x4 << 76) | (0x2 << 62)


class Writer:
    """Buffers rows per table and writes them with executemany: on SQLite straight to the driver with values already
    in the dialect's storage format, on a worker thread, elsewhere through SQLAlchemy Core.

    On SQLite the worker owns the connection between ``flush``/``figures_of`` and ``wait``: SQLite runs statements
    without the GIL, so the next agent is generated while the last one is written; anything else that uses the
    connection waits first.
    """

    def __init__(self, conn: Connection, seed: int, fast: bool) -> None:
        self.conn, self.fast = conn, fast
        self.rng = random.Random(f"{seed}:uuid")
        self.prefix = {name: self.rng.getrandbits(46) for name in COLUMNS}
        self.buffers: dict[str, list[tuple]] = {name: [] for name in COLUMNS}
        self.pending = self.figures = 0
        self.records = {name for name in COLUMNS if "uuid" in Base.metadata.tables[name].c}
        self.jobs: queue.Queue | None = None
        self.closing = False
        self.rebuild: list[str] = []  # SQL of the indexes dropped for the load
        if fast:
            self.cursor = conn.connection.driver_connection.cursor()  # same connection, same transaction
            to_dt = DateTime().dialect_impl(conn.dialect).bind_processor(conn.dialect)
            to_date = Date().dialect_impl(conn.dialect).bind_processor(conn.dialect)
            probe_dt, probe_date = datetime(2024, 2, 29, 7, 5, 3, 120), date(2024, 2, 29)
            # isoformat is the same text as SQLAlchemy's SQLite storage format, several times faster
            self.ts = _iso_dt if to_dt(probe_dt) == _iso_dt(probe_dt) else to_dt
            self.day = date.isoformat if to_date(probe_date) == probe_date.isoformat() else to_date
        else:
            self.ts, self.day = _aware, _same

    def uuid(self, table: str) -> str:
        """A version-4-format UUID from the seeded stream; each table's UUIDs ascend (a 48-bit prefix rising by up to
        2**24, then 74 random bits), so its unique index is appended to instead of being written all over."""
        bits = self.rng.getrandbits(104)
        prefix = self.prefix[table] = self.prefix[table] + (bits >> 80) + 1
        h = ((prefix << 80) | (bits & _UUID_KEEP) | _UUID_SET).to_bytes(16, "big").hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def add(self, table: str, values: tuple, at: object = None) -> None:
        """One row, ``values`` in ``COLUMNS`` order and storage form; ``at`` is a record's creation instant."""
        self.buffers[table].append(values if at is None else (*values, self.uuid(table), at, at, 1))
        self.pending += 1

    def drop_indexes(self) -> None:
        """SQLite: drop ``REBUILT_INDEXES`` and the secondary indexes of ``REBUILT_TABLES`` (those with SQL: the
        automatic ones of unique constraints stay), keeping their SQL from ``sqlite_master`` for ``rebuild_indexes``;
        a rollback brings them back."""
        if self.fast:
            self.wait()
            names, tables = ", ".join("?" * len(REBUILT_INDEXES)), ", ".join("?" * len(REBUILT_TABLES))
            for name, sql in self.conn.exec_driver_sql(
                    f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND (name IN "
                    f"({names}) OR tbl_name IN ({tables})) ORDER BY tbl_name, name",
                    REBUILT_INDEXES + REBUILT_TABLES).all():
                self.conn.exec_driver_sql(f'DROP INDEX "{name}"')
                self.rebuild.append(sql)

    def rebuild_indexes(self) -> None:
        """Create the indexes ``drop_indexes`` dropped, once every row is in."""
        self.flush()
        self.wait()
        while self.rebuild:
            self.conn.exec_driver_sql(self.rebuild.pop(0))

    def flush(self) -> None:
        """Write the buffered rows, parents first (on SQLite: hand them to the worker)."""
        batch = []
        for name, rows in self.buffers.items():
            if rows:
                cols = COLUMNS[name] + (RECORD_TAIL if name in self.records else ())
                batch.append((name, cols, rows))
                self.buffers[name] = []
        self.pending = 0
        if self.fast:
            if batch:
                self._submit((None, [(f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                      rows) for name, cols, rows in batch]))
            return
        for name, cols, rows in batch:
            insert_rows(self.conn, Base.metadata.tables[name], cols, rows)

    def figures_of(self, person_id: int, batch_id: int, days: list, series: list[tuple[int, list]]) -> None:
        """One person's daily figures: (KPI id, values aligned with ``days``; None = no figure that day)."""
        by_kpi = {}
        for kpi_id, values in series:
            by_kpi[kpi_id] = {d: v for d, v in zip(days, values, strict=True) if v is not None} if None in values \
                else dict(zip(days, values, strict=True))
            self.figures += len(by_kpi[kpi_id])
        if not self.fast:
            insert_figures(self.conn, [(person_id, kpi_id, d, d, v, batch_id) for kpi_id, pairs in by_kpi.items()
                                       for d, v in pairs.items()])
            return
        self._submit(((person_id, batch_id, json.dumps(by_kpi)), None))

    def _submit(self, job: tuple) -> None:
        """Queue one job for the worker: (figure statement parameters, None) or (None, [(insert, rows), ...])."""
        if self.jobs is None:
            self.jobs, self.error = queue.Queue(maxsize=3), None
            self.thread = threading.Thread(target=self._work, name="demo-writer", daemon=True)
            self.thread.start()
        if self.error is not None:
            raise self.error
        self.jobs.put(job)

    def _work(self) -> None:
        while (job := self.jobs.get()) is not None:
            try:
                if self.error is None and not self.closing:  # after a failure, what is left is skipped
                    figures, inserts = job
                    if figures is not None:
                        self.cursor.execute(FIGURE_SQL, figures)
                    for sql, rows in inserts or ():
                        self.cursor.executemany(sql, rows)
            except BaseException as error:  # noqa: BLE001 - handed to the generating thread
                self.error = error
            finally:
                self.jobs.task_done()
        self.jobs.task_done()

    def wait(self) -> None:
        """Let queued statements finish (the connection is then free for this thread)."""
        if self.jobs is not None:
            self.jobs.join()
            if self.error is not None:
                raise self.error

    def close(self) -> None:
        """Stop the worker; jobs still queued (only after a failure: ``rebuild_indexes`` waits) are dropped."""
        self.closing = True
        if self.jobs is not None:
            self.jobs.put(None)
            self.thread.join()
            self.jobs = None


def _iso_dt(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC)


def _same(value: date) -> date:
    return value
