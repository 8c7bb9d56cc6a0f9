"""The KPI definition dialog and the framework editor read what they edit off the GUI thread: until then, and when
the read fails, Save does nothing; a refused save is one sentence in the form, which keeps what was typed."""

from __future__ import annotations

from coachdesk.services import kpis as kpis_api
from coachdesk.services import observation as observation_api


def test_a_kpi_that_cannot_be_read_is_one_sentence_and_save_stays_off(qtbot, ctx) -> None:  # noqa: ANN001
    from coachdesk.ui.dialogs.kpi_dialog import KpiDialog

    before = [(k.code, k.name) for k in kpis_api.list_kpis(ctx.db)]
    dialog = KpiDialog(ctx, "NOSUCHKPI")
    qtbot.addWidget(dialog)
    assert dialog.banner.isVisibleTo(dialog) and "NOSUCHKPI" in dialog.banner.label.text()
    assert "Traceback" not in dialog.banner.label.text()
    assert not dialog.save_button.isEnabled()
    dialog.name.setText("Something")
    dialog.accept()
    assert [(k.code, k.name) for k in kpis_api.list_kpis(ctx.db)] == before


def test_an_edited_kpi_is_read_first_then_saved(qtbot, ctx) -> None:  # noqa: ANN001
    from coachdesk.ui.dialogs.kpi_dialog import KpiDialog

    dialog = KpiDialog(ctx, "AHT")
    qtbot.addWidget(dialog)
    assert dialog.save_button.isEnabled() and dialog.code.text() == "AHT" and dialog.detail.code == "AHT"
    dialog.name.setText("Handle time")
    dialog.accept()
    assert kpis_api.kpi_detail(ctx.db, "AHT").name == "Handle time" and dialog.result()


def test_a_refused_framework_save_keeps_the_form(qtbot, ctx) -> None:  # noqa: ANN001
    from coachdesk.ui.dialogs.framework_dialog import FrameworkDialog

    before = observation_api.framework_edit(ctx.db)
    dialog = FrameworkDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.save_button.isEnabled() and dialog.name.text() == before.name
    dialog.name.setText("   ")
    dialog.save()
    assert dialog.isVisible() and dialog.saved is None and dialog.error.isVisible()
    assert dialog.error.label.text() and dialog.name.text() == "   "
    assert observation_api.framework_edit(ctx.db).name == before.name


def test_a_lost_team_server_is_not_blamed_on_the_file(qtbot, ctx, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from coachdesk.storage.faults import StorageFault
    from coachdesk.ui.actions import kpis as kpi_actions
    from coachdesk.ui.dialogs.kpi_import_dialog import KpiImportDialog
    from coachdesk.ui.kit import ops

    def unreachable(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise StorageFault("The team server db.example could not be reached.", "unreachable")

    monkeypatch.setattr(kpi_actions.kpis_api, "preview_file", unreachable)
    path = tmp_path / "export.csv"
    path.write_text("Agent,Date,AHT\nAmelia Brown,2024-03-13,300\n", encoding="utf-8")
    banner: list[BaseException] = []
    ops.set_outage_display(banner.append)  # the main window's outage banner
    try:
        dialog = KpiImportDialog(ctx, path)
        qtbot.addWidget(dialog)
    finally:
        ops.set_outage_display(None)
    assert [type(e) for e in banner] == [StorageFault]  # the banner heard it (it retries until the server is back)
    text = dialog.banner.label.text()
    assert text.startswith("The file could not be read: The team server cannot be reached"), text
    assert not dialog.busy and not dialog.import_button.isEnabled() and dialog.plan is None
