"""The print preview inside the app: a built PDF's pages rendered by PDFium, with page navigation, zoom, Print
(Qt's print dialog), Save as PDF and, still, opening the system's viewer. Pages render on a worker thread; the
newest request for the page on screen wins, older results are dropped."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.ui import tasks
from coachdesk.ui.kit import a11y, forms, keys
from coachdesk.ui.pdf_pages import PdfPages, render_page

FIT_WIDTH, FIT_PAGE = "width", "page"
ZOOMS = (FIT_WIDTH, FIT_PAGE, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
#: rendered pages kept (a few pages either side of the one on screen, at the current zoom)
CACHE_PAGES = 8
_WHERE = "Print preview"
PREVIOUS_KEYS = keys.declare(_WHERE, "Previous page", QKeySequence.StandardKey.MoveToPreviousPage)
NEXT_KEYS = keys.declare(_WHERE, "Next page", QKeySequence.StandardKey.MoveToNextPage)
FIRST_KEYS = keys.declare(_WHERE, "First page", "Home")
LAST_KEYS = keys.declare(_WHERE, "Last page", "End")
ZOOM_IN_KEYS = keys.declare(_WHERE, "Zoom in", QKeySequence.StandardKey.ZoomIn)
ZOOM_OUT_KEYS = keys.declare(_WHERE, "Zoom out", QKeySequence.StandardKey.ZoomOut)
PRINT_KEYS = keys.declare(_WHERE, "Print the page shown", QKeySequence.StandardKey.Print)
SAVE_KEYS = keys.declare(_WHERE, "Save as PDF", QKeySequence.StandardKey.Save)


class PreviewDialog(QDialog):
    """Shows ``pdf``; ``print_requested(current page)``, ``save_requested`` and ``external_requested`` are handled
    by whoever opened it (``ui/report_actions``), so this window never builds, prints or writes anything itself."""

    print_requested = Signal(int)
    save_requested = Signal()
    external_requested = Signal()
    page_shown = Signal(int)  # 0-based index, once its image is on screen

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None, first: QImage | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewDialog")
        self.setAccessibleName(self.tr("Print preview"))
        self.setWindowTitle(self.tr("Preview: {title}").format(title=title))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.pdf = pdf
        self.pages = PdfPages(pdf)
        self.destroyed.connect(self.pages.close)  # also when deleted with its parent, never shown closed
        self.current = 0
        self.zoom: str | float = FIT_WIDTH
        self._cache: OrderedDict[tuple[int, int], QImage] = OrderedDict()
        self._wanted: tuple[int, int] | None = None
        self._handles: list[tasks.TaskHandle] = []
        self._to_top = True
        self._first = first  # the first page drawn by the worker that built the document, shown until the exact one
        self._build()
        self._resize_timer = QTimer(self, singleShot=True, interval=120, timeout=self.show_page)
        self.resize(self._start_size())
        self.go_to(0)

    # -- building ---------------------------------------------------------------------------------------------------
    def _button(self, name: str, text: str, tip: str, slot: Callable[[], None], tool: bool = True
                ) -> QToolButton | QPushButton:
        button = QToolButton(self) if tool else QPushButton(text, self)
        if tool:
            button.setText(text)
        button.setObjectName(name)
        forms.spoken(button, tip)  # the name keeps the words shown
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        bar = QHBoxLayout()
        self.previous = self._button("previewPrevious", "◀", self.tr("Previous page (Page Up)"), self.previous_page)
        self.page_box = QSpinBox(self)
        self.page_box.setObjectName("previewPage")
        self.page_box.setAccessibleName(self.tr("Page"))
        self.page_box.setRange(1, max(1, self.pages.count))
        self.page_box.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.of_label = QLabel(self.tr("of {count}").format(count=self.pages.count), self)
        self.next = self._button("previewNext", "▶", self.tr("Next page (Page Down)"), self.next_page)
        self.zoom_out = self._button("previewZoomOut", "−", self.tr("Zoom out (Ctrl+-)"), lambda: self.step_zoom(-1))
        self.zoom_box = QComboBox(self)
        self.zoom_box.setObjectName("previewZoom")
        self.zoom_box.setAccessibleName(self.tr("Zoom"))
        for zoom in ZOOMS:
            label = {FIT_WIDTH: self.tr("Fit width"), FIT_PAGE: self.tr("Whole page")}.get(zoom) \
                if isinstance(zoom, str) else f"{zoom:.0%}"
            self.zoom_box.addItem(label, zoom)
        self.zoom_box.currentIndexChanged.connect(lambda i: self.set_zoom(self.zoom_box.itemData(i)))
        self.zoom_in = self._button("previewZoomIn", "+", self.tr("Zoom in (Ctrl++)"), lambda: self.step_zoom(1))
        self.print_button = self._button("previewPrint", self.tr("&Print…"), self.tr("Print"),
                                         lambda: self.print_requested.emit(self.current), tool=False)
        self.save_button = self._button("previewSave", self.tr("&Save as PDF…"), self.tr("Save as PDF"),
                                        self.save_requested.emit, tool=False)
        self.external_button = self._button("previewExternal", self.tr("Open in &viewer"),
                                            self.tr("Open in the system's PDF viewer"), self.external_requested.emit,
                                            tool=False)
        for widget in (self.previous, self.page_box, self.of_label, self.next):
            bar.addWidget(widget)
        bar.addSpacing(12)
        for widget in (a11y.labelled(QLabel(self.tr("Zoom:"), self), self.zoom_box), self.zoom_out, self.zoom_box,
                       self.zoom_in):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.external_button, self.save_button, self.print_button):
            bar.addWidget(widget)
        self.image = QLabel(self)
        self.image.setObjectName("previewPageImage")
        self.image.setAccessibleName(self.tr("Page"))
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setContentsMargins(12, 12, 12, 12)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("previewScroll")
        self.scroll.setAccessibleName(self.tr("Document"))
        self.scroll.setWidget(self.image)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Mid)  # the page, white, stands out on the desk
        self.status = QLabel(self)
        self.status.setObjectName("previewStatus")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.status)
        for entry, slot in ((PREVIOUS_KEYS, self.previous_page), (NEXT_KEYS, self.next_page),
                            (ZOOM_IN_KEYS, lambda: self.step_zoom(1)), (ZOOM_OUT_KEYS, lambda: self.step_zoom(-1)),
                            (PRINT_KEYS, lambda: self.print_requested.emit(self.current)),
                            (SAVE_KEYS, self.save_requested.emit), (FIRST_KEYS, lambda: self.go_to(0)),
                            (LAST_KEYS, lambda: self.go_to(self.pages.count - 1))):
            keys.shortcut(self, entry, slot)

    def _start_size(self) -> QSize:
        screen = (self.parentWidget().screen() if self.parentWidget() else self.screen()).availableGeometry()
        size = self.pages.size(0) if self.pages.count else None
        ratio = size.height / size.width if size else 1.4
        height = int(screen.height() * 0.9)
        width = min(int(screen.width() * 0.9), int((height - 90) / ratio) + 40)
        return QSize(max(480, width), max(360, height))

    # -- navigation and zoom ----------------------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        if not self.pages.count:
            self.status.setText(self.tr("The document has no pages."))
            return
        index = min(max(0, index), self.pages.count - 1)
        self.current = index
        self.page_box.blockSignals(True)
        self.page_box.setValue(index + 1)
        self.page_box.blockSignals(False)
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index < self.pages.count - 1)
        self._to_top = True  # a new page is shown from its top once its image is there
        self.show_page()

    def next_page(self) -> None:
        self.go_to(self.current + 1)

    def previous_page(self) -> None:
        self.go_to(self.current - 1)

    def set_zoom(self, zoom: str | float) -> None:
        self.zoom = zoom
        index = self.zoom_box.findData(zoom)
        if index >= 0 and index != self.zoom_box.currentIndex():
            self.zoom_box.blockSignals(True)
            self.zoom_box.setCurrentIndex(index)
            self.zoom_box.blockSignals(False)
        self.show_page()

    def step_zoom(self, step: int) -> None:
        steps = [z for z in ZOOMS if not isinstance(z, str)]
        now = self.scale()
        if step > 0:
            bigger = [z for z in steps if z > now + 0.01]
            self.set_zoom(bigger[0] if bigger else steps[-1])
        else:
            smaller = [z for z in steps if z < now - 0.01]
            self.set_zoom(smaller[-1] if smaller else steps[0])

    def scale(self) -> float:
        """Screen pixels per point at the current zoom (1.0 = actual size on a 96 dpi screen)."""
        if not isinstance(self.zoom, str):
            return float(self.zoom)
        size = self.pages.size(self.current)
        view = self.scroll.viewport().size()
        points_to_px = 96 / 72
        margins = 24 + 8  # the label's margins and a little air
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        by_width = (view.width() - margins - (0 if self.scroll.verticalScrollBar().isVisible() else bar)) / (
            size.width * points_to_px)
        if self.zoom == FIT_WIDTH:
            return max(0.2, by_width)
        return max(0.2, min(by_width, (view.height() - margins) / (size.height * points_to_px)))

    # -- rendering --------------------------------------------------------------------------------------------------
    def show_page(self) -> None:
        if not self.pages.count:
            return
        ratio = self.devicePixelRatioF()
        dpi = round(96 * self.scale() * ratio)
        key = (self.current, dpi)
        self._wanted = key
        self.status.setText(self.tr("Page {n} of {count}").format(n=self.current + 1, count=self.pages.count))
        if key in self._cache:
            self._cache.move_to_end(key)
            self._display(self._cache[key])
            return
        if self.current == 0 and self._first is not None:  # at once, scaled; sharp when the render below is back
            width = round(self.pages.size(0).width * dpi / 72)
            self._display(self._first.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
        handle = tasks.submit(render_page, self.pages, self.current, dpi, on_success=self._rendered,
                              on_error=self._failed)
        self._handles.append(handle)
        handle.finished.connect(lambda: self._handles.remove(handle) if handle in self._handles else None)

    def _rendered(self, result: tuple[int, float, QImage]) -> None:
        index, dpi, image = result
        self._cache[(index, int(dpi))] = image
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        if self._wanted == (index, int(dpi)):
            self._display(image)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("This page could not be shown: {error}").format(error=error))

    def _display(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.image.setPixmap(pixmap)
        if self._to_top:
            self._to_top = False
            self.image.adjustSize()
            self.scroll.verticalScrollBar().setValue(0)
        self.page_shown.emit(self.current)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        if isinstance(self.zoom, str):
            self._resize_timer.start()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        tasks.wait_for_all(5000) if self._handles else None
        self.pages.close()
        super().closeEvent(event)
