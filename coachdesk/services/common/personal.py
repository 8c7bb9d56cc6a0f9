"""One user's own drafts and preferences (``personal_setting``): on a team server each login sees only its own."""

from __future__ import annotations

from sqlalchemy import delete, func, literal, select
from sqlalchemy.orm import Session

from coachdesk.storage.models import PersonalSetting


def _me(session: Session):  # noqa: ANN202
    """The owner of this session's rows: the server login (the database checks it), or '' on a local file."""
    return literal("") if session.get_bind().dialect.name == "sqlite" else func.session_user()


def get_personal(session: Session, key: str) -> str | None:
    """The JSON text kept under ``key`` for this user, or None."""
    return session.scalar(select(PersonalSetting.value_json)
                          .where(PersonalSetting.owner_login == _me(session), PersonalSetting.key == key))


def personal_keys_among(session: Session, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    return set(session.scalars(select(PersonalSetting.key)
                               .where(PersonalSetting.owner_login == _me(session), PersonalSetting.key.in_(keys))))


def put_personal(session: Session, key: str, value_json: str) -> None:
    """Keep ``value_json`` under ``key`` for this user (replacing what was there)."""
    row = session.scalar(select(PersonalSetting)
                         .where(PersonalSetting.owner_login == _me(session), PersonalSetting.key == key))
    if row is None:
        owner = "" if session.get_bind().dialect.name == "sqlite" else session.scalar(select(func.session_user()))
        session.add(PersonalSetting(owner_login=owner, key=key, value_json=value_json))
    else:
        row.value_json = value_json


def drop_personal(session: Session, key: str) -> None:
    session.execute(delete(PersonalSetting)
                    .where(PersonalSetting.owner_login == _me(session), PersonalSetting.key == key))
