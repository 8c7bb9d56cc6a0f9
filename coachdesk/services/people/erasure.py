"""Erase one person's personal data: their records, their links and name in others' records, audit entries that
name them; optionally keep their figures and ratings under an anonymous placeholder (documented in
docs/data-format.md); one anonymous audit entry says that an erasure happened and when."""

from __future__ import annotations

import json
import logging
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, update
from sqlalchemy.orm import Session

from coachdesk.domain.enums import AuditAction
from coachdesk.domain.errors import NotFound
from coachdesk.domain.text import name_key
from coachdesk.services import common as common_api
from coachdesk.storage.database import Database
from coachdesk.storage.models import Base, new_uuid
from coachdesk.storage.table_order import tables_in_order
from coachdesk.storage.types import utcnow

ERASED = "[erased]"
SCRUBBED_AUDIT = "Entry scrubbed: it named a person whose data was erased."
#: with --keep-aggregates these of the person's rows move to the placeholder (column naming the person)
KEPT = {"kpi_figure": "person_id", "person_role": "person_id", "team_membership": "person_id",
        "observation_session": "agent_id"}
#: ...and these children of kept sessions stay too, with the identifying parts cleared
KEPT_CHILDREN = ("observed_interaction", "behaviour_rating")
#: columns never rewritten by the text scrub (keys, hashes, codes)
NOT_TEXT = {"uuid", "name_key", "alias_key", "file_sha256", "header_signature", "record_uuid", "entity_uuid"}


@dataclass(frozen=True)
class ErasurePreview:
    uuid: str
    display_name: str
    records: dict[str, int]
    links: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.records.values())


@dataclass(frozen=True)
class ErasureReport:
    removed: dict[str, int] = field(default_factory=dict)
    unlinked: dict[str, int] = field(default_factory=dict)
    texts_scrubbed: int = 0
    audit_scrubbed: int = 0
    kept: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"Erased {sum(self.removed.values()):,} records: "
               + ", ".join(f"{n:,} {k}" for k, n in self.removed.items() if n)]
        if self.unlinked:
            out.append(f"Cleared {sum(self.unlinked.values()):,} links in other people's records: "
                       + ", ".join(f"{n:,} {k}" for k, n in self.unlinked.items()))
        out.append(f"Replaced the name in {self.texts_scrubbed:,} texts; scrubbed {self.audit_scrubbed:,} audit "
                   "entries that named the person.")
        if self.kept:
            out.append("Kept under an anonymous placeholder: " + ", ".join(f"{n:,} {k}" for k, n in self.kept.items()))
        return out


def _person_fks() -> list[tuple[Table, str, str]]:
    """(table, column, ondelete) of every foreign key pointing at person."""
    out = []
    for table in tables_in_order():
        for fk in table.foreign_keys:
            if fk.column.table.name == "person":
                out.append((table, fk.parent.name, (fk.ondelete or "").upper()))
    return out


def _owned(conn: Connection | Session, pid: int, skip: set[str] = frozenset()) -> dict[str, set[int]]:
    """Ids of every row deleted with the person: cascading links to the person, then to those rows, and so on."""
    tables = {t.name: t for t in tables_in_order()}
    owned: dict[str, set[int]] = {name: set() for name in tables}
    owned["person"] = {pid}
    frontier = {"person": {pid}}
    while frontier:
        nxt: dict[str, set[int]] = {}
        for table in tables.values():
            if table.name in skip:
                continue
            for fk in table.foreign_keys:
                parents = frontier.get(fk.column.table.name)
                if not parents or (fk.ondelete or "").upper() != "CASCADE":
                    continue
                col = table.c[fk.parent.name]
                wanted = sorted(parents)
                for start in range(0, len(wanted), 500):
                    for (ident,) in conn.execute(select(table.c.id).where(col.in_(wanted[start:start + 500]))):
                        if ident not in owned[table.name]:
                            owned[table.name].add(ident)
                            nxt.setdefault(table.name, set()).add(ident)
        frontier = nxt
    return owned


def _find(session: Session, person_uuid: str, lock: bool = False) -> Any:
    person = Base.metadata.tables["person"]
    query = select(person).where(person.c.uuid == person_uuid)
    if lock:  # PostgreSQL: a row inserted elsewhere that points at the person waits until the erasure is done
        query = query.with_for_update()
    row = session.execute(query).first()
    if row is None:
        raise NotFound(f"No person with UUID {person_uuid}.")
    return row


def preview_erasure(db: Database, person_uuid: str) -> ErasurePreview:
    with db.session() as session:
        row = _find(session, person_uuid)
        owned = _owned(session, row.id)
        links = {}
        for table, column, ondelete in _person_fks():
            if ondelete == "SET NULL":
                n = session.scalar(select(func.count()).select_from(table).where(table.c[column] == row.id))
                if n:
                    links[f"{table.name}.{column.removesuffix('_id')}"] = n
    return ErasurePreview(row.uuid, row.display_name, {k: len(v) for k, v in owned.items() if v}, links)


def _names(session: Session, row: Any) -> list[str]:
    alias = Base.metadata.tables["person_alias"]
    names = {row.display_name, *(a for (a,) in session.execute(select(alias.c.alias).where(alias.c.person_id == row.id)))}
    if row.given_name and row.family_name:
        names.add(f"{row.given_name} {row.family_name}")
        names.add(f"{row.family_name}, {row.given_name}")
    if row.email:
        names.add(row.email)
    return sorted((n.strip() for n in names if n and len(n.strip()) >= 4), key=len, reverse=True)


def _pattern(names: list[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)


def _scrub_json(text: str, pattern: re.Pattern[str]) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return pattern.sub(ERASED, text)

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(ERASED, value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {walk(k): walk(v) for k, v in value.items()}
        return value

    return json.dumps(walk(data), sort_keys=isinstance(data, dict), ensure_ascii=False)


def _scrub_texts(session: Session, pattern: re.Pattern[str]) -> int:
    """Replace the person's names in every free-text column of the rows that remain (people's own names aside)."""
    from sqlalchemy import String, Text

    changed = 0
    for table in tables_in_order():
        if table.name in ("person", "audit_log"):
            continue
        cols = [c for c in table.c if c.name not in NOT_TEXT and type(c.type) in (String, Text)
                and (isinstance(c.type, Text) or (c.type.length or 0) >= 100)]
        if not cols:
            continue
        pk = next(iter(table.primary_key.columns))
        updates = []
        for row in session.execute(select(pk, *cols)).yield_per(2000):
            values = {}
            for c in cols:
                text = row._mapping[c.name]
                if text and pattern.search(text):
                    values[c.name] = _scrub_json(text, pattern) if c.name.endswith("_json") else pattern.sub(ERASED,
                                                                                                             text)
            if values:
                updates.append((row[0], values))
        for key, values in updates:
            for c in cols:
                if c.name in values and c.unique:
                    values[c.name] = _free_unique(session, table, c.name, values[c.name])
            session.execute(update(table).where(pk == key).values(values))
            changed += len(values)
    return changed


def _free_unique(session: Session, table: Table, column: str, value: str) -> str:
    candidate, n = value, 1
    while session.scalar(select(func.count()).select_from(table).where(table.c[column] == candidate)):
        n += 1
        candidate = f"{value} ({n})"
    return candidate


def _scrub_audit(session: Session, pid: int, uuids: set[str], pattern: re.Pattern[str] | None) -> int:
    log = Base.metadata.tables["audit_log"]
    hits = []
    for row in session.execute(select(log.c.id, log.c.actor_id, log.c.actor_name, log.c.entity_uuid, log.c.summary,
                                      log.c.details_json)).yield_per(2000):
        texts = " ".join(t for t in (row.actor_name, row.summary, row.details_json) if t)
        if row.actor_id == pid or row.entity_uuid in uuids or (pattern is not None and pattern.search(texts)) \
                or any(u in texts for u in uuids if len(uuids) < 2000):
            hits.append(row)
    for row in hits:
        session.execute(update(log).where(log.c.id == row.id).values(
            summary=SCRUBBED_AUDIT, details_json=None, actor_name=None,
            actor_id=None if row.actor_id == pid else row.actor_id,
            entity_uuid=None if row.entity_uuid in uuids else row.entity_uuid))
    return len(hits)


def _uuids_of(session: Session, owned: dict[str, set[int]]) -> set[str]:
    out: set[str] = set()
    for name, ids in owned.items():
        table = Base.metadata.tables[name]
        if not ids or "uuid" not in table.c:
            continue
        wanted = sorted(ids)
        for start in range(0, len(wanted), 500):
            out |= set(session.scalars(select(table.c.uuid).where(table.c.id.in_(wanted[start:start + 500]))))
    return out


def _keep_aggregates(session: Session, row: Any) -> dict[str, int]:
    """Move the person's figures, roles, memberships and rated sessions to a new anonymous placeholder person,
    with new UUIDs and without notes, summaries or call references."""
    tables = Base.metadata.tables
    person = tables["person"]
    tag = secrets.token_hex(3)
    now = utcnow()
    placeholder = session.execute(insert(person).values(
        uuid=new_uuid(), display_name=f"Erased person {tag}", name_key=name_key(f"Erased person {tag}"),
        active_from=row.active_from, active_to=row.active_to, created_at=now, updated_at=now, version=1,
    ).returning(person.c.id)).scalar_one()
    kept: dict[str, int] = {}
    for name, column in KEPT.items():
        table = tables[name]
        values: dict[str, Any] = {column: placeholder}
        result = session.execute(update(table).where(table.c[column] == row.id).values(values))
        kept[name] = result.rowcount or 0
    sessions = tables["observation_session"]
    session_ids = list(session.scalars(select(sessions.c.id).where(sessions.c.agent_id == placeholder)))
    session.execute(update(sessions).where(sessions.c.agent_id == placeholder).values(summary=None))
    interactions = tables["observed_interaction"]
    refs: dict[str, str] = {}
    for ident, reference in session.execute(select(interactions.c.id, interactions.c.reference)
                                            .where(interactions.c.session_id.in_(session_ids or [-1]))).all():
        if reference:  # a fresh random token per call: calibration groups survive, the call id does not
            refs.setdefault(reference, f"erased-{secrets.token_hex(4)}")
        session.execute(update(interactions).where(interactions.c.id == ident).values(
            reference=refs.get(reference) if reference else None))
    for name in (*KEPT, *KEPT_CHILDREN):
        table = tables[name]
        if "uuid" not in table.c:
            continue
        if name in KEPT:
            where = table.c[KEPT[name]] == placeholder
        else:
            where = table.c.session_id.in_(session_ids or [-1])
        for (ident,) in session.execute(select(table.c.id).where(where)).all():
            session.execute(update(table).where(table.c.id == ident).values(uuid=new_uuid()))
    notes = tables["observation_note"]
    session.execute(notes.delete().where(notes.c.session_id.in_(session_ids or [-1])))
    kept["behaviour_rating"] = session.scalar(select(func.count()).select_from(tables["behaviour_rating"])
                                              .where(tables["behaviour_rating"].c.session_id.in_(session_ids or [-1])))
    return {k: v for k, v in kept.items() if v}


def erase_person(db: Database, person_uuid: str, keep_aggregates: bool = False) -> ErasureReport:
    """Erase everything about one person in one transaction (see docs/data-format.md, "Erasure")."""
    tables = Base.metadata.tables
    # the write lock from the first read (SQLite) or the person's row locked (PostgreSQL): a figure an import adds
    # meanwhile is either counted and erased here, or waits and then fails on the missing person; never erased uncounted
    with db.unit_of_work(immediate=True) as session:
        row = _find(session, person_uuid, lock=True)
        pattern = _pattern(_names(session, row))
        kept = _keep_aggregates(session, row) if keep_aggregates else {}
        owned = _owned(session, row.id)
        uuids = _uuids_of(session, owned)
        unlinked = {}
        for table, column, ondelete in _person_fks():
            if ondelete == "SET NULL":
                n = session.execute(update(table).where(table.c[column] == row.id).values({column: None})).rowcount
                if n:
                    unlinked[f"{table.name}.{column.removesuffix('_id')}"] = n
        amendment = tables["amendment"]
        wanted = sorted(uuids)
        for start in range(0, len(wanted), 500):
            session.execute(amendment.delete().where(amendment.c.record_uuid.in_(wanted[start:start + 500])))
        setting = tables["app_setting"]
        for key, value in session.execute(select(setting.c.key, setting.c.value_json)).all():
            if any(u in key or u in value for u in uuids):
                session.execute(setting.delete().where(setting.c.key == key))
        reminder = tables["reminder"]  # keyed by the record it is about (``follow_up:<uuid>:<day>``)
        for reminder_id, key in session.execute(select(reminder.c.id, reminder.c.key)).all():
            if any(u in key for u in uuids):
                session.execute(reminder.delete().where(reminder.c.id == reminder_id))
        mine = tables["personal_setting"]  # drafts and preferences naming them, whoever's they are
        for pk, key, value in session.execute(select(mine.c.id, mine.c.key, mine.c.value_json)).all():
            if any(u in key or u in value for u in uuids):
                session.execute(mine.delete().where(mine.c.id == pk))
        for table in reversed(tables_in_order()):  # children first: counts stay exact whatever cascades
            ids = sorted(owned.get(table.name, ()))
            for start in range(0, len(ids), 500):
                session.execute(table.delete().where(table.c.id.in_(ids[start:start + 500])))
        _check_gone(session, row.id)
        texts = _scrub_texts(session, pattern) if pattern is not None else 0
        scrubbed = _scrub_audit(session, row.id, uuids, pattern)
        common_api.record(session, AuditAction.ERASE, "person", None,
                     "Personal data of one person was erased" + (" (anonymised aggregates kept)." if kept else "."))
    _fold_wal(db)
    return ErasureReport(removed={k: len(v) for k, v in owned.items() if v}, unlinked=unlinked,
                         texts_scrubbed=texts, audit_scrubbed=scrubbed, kept=kept)


def _fold_wal(db: Database) -> None:
    """SQLite: copy the WAL into the file and empty it, so no old page image with the erased data stays in -wal
    (``secure_delete``, on for every connection, has already overwritten the freed cells in the pages)."""
    if not db.is_sqlite:
        return
    with db.engine.connect() as conn:
        busy, _log, _moved = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:  # a reader still needs old frames: they go at the next checkpoint; say so in the log
        logging.getLogger(__name__).warning("erasure: %s -wal could not be emptied yet (a reader was busy)",
                                            db.display_name())


def _check_gone(session: Session, pid: int) -> None:
    for table, column, _ondelete in _person_fks():
        left = session.scalar(select(func.count()).select_from(table).where(table.c[column] == pid))
        if left:
            raise RuntimeError(f"erasure left {left} rows of {table.name}.{column} pointing at the person")
