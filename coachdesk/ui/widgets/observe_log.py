"""What has been logged in a session so far, interaction by interaction: times, ratings and stamped notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from coachdesk.domain.enums import Channel, NoteKind
from coachdesk.domain.kpi_format import format_duration
from coachdesk.services.observation import FrameworkView, InteractionRow, NoteRow, ObjectiveChoice, RatingRow
from coachdesk.ui.kit.words import time_text
from coachdesk.ui.theme import scaled_font

#: a short sign before each kind of note, so kinds stand out without colour
KIND_SIGNS = {NoteKind.GENERAL: "•", NoteKind.STRENGTH: "+", NoteKind.OPPORTUNITY: "△", NoteKind.VERBATIM: "“"}


def tr(text: str) -> str:
    return QCoreApplication.translate("ObserveLog", text)


def kind_label(kind: NoteKind) -> str:
    return {NoteKind.GENERAL: tr("Note"), NoteKind.STRENGTH: tr("Strength"),
            NoteKind.OPPORTUNITY: tr("Opportunity"), NoteKind.VERBATIM: tr("Verbatim")}[kind]


def channel_label(channel: Channel) -> str:
    return {Channel.VOICE: tr("Voice"), Channel.CHAT: tr("Chat"), Channel.EMAIL: tr("E-mail"),
            Channel.MESSAGING: tr("Messaging"), Channel.SOCIAL: tr("Social"), Channel.OTHER: tr("Other")}[channel]


def clock(at: datetime) -> str:
    return time_text(at)


def interaction_title(row: InteractionRow) -> str:
    parts = [tr("Interaction {number}").format(number=row.number)]
    if row.reference:
        parts.append(row.reference)
    parts.append(channel_label(row.channel))
    span = clock(row.started_at)
    if row.ended_at is not None:
        span += f"–{clock(row.ended_at)} ({format_duration((row.ended_at - row.started_at).total_seconds())})"
    else:
        span += " " + tr("(running)")
    parts.append(span)
    return " · ".join(parts)


def note_line(note: NoteRow, framework: FrameworkView, objectives: Sequence[ObjectiveChoice]) -> str:
    behaviour = framework.behaviour(note.behaviour_id) if note.behaviour_id else None
    about = f" [{behaviour.name}]" if behaviour else ""
    objective = next((o.statement for o in objectives if o.uuid == note.objective_uuid), "")
    linked = " → " + tr("objective: {statement}").format(statement=objective) if objective else ""
    text = " ".join(note.text.split())
    return f"{clock(note.noted_at)} {KIND_SIGNS[note.kind]} {kind_label(note.kind)}{about}: {text}{linked}"


class SessionLog(QListWidget):
    """Read-only list; rebuilt from the page's state (a session holds tens of lines, not thousands)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("observeLog")
        self.setAccessibleName(self.tr("Session log"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setFont(scaled_font(self.font(), 1.05))
        self._bold = QFont(self.font())
        self._bold.setBold(True)

    def show_session(self, framework: FrameworkView, interactions: Sequence[InteractionRow],
                     ratings: Sequence[RatingRow], notes: Sequence[NoteRow],
                     objectives: Sequence[ObjectiveChoice]) -> None:
        self.clear()
        groups: list[tuple[str | None, str]] = [(None, tr("Whole session"))]
        groups += [(i.uuid, interaction_title(i)) for i in interactions]
        for uuid, title in groups:
            rated = [r for r in ratings if r.interaction_uuid == uuid]
            noted = [n for n in notes if n.interaction_uuid == uuid]
            if uuid is None and not rated and not noted:
                continue
            head = QListWidgetItem(title)
            head.setFont(self._bold)
            self.addItem(head)
            if rated:
                names = [f"{b.name}: {r.label}" for r in sorted(rated, key=lambda r: self._order(framework, r))
                         if (b := framework.behaviour(r.behaviour_id))]
                self.addItem("    " + " · ".join(names))
            for note in noted:
                item = QListWidgetItem("    " + note_line(note, framework, objectives))
                item.setData(Qt.ItemDataRole.UserRole, note.uuid)
                self.addItem(item)
        if self.count() == 0:
            self.addItem(tr("Nothing logged yet. Press F5 when a call starts."))
        self.scrollToBottom()

    @staticmethod
    def _order(framework: FrameworkView, rating: RatingRow) -> int:
        item = framework.behaviour(rating.behaviour_id)
        return item.number if item else 0

    def lines(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]
