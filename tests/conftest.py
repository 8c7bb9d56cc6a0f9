"""Shared fixtures: every test runs with its own data folder, and real SQLite files in it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    """Remember whether a test's setup or call failed (its data folder is then kept to look at)."""
    report = yield
    if report.failed:
        item.stash[_FAILED] = True
    return report


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
                       request: pytest.FixtureRequest) -> Iterator[Path]:
    """Point COACHDESK_DATA_DIR at a fresh folder so no test touches the user's real data; removed after a test that
    passed, like its tmp_path (pyproject: tmp_path_retention_policy)."""
    folder = tmp_path_factory.mktemp("coachdesk-data")
    monkeypatch.setenv("COACHDESK_DATA_DIR", str(folder))
    monkeypatch.delenv("COACHDESK_DB", raising=False)
    monkeypatch.delenv("COACHDESK_DB_URL", raising=False)
    yield folder
    if not request.node.stash.get(_FAILED, False):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _default_date_words() -> None:
    """Service sentences and PDFs write dates the default way ("31 Dec 2026") unless a test says otherwise; the UI
    tests put the locale's way back (tests/ui/conftest.py), as the app does at start."""
    from coachdesk.domain import date_words

    date_words.use(None)


@pytest.fixture
def app_paths(tmp_path: Path):
    from coachdesk.paths import app_paths as make_paths

    return make_paths(tmp_path / "data").ensure()


#: Test folders whose ``store``/``db`` tests run on both engines (PostgreSQL ones skip without a server).
TWO_ENGINE_DIRS = ("storage", "services", "migrations")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a storage/service test about SQLite files (not run on "
                            "PostgreSQL)")
    config.addinivalue_line("markers", "postgresql_only: a test of the team server only (skipped without one)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the storage, service and migration tests that use ``store``/``db`` on SQLite and on PostgreSQL."""
    here = Path(__file__).parent
    try:
        folder = Path(metafunc.definition.path).relative_to(here).parts[0]
    except ValueError:
        return
    if "db_engine" not in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if metafunc.definition.get_closest_marker("postgresql_only"):
        metafunc.parametrize("db_engine", ["postgresql"], indirect=True)
    elif folder in TWO_ENGINE_DIRS:
        metafunc.parametrize("db_engine", ["sqlite", "postgresql"], indirect=True)


def pytest_sessionfinish(session: pytest.Session) -> None:
    from tests import pg

    try:
        pg.finish()
    except Exception as error:  # noqa: BLE001 - tidying the server must not hide the run's own summary
        session.config.get_terminal_writer().line(f"tests/pg.py: could not drop this run's PostgreSQL databases "
                                                  f"({type(error).__name__}: {error})", red=True)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001
    from tests import pg

    skipped = [r for r in terminalreporter.stats.get("skipped", []) if pg.SKIP_REASON in str(r.longrepr)]
    if skipped:
        terminalreporter.write_line(f"{len(skipped)} {pg.SKIP_REASON}", yellow=True)


@pytest.fixture
def db_engine(request: pytest.FixtureRequest) -> str:
    """The engine under test: "sqlite", or "postgresql" (skipped when no server is configured)."""
    from tests import pg

    engine = getattr(request, "param", "sqlite")
    if engine == "postgresql" and not pg.admin_url():
        pytest.skip(pg.SKIP_REASON)
    return engine


@pytest.fixture
def store(app_paths, db_engine):
    """A migrated, seeded, empty CoachDesk database: a temporary SQLite file, or a fresh PostgreSQL database."""
    from coachdesk.services.common import open_store, resolve_location

    if db_engine == "sqlite":
        opened = open_store(resolve_location(app_paths))
        yield opened
        opened.db.dispose()
        return
    from tests import pg

    with pg.fresh_database() as url:
        opened = open_store(resolve_location(app_paths, db_url=url))
        yield opened
        opened.db.dispose()


@pytest.fixture
def db(store):
    return store.db


@pytest.fixture
def quiet_server(db_engine: str) -> None:
    """For tests that nothing committed means nothing read again: on PostgreSQL, wait for this run's own background
    work on the server first (``pg.quiet``), which would move the change token."""
    if db_engine == "postgresql":
        from tests import pg

        pg.quiet()
