"""The KPI import dialog's head: the file's name, what was found in it (shape, encoding, separator, header row),
and the choice of encoding (text files) or sheet (workbooks)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coachdesk.services.kpis import ImportPlan
from coachdesk.ui.kit.forms import buddy_label, named
from coachdesk.ui.models.kpi_history_models import shape_label
from coachdesk.ui.theme import muted_label, scaled_font

#: Encodings offered when names look garbled: (Python codec, label).
ENCODINGS = (("utf-8", "UTF-8"), ("cp1252", "Windows-1252 (Western)"), ("iso-8859-15", "ISO-8859-15 (Western)"),
             ("cp1250", "Windows-1250 (Central European)"), ("iso8859-2", "ISO-8859-2 (Central European)"),
             ("cp1251", "Windows-1251 (Cyrillic)"), ("koi8-r", "KOI8-R (Cyrillic)"), ("cp1253", "Windows-1253 (Greek)"),
             ("cp1254", "Windows-1254 (Turkish)"), ("cp1257", "Windows-1257 (Baltic)"),
             ("cp932", "Shift-JIS (Japanese)"), ("gb18030", "GB18030 (Chinese)"), ("big5", "Big5 (Chinese)"),
             ("euc-kr", "EUC-KR (Korean)"), ("utf-16", "UTF-16"))


class FileHead(QWidget):
    """``sheet_chosen(name)`` and ``encoding_chosen(codec or None)`` when the user picks one."""

    sheet_chosen = Signal(str)
    encoding_chosen = Signal(object)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiFileHead")
        title = QLabel(path.name, self)
        title.setObjectName("kpiFileName")
        title.setFont(scaled_font(title.font(), 1.5, bold=True))
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info = muted_label("", self, name="kpiFileInfo")
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setWordWrap(True)
        self.sheet_combo = named(QComboBox(self), "kpiSheet", self.tr("Sheet to import"))
        self.sheet_combo.activated.connect(lambda _i: self.sheet_chosen.emit(self.sheet_combo.currentText()))
        self.sheet_label = buddy_label(self.tr("S&heet:"), self.sheet_combo, self)
        self.encoding_combo = named(QComboBox(self), "kpiEncoding", self.tr("Text encoding of the file"))
        self.encoding_combo.setToolTip(self.tr("Choose another encoding when names look garbled."))
        self.encoding_combo.addItem(self.tr("Found in the file"), None)
        for codec, label in ENCODINGS:
            self.encoding_combo.addItem(label, codec)
        self.encoding_combo.activated.connect(lambda _i: self.encoding_chosen.emit(self.encoding_combo.currentData()))
        self.encoding_label = buddy_label(self.tr("E&ncoding:"), self.encoding_combo, self)
        row = QHBoxLayout()
        row.addWidget(self.info, 1)
        row.addWidget(self.encoding_label)
        row.addWidget(self.encoding_combo)
        row.addWidget(self.sheet_label)
        row.addWidget(self.sheet_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(row)
        self.show_sheets((), None)

    def show_sheets(self, sheets: tuple[str, ...], current: str | None) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(sheets))
        if current in sheets:
            self.sheet_combo.setCurrentText(current)
        self.sheet_combo.blockSignals(False)
        for widget in (self.sheet_label, self.sheet_combo):
            widget.setVisible(len(sheets) > 1)

    def show_plan(self, plan: ImportPlan, encoding: str | None) -> None:
        """What was found; ``encoding`` is the one the user chose (None: as found)."""
        self.info.setText(self.describe_file(plan))
        self.info.setToolTip(self.tr("Encoding: {encoding} ({how})").format(encoding=plan.encoding,
                                                                          how=plan.encoding_note))
        self.encoding_label.setVisible(not plan.sheet)
        self.encoding_combo.setVisible(not plan.sheet)
        found = self.encoding_combo.findData(encoding) if encoding else 0
        self.encoding_combo.setItemText(0, self.tr("Found: {encoding}").format(encoding=encoding_name(plan.encoding))
                                        if not encoding else self.tr("Found in the file"))
        self.encoding_combo.setCurrentIndex(max(found, 0))

    def describe_file(self, plan: ImportPlan) -> str:
        parts = [shape_label(plan.mapping.shape)]
        if plan.preset_label:
            parts.append(plan.preset_label)
        parts.append(encoding_name(plan.encoding))
        delimiter = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab"), "|": self.tr("bar")}
        if plan.sheet:
            parts.append(self.tr("sheet {sheet}").format(sheet=plan.sheet))
        elif plan.delimiter:
            parts.append(self.tr("{delimiter}-separated").format(
                delimiter=delimiter.get(plan.delimiter, repr(plan.delimiter))))
        parts.append(self.tr("decimal comma") if plan.decimal == "," else self.tr("decimal point"))
        parts.append(self.tr("header on row {row}").format(row=plan.header_row))
        if plan.preamble:
            parts.append(self.tr("{count} lines before it").format(count=len(plan.preamble)))
        parts.append(self.tr("{size:,} bytes").format(size=plan.size))
        return " · ".join(parts)


def encoding_name(encoding: str) -> str:
    """An encoding as people know it: "Windows-1252" for cp1252."""
    names = {"utf-8": "UTF-8", "utf-8-sig": QCoreApplication.translate("FileHead", "UTF-8 with BOM"), "utf-16": "UTF-16",
             "cp1252": "Windows-1252"}
    names.update(dict(ENCODINGS))
    return names.get(encoding.casefold(), encoding)
