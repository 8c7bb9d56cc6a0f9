"""The Prepare view: an agent's prep sheet on one scrolling screen (talking points with their reasons, open actions
and commitments, the expectations, motivators and rewards agreed last time, objectives with a small trend line, KPI
deltas since the last one-to-one, observations, feedback and recognitions)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import Direction, ItemKind
from coachdesk.domain.one_to_one_rules import DueState
from coachdesk.services.one_to_ones import PrepObjective, PrepSheet
from coachdesk.ui.kit import focus
from coachdesk.ui.kit.band_style import band_accent
from coachdesk.ui.kit.words import band_text, date_text
from coachdesk.ui.theme import muted_label, scaled_font

#: lines shown per section (the sheet keeps them all; the overdue first)
MAX_POINTS, MAX_ITEMS = 8, 12


def _day(d) -> str:  # noqa: ANN001
    return date_text(d) if d else "–"  # the locale's date, as in every table


class Sparkline(QWidget):
    """A small line of weekly values with the target as a dashed line; better is up whatever the direction."""

    def __init__(self, objective: PrepObjective, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.objective = objective
        self.setMinimumSize(QSize(120, 34))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        values = ", ".join(f"{p.value:.3g}" for p in objective.trend)
        self.setToolTip(self.tr("Weekly values, oldest first: {values}").format(values=values or "–"))
        self.setAccessibleName(self.tr("Trend of {measure}").format(measure=objective.measure_name))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(120, 34)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        points = self.objective.trend
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(3, 4, -3, -4)
        values = [p.value for p in points]
        target = self.objective.target
        if not values:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.tr("no figures"))
            return
        scale = [*values, *([target] if target is not None else [])]
        low, high = min(scale), max(scale)
        span = (high - low) or 1.0
        flip = self.objective.direction is Direction.LOWER_IS_BETTER

        def y(v: float) -> float:
            share = (v - low) / span
            return box.top() + (share if flip else 1 - share) * box.height()

        if target is not None:
            pen = QPen(self.palette().color(QPalette.ColorRole.PlaceholderText), 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(box.left(), y(target)), QPointF(box.right(), y(target)))
        step = box.width() / max(1, len(values) - 1)
        line = QPolygonF([QPointF(box.left() + i * step, y(v)) for i, v in enumerate(values)])
        painter.setPen(QPen(band_accent(self.objective.band, self.palette()), 2))
        painter.drawPolyline(line)
        painter.setBrush(band_accent(self.objective.band, self.palette()))
        painter.drawEllipse(line.last(), 2.5, 2.5)


class Section(QFrame):
    """A titled block of the prep sheet."""

    def __init__(self, title: str, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(14, 10, 14, 12)
        self.box.setSpacing(4)
        head = QLabel(title, self)
        head.setFont(scaled_font(head.font(), 1.1, bold=True))
        self.box.addWidget(head)

        #: the section's lines, as one rich-text label (a label per line is slow to lay out on a long sheet)
        self.text = QLabel("", self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.box.addWidget(self.text)
        self._lines: list[str] = []

    def line(self, html: str) -> None:
        self._lines.append(html)
        self.text.setText("".join(f"<p style='margin:0 0 5px 0'>{h}</p>" for h in self._lines))
        self.setAccessibleDescription(self.text.text())

    def empty(self, text: str) -> None:
        self.line(f"<i>{escape(text)}</i>")


class PrepView(QScrollArea):
    """Shows one ``PrepSheet``; ``show_sheet`` rebuilds the content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("oneToOnePrep")
        self.setAccessibleName(self.tr("Prepare the one-to-one"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        focus.focus_frame(self)  # it takes Tab (to scroll by keys): show when it has it
        self.sheet: PrepSheet | None = None
        self._content = QWidget(self)
        self.setWidget(self._content)

    def clear(self, message: str = "") -> None:
        self.sheet = None
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.addWidget(muted_label(message or self.tr("Choose an agent to prepare their one-to-one."), content))
        layout.addStretch(1)
        self.setWidget(content)
        self._content = content

    def show_sheet(self, sheet: PrepSheet) -> None:
        self.sheet = sheet
        content = QWidget(self)
        content.setObjectName("oneToOnePrepContent")
        grid = QGridLayout(content)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        grid.addWidget(self._header(sheet, content), 0, 0, 1, 2)
        grid.addWidget(self._points(sheet, content), 1, 0)
        grid.addWidget(self._items(sheet, content), 1, 1)
        grid.addWidget(self._agreed(sheet, content), 2, 0, 1, 2)
        grid.addWidget(self._objectives(sheet, content), 3, 0, 1, 2)
        grid.addWidget(self._observations(sheet, content), 4, 0)
        grid.addWidget(self._feedback(sheet, content), 4, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)
        self.setWidget(content)
        self._content = content

    def _header(self, sheet: PrepSheet, parent: QWidget) -> QLabel:
        last = _day(sheet.last_session_date) if sheet.last_session_date else self.tr("none yet")
        due = {DueState.OVERDUE: self.tr("overdue since {day}"), DueState.DUE: self.tr("due {day}"),
               DueState.UPCOMING: self.tr("next {day}"), DueState.NEVER: self.tr("none planned")}[sheet.due_state]
        text = self.tr("<b>{agent}</b> · {team} · leader {leader} · last one-to-one {last} · {due} · every {n} days"
                       ).format(agent=escape(sheet.agent_name), team=escape(sheet.team or self.tr("no team")),
                                leader=escape(sheet.leader or "–"), last=last,
                                due=due.format(day=_day(sheet.due_date)), n=sheet.cadence_days)
        label = QLabel(text, parent)
        label.setObjectName("oneToOnePrepHeader")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    def _points(self, sheet: PrepSheet, parent: QWidget) -> Section:
        box = Section(self.tr("Talking points"), parent, "oneToOnePrepPoints")
        for point in sheet.talking_points[:MAX_POINTS]:
            box.line(f"<b>{escape(point.title)}</b><br/><span>{escape(point.reason)}</span>")
        if len(sheet.talking_points) > MAX_POINTS:
            box.line(self.tr("<i>… and {n} more of lower priority (on the printed prep sheet).</i>").format(
                n=len(sheet.talking_points) - MAX_POINTS))
        if not sheet.talking_points:
            box.empty(self.tr("No rule suggests anything: nothing slipped, no follow-up or commitment is late."))
        box.box.addStretch(1)
        return box

    def _items(self, sheet: PrepSheet, parent: QWidget) -> Section:
        box = Section(self.tr("Open actions and commitments"), parent, "oneToOnePrepItems")
        for item in sheet.open_items[:MAX_ITEMS]:
            bits = [escape(item.owner or self.tr("no owner"))]
            if item.due_date:
                bits.append((self.tr("<b>overdue</b> since {day}") if item.overdue else self.tr("due {day}")
                             ).format(day=_day(item.due_date)))
            if item.agreed_on:
                bits.append(self.tr("agreed {day}").format(day=_day(item.agreed_on)))
            if item.times_carried:
                bits.append(self.tr("carried {n}×").format(n=item.times_carried))
            box.line(f"{escape(item.kind.value.capitalize())}: {escape(item.text)}<br/>"
                     f"<small>{' · '.join(bits)}</small>")
        if len(sheet.open_items) > MAX_ITEMS:
            box.line(self.tr("<i>… and {n} more open (all of them are in the session record).</i>").format(
                n=len(sheet.open_items) - MAX_ITEMS))
        if not sheet.open_items:
            box.empty(self.tr("Nothing left open from earlier one-to-ones."))
        box.box.addStretch(1)
        return box

    def _agreed(self, sheet: PrepSheet, parent: QWidget) -> Section:
        """The expectations, motivators and rewards agreed last time: what this one-to-one reviews."""
        title = (self.tr("Agreed last time ({day}): to review").format(day=_day(sheet.agreed_on)) if sheet.agreed_on
                 else self.tr("Agreed last time"))
        box = Section(title, parent, "oneToOnePrepAgreed")
        headings = {ItemKind.EXPECTATION: self.tr("Expectations"), ItemKind.MOTIVATOR: self.tr("What motivates them"),
                    ItemKind.REWARD: self.tr("Rewards")}
        scopes = {"individual": self.tr("individual"), "team": self.tr("team")}
        for kind, heading in headings.items():
            lines = "".join(
                f"<li>{escape(a.text)}{' (' + scopes.get(a.reward_scope, a.reward_scope) + ')' if a.reward_scope else ''}"
                "</li>" for a in sheet.agreed if a.kind is kind)
            if lines:
                box.line(f"<b>{heading}</b><ul style='margin:0'>{lines}</ul>")
        if not sheet.agreed:
            box.empty(self.tr("No expectations, motivators or rewards recorded in an earlier one-to-one."))
        return box

    def _objectives(self, sheet: PrepSheet, parent: QWidget) -> Section:
        box = Section(self.tr("Objectives and what changed since {day}").format(day=_day(sheet.since)), parent,
                      "oneToOnePrepObjectives")
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        headers = (self.tr("Objective"), self.tr("Trend (8 weeks)"), self.tr("Now"), self.tr("Target"),
                   self.tr("Band"), self.tr("Since last one-to-one"))
        for col, text in enumerate(headers):
            head = muted_label(text, box)
            grid.addWidget(head, 0, col)
        deltas = {d.objective_uuid: d for d in sheet.kpi_deltas}
        for row, o in enumerate(sheet.objectives, start=1):
            statement = QLabel(f"{escape(o.statement)}<br/><small>{escape(o.measure_name)} · due "
                               f"{_day(o.due_date)}</small>", box)
            statement.setWordWrap(True)
            statement.setMinimumWidth(220)
            grid.addWidget(statement, row, 0)
            grid.addWidget(Sparkline(o, box), row, 1)
            grid.addWidget(QLabel(o.current_text, box), row, 2)
            grid.addWidget(QLabel(o.target_text, box), row, 3)
            grid.addWidget(QLabel(band_text(o.band), box), row, 4)
            d = deltas.get(o.uuid)
            change = self.tr("{before} → {since} ({change})").format(
                before=d.before_text, since=d.since_text, change=d.change_text) if d else "–"
            grid.addWidget(QLabel(change, box), row, 5)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(5, 2)
        box.box.addLayout(grid)
        if not sheet.objectives:
            box.empty(self.tr("No open objectives: set some in this one-to-one."))
        return box

    def _observations(self, sheet: PrepSheet, parent: QWidget) -> Section:
        box = Section(self.tr("Observations since {day}").format(day=_day(sheet.since)), parent,
                      "oneToOnePrepObservations")
        for o in sheet.observations[:MAX_ITEMS]:
            score = self.tr("{score:.0f}/100 (n={n})").format(score=o.score, n=o.n) if o.score is not None else "–"
            box.line(self.tr("{day} · {observer} · {score}").format(day=_day(o.day),
                                                                    observer=escape(o.observer or "–"), score=score))
        for title, notes in ((self.tr("Strengths"), sheet.strengths), (self.tr("Opportunities"), sheet.opportunities),
                             (self.tr("In their words"), sheet.verbatims)):
            if notes:
                lines = "".join(f"<li>{escape(n.text)}{' — ' + escape(n.behaviour) if n.behaviour else ''}</li>"
                                for n in notes[:5])
                box.line(f"<b>{title}</b><ul style='margin:0'>{lines}</ul>")
        if not (sheet.observations or sheet.strengths or sheet.opportunities or sheet.verbatims):
            box.empty(self.tr("No observations since then."))
        box.box.addStretch(1)
        return box

    def _feedback(self, sheet: PrepSheet, parent: QWidget) -> Section:
        box = Section(self.tr("Feedback and recognition since {day}").format(day=_day(sheet.since)), parent,
                      "oneToOnePrepFeedback")
        for f in sheet.feedback[:MAX_ITEMS]:
            follow = ""
            if f.follow_up_date:
                follow = self.tr(" · follow-up {day}{done}").format(
                    day=_day(f.follow_up_date), done=self.tr(" (done)") if f.follow_up_done else "")
            box.line(self.tr("<b>{day}</b>{follow}<br/>Went well: {well}<br/>To improve: {improve}").format(
                day=_day(f.day), follow=follow, well=escape(f.went_well or "–"), improve=escape(f.to_improve or "–")))
        for r in sheet.recognitions:
            box.line(self.tr("★ {day}: {title} ({by})").format(day=_day(r.day), title=escape(r.title),
                                                              by=escape(r.given_by or "–")))
        if not (sheet.feedback or sheet.recognitions):
            box.empty(self.tr("No feedback or recognition since then."))
        box.box.addStretch(1)
        return box
