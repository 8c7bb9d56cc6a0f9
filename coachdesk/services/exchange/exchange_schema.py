"""The exchange format's record kinds, derived from the table models: fields, links by UUID, natural keys, and
the conversion of a row to a JSON record and back (with the checks that name the field and the reason)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, String, Table, UniqueConstraint
from sqlalchemy.sql.sqltypes import BigInteger

from coachdesk.domain.limits import text_limit
from coachdesk.services.exchange.exchange_limits import ExchangeError, check_json_text, check_number, check_uuid
from coachdesk.storage.table_order import references, tables_in_order
from coachdesk.storage.types import EnumText, UtcDateTime

FORMAT = "coachdesk-exchange"
FORMAT_VERSION = 1
FIGURES = "kpi_figure"

#: kinds with no unique constraint on the natural key in the database, matched by it only when one row matches
EXTRA_NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "rating_scale": ("name",),
    "behaviour_category": ("framework", "name"),
}


@dataclass(frozen=True)
class Field:
    key: str  # JSON key
    column: str
    codec: str  # str, int, float, bool, date, instant, enum, ref
    nullable: bool
    max_length: int | None = None
    enum_values: tuple[str, ...] = ()
    target: str | None = None  # referenced table
    self_ref: bool = False


@dataclass(frozen=True)
class Kind:
    name: str
    table: Table
    fields: tuple[Field, ...]
    identity: str  # "uuid", or the primary key of a table without one (app_setting.key)
    natural_keys: tuple[tuple[str, ...], ...]  # JSON keys

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(f.key for f in self.fields)

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


def _codec(column) -> tuple[str, int | None, tuple[str, ...]]:  # noqa: ANN001
    kind = column.type
    if isinstance(kind, EnumText):
        return "enum", None, tuple(e.value for e in kind.enum_cls)
    if isinstance(kind, UtcDateTime):
        return "instant", None, ()
    if isinstance(kind, Boolean):
        return "bool", None, ()
    if isinstance(kind, Integer | BigInteger):
        return "int", None, ()
    if isinstance(kind, Float):
        return "float", None, ()
    if isinstance(kind, Date):
        return "date", None, ()
    if isinstance(kind, String):
        return "str", kind.length, ()
    raise RuntimeError(f"no exchange codec for {column.table.name}.{column.name} ({kind!r})")


def _build_kind(table: Table) -> Kind:
    refs = references(table)
    fields: list[Field] = []
    for column in table.columns:
        if column.name == "id":
            continue
        if column.name in refs:
            key = column.name.removesuffix("_id")
            fields.append(Field(key, column.name, "ref", bool(column.nullable), target=refs[column.name].name,
                                self_ref=refs[column.name] is table))
            continue
        codec, length, values = _codec(column)
        fields.append(Field(column.name, column.name, codec, bool(column.nullable) and not column.primary_key,
                            length, values))
    if len({f.key for f in fields}) != len(fields):
        raise RuntimeError(f"two columns of {table.name} give the same exchange key")
    by_column = {f.column: f.key for f in fields}
    natural: list[tuple[str, ...]] = []
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            names = tuple(by_column[c.name] for c in constraint.columns)
            if names != ("uuid",):
                natural.append(names)
    if table.name in EXTRA_NATURAL_KEYS:
        natural.append(EXTRA_NATURAL_KEYS[table.name])
    identity = "uuid" if "uuid" in table.columns else next(iter(table.primary_key.columns)).name
    fields.sort(key=lambda f: f.key != identity)  # the identity first: easier to read
    return Kind(table.name, table, tuple(fields), identity, tuple(sorted(natural)))


KINDS: dict[str, Kind] = {t.name: _build_kind(t) for t in tables_in_order()}
KIND_ORDER: tuple[str, ...] = tuple(KINDS)
__all__ = ["ExchangeError", "FIGURES", "FORMAT", "FORMAT_VERSION", "KINDS", "KIND_ORDER", "Field", "Kind",
           "canonical", "check_record", "decode_value", "encode_row", "encode_value", "parse_date", "parse_instant"]


# -- row -> JSON record -----------------------------------------------------------------------------------------

def encode_value(field: Field, value: Any, id_to_uuid: dict[str, dict[int, str]]) -> Any:
    if value is None:
        return None
    codec = field.codec
    if codec == "ref":
        return id_to_uuid[field.target][value]
    if codec == "instant":
        return value.astimezone(UTC).isoformat()
    if codec == "date":
        return value.isoformat()
    if codec == "enum":
        return value.value if hasattr(value, "value") else str(value)
    if codec == "float":
        value = float(value)
        if not math.isfinite(value):
            raise ExchangeError(f"{field.column} holds {value}, which JSON cannot carry.")
        return value
    return value


def canonical(kind: Kind, decoded: dict[str, Any]) -> dict[str, Any]:
    """A decoded record written back the way the exporter writes it (references are already UUIDs)."""
    return {f.key: decoded[f.key] if f.codec == "ref" else encode_value(f, decoded[f.key], {}) for f in kind.fields}


def encode_row(kind: Kind, row: Any, id_to_uuid: dict[str, dict[int, str]]) -> dict[str, Any]:
    mapping = row._mapping if hasattr(row, "_mapping") else row
    return {f.key: encode_value(f, mapping[f.column], id_to_uuid) for f in kind.fields}


# -- JSON record -> column values -------------------------------------------------------------------------------

def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def decode_value(field: Field, value: Any) -> Any:
    """JSON value -> Python value for the column (references stay UUID strings); raises ``ValueError(reason)``."""
    if value is None:
        if not field.nullable:
            raise ValueError("is required and may not be null")
        return None
    codec = field.codec
    if codec in ("str", "ref"):
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {_type_name(value)}")
        if codec == "ref" or field.column == "uuid" or field.column.endswith("_uuid"):
            check_uuid(value)
            return value
        limit = text_limit(field.column, field.max_length)
        if len(value) > limit:
            raise ValueError(f"is longer than {limit} characters ({len(value):,})")
        if field.column.endswith("_json"):
            check_json_text(value)
        return value
    if codec == "enum":
        if value not in field.enum_values:
            raise ValueError(f"expected one of {', '.join(field.enum_values)}, got {value!r}")
        return value
    if codec == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {_type_name(value)}")
        if not -(2**63) <= value < 2**63:
            raise ValueError("is out of range")
        check_number(field.column, value)
        return value
    if codec == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number, got {_type_name(value)}")
        value = float(value)
        if not math.isfinite(value):
            raise ValueError("is not a finite number")
        check_number(field.column, value)
        return value
    if codec == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {_type_name(value)}")
        return value
    if codec == "date":
        return parse_date(value)
    if codec == "instant":
        return parse_instant(value)
    raise AssertionError(codec)


def parse_date(value: Any) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def parse_instant(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"expected a date and time with its UTC offset, got {_type_name(value)}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date and time like 2026-01-31T09:30:00+00:00, got {value!r}") from None
    if parsed.tzinfo is None:
        raise ValueError(f"has no UTC offset: {value!r}")
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00:00+14:00 is before the first instant a date-time can hold
        raise ValueError(f"is outside the years 0001 to 9999 once turned into UTC: {value!r}") from None


def check_record(kind: Kind, record: Any, where: str) -> dict[str, Any]:
    """Validate one record's shape and values; return its fields decoded (references as UUID strings)."""
    if not isinstance(record, dict):
        raise ExchangeError(f"{where}: expected an object for a {kind.name} record, got {_type_name(record)}.")
    ident = record.get(kind.identity)
    label = f"{where} ({kind.name} {ident})" if isinstance(ident, str) else where
    unknown = sorted(set(record) - kind.keys)
    if unknown:
        raise ExchangeError(f"{label}: unknown field {unknown[0]!r} for a {kind.name} record.")
    missing = [f.key for f in kind.fields if f.key not in record]
    if missing:
        raise ExchangeError(f"{label}: field {missing[0]!r} is missing.")
    out: dict[str, Any] = {}
    for field in kind.fields:
        try:
            out[field.key] = decode_value(field, record[field.key])
        except ValueError as exc:
            raise ExchangeError(f"{label}, field {field.key!r}: {exc}.") from None
    return out
