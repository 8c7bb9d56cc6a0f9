"""How many characters each stored text field may hold, for the screens' input fields (read from the models)."""

from __future__ import annotations

from functools import cache

from coachdesk.domain.limits import text_limit


@cache
def field_limit(model: str, field: str) -> int:
    """The most characters ``model.field`` may hold (``"Person", "display_name"`` -> 200): the column's declared
    length, or the free-text/JSON limit of ``domain.limits``; the same rule every ORM save checks."""
    from sqlalchemy import String

    from coachdesk.storage import models

    column = getattr(models, model).__table__.c[field]
    if not isinstance(column.type, String):
        raise ValueError(f"{model}.{field} is not a text column")
    return text_limit(column.name, column.type.length)
