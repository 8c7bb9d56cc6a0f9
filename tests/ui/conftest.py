"""Offscreen Qt, synchronous tasks, and a small real SQLite database for the UI tests."""

from __future__ import annotations

import json
import os
import tempfile

# before anything imports Qt: offscreen, with one 1280x720 screen (a laptop's; the fit tests measure against it)
_SCREEN = os.path.join(tempfile.mkdtemp(prefix="coachdesk-screen-"), "screen.json")
with open(_SCREEN, "w", encoding="utf-8") as _file:
    json.dump({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96,
                            "dpr": 1}]}, _file)
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

import shutil  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from coachdesk.domain.enums import MeasureKind, MembershipRole, ObjectiveStatus, Role  # noqa: E402
from coachdesk.domain.text import name_key  # noqa: E402
from coachdesk.paths import app_paths  # noqa: E402
from coachdesk.services.common import (  # noqa: E402
    AppContext,  # noqa: E402
    open_store,
    resolve_location,
)

AGENTS = ("Amelia Brown", "Bartłomiej Nowak", "Chloé Martin", "Daniel Okafor", "Élodie Garnier", "Farah Khan",
          "George Ellis", "Hannah Schmidt")
LEADERS = ("Laura Bennett", "Marcus Reid")
TEAMS = ("Billing", "Retention")


@dataclass(frozen=True)
class SampleData:
    agent_uuids: dict[str, str]
    leader_uuids: dict[str, str]


def _seed(db) -> SampleData:  # noqa: ANN001 - the ORM is fine inside test fixtures
    from coachdesk.storage.models import (
        Objective,
        Person,
        PersonAlias,
        PersonExternalId,
        PersonRole,
        Team,
        TeamMembership,
    )

    def person(name: str, role: Role) -> Person:
        given, family = name.split(" ", 1)
        p = Person(display_name=name, given_name=given, family_name=family, name_key=name_key(name),
                   email=f"{name_key(given)}.{name_key(family)}@example.com".replace(" ", ""))
        p.roles.append(PersonRole(role=role))
        return p

    with db.unit_of_work() as session:
        teams = [Team(name=name) for name in TEAMS]
        session.add_all(teams)
        leaders = [person(name, Role.TEAM_LEADER) for name in LEADERS]
        agents = [person(name, Role.AGENT) for name in AGENTS]
        session.add_all(leaders + agents)
        session.flush()
        for number, leader in enumerate(leaders):
            session.add(TeamMembership(person_id=leader.id, team_id=teams[number].id, role=MembershipRole.LEADER))
        for number, agent in enumerate(agents):
            session.add(TeamMembership(person_id=agent.id, team_id=teams[number % 2].id))
            session.add(PersonExternalId(person_id=agent.id, system="acd", value=f"ACD{1000 + number}"))
        session.add(PersonAlias(person_id=agents[3].id, alias="Dan Okafor", alias_key=name_key("Dan Okafor")))
        session.add(Objective(person_id=agents[0].id, statement="Bring average handle time under 5 minutes",
                              measure_kind=MeasureKind.KPI, target_level=300, start_date=date.today(),
                              due_date=date.today() + timedelta(days=60), status=ObjectiveStatus.AGREED))
        session.flush()
        return SampleData({a.display_name: a.uuid for a in agents}, {p.display_name: p.uuid for p in leaders})


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleData]:
    """Migrate and seed once per session; each test gets a copy."""
    folder = tmp_path_factory.mktemp("template")
    paths = app_paths(folder).ensure()
    opened = open_store(resolve_location(paths))
    sample = _seed(opened.db)
    opened.db.dispose()
    return paths.default_db, sample


@pytest.fixture(autouse=True)
def _locale_date_words() -> None:
    """Dates in sentences and PDFs follow the default QLocale, as in the app (kit.words installs it at start)."""
    from coachdesk.ui.kit import words

    words.use_locale_everywhere()


@pytest.fixture(autouse=True)
def synchronous_tasks() -> Iterator[None]:
    from coachdesk.ui import tasks

    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)


@pytest.fixture
def sample(template_db: tuple[Path, SampleData]) -> SampleData:
    return template_db[1]


@pytest.fixture
def ctx(tmp_path: Path, template_db: tuple[Path, SampleData]) -> Iterator[AppContext]:
    paths = app_paths(tmp_path / "data").ensure()
    shutil.copy(template_db[0], paths.default_db)  # the template is closed and checkpointed: a plain copy is safe
    location = resolve_location(paths)
    opened = open_store(location)
    yield AppContext(opened.db, paths, location)
    opened.db.dispose()


@pytest.fixture
def empty_ctx(tmp_path: Path) -> Iterator[AppContext]:
    paths = app_paths(tmp_path / "empty").ensure()
    location = resolve_location(paths)
    opened = open_store(location)
    yield AppContext(opened.db, paths, location)
    opened.db.dispose()


@pytest.fixture
def window(qtbot, ctx: AppContext):  # noqa: ANN001, ANN201
    from coachdesk.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def previews() -> Iterator[list]:
    """The preview windows opened during the test (``window.pdf`` holds the document shown); closed afterwards."""
    from coachdesk.ui import report_actions

    opened = report_actions._open_previews
    before = len(opened)
    yield opened
    for window in list(opened[before:]):
        try:
            window.close()
        except RuntimeError:  # already closed and deleted
            pass
