"""The SMART check shown letter by letter: a mark and a word for each verdict (never colour alone) and the reason."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from coachdesk.domain.smart import SmartResult, Verdict
from coachdesk.ui.theme import muted_label, scaled_font

_VERDICTS = {
    Verdict.OK: ("✓", QT_TRANSLATE_NOOP("SmartPanel", "OK")),
    Verdict.DOUBTFUL: ("?", QT_TRANSLATE_NOOP("SmartPanel", "Doubtful")),
    Verdict.FAILS: ("✗", QT_TRANSLATE_NOOP("SmartPanel", "Fails")),
}
_NAMES = {"S": QT_TRANSLATE_NOOP("SmartPanel", "Specific"), "M": QT_TRANSLATE_NOOP("SmartPanel", "Measurable"),
          "A": QT_TRANSLATE_NOOP("SmartPanel", "Achievable"), "R": QT_TRANSLATE_NOOP("SmartPanel", "Relevant"),
          "T": QT_TRANSLATE_NOOP("SmartPanel", "Time-bound")}


def verdict_text(verdict: Verdict) -> str:
    mark, word = _VERDICTS[verdict]
    return f"{mark} {QCoreApplication.translate('SmartPanel', word)}"


class SmartPanel(QFrame):
    """Five rows, S to T; ``show_result`` fills them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smartPanel")
        self.setAccessibleName(self.tr("SMART check"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        heading = QLabel(self.tr("SMART check"), self)
        heading.setFont(scaled_font(heading.font(), 1.15, bold=True))
        grid.addWidget(heading, 0, 0, 1, 3)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for number, letter in enumerate("SMART", start=1):
            big = QLabel(letter, self)
            big.setFont(scaled_font(big.font(), 1.5, bold=True))
            big.setToolTip(QCoreApplication.translate("SmartPanel", _NAMES[letter]))
            big.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            verdict = QLabel(self)
            verdict.setObjectName(f"smartVerdict{letter}")
            verdict.setAlignment(Qt.AlignmentFlag.AlignTop)
            verdict.setMinimumWidth(verdict.fontMetrics().horizontalAdvance("✗ Doubtful") + 8)
            message = muted_label("", self, name=f"smartMessage{letter}")
            message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            message.setMinimumWidth(140)
            grid.addWidget(big, number, 0)
            grid.addWidget(verdict, number, 1)
            grid.addWidget(message, number, 2)
            self.rows[letter] = (verdict, message)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(6, 1)
        self.result: SmartResult | None = None

    def show_result(self, result: SmartResult) -> None:
        self.result = result
        for check in result.letters:
            verdict, message = self.rows[check.letter]
            verdict.setText(verdict_text(check.verdict))
            bold = verdict.font()
            bold.setBold(check.verdict is not Verdict.OK)
            verdict.setFont(bold)
            message.setText(check.message)
            name = QCoreApplication.translate("SmartPanel", _NAMES[check.letter])
            verdict.setAccessibleName(f"{name}: {verdict_text(check.verdict)}")
            message.setAccessibleName(check.message)
        self.setAccessibleDescription(result.summary())

    def verdict(self, letter: str) -> str:
        return self.rows[letter][0].text()

    def message(self, letter: str) -> str:
        return self.rows[letter][1].text()
