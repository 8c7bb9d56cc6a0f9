"""Limits on an exchange document as it streams in: nesting depth, duplicate keys, the length of any one text, the
canonical form of UUIDs and the values a unit forbids; every refusal names its JSON path."""

from __future__ import annotations

import json
import uuid
from typing import Any

from coachdesk.domain.errors import ValidationError
from coachdesk.domain.limits import EXCHANGE_MAX_DEPTH, JSON_TEXT_MAX

#: integer fields that count something and may not be negative, with the smallest value they take
NOT_NEGATIVE: dict[str, int] = {"one_to_one_cadence_days": 1, "version": 1}
#: float fields that may not be negative
NOT_NEGATIVE_FLOAT = frozenset({"band_tolerance"})
#: KPI units whose figures can never be negative (a duration, a fraction, a count)
UNITS_NOT_NEGATIVE = frozenset({"seconds", "percent", "count"})


class ExchangeError(ValidationError):
    """A document that cannot be loaded; the message says where (JSON path, record kind and UUID, field)."""


LimitError = ExchangeError


class BoundedBuilder:
    """Builds one JSON value from ``ijson.basic_parse`` events, refusing (with the JSON path) a value nested deeper
    than ``EXCHANGE_MAX_DEPTH``, an object that gives a key twice, or a text longer than ``JSON_TEXT_MAX``."""

    def __init__(self, where: str, max_depth: int = EXCHANGE_MAX_DEPTH) -> None:
        self.where = where
        self.max_depth = max_depth
        self.value: Any = None
        self._containers: list[Any] = []
        self._keys: list[set[str]] = []
        self._parts: list[str] = []
        self._key: str | None = None

    def path(self) -> str:
        """The JSON path of the value being read now."""
        return self.where + "".join(self._parts)

    def _put(self, value: Any) -> None:
        if not self._containers:
            self.value = value
            return
        top = self._containers[-1]
        if isinstance(top, list):
            self._parts[-1] = f"[{len(top)}]"
            top.append(value)
        else:
            top[self._key] = value

    def event(self, event: str, value: Any) -> bool:
        """Feed one event; True once the value is complete."""
        if event == "map_key":
            self._parts[-1] = f".{value}"
            if value in self._keys[-1]:
                raise LimitError(f"{self.path()}: the key {value!r} appears twice in one object; a document must "
                                 "give each key once.")
            self._keys[-1].add(value)
            self._key = value
            return False
        if event in ("start_map", "start_array"):
            if len(self._containers) >= self.max_depth:
                raise LimitError(f"{self.path()}: nested more than {self.max_depth} levels deep; no CoachDesk record "
                                 "nests that deep, so the document was refused.")
            new: Any = {} if event == "start_map" else []
            self._put(new)
            self._containers.append(new)
            self._keys.append(set())
            self._parts.append("")
            return False
        if event in ("end_map", "end_array"):
            self._containers.pop()
            self._keys.pop()
            self._parts.pop()
            return not self._containers
        if event == "string" and len(value) > JSON_TEXT_MAX:
            self._put(None)  # for the path
            raise LimitError(f"{self.path()}: a text of {len(value):,} characters; the longest CoachDesk accepts "
                             f"is {JSON_TEXT_MAX:,}.")
        self._put(value)
        return not self._containers


class TextTooLong(Exception):
    """Raised by ``GuardedReader`` before the parser buffers an over-long text; the caller adds the JSON path."""


class GuardedReader:
    """A binary file wrapper that refuses a JSON string longer than ``limit`` bytes as it streams past, before the
    parser has to hold it (yajl's buffering of one long token is slow and grows with it)."""

    def __init__(self, raw: Any, limit: int = JSON_TEXT_MAX * 6) -> None:  # 6: the bytes of one \uXXXX escape
        self.raw = raw
        self.limit = limit
        self.in_string = False
        self.escaped = False
        self.run = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        if b"\\" in chunk or self.escaped:
            self._scan_escapes(chunk)
        else:
            self._scan(chunk)
        return chunk

    def _grow(self, length: int) -> None:
        self.run += length
        if self.run > self.limit:
            raise TextTooLong()

    def _scan(self, chunk: bytes) -> None:
        parts = chunk.split(b'"')
        for i, part in enumerate(parts):
            if i:
                self.in_string, self.run = not self.in_string, 0
            if self.in_string:
                self._grow(len(part))

    def _scan_escapes(self, chunk: bytes) -> None:
        import re

        last = 0
        for match in re.finditer(rb'["\\]', chunk):
            at = match.start()
            if self.escaped:
                self.escaped = False
                if at == last:  # this quote or backslash is the escaped character itself
                    last = at + 1
                    continue
            if self.in_string:
                self._grow(at - last)
            if chunk[at] == 0x5C:  # a backslash: the next byte is escaped
                self.escaped = self.in_string
                last = at + 1
                if self.in_string:
                    self._grow(1)
                continue
            self.in_string, self.run, last = not self.in_string, 0, at + 1
        if self.in_string:
            self._grow(len(chunk) - last)


def check_uuid(value: str) -> None:
    """Raise ``ValueError`` unless ``value`` is a UUID in its canonical lower-case, hyphenated form."""
    try:
        canonical = str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise ValueError(f"expected a UUID like 1f74b040-7474-4672-9cee-8e495b8333b3, got {value!r}") from None
    if canonical != value:
        raise ValueError(f"expected the UUID in lower case with hyphens ({canonical}), got {value!r}")


def check_number(column: str, value: float | int) -> None:
    """Raise ``ValueError`` for a negative value where the field forbids it."""
    least = NOT_NEGATIVE.get(column)
    if least is not None and value < least:
        raise ValueError(f"must be at least {least}, got {value}")
    if column in NOT_NEGATIVE_FLOAT and value < 0:
        raise ValueError(f"may not be negative, got {value}")


def check_json_text(value: str) -> None:
    """Raise ``ValueError`` unless ``value`` is valid JSON with no key given twice in one object."""
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        if len(set(keys)) != len(keys):
            twice = next(k for k in keys if keys.count(k) > 1)
            raise ValueError(f"holds JSON with the key {twice!r} twice")
        return dict(items)

    try:
        json.loads(value, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise ValueError(f"is not valid JSON ({exc.msg} at character {exc.pos})") from None
    except RecursionError:
        raise ValueError("holds JSON nested too deeply") from None
