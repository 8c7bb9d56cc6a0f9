"""Operations: the one way a view reaches the data. A read or a write runs a service call off the GUI thread (on
``ui.tasks``) and comes back on it with the result; errors are shown one way unless the caller takes them.

- ``read``: ``done(result)``; with a ``key``, a result is dropped when a newer read with the same key for the same
  owner was started since (the agent chosen before the last one never overwrites it).
- ``write``: ``done(result)`` after the change is announced on the change channel (``kit.changes``).
- ``save``: a write of an edited record with optimistic concurrency: on a conflict the user compares both versions
  (``kit.conflicts``) and keeps theirs, takes the other one (``reload``) or goes back to editing.
- ``read_now``: a read on the GUI thread, for the few that take well under 5 ms (a record for a dialog to open with).
- ``step``: a step that must run on the GUI thread and reaches no database (a file dialog, the PDF viewer), its
  errors shown the same one way.

Progress (``progress=``) and cancel (``cancellable=True``, ``Operation.cancel()``) are the task helper's. Tests run
every operation synchronously (``tasks.set_synchronous(True)``).
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from coachdesk.domain.errors import CoachDeskError, ConflictError
from coachdesk.services import common as common_api
from coachdesk.ui import tasks
from coachdesk.ui.kit import changes
from coachdesk.ui.kit.conflicts import KEEP_MINE, TAKE_THEIRS, NotSaved, ask_choice

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
ChangeSpec = changes.Change | Callable[[Any], changes.Change | None] | None


def _tr(text: str) -> str:
    return QCoreApplication.translate("Operations", text)


def error_text(error: BaseException) -> str:
    """The sentence for an error: a CoachDesk error as it is (it was written for the user), anything else with a
    pointer to the log (the traceback is there, never on screen)."""
    if _outage is not None and common_api.connection_lost(error):  # the banner at the top names it and retries
        return _tr("The team server cannot be reached, so this was not saved yet; what you typed is still here. "
                   "Save again once the banner at the top has gone.")
    if isinstance(error, CoachDeskError):
        return str(error)
    if common_api.connection_lost(error):  # a driver's own words for it: one sentence instead
        return _tr("The team server cannot be reached (it is down, or the network is not connected); nothing was "
                   "saved by this step. Check the connection and try again.")
    if isinstance(error, OSError):
        return _tr("The file or folder could not be used: {error}").format(error=error.strerror or error)
    return _tr("Something went wrong ({error}). Nothing was changed by this step; the details are in the log "
               "file.").format(error=str(error) or type(error).__name__)


def _message_box(parent: QWidget | None, error: BaseException) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("CoachDesk"), error_text(error), QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("errorBox")
    box.setAccessibleName(error_text(error))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # window-modal over its parent, never a nested event loop
    return box


_display: Callable[[QWidget | None, BaseException], object] = _message_box
shown_errors: list[str] = []  # the sentences shown, newest last (a test reads them; capped)


_outage: Callable[[BaseException], object] | None = None


def set_outage_display(display: Callable[[BaseException], object] | None) -> None:
    """Who hears of a lost team server (the main window's outage banner; None: nobody, message boxes as before)."""
    global _outage
    _outage = display


def to_outage_banner(error: BaseException) -> bool:
    """Pass a lost team server (``services.common.connection_lost`` decides, in one place) to the outage banner;
    True when it went there. A form's own ``failed`` still gets it, to keep what was typed and say so."""
    global _outage
    if _outage is None or not common_api.connection_lost(error):
        return False
    try:
        _outage(error)
    except RuntimeError:  # its window was closed
        _outage = None
        return False
    return True


def show_error(parent: QWidget | None, error: BaseException) -> Any:
    """The default error display: one message box over ``parent`` with the error's sentence, returned (a lost team
    server: the window's banner instead, which retries until it is back; None then)."""
    if to_outage_banner(error):
        shown_errors.append(error_text(error))
        del shown_errors[:-20]
        return None
    if not isinstance(error, CoachDeskError):
        log.error("operation failed: %r", error)
    shown_errors.append(error_text(error))
    del shown_errors[:-20]
    return _display(parent, error)


def set_error_display(display: Callable[[QWidget | None, BaseException], object] | None) -> None:
    """Replace how errors are shown (None: the message box again)."""
    global _display
    _display = display or _message_box


class Operation:
    """A running (or finished) operation; ``cancel()`` asks a cancellable one to stop."""

    def __init__(self) -> None:
        self.handle: tasks.TaskHandle | None = None
        self.dropped = False
        self.finished = False

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    @property
    def cancelled(self) -> bool:
        return self.handle is not None and self.handle.cancelled


_generations: weakref.WeakKeyDictionary[Any, dict[str, int]] = weakref.WeakKeyDictionary()


def _alive(widget: QWidget | None) -> bool:
    return widget is None or shiboken6.isValid(widget)


def _set_busy(widgets: Iterable[QWidget], busy: bool) -> None:
    for widget in widgets:
        if shiboken6.isValid(widget):
            widget.setEnabled(not busy)


def _run(parent: QWidget | None, ctx: Any, fn: Callable[..., Any], args: tuple, kwargs: dict, done: Done | None,
         failed: Failed | None, key: str | None, progress: Callable[[int, str], None] | None, cancellable: bool,
         busy: Iterable[QWidget], after: Callable[[Any], None] | None = None) -> Operation:
    operation = Operation()
    owner = parent if parent is not None else ctx
    generation = 0
    if key is not None:
        counters = _generations.setdefault(owner, {})
        generation = counters[key] = counters.get(key, 0) + 1
    busy = list(busy)
    _set_busy(busy, True)

    def current() -> bool:
        if not _alive(parent):
            return False
        return key is None or _generations.get(owner, {}).get(key) == generation

    def succeeded(result: Any) -> None:
        _set_busy(busy, False)
        operation.finished = True
        if not current():
            operation.dropped = True
            return
        if after is not None:
            after(result)
        if done is not None:
            done(result)

    def on_error(error: BaseException) -> None:
        _set_busy(busy, False)
        operation.finished = True
        if isinstance(error, tasks.Cancelled) or not current():
            operation.dropped = True
            to_outage_banner(error)
            return
        if failed is not None:
            to_outage_banner(error)
        (failed or (lambda e: show_error(parent, e)))(error)

    db = ctx.db if ctx is not None else None
    call_args = (db, *args) if ctx is not None else args
    operation.handle = tasks.submit(fn, *call_args, on_success=succeeded, on_error=on_error, on_progress=progress,
                                    with_progress=progress is not None, with_cancel=cancellable, **kwargs)
    return operation


def read(parent: QWidget | None, ctx: Any, fn: Callable[..., Any], *args: Any, done: Done,
         failed: Failed | None = None, key: str | None = None, progress: Callable[[int, str], None] | None = None,
         cancellable: bool = False, busy: Iterable[QWidget] = (), **kwargs: Any) -> Operation:
    """``fn(ctx.db, *args, **kwargs)`` on a worker; ``done(result)`` on the GUI thread unless a newer read of the
    same ``key`` (for the same ``parent``) started since, or ``parent`` is gone. ``ctx`` None: ``fn(*args)``."""
    return _run(parent, ctx, fn, args, kwargs, done, failed, key, progress, cancellable, busy)


def _announce(spec: ChangeSpec, result: Any) -> None:
    news = spec(result) if callable(spec) and not isinstance(spec, changes.Change) else spec
    if news is not None:
        changes.announce(news.kinds, news.ids)


def write(parent: QWidget | None, ctx: Any, fn: Callable[..., Any], *args: Any, changed: ChangeSpec,
          done: Done | None = None, failed: Failed | None = None, progress: Callable[[int, str], None] | None = None,
          cancellable: bool = False, busy: Iterable[QWidget] = (), **kwargs: Any) -> Operation:
    """``fn(ctx.db, *args, **kwargs)`` on a worker; once it committed, ``changed`` (a ``Change``, or a function of
    the result giving one) is announced, then ``done(result)``. The change is announced even when ``parent`` has
    closed meanwhile: other views still need to know."""
    def announce_then_done(result: Any) -> None:
        _announce(changed, result)
        if done is not None and _alive(parent):
            done(result)

    def on_error(error: BaseException) -> None:
        if not isinstance(error, tasks.Cancelled) and _alive(parent):
            (failed or (lambda e: show_error(parent, e)))(error)

    return _run(None, ctx, fn, args, kwargs, announce_then_done, on_error, None, progress, cancellable, busy)


def save(parent: QWidget | None, ctx: Any, fn: Callable[[Any, int, ConflictError | None], Any], version: int,
         changed: ChangeSpec, done: Done | None = None, failed: Failed | None = None,
         reload: Callable[[], object] | None = None, busy: Iterable[QWidget] = (),
         ask: Callable[[QWidget | None, ConflictError], str] = ask_choice) -> Operation:
    """Save an edited record: ``fn(db, expected_version, overwriting)``. On a conflict with both versions the user
    chooses: keep mine (saved again over theirs, which the service audits), take theirs (``reload()``, then
    ``failed(NotSaved)``) or back to editing (``failed(NotSaved)``); the editor keeps what was typed."""
    operation = Operation()
    report = failed or (lambda e: show_error(parent, e))

    def attempt(expected: int, overwriting: ConflictError | None) -> None:
        inner = write(parent, ctx, fn, expected, overwriting, changed=changed, done=done, failed=conflicted,
                      busy=busy)
        operation.handle = inner.handle

    def conflicted(error: BaseException) -> None:
        if not isinstance(error, ConflictError) or error.their_version is None:
            report(error)
            return
        choice = ask(parent, error)
        if choice == KEEP_MINE:
            attempt(error.their_version, error)
            return
        if choice == TAKE_THEIRS:
            if reload is not None:
                reload()
            report(NotSaved(_tr("Their version is now in the form; your changes were discarded.")))
            return
        report(NotSaved(_tr("Nothing was saved: the record was changed by someone else. Your changes are still "
                            "here; save again to compare the versions once more.")))

    attempt(version, None)
    return operation


def read_now(parent: QWidget | None, ctx: Any, fn: Callable[..., Any], *args: Any, failed: Failed | None = None,
             default: Any = None, **kwargs: Any) -> Any:
    """``fn(ctx.db, *args, **kwargs)`` here on the GUI thread (reads that take well under 5 ms only); on an error it
    is shown (or given to ``failed``) and ``default`` comes back."""
    try:
        return fn(ctx.db, *args, **kwargs)
    except CoachDeskError as error:
        (failed or (lambda e: show_error(parent, e)))(error)
        return default
    except Exception as error:
        if not common_api.connection_lost(error):
            raise
        if failed is not None:
            to_outage_banner(error)
        (failed or (lambda e: show_error(parent, e)))(error)
        return default


def step(parent: QWidget | None, fn: Callable[..., Any], *args: Any, failed: Failed | None = None,
         default: Any = None, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` here on the GUI thread, for a step that must run here and reaches no database (a
    native file dialog, then the file written; the desktop's PDF viewer; the print dialog): a CoachDesk or file
    error is shown the one way (or given to ``failed``) and ``default`` comes back."""
    try:
        return fn(*args, **kwargs)
    except (CoachDeskError, OSError) as error:
        (failed or (lambda e: show_error(parent, e)))(error)
        return default


def into_label(label: Any, prefix: str = "") -> Failed:
    """A ``failed=`` callback for a panel that shows its own failure in a line of text (same sentence as the box)."""
    def show(error: BaseException) -> None:
        if shiboken6.isValid(label):
            text = error_text(error)
            label.setText(f"{prefix} {text}".strip() if prefix else text)
            label.show()
    return show
