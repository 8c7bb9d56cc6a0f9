"""People and teams: the lists, an agent's header, a person's record, and their edits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.domain.enums import Role
from coachdesk.services import common as common_api
from coachdesk.services import people as people_api
from coachdesk.ui.kit import ops, undo
from coachdesk.ui.kit.changes import Kind, change

Done = Callable[[Any], None]


@dataclass(frozen=True)
class Counts:
    """Today's head count."""

    agents: int
    leaders: int
    teams: int
    people: int


def _counts(db: Any) -> Counts:
    agents, leaders, teams, people = people_api.head_counts(db)
    return Counts(agents=agents, leaders=leaders, teams=teams, people=people)


def counts(view: QWidget, ctx: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, _counts, done=done, key="counts", **kw)


def query(**filters: Any) -> Any:
    """A ``PeopleQuery``: what a people list shows (search=, roles=, include_inactive=, team_uuid=, sort=)."""
    return people_api.PeopleQuery(**filters)


def serve_pages(view: QWidget, ctx: Any, model: Any) -> None:
    """``model`` (a ``PeoplePages``) reads its pages through ``people_slice`` off the GUI thread, one read at a time
    for ``view`` (a newer one drops the older's answer); a failed read is shown and may be asked again."""
    def failed(error: BaseException) -> None:
        model.failed()
        ops.show_error(view, error)

    model.reader = lambda query, offset, limit, reaching: ops.read(
        view, ctx, people_api.people_slice, query, offset, limit, reaching=reaching, done=model.take, failed=failed,
        key="people")


def teams(view: QWidget, ctx: Any, done: Done, include_inactive: bool = False, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, people_api.list_teams, done=done, key="teams", include_inactive=include_inactive,
                    **kw)


def agent_header(view: QWidget, ctx: Any, uuid: str, done: Done, **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, people_api.agent_header, uuid, done=done, key="agent", **kw)


def person_detail_now(view: QWidget | None, ctx: Any, uuid: str) -> Any:
    """A person's record for an editor to open with (one short read)."""
    return ops.read_now(view, ctx, people_api.person_detail, uuid)


def team_detail_now(view: QWidget | None, ctx: Any, uuid: str) -> Any:
    return ops.read_now(view, ctx, people_api.team_detail, uuid)


def teams_now(view: QWidget | None, ctx: Any, include_inactive: bool = False) -> list:
    """The teams for a form's team choice (one short read)."""
    return ops.read_now(view, ctx, people_api.list_teams, include_inactive=include_inactive, default=[])


def _person_changed(row: Any) -> Any:
    return change([Kind.PERSON, Kind.TEAM], [getattr(row, "uuid", None)])


def create_person(view: QWidget, ctx: Any, data: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, people_api.create_person, data, changed=_person_changed, done=done, **kw)


def update_person(view: QWidget, ctx: Any, uuid: str, data: Any, version: int, done: Done,
                  reload: Callable[[], object], **kw: Any) -> ops.Operation:
    """Save an edited person, resolving an edit conflict with the user."""
    return ops.save(view, ctx, lambda db, expected, overwriting: people_api.update_person(
        db, uuid, data, expected, overwriting=overwriting), version, changed=change([Kind.PERSON, Kind.TEAM], [uuid]),
        done=done, reload=reload, **kw)


def deactivate_person(view: QWidget, ctx: Any, uuid: str, on: date | None, done: Done | None = None,
                      **kw: Any) -> ops.Operation:
    """Deactivate a person, then offer to undo it (the notice bar)."""
    return ops.write(view, ctx, people_api.deactivate_person_undoably, uuid, on,
                     changed=change([Kind.PERSON, Kind.TEAM], [uuid]), done=_offering_undo(view, ctx, done), **kw)


def undo_deactivation(view: QWidget | None, ctx: Any, deactivation: Any, done: Done | None = None,
                      **kw: Any) -> ops.Operation:
    """Put back what a deactivation ended (refused, with a sentence, when the record changed since)."""
    return ops.write(view, ctx, people_api.undo_deactivation, deactivation,
                     changed=change([Kind.PERSON, Kind.TEAM], [deactivation.uuid]), done=done, **kw)


def _offering_undo(view: QWidget, ctx: Any, done: Done | None) -> Done:
    def finished(deactivation: Any) -> None:
        text = (_tr("Deactivated {name}") if deactivation.kind == "person" else _tr("Deactivated the team {name}"))
        undo.offer(text.format(name=deactivation.name), lambda: undo_deactivation(view, ctx, deactivation))
        if done is not None:
            done(deactivation)
    return finished


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeopleActions", text)


def create_team(view: QWidget, ctx: Any, data: Any, done: Done, **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, people_api.create_team, data, changed=lambda row: change(Kind.TEAM, [row.uuid]),
                     done=done, **kw)


def update_team(view: QWidget, ctx: Any, uuid: str, data: Any, version: int | None, done: Done,
                **kw: Any) -> ops.Operation:
    return ops.write(view, ctx, people_api.update_team, uuid, data, version,
                     changed=change([Kind.TEAM, Kind.PERSON], [uuid]), done=done, **kw)


def set_team_active(view: QWidget, ctx: Any, uuid: str, active: bool, done: Done, **kw: Any) -> ops.Operation:
    """Reactivate a team, or deactivate it and offer to undo that (memberships back as they were)."""
    if active:
        return ops.write(view, ctx, people_api.reactivate_team, uuid, changed=change([Kind.TEAM, Kind.PERSON], [uuid]),
                         done=done, **kw)
    return ops.write(view, ctx, people_api.deactivate_team_undoably, uuid,
                     changed=change([Kind.TEAM, Kind.PERSON], [uuid]), done=_offering_undo(view, ctx, done), **kw)


def erase_person(view: QWidget, ctx: Any, uuid: str, done: Done, **kw: Any) -> ops.Operation:
    """Erase a person's personal data: every view showing people, records or figures reloads."""
    return ops.write(view, ctx, people_api.erase_person, uuid, changed=change(Kind.EVERYTHING, [uuid]), done=done,
                     **kw)


def preview_erasure(view: QWidget, ctx: Any, uuid: str, done: Done, **kw: Any) -> ops.Operation:
    """What erasing a person would remove (counts in every table that names them)."""
    return ops.read(view, ctx, people_api.preview_erasure, uuid, done=done, key="erasure", **kw)


def export_person(view: QWidget, ctx: Any, uuid: str, path: Any, done: Done, **kw: Any) -> ops.Operation:
    """A person's data written to a file (a subject access request): nothing in the database changes."""
    from coachdesk.services.exchange import export_document

    return ops.read(view, ctx, export_document, path, person=uuid, done=done, **kw)


def preview_roster(view: QWidget, ctx: Any, path: Any, date_order: str | None, done: Done,
                   **kw: Any) -> ops.Operation:
    return ops.read(view, ctx, people_api.preview_roster, path, date_order, done=done, key="roster", **kw)


def import_roster(view: QWidget, ctx: Any, path: Any, date_order: str | None, fingerprint: str, done: Done,
                  **kw: Any) -> ops.Operation:
    """The roster in one transaction (all or nothing): every list of people and teams changes."""
    return ops.write(view, ctx, people_api.apply, path, date_order, expected_fingerprint=fingerprint,
                     changed=change([Kind.PERSON, Kind.TEAM]), done=done, **kw)


def _generate_demo(db: Any, agents: int, days: int, seed: int, progress: Any = None) -> Any:
    from coachdesk.services.demo import generate_demo  # loaded only now (and whatever it imports)

    return generate_demo(db, agents=agents, days=days, seed=seed, progress=progress)


def generate_demo(view: QWidget, ctx: Any, agents: int, days: int, seed: int, done: Done,
                  work: Callable[..., Any] | None = None, **kw: Any) -> ops.Operation:
    """Demo data off the GUI thread with progress (``work(db, agents, days, seed, progress)``, by default the demo
    service): every view reloads."""
    return ops.write(view, ctx, work or _generate_demo, agents, days, seed, changed=change(Kind.EVERYTHING),
                     done=done, **kw)
def _switcher_matches(db: Any, text: str, limit: int) -> tuple[list, list]:
    return people_api.list_people(db, search=text, limit=limit), common_api.find_records(db, text)


def switcher_matches(view: QWidget, ctx: Any, text: str, limit: int, done: Done, **kw: Any) -> ops.Operation:
    """The quick switcher's answer for a text, in one read off the GUI thread: (people, records), the records being
    the teams, goals, objectives, one-to-ones and observation notes whose text matches."""
    return ops.read(view, ctx, _switcher_matches, text, limit, done=done, key="switcher", **kw)


@dataclass(frozen=True)
class SignInChoices:
    """Who may sign in (people holding one of the roles asked for, by name) and who is signed in now (a UUID)."""

    current: str | None
    people: list


def _sign_in_choices(db: Any, roles: tuple) -> SignInChoices:
    current = common_api.signed_in_person(db)
    rows = [row for row in people_api.list_people(db) if any(role in row.roles for role in roles)]
    return SignInChoices(current.uuid if current is not None else None, rows)


def sign_in_choices(view: QWidget, ctx: Any, roles: Any, done: Done, **kw: Any) -> ops.Operation:
    """File › Signed in as…: the people holding one of ``roles``, and who is signed in now."""
    return ops.read(view, ctx, _sign_in_choices, tuple(roles), done=done, key="sign_in", **kw)


def sign_in_as(view: QWidget, ctx: Any, person_uuid: str | None, done: Done, **kw: Any) -> ops.Operation:
    """Who uses the app (their teams on Today, the coach and actor of what they record; None: nobody): a setting
    about a person, so the views showing people and settings reload."""
    return ops.write(view, ctx, common_api.sign_in_as, person_uuid, changed=change([Kind.PERSON, Kind.SETTING]),
                     done=done, **kw)


def first_agent_now(view: QWidget | None, ctx: Any) -> Any:
    """The first agent by name, or None (the self-test opens them; one short read of one row)."""
    rows = ops.read_now(view, ctx, people_api.list_people, role=Role.AGENT, limit=1, default=[])
    return rows[0] if rows else None


def _who_question(db: Any) -> Any:
    return common_api.suggested_person(db) if common_api.should_ask_who(db) else False


def who_question_now(view: QWidget | None, ctx: Any) -> Any:
    """False when the first run's "who is using CoachDesk?" is not to be asked; else the person to offer (or None)."""
    return ops.read_now(view, ctx, _who_question, default=False)


def mark_who_asked(view: QWidget | None, ctx: Any) -> ops.Operation:
    """Remember that the question was put (a personal setting: no view shows it)."""
    return ops.write(view, ctx, common_api.mark_asked, changed=None)
