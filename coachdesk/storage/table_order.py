"""The app's tables walked generically: foreign-key order, self-references and references to other tables."""

from __future__ import annotations

from sqlalchemy import Table

from coachdesk.storage.models import Base

#: every table in an order where each one's references point only to tables before it (or to itself); readable
#: too: people, teams, catalogues, goals, figures, observations, one-to-ones, then the records about records
TABLE_ORDER: tuple[str, ...] = (
    "app_setting", "personal_setting",
    "person", "person_external_id", "person_alias", "person_role",
    "team", "team_membership",
    "kpi_definition", "role_kpi",
    "rating_scale", "rating_scale_point",
    "behaviour_framework", "behaviour_category", "behaviour", "behaviour_kpi_link",
    "goal", "objective_template", "objective", "objective_change",
    "import_batch", "import_mapping", "kpi_figure",
    "observation_session", "observed_interaction", "behaviour_rating", "observation_note", "feedback",
    "planned_observation",
    "one_to_one", "one_to_one_participant", "one_to_one_item", "one_to_one_objective",
    "recognition", "amendment", "audit_log", "reminder",
)


def tables_in_order() -> list[Table]:
    """Every mapped table, parents before children; raises if a table was added to the models but not here."""
    tables = Base.metadata.tables
    missing = set(tables) - set(TABLE_ORDER)
    if missing:
        raise RuntimeError(f"tables missing from storage.table_order.TABLE_ORDER: {sorted(missing)}")
    return [tables[name] for name in TABLE_ORDER]


def references(table: Table) -> dict[str, Table]:
    """Foreign-key column name -> the table it points at (always that table's integer ``id``)."""
    return {fk.parent.name: fk.column.table for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name)}


def self_references(table: Table) -> list[str]:
    return [name for name, target in references(table).items() if target is table]


def referenced_tables() -> set[str]:
    """Names of the tables some other row points at (their id <-> uuid maps are needed to translate links)."""
    return {target.name for table in Base.metadata.tables.values() for target in references(table).values()}
