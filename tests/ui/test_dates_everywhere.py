"""One date format everywhere, the locale's (domain.date_words fed by kit.words), and instants in local time: with a
British locale and the clock in India (UTC+5:30), the KPI page, Observe, the Calendar and a printed one-to-one
show 31/12/2026-style days and local times, and no ISO day and no UTC time anywhere."""

from __future__ import annotations

import io
import re
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLabel, QLineEdit, QListWidget, QWidget

from coachdesk.domain.errors import ValidationError
from coachdesk.services import one_to_ones as oto
from coachdesk.services import reports as reports_api
from tests.ui.locales import en_gb, no_iso  # noqa: F401 - en_gb is a fixture (usefixtures)
from tests.ui.test_calendar_page import _monday, _page, _setup
from tests.ui.test_observe_page import open_observe, start_for
from tests.ui.test_stale_kpis import _file, _import_through_the_dialog
from tests.ui.test_stale_views import _record_held

GB_DAY = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")


@pytest.fixture
def kolkata(monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def shown_texts(root: QWidget) -> list[str]:
    """Every text a person can read on `root`'s window: labels, buttons, line edits, list items and table cells (not
    in dialogs it opened: the import dialog shows the file's own cells as they are written)."""
    def here(widgets: list) -> list:  # noqa: ANN001
        return [w for w in widgets if w.window() is root.window()]

    texts = [w.text() for w in here(root.findChildren(QLabel) + root.findChildren(QAbstractButton)
                                     + root.findChildren(QLineEdit))]
    for view in here(root.findChildren(QAbstractItemView)):
        model = view.model()
        if model is None:
            continue
        top = QModelIndex()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
        for r in range(min(model.rowCount(top), 200)):
            texts += [str(model.index(r, c).data() or "") for c in range(columns)]
    for lst in here(root.findChildren(QListWidget)):
        texts += [lst.item(n).text() for n in range(lst.count())]
    return [t for t in texts if t]


@pytest.mark.usefixtures("en_gb")
def test_kpi_page_writes_days_the_locale_way_and_import_times_locally(kolkata, window, sample,
                                                                      tmp_path) -> None:  # noqa: ANN001
    kpis, result = _import_through_the_dialog(window, _file(tmp_path, "Amelia Brown", [290.0, 280.0, 270.0]))
    yesterday = date.today() - timedelta(days=1)
    assert kpis.cards["last"].value_text() == f"{yesterday:%d/%m/%Y}"
    texts = shown_texts(kpis)
    assert not [t for t in texts if no_iso(t)], [t for t in texts if no_iso(t)]
    batch = kpis.tabs.batches_model.row_at(0)
    shown = kpis.tabs.batches_model.index(0, kpis.tabs.batches_model.WHEN).data()
    assert shown == batch.finished_at.astimezone().strftime("%d/%m/%Y %H:%M")  # India's wall clock…
    assert shown != batch.finished_at.astimezone(UTC).strftime("%d/%m/%Y %H:%M")  # …not the stored UTC
    assert any(GB_DAY.search(t) for t in texts)


@pytest.mark.usefixtures("en_gb")
def test_observe_shows_local_times_and_its_unfinished_list_the_locale_day(kolkata, qtbot, window,
                                                                          ctx) -> None:  # noqa: ANN001
    from coachdesk.services import observation as obs
    from coachdesk.ui.pages.observe_page import ObservePage

    page = open_observe(qtbot, window)
    start_for(qtbot, page, "hannah")
    started = page.state.started_at
    assert f"started {started.astimezone():%H:%M}" in page.view.meta.text()
    if started.astimezone(UTC).strftime("%H:%M") != started.astimezone().strftime("%H:%M"):
        assert f"started {started.astimezone(UTC):%H:%M}" not in page.view.meta.text()
    page.save_draft_now()
    again = ObservePage(ctx)  # the start panel after a restart lists the unfinished session
    qtbot.addWidget(again)
    (summary,) = obs.unfinished_sessions(ctx.db)
    line = again.start.unfinished.item(0).text()
    assert summary.started_at.astimezone().strftime("%d/%m/%Y %H:%M") in line, line
    texts = shown_texts(page) + shown_texts(again)
    assert not [t for t in texts if no_iso(t)], [t for t in texts if no_iso(t)]


@pytest.mark.usefixtures("en_gb")
def test_calendar_heads_period_and_times_follow_the_locale(window, ctx, sample) -> None:  # noqa: ANN001
    a, _b, ten = _setup(ctx, sample)  # the calendar's zone is UTC: times are shown in it
    page = _page(window)
    monday = _monday()
    label = page.period_label
    QApplication.processEvents()  # the layout takes the new text
    assert label.text() == f"Week of {monday:%d/%m/%Y}"
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())  # whole, at 1280 px
    assert page.view.head_text(monday) == f"Mon {monday:%d/%m}"
    entry = next(e for e in page.view.entries if e.uuid == a)
    assert page.view.entry_text(entry).startswith("10:00 ")
    texts = shown_texts(page)
    assert not [t for t in texts if no_iso(t)], [t for t in texts if no_iso(t)]
    page.set_mode("month")
    assert page.period_label.text() == f"{page.anchor:%B %Y}"
    page.open_schedule()
    dialog = page.dialog
    cell = dialog.table.item(0, 2).text()
    proposed = dialog.proposal.sessions[0].start
    assert GB_DAY.search(cell) and not no_iso(cell) and cell.endswith(proposed.strftime("%H:%M"))
    for r in range(dialog.table.rowCount()):  # the shown text reads back as the same time
        dialog.table.item(r, 0).setCheckState(Qt.CheckState.Checked if r == 0 else Qt.CheckState.Unchecked)
    assert [s.start for s in dialog.chosen()] == [proposed]
    dialog.table.item(0, 2).setText(f"{proposed:%d/%m/%Y} 07:45")
    assert dialog.chosen()[0].start == proposed.replace(hour=7, minute=45)
    dialog.table.item(0, 2).setText(f"{proposed:%Y-%m-%d} 08:15")  # ISO typed still reads
    assert dialog.chosen()[0].start == proposed.replace(hour=8, minute=15)
    dialog.table.item(0, 2).setText("31/02/2026 09:00")
    with pytest.raises(ValidationError, match=r"is not a time; write it as \d{2}/\d{2}/\d{4} \d{2}:\d{2}"):
        dialog.chosen()
    dialog.close()


@pytest.mark.usefixtures("en_gb")
def test_a_printed_one_to_one_and_the_lock_sentence_use_the_locale_day_and_local_time(
        kolkata, window, ctx, sample) -> None:  # noqa: ANN001
    amelia = sample.agent_uuids["Amelia Brown"]
    page = window.show_page("one_to_ones")
    _record_held(page, amelia)
    uuid = page.editor.record.uuid
    today = date.today()
    acked_at = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(hours=14)
    oto.acknowledge(ctx.db, uuid, "Amelia Brown", at=acked_at)
    with pytest.raises(ValidationError) as locked:
        oto.acknowledge(ctx.db, uuid, "Amelia Brown")
    assert f"on {today:%d/%m/%Y} 19:30 and is locked" in str(locked.value) and "UTC" not in str(locked.value)
    pdf = reports_api.one_to_one_pdf(ctx.db, uuid)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert f"on {today:%d/%m/%Y} 19:30." in flat, flat  # the acknowledgement: India's time, the locale's day
    assert f"One-to-one · Amelia Brown · {today:%d/%m/%Y}" in flat
    assert f"Printed {today:%d/%m/%Y}" in flat
    assert no_iso(text) == [] and "14:00" not in flat
