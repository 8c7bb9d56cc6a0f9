"""Form parts every screen shares: naming for tests and screen readers, buttons and actions (with their shortcut in
the tooltip), labels with a buddy, the date field, the error banner, and searches that wait for a pause in typing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QTabWidget,
    QWidget,
)

from coachdesk.domain.text import name_key
from coachdesk.services.people import InvalidField
from coachdesk.ui.kit import words
from coachdesk.ui.kit.keys import Keys, combos
from coachdesk.ui.kit.ops import error_text

W = TypeVar("W", bound=QWidget)
Shortcut = QKeySequence | QKeySequence.StandardKey | str

#: how long a search waits after the last keystroke before it queries (Enter does not wait)
SEARCH_PAUSE_MS = 250



def named(widget: W, name: str, accessible: str) -> W:
    """Give ``widget`` its objectName (for tests) and accessible name (for screen readers); returns it. A button's
    name keeps the words it shows (see ``spoken``)."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    if isinstance(widget, QAbstractButton):
        spoken(widget, accessible)
    return widget


def titled(window: W, name: str, title: str) -> W:
    """Give a dialog or window its objectName, its title and the same accessible name; returns it."""
    window.setObjectName(name)
    window.setWindowTitle(title)
    window.setAccessibleName(title)
    return window


def plain(text: str) -> str:
    """A label's text without its mnemonic "&" and trailing "…", as a screen reader should say it."""
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&").rstrip("…").strip()


def spoken(widget: W, accessible: str) -> W:
    """Give ``widget`` (showing text) the accessible name ``accessible`` when it holds the visible words, which a
    screen-reader user hears and says (voice control); otherwise the visible words stay the name and ``accessible``
    becomes the description, read after it."""
    visible = plain(widget.text()) if hasattr(widget, "text") else ""
    if not accessible:
        return widget
    holds = " ".join(visible.lower().split()) in " ".join(accessible.lower().split())
    if holds or not any(c.isalnum() for c in visible):  # "◀" is no word: the name says what it does
        widget.setAccessibleName(accessible)
    else:
        widget.setAccessibleName(visible)
        widget.setAccessibleDescription(accessible)
    return widget


def keys_text(shortcut: Shortcut) -> str:
    return QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)


def with_keys(text: str, shortcut: Shortcut | None) -> str:
    """ "Save (Ctrl+S)": the text a tooltip shows for something with a shortcut."""
    if shortcut is None or not keys_text(shortcut):
        return plain(text)
    return QCoreApplication.translate("Forms", "{action} ({keys})").format(action=plain(text),
                                                                           keys=keys_text(shortcut))


def button(parent: QWidget | None, text: str, name: str, slot: Callable[[], object] | None = None, *,
           accessible: str = "", tip: str = "", shortcut: Shortcut | None = None,
           box: QDialogButtonBox | None = None,
           role: QDialogButtonBox.ButtonRole = QDialogButtonBox.ButtonRole.ActionRole) -> QPushButton:
    """A named push button calling ``slot()`` when clicked (never Enter's default unless made so). A ``shortcut``
    works while the focus is in ``parent`` and is shown in the tooltip; with ``box`` the button joins it."""
    widget = QPushButton(text, parent)
    spoken(named(widget, name, plain(text)), accessible)
    widget.setAutoDefault(False)
    if slot is not None:
        widget.clicked.connect(lambda _checked=False: slot())
    if shortcut is not None and parent is not None:
        keys = QAction(widget.accessibleName(), parent)
        keys.setObjectName(f"{name}Shortcut")
        keys.setShortcut(QKeySequence(shortcut))
        keys.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys.triggered.connect(lambda _checked=False: widget.click() if widget.isEnabled() else None)
        parent.addAction(keys)
    if tip or shortcut is not None:
        widget.setToolTip(tip or with_keys(widget.accessibleName(), shortcut))
    if box is not None:
        box.addButton(widget, role)
    return widget


def menu_button(parent: QWidget, text: str, name: str, accessible: str, menu: QMenu) -> QPushButton:
    """A named button that opens ``menu``: its arrow has room of its own at every scale (a tool button's arrow is
    drawn over the end of its text)."""
    widget = button(parent, text, name, accessible=accessible)
    widget.setMenu(menu)
    return widget


def spin(parent: QWidget, name: str, accessible: str, low: int, high: int, value: int | None = None,
         suffix: str = "") -> QSpinBox:
    """A named whole-number field from ``low`` to ``high`` showing ``value`` (else ``low``), with a ``suffix``."""
    widget = named(QSpinBox(parent), name, accessible)
    widget.setRange(low, high)
    widget.setValue(low if value is None else value)
    if suffix:
        widget.setSuffix(suffix)
    return widget


def no_default_button(dialog: QWidget) -> None:
    """For a dialog's ``showEvent`` (after Qt's): no button looks like Return's default (a button box makes its first
    accept button the default when shown), for dialogs where Return only confirms a field."""
    for widget in dialog.findChildren(QPushButton):
        widget.setDefault(False)


def return_only_presses_buttons(dialog: QWidget, event: QKeyEvent) -> bool:
    """For a dialog's ``keyPressEvent``: Return or Enter confirms the field or choice it was typed in and nothing
    more (no default button saves or imports); on a focused, enabled button it presses that button. True when the key
    was Return or Enter (handled)."""
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    focus = dialog.focusWidget()
    if isinstance(focus, QPushButton) and focus.isEnabled() and dialog.isAncestorOf(focus):
        focus.click()
    event.accept()
    return True


def action(owner: QWidget, text: str, name: str, slot: Callable[[], object], *shortcuts: Shortcut,
           local: bool = False) -> QAction:
    """A named action on ``owner`` (so its shortcuts work even with menus hidden); the first shortcut shows in the
    tooltip. ``local``: the shortcuts work only while the focus is inside ``owner``."""
    item = QAction(text, owner)
    item.setObjectName(name)
    if shortcuts:
        item.setShortcuts([QKeySequence(k) for k in shortcuts])
        item.setToolTip(with_keys(text, shortcuts[0]))
    if local:
        item.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    item.triggered.connect(lambda _checked=False: slot())
    owner.addAction(item)
    return item


class KeysFirst(QObject):
    """Keys that do one thing in a window whatever has the focus there: taken before any shortcut (the window's or
    the application's) and before the focused widget (a focused button would click itself on Enter)."""

    def __init__(self, root: QWidget, handlers: dict[Keys, Callable[[], object]]) -> None:
        super().__init__(root)
        self.setObjectName(f"{root.objectName()}Keys")
        self.handlers: dict[tuple[int, int], Callable[[], object]] = {}
        #: what each key is listed as in Help > Keyboard shortcuts
        self.listed: dict[tuple[int, int], Keys] = {}
        for entry, slot in handlers.items():
            for combo in combos(entry):
                self.handlers[combo] = slot
                self.listed[combo] = entry
        self.root = root
        root.installEventFilter(self)
        for child in root.findChildren(QWidget):
            child.installEventFilter(self)

    def _slot(self, event: QKeyEvent) -> Callable[[], object] | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return self.handlers.get((int(event.key()), int(mods.value)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.ChildAdded and watched is self.root:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                child.installEventFilter(self)
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or not isinstance(event, QKeyEvent):
            return False
        slot = self._slot(event)
        if slot is None:
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
            slot()
        return True


def keys_first(root: QWidget, handlers: dict[Keys, Callable[[], object]]) -> KeysFirst:
    """``handlers``: declared keys (``keys.declare``, so Help > Keyboard shortcuts lists them) to what they do
    anywhere inside ``root`` (its children as built when this is called, and those added to ``root`` itself later)."""
    return KeysFirst(root, handlers)


def action_button(parent: QWidget, item: QAction, name: str) -> QPushButton:
    """A push button that triggers ``item`` and follows its text and enabled state."""
    widget = button(parent, item.text(), name, item.trigger, tip=item.toolTip())
    widget.setEnabled(item.isEnabled())

    def follow() -> None:
        widget.setEnabled(item.isEnabled())
        widget.setText(item.text())

    item.changed.connect(follow)
    return widget


def dialog_buttons(parent: QWidget, prefix: str, ok_text: str = "",
                   ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Save
                   ) -> tuple[QDialogButtonBox, QAbstractButton]:
    """OK-kind (Save by default) and Cancel, named ``<prefix>Buttons``, ``<prefix>Save``/``Ok``, ``<prefix>Cancel``;
    accepted/rejected go to the parent's accept/reject. Returns the box and its OK-kind button."""
    box = named(QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel, parent), f"{prefix}Buttons",
                QCoreApplication.translate("Forms", "Buttons"))
    accept = box.button(ok)
    if ok_text:
        accept.setText(ok_text)
    suffix = "Save" if ok == QDialogButtonBox.StandardButton.Save else "Ok"
    named(accept, f"{prefix}{suffix}", plain(accept.text()))
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    named(cancel, f"{prefix}Cancel", plain(cancel.text()))
    box.accepted.connect(parent.accept)
    box.rejected.connect(parent.reject)
    return box, accept


def buddy_label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A form label whose mnemonic (the letter after "&") moves the focus to ``buddy``; QFormLayout only does that
    by itself when the row holds a single widget."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


def searchable(combo: QComboBox) -> QComboBox:
    """Make a long drop-down searchable: type any part of an entry and pick from what matches (or leave the field
    when only one entry matches); what is typed never becomes a new entry. ``chosen(combo)`` reads the choice."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setObjectName(f"{combo.objectName()}Completer")
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.activated[str].connect(lambda text: combo.setCurrentIndex(combo.findText(text)))
    combo.setCompleter(completer)
    combo.lineEdit().setPlaceholderText(QCoreApplication.translate("Forms", "Type to search"))

    def settle() -> None:
        index = _match(combo)
        if index >= 0 and index != combo.currentIndex():
            combo.setCurrentIndex(index)

    combo.lineEdit().editingFinished.connect(settle)
    return combo


def _match(combo: QComboBox) -> int:
    """The entry the text names: the one shown, the one spelt so, or the only one containing it; else -1."""
    text = combo.currentText().strip()
    index = combo.currentIndex()
    if not combo.isEditable() or (index >= 0 and text == combo.itemText(index).strip()):
        return index
    exact = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if exact >= 0 or not text:
        return exact
    key = name_key(text)
    found = [i for i in range(combo.count()) if key in name_key(combo.itemText(i))]
    return found[0] if len(found) == 1 else -1


def chosen(combo: QComboBox) -> Any:
    """The data of the entry a (searchable) drop-down names, or None when the text typed names none or several."""
    index = _match(combo)
    return combo.itemData(index) if index >= 0 else None


def text_box(parent: QWidget, name: str, accessible: str, lines: int = 0) -> QPlainTextEdit:
    """A named multi-line text field where Tab moves on (``lines``: a fixed height of that many lines)."""
    edit = named(QPlainTextEdit(parent), name, accessible)
    edit.setTabChangesFocus(True)
    if lines:
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def refuse(banner: ErrorBanner, error: BaseException | str, root: QWidget | None = None,
           widgets: dict[str, QWidget] | None = None, field: str | None = None) -> None:
    """A save was refused: its sentence in ``banner`` and the focus on the field it names (``field``, or the one an
    ``InvalidField`` names), found in ``widgets`` or by objectName under ``root``. Nothing typed is touched."""
    banner.show_message(error if isinstance(error, str) else error_text(error))
    if root is not None:
        focus_field(root, widgets or {}, field or (None if isinstance(error, str) else field_error(error)))


class DateField(QLineEdit):
    """A date typed as every screen shows it (the locale's order, e.g. 31/12/2026) or as YYYY-MM-DD; empty means
    "no date"."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, name, accessible)
        self.example = words.date_text(date(date.today().year, 12, 31))
        self.setPlaceholderText(self.tr("e.g. {example}").format(example=self.example))
        self.setClearButtonEnabled(True)
        width = self.fontMetrics().horizontalAdvance(self.example) + 60
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 30)

    def set_date(self, value: date | None) -> None:
        self.setText(words.date_text(value))

    def date_value(self) -> date | None:
        """The date typed, None when empty; raises ``InvalidField`` naming the field when it is not a date."""
        text = self.text().strip()
        if not text:
            return None
        day = words.parse_date(text)
        if day is None:
            raise InvalidField(self.objectName(), self.tr("{field}: '{text}' is not a date; write it as {example}.")
                               .format(field=self.accessibleName(), text=text, example=self.example))
        return day


class ErrorBanner(QFrame):
    """A warning icon and a sentence, shown under a form when a save is refused (the form stays as typed); or an
    information icon and a sentence of news (``show_message(text, warning=False)``)."""

    def __init__(self, parent: QWidget | None = None, name: str = "errorBanner") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.icon = QLabel(self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_message(self, text: str, warning: bool = True) -> None:
        """``text`` with a warning icon; ``warning=False`` for news that is not a problem (an information icon)."""
        icon = QStyle.StandardPixmap.SP_MessageBoxWarning if warning else QStyle.StandardPixmap.SP_MessageBoxInformation
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(20, 20))
        self.label.setText(text)
        self.setAccessibleName(text)
        self.show()

    def show_error(self, error: BaseException) -> None:
        """An operation's failure, in the same words the message box would use (a ``failed=`` callback)."""
        self.show_message(error_text(error))

    def clear(self) -> None:
        self.label.clear()
        self.hide()

    def text(self) -> str:
        """The message shown, or "" when the banner is hidden."""
        return "" if self.isHidden() else self.label.text()


def field_error(error: BaseException) -> str | None:
    """The field an ``InvalidField`` (or any validation error with a ``field``) names, to focus it; else None."""
    if isinstance(error, InvalidField):
        return error.field
    field = getattr(error, "field", None)
    return field if isinstance(field, str) and field else None


def focus_field(root: QWidget, widgets: dict[str, QWidget], field: str | None) -> QWidget | None:
    """Focus the widget for ``field`` (from ``widgets`` or by objectName under ``root``), switching tabs to it."""
    if not field:
        return None
    widget = widgets.get(field) or root.findChild(QWidget, field)
    if widget is None:
        return None
    parent: Any = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QTabWidget):
            tab = next((i for i in range(parent.count()) if parent.widget(i).isAncestorOf(widget)), -1)
            if tab >= 0:
                parent.setCurrentIndex(tab)
        parent = parent.parentWidget()
    widget.setFocus()
    return widget


class Pause(QTimer):
    """Calls ``slot()`` once typing in a field has paused (``debounced``); ``flush()`` calls it at once if due."""

    def __init__(self, edit: QLineEdit, ms: int, slot: Callable[[], object]) -> None:
        super().__init__(edit)
        self.setObjectName(f"{edit.objectName() or 'search'}Pause")
        self.setSingleShot(True)
        self.setInterval(ms)
        self.slot = slot
        self.timeout.connect(self._fire)
        edit.textChanged.connect(self.restart)

    def restart(self, *_args: Any) -> None:
        self.start()

    def _fire(self) -> None:
        self.slot()

    def flush(self) -> bool:
        """Enter: the pending search runs now on the current text; True when one was pending."""
        if not self.isActive():
            return False
        self.stop()
        self.slot()
        return True


def debounced(edit: QLineEdit, ms: int, slot: Callable[[], object]) -> Pause:
    """``slot()`` once typing in ``edit`` pauses for ``ms`` milliseconds, not on every keystroke (a search waits for
    a pause in typing); the caller flushes it on Enter so Enter acts on what is typed at once."""
    return Pause(edit, ms, slot)
