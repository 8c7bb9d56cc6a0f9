"""The agent page header: name, team, leader, roles, external ids and current objectives of one person."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QStackedLayout, QVBoxLayout, QWidget

from coachdesk.services.people import AgentHeader, ObjectiveLine
from coachdesk.ui.kit.words import date_text, roles_text
from coachdesk.ui.theme import muted_label, scaled_font, title_label


def objective_meta(line: ObjectiveLine) -> str:
    """KPI, due date and status of one objective, in one line."""
    due = date_text(line.due_date)
    parts = [line.kpi_code] if line.kpi_code else []
    if line.target_text:
        parts.append(QCoreApplication.translate("AgentHeaderView", "target {target}").format(target=line.target_text))
    parts.append(QCoreApplication.translate("AgentHeaderView", "due {date}").format(date=due))
    parts.append(QCoreApplication.translate("ObjectiveStatus", line.status.value.capitalize()))
    return " · ".join(parts)


class AgentHeaderView(QWidget):
    """Shows one ``AgentHeader``; before a choice it says how to choose someone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agentHeader")
        self.setAccessibleName(self.tr("Agent header"))
        self.header: AgentHeader | None = None
        self._stack = QStackedLayout(self)
        self.empty_label = muted_label(self.tr("Choose an agent in the list, or press Ctrl+K to find anyone."),
                                       self, name="agentHeaderEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setFont(scaled_font(self.empty_label.font(), 1.15))
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(self._build_details())

    def _build_details(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.name_label = title_label("", panel, factor=1.7, name="agentName")
        layout.addWidget(self.name_label)
        self.summary_label = muted_label("", panel, name="agentSummary")
        self.summary_label.setFont(scaled_font(self.summary_label.font(), 1.1))
        layout.addWidget(self.summary_label)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(6)
        self.fields: dict[str, QLabel] = {}
        for key, caption in (("team", self.tr("Team")), ("leader", self.tr("Team leader")),
                             ("roles", self.tr("Roles")), ("email", self.tr("E-mail")),
                             ("ids", self.tr("External ids"))):
            value = QLabel(panel)
            value.setObjectName(f"agentField_{key}")
            value.setAccessibleName(caption)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(muted_label(caption, panel), value)
            self.fields[key] = value
        layout.addLayout(form)
        #: what the page puts between who the agent is and their objectives (the Prepare button, the trend chart)
        self.middle = QVBoxLayout()
        self.middle.setContentsMargins(0, 6, 0, 0)
        self.middle.setSpacing(10)
        layout.addLayout(self.middle)
        heading = QLabel(self.tr("Current objectives"), panel)
        heading.setFont(scaled_font(heading.font(), 1.2, bold=True))
        layout.addSpacing(10)
        layout.addWidget(heading)
        self.no_objectives = muted_label(self.tr("No draft or agreed objectives."), panel, name="agentNoObjectives")
        layout.addWidget(self.no_objectives)
        self.objectives = QWidget(panel)
        self.objectives.setObjectName("agentObjectives")
        self.objectives.setAccessibleName(self.tr("Current objectives"))
        self._objective_rows = QVBoxLayout(self.objectives)
        self._objective_rows.setContentsMargins(0, 0, 0, 0)
        self._objective_rows.setSpacing(10)
        layout.addWidget(self.objectives)
        return panel

    def add_below_identity(self, widget: QWidget, alignment: Qt.AlignmentFlag | None = None) -> None:
        """Show ``widget`` under the agent's name and details, above the objectives (so it is seen without scrolling
        on a laptop); it is shown only while an agent is."""
        if alignment is None:
            self.middle.addWidget(widget)
        else:
            self.middle.addWidget(widget, 0, alignment)

    def _set_objectives(self, lines: tuple[ObjectiveLine, ...]) -> None:
        while self._objective_rows.count():
            item = self._objective_rows.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for line in lines:
            row = QFrame(self.objectives)
            row.setFrameShape(QFrame.Shape.StyledPanel)
            row.setObjectName("agentObjective")
            row.setAccessibleName(line.statement)
            column = QVBoxLayout(row)
            column.setContentsMargins(12, 8, 12, 8)
            column.setSpacing(2)
            statement = QLabel(line.statement, row)
            statement.setWordWrap(True)
            column.addWidget(statement)
            column.addWidget(muted_label(objective_meta(line), row))
            self._objective_rows.addWidget(row)
        self.objectives.setVisible(bool(lines))
        self.no_objectives.setVisible(not lines)

    def show_progress(self, rows: list) -> None:
        """Show each objective as a card with its line of sight, current value, band and forecast
        (``services.objective_progress.ProgressRow``), in place of the plain lines."""
        from coachdesk.ui.widgets.objective_cards import ObjectiveCard

        while self._objective_rows.count():
            widget = self._objective_rows.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        for row in rows:
            self._objective_rows.addWidget(ObjectiveCard(row, self.objectives))
        self.objectives.setVisible(bool(rows))
        self.no_objectives.setVisible(not rows)

    def clear(self) -> None:
        self.header = None
        self._stack.setCurrentIndex(0)

    def show_header(self, header: AgentHeader) -> None:
        self.header = header
        self.name_label.setText(header.display_name)
        self.name_label.setAccessibleName(header.display_name)
        summary = [roles_text(header.roles) or self.tr("No role"), header.team or self.tr("No team")]
        if not header.is_active:
            summary.append(self.tr("Inactive"))
        self.summary_label.setText(" · ".join(summary))
        dash = "—"
        self.fields["team"].setText(header.team or dash)
        self.fields["leader"].setText(header.leader or dash)
        self.fields["roles"].setText(roles_text(header.roles) or dash)
        self.fields["email"].setText(header.email or dash)
        self.fields["ids"].setText(", ".join(f"{system}: {value}" for system, value in header.external_ids) or dash)
        self._set_objectives(header.objectives)
        self._stack.setCurrentIndex(1)

    def shown_name(self) -> str:
        return self.header.display_name if self.header else ""
