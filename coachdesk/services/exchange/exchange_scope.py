"""What a per-person export (a subject access request) holds: the person's own records, the shared reference data
needed to read them, and the names only of the other people those records mention."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from coachdesk.services.exchange.exchange_schema import FIGURES, KINDS

#: kinds that hold a person's own records, with the column naming the person they are about
SUBJECT_COLUMNS: dict[str, str] = {
    "person_external_id": "person_id", "person_alias": "person_id", "person_role": "person_id",
    "team_membership": "person_id", "objective": "person_id", "observation_session": "agent_id",
    "feedback": "agent_id", "one_to_one": "agent_id", "recognition": "agent_id",
    "planned_observation": "agent_id",
}
#: kinds that belong to a parent record: (parent kind, linking column)
CHILDREN: dict[str, tuple[str, str]] = {
    "objective_change": ("objective", "objective_id"),
    "observed_interaction": ("observation_session", "session_id"),
    "behaviour_rating": ("observation_session", "session_id"),
    "observation_note": ("observation_session", "session_id"),
    "one_to_one_participant": ("one_to_one", "one_to_one_id"),
    "one_to_one_item": ("one_to_one", "one_to_one_id"),
    "one_to_one_objective": ("one_to_one", "one_to_one_id"),
}
#: shared reference data, exported whole (it describes no one)
CATALOGUE = ("kpi_definition", "role_kpi", "rating_scale", "rating_scale_point", "behaviour_framework",
             "behaviour_category", "behaviour", "behaviour_kpi_link")
#: organisation records pulled in when the person's records point at them (and what they point at in turn)
CONTEXT = ("team", "goal", "objective_template", "import_batch")
#: fields written as null in a per-person export, because they can name other people
BLANK = {"import_batch": ("report_json",)}


@dataclass
class PersonSelection:
    selection: dict[str, set[int]]
    people_named: list[dict[str, str]] = field(default_factory=list)
    not_included: dict[str, int] = field(default_factory=dict)
    blank: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(BLANK))


def _in_chunks(conn: Connection, stmt_for, ids: set[int]) -> list[Any]:  # noqa: ANN001
    wanted, out = sorted(ids), []
    for start in range(0, len(wanted), 500):
        out += conn.execute(stmt_for(wanted[start:start + 500])).all()
    return out


def _table(name: str):  # noqa: ANN202
    return KINDS[name].table


def _ref_values(conn: Connection, name: str, ids: set[int], column: str) -> set[int]:
    table = _table(name)
    rows = _in_chunks(conn, lambda chunk: select(table.c[column]).where(table.c.id.in_(chunk)), ids)
    return {r[0] for r in rows if r[0] is not None}


def person_selection(conn: Connection, pid: int) -> PersonSelection:
    sel: dict[str, set[int]] = {name: set() for name in KINDS}
    sel["person"] = {pid}
    for name, column in SUBJECT_COLUMNS.items():
        table = _table(name)
        sel[name] = set(conn.execute(select(table.c.id).where(table.c[column] == pid)).scalars())
    for name, (parent, column) in CHILDREN.items():
        table = _table(name)
        rows = _in_chunks(conn, lambda chunk, t=table, c=column: select(t.c.id).where(t.c[c].in_(chunk)),
                          sel[parent])
        sel[name] = {r[0] for r in rows}
    for name in CATALOGUE:
        sel[name] = set(conn.execute(select(_table(name).c.id)).scalars())
    f = KINDS[FIGURES].table
    sel["import_batch"] = set(conn.execute(select(f.c.batch_id).where(f.c.person_id == pid,
                                                                      f.c.batch_id.is_not(None)).distinct()).scalars())
    changed = True
    while changed:  # context records the selected ones point at, to a fixed point (goal and team parents)
        changed = False
        for name, ids in list(sel.items()):
            if not ids or name == FIGURES:
                continue
            for field_ in KINDS[name].fields:
                if field_.codec == "ref" and field_.target in CONTEXT:
                    found = _ref_values(conn, name, ids, field_.column) - sel[field_.target]
                    if found:
                        sel[field_.target] |= found
                        changed = True
    uuids: set[str] = set()
    for name, ids in sel.items():
        if ids and name not in CATALOGUE and name not in CONTEXT and name != FIGURES and KINDS[name].identity == "uuid":
            table = _table(name)
            uuids |= {r[0] for r in _in_chunks(conn, lambda c, t=table: select(t.c.uuid).where(t.c.id.in_(c)), ids)}
    for name, column in (("amendment", "record_uuid"), ("audit_log", "entity_uuid")):
        table = _table(name)
        wanted = sorted(uuids)
        for start in range(0, len(wanted), 500):
            sel[name] |= set(conn.execute(select(table.c.id).where(
                table.c[column].in_(wanted[start:start + 500]))).scalars())
    named: set[int] = set()
    not_included: dict[str, int] = {}
    for name, kind in KINDS.items():
        if name == FIGURES:
            continue
        table = kind.table
        for field_ in kind.fields:
            if field_.codec != "ref" or field_.target != "person" or name == "person":
                continue
            named |= _ref_values(conn, name, sel[name], field_.column)
            col = table.c[field_.column]
            total = conn.scalar(select(func.count()).select_from(table).where(col == pid)) or 0
            own = len([v for v in _in_chunks(conn, lambda c, t=table, cc=col: select(t.c.id).where(
                t.c.id.in_(c), cc == pid), sel[name])])
            if total - own:
                not_included[f"{name}.{field_.key}"] = total - own
    named.discard(pid)
    person = _table("person")
    people = _in_chunks(conn, lambda c: select(person.c.uuid, person.c.display_name).where(person.c.id.in_(c)),
                        named)
    return PersonSelection(
        selection=sel,
        people_named=sorted(({"uuid": u, "display_name": n} for u, n in people), key=lambda p: p["uuid"]),
        not_included=dict(sorted(not_included.items())),
    )
