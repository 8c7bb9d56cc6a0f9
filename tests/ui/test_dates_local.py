"""One date format from the locale on tables and cards (kit.words), and acknowledgement times in local time, never
UTC: a German locale shows 31.12.2026 everywhere, and an agent in India sees 19:30 for 14:00 UTC."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale

from coachdesk.services import one_to_ones as oto
from tests.ui.test_stale_views import _record_held


@pytest.fixture
def german():  # noqa: ANN201
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def kolkata(monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_acknowledgement_time_is_local_and_dates_follow_the_locale(qtbot, window, ctx, sample, german,
                                                                    kolkata) -> None:  # noqa: ANN001
    amelia = sample.agent_uuids["Amelia Brown"]
    page = window.show_page("one_to_ones")
    assert page.open_agent(amelia)
    _record_held(page, amelia)
    acked_at = datetime.combine(date.today(), datetime.min.time(), tzinfo=UTC) + timedelta(hours=14)
    oto.acknowledge(ctx.db, page.editor.record.uuid, "Amelia Brown", at=acked_at)
    page.editor.load(oto.get_session(ctx.db, page.editor.record.uuid), None)
    banner = page.editor.banner.text()
    today = date.today()
    assert f"{today.day:02d}.{today.month:02d}.{today.year} 19:30" in banner and "UTC" not in banner
    assert page.editor.day.displayFormat() == "dd.MM.yyyy"
    page.tabs.setCurrentIndex(0)
    assert page.open_agent(amelia)
    header = page.prep.findChild(object, "oneToOnePrepHeader").text()
    assert f"last one-to-one {today.day:02d}.{today.month:02d}.{today.year}" in header
    assert today.strftime("%b") not in header.split("last one-to-one")[1][:12]  # not "7 Dec 2026" on the card
    page._load_history()  # noqa: SLF001 - what showing the History tab does
    history = [page.history.item(n).text() for n in range(page.history.count())]
    assert any(t.startswith(f"{today.day:02d}.{today.month:02d}.{today.year} · ") for t in history), history
