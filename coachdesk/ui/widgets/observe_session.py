"""The layout of a running session on the Observe page: who and how, the interaction bar with its timer, the
checklist beside the behaviour's guidance and the log, the note line, the keys, and what was last saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.enums import Channel
from coachdesk.ui.kit import a11y
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.theme import muted_label, scaled_font, title_label
from coachdesk.ui.widgets.observe_checklist import ChecklistModel, ChecklistView
from coachdesk.ui.widgets.observe_log import SessionLog, channel_label
from coachdesk.ui.widgets.observe_note import NoteEditor


def key_legend(pairs: list[tuple[str, str]]) -> str:
    """Rich text "<b>F5</b> start/stop · …" (no colours: the palette decides)."""
    return " · ".join(f"<b>{keys}</b>&nbsp;{what}" for keys, what in pairs)


class SessionView(QWidget):
    """Widgets only; the Observe page wires the keys and the actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("observeSessionView")
        self.setAccessibleName(self.tr("Observation session"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())
        layout.addWidget(self._build_interaction_bar())
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("observeSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.model = ChecklistModel(self)
        self.checklist = ChecklistView(self.splitter)
        self.checklist.setModel(self.model)
        self.splitter.addWidget(self.checklist)
        self.splitter.addWidget(self._build_side())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([660, 420])
        layout.addWidget(self.splitter, 1)
        self.note_about = QLabel(self)
        self.note_about.setObjectName("observeNoteAbout")
        self.note_about.setFont(scaled_font(self.font(), 1.1, bold=True))
        self.note_about.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.note_about)
        self.note = NoteEditor(self)
        limit_text(self.note, "ObservationNote", "text")
        layout.addWidget(self.note)
        self.zone_keys = QLabel(self)
        self.zone_keys.setObjectName("observeZoneKeys")
        self.zone_keys.setFont(scaled_font(self.font(), 1.05))
        self.zone_keys.setWordWrap(True)
        layout.addWidget(self.zone_keys)
        self.keys = QLabel(self)
        self.keys.setObjectName("observeKeys")
        self.keys.setWordWrap(True)
        self.keys.setFont(scaled_font(self.font(), 1.05))
        layout.addWidget(self.keys)
        bottom = QHBoxLayout()
        self.status = muted_label("", self, name="observeStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        bottom.addWidget(self.status, 1)
        self.end_button = QPushButton(self.tr("End session (F8)"), self)
        self.end_button.setObjectName("observeEnd")
        self.end_button.setAccessibleName(self.tr("End session"))
        self.end_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        bottom.addWidget(self.end_button)
        layout.addLayout(bottom)
        self.setTabOrder(self.checklist, self.note)
        self.setTabOrder(self.note, self.reference)
        self.setTabOrder(self.reference, self.channel)

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        column = QVBoxLayout()
        column.setSpacing(2)
        self.agent_name = title_label("", self, factor=1.6, name="observeAgentName")
        column.addWidget(self.agent_name)
        self.meta = muted_label("", self, name="observeSessionMeta")
        self.meta.setFont(scaled_font(self.meta.font(), 1.05))
        column.addWidget(self.meta)
        row.addLayout(column, 1)
        return row

    def _build_interaction_bar(self) -> QFrame:
        bar = QFrame(self)
        bar.setObjectName("observeInteractionBar")
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(12)
        self.timer_label = QLabel(bar)
        self.timer_label.setObjectName("observeTimer")
        font = scaled_font(self.font(), 1.45, bold=True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFeature(QFont.Tag("tnum"), 1)  # digits of equal width: the timer does not jitter
        self.timer_label.setFont(font)
        self.timer_label.setWordWrap(True)  # "No interaction running: …" wraps rather than widen the window
        row.addWidget(self.timer_label, 1)
        reference_label = QLabel(self.tr("Reference (F7)"), bar)
        row.addWidget(reference_label)
        self.reference = QLineEdit(bar)
        limit_text(self.reference, "ObservedInteraction", "reference")
        self.reference.setObjectName("observeReference")
        self.reference.setAccessibleName(self.tr("Call or ticket reference"))
        self.reference.setPlaceholderText(self.tr("call or ticket id"))
        self.reference.setMinimumWidth(100)  # room for the channel's label; ids are short (CAL-0042)
        reference_label.setBuddy(self.reference)
        row.addWidget(self.reference)
        self.channel = QComboBox(bar)
        self.channel.setObjectName("observeChannel")
        self.channel.setAccessibleName(self.tr("Channel"))
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel.value)
        row.addWidget(a11y.labelled(QLabel(self.tr("Channel:"), bar), self.channel))
        row.addWidget(self.channel)
        self.interaction_button = QPushButton(bar)
        self.interaction_button.setObjectName("observeInteractionButton")
        self.interaction_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        row.addWidget(self.interaction_button)
        return bar

    def _build_side(self) -> QWidget:
        side = QWidget(self.splitter)
        column = QVBoxLayout(side)
        column.setContentsMargins(8, 0, 0, 0)
        column.setSpacing(8)
        self.behaviour_title = QLabel(side)
        self.behaviour_title.setObjectName("observeBehaviourTitle")
        self.behaviour_title.setFont(scaled_font(self.font(), 1.15, bold=True))
        self.behaviour_title.setWordWrap(True)
        column.addWidget(self.behaviour_title)
        self.behaviour_detail = QLabel(side)
        self.behaviour_detail.setObjectName("observeBehaviourDetail")
        self.behaviour_detail.setWordWrap(True)
        self.behaviour_detail.setTextFormat(Qt.TextFormat.RichText)
        self.behaviour_detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.behaviour_detail)
        heading = QLabel(self.tr("Logged so far"), side)
        heading.setFont(scaled_font(self.font(), 1.1, bold=True))
        column.addWidget(heading)
        self.log = SessionLog(side)
        column.addWidget(self.log, 1)
        return side
