"""Run long work off the GUI thread: one helper, plain arguments in, result back by signal on the main thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, str], None]


class Cancelled(Exception):
    """Raised inside a task that noticed its cancel flag; the task's writes must have been rolled back."""


class TaskHandle(QObject):
    """Signals of one task, delivered on the GUI thread. Keep a reference while it runs."""

    progressed = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.cancel_event = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()


class _Job(QRunnable):
    def __init__(self, handle: TaskHandle, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        super().__init__()
        self.handle, self.fn, self.args, self.kwargs = handle, fn, args, kwargs

    def run(self) -> None:  # runs on a pool thread: never touch widgets here
        handle = self.handle
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread, never lost
            if not isinstance(exc, Cancelled):
                log.exception("background task failed")
            self._emit(handle.failed, exc)
        else:
            self._emit(handle.succeeded, result)
        self._emit(handle.finished)

    @staticmethod
    def _emit(signal, *args: Any) -> None:  # noqa: ANN001
        try:
            signal.emit(*args)
        except RuntimeError:  # the app is shutting down and the handle is gone: nobody is left to tell
            log.debug("task finished after its receiver was deleted")


_synchronous = False
_live: set[TaskHandle] = set()


def set_synchronous(value: bool) -> None:
    """Tests: run every task at once on the calling thread (like Picard's fake pool)."""
    global _synchronous
    _synchronous = value


def submit(
    fn: Callable[..., Any],
    *args: Any,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: ProgressFn | None = None,
    with_progress: bool = False,
    with_cancel: bool = False,
    **kwargs: Any,
) -> TaskHandle:
    """Run ``fn(*args, **kwargs)`` on the thread pool and call back on the GUI thread.

    With ``with_progress`` the function gets ``progress=<callable(percent, message)>``; with ``with_cancel`` it gets
    ``cancelled=<callable() -> bool>`` and should raise ``Cancelled`` (after rolling back) when it returns True.
    """
    handle = TaskHandle()
    if on_success:
        handle.succeeded.connect(on_success)
    if on_error:
        handle.failed.connect(on_error)
    if on_progress:
        handle.progressed.connect(on_progress)
    if with_progress:
        kwargs["progress"] = lambda percent, message="": handle.progressed.emit(int(percent), str(message))
    if with_cancel:
        kwargs["cancelled"] = handle.cancel_event.is_set
    _live.add(handle)
    handle.finished.connect(lambda: _live.discard(handle))
    job = _Job(handle, fn, args, kwargs)
    if _synchronous:
        job.run()
    else:
        QThreadPool.globalInstance().start(job)
    return handle


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
