"""One way to fetch a record by its UUID (optionally locked for update) or raise ``NotFound`` with a clear sentence."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.domain.errors import NotFound

M = TypeVar("M")


def by_uuid(session: Session, model: type[M], uuid: str | None, what: str, *, for_update: bool = False,
            message: str | None = None, where: Any = None) -> M:
    """The ``model`` row whose ``uuid`` is ``uuid``, else ``NotFound``.

    ``what`` names the record for the sentence ("That objective is no longer in the database."); ``message``
    replaces the sentence where the caller knows better. ``for_update`` locks the row until the unit of work ends
    (FOR UPDATE on a server; SQLite is locked whole by ``unit_of_work(immediate=True)``). ``where`` adds one more
    condition (e.g. "belongs to this session"); a row failing it counts as not found.
    """
    row = None
    if uuid:
        query = select(model).where(model.uuid == uuid)  # type: ignore[attr-defined]
        if where is not None:
            query = query.where(where)
        if for_update:
            query = query.with_for_update()
        row = session.scalar(query)
    if row is None:
        raise NotFound(message or f"That {what} is no longer in the database.")
    return row


def id_by_uuid(session: Session, model: type[Any], uuid: str | None, what: str, *, message: str | None = None) -> int:
    """The integer key of the ``model`` row whose ``uuid`` is ``uuid``, else ``NotFound`` (no row is loaded)."""
    found = session.scalar(select(model.id).where(model.uuid == uuid)) if uuid else None
    if found is None:
        raise NotFound(message or f"That {what} is no longer in the database.")
    return found
