"""Table models of observation history and behaviour scores (light frozen rows, column constants, sort keys)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt

from coachdesk.domain.enums import ObservationMode, SessionStatus
from coachdesk.domain.scores import Score
from coachdesk.services.observation import HistoryRow, NamedScore
from coachdesk.ui.kit.tables import Column, RowTableModel
from coachdesk.ui.kit.words import mode_label, timeliness_text, when_text

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def score_text(score: Score) -> str:
    """ "72" , "72 (too few)", "–" when nothing was scored."""
    if score.value is None:
        return "–"
    text = f"{score.value:.0f}"
    return f"{text} ({_tr('Scores', 'too few')})" if score.too_few else text


def _mode(row: HistoryRow) -> str:
    return mode_label(ObservationMode(row.mode))


def _status(row: HistoryRow) -> str:
    if row.status == SessionStatus.IN_PROGRESS:
        return _tr("HistoryModel", "in progress")
    if row.status == SessionStatus.ABANDONED:
        return _tr("HistoryModel", "abandoned")
    if row.feedback_uuid is None:
        return _tr("HistoryModel", "no feedback yet")
    if row.delivered_at is None:
        return _tr("HistoryModel", "feedback written, not delivered")
    return _tr("HistoryModel", "feedback after {delay}").format(delay=timeliness_text(row.timeliness))


class HistoryModel(RowTableModel):
    """One ``HistoryRow`` per observation session, newest first."""

    TR_CONTEXT = "HistoryModel"
    DATE, MODE, OBSERVER, INTERACTIONS, SCORE, N, FEEDBACK = range(7)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("HistoryModel", "Date"),
               lambda r: when_text(r.started_at), lambda r: r.started_at.timestamp()),
        Column(QT_TRANSLATE_NOOP("HistoryModel", "Mode"), _mode),
        Column(QT_TRANSLATE_NOOP("HistoryModel", "Observer"), lambda r: r.observer or "–"),
        Column(QT_TRANSLATE_NOOP("HistoryModel", "Interactions"), lambda r: str(r.interactions),
               lambda r: r.interactions, align_right=True),
        Column(QT_TRANSLATE_NOOP("HistoryModel", "Score"), lambda r: score_text(r.score),
               lambda r: -1.0 if r.score.value is None else r.score.value, align_right=True,
               tooltip=lambda r: _tr("HistoryModel", "{n} observations").format(n=r.score.n)),
        Column(QT_TRANSLATE_NOOP("HistoryModel", "n"), lambda r: str(r.score.n), lambda r: r.score.n,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("HistoryModel", "Feedback"), _status),
    )

    def __init__(self, rows: Iterable[Any] = (), parent: Any = None) -> None:
        super().__init__(rows, parent)
        #: each cell's text, made once per ``set_rows``: a view asks for every visible cell's text on each paint,
        #: and a switch of agents paints the table several times (the dates are formatted by the locale's pattern)
        self._texts: dict[tuple[int, int], str] = {}

    def set_rows(self, rows: Iterable[Any]) -> None:
        self._texts.clear()
        super().set_rows(rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == _DISPLAY and index.isValid():
            key = (index.row(), index.column())
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = super().data(index, role)
            return text
        return super().data(index, role)


class ScoreModel(RowTableModel):
    """One ``NamedScore`` per behaviour or category: score out of 100, observations, the too-few flag."""

    TR_CONTEXT = "ScoreModel"
    NAME, SCORE, N, NOTE = range(4)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ScoreModel", "Behaviour"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("ScoreModel", "Score"), lambda r: "–" if r.score.value is None
               else f"{r.score.value:.0f}", lambda r: -1.0 if r.score.value is None else r.score.value,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("ScoreModel", "n"), lambda r: str(r.score.n), lambda r: r.score.n,
               align_right=True),
        Column(QT_TRANSLATE_NOOP("ScoreModel", "Note"), lambda r: _note(r)),
    )


def _note(row: NamedScore) -> str:
    parts = []
    if row.score.too_few:
        parts.append(_tr("ScoreModel", "too few to compare"))
    if row.score.not_applicable:
        parts.append(_tr("ScoreModel", "{count} not applicable").format(count=row.score.not_applicable))
    return " · ".join(parts)
