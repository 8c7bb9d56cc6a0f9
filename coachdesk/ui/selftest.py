"""The GUI self-test: open every page of a shown main window in turn, time each, and report what failed."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from coachdesk.ui import tasks
from coachdesk.ui.actions import people
from coachdesk.ui.main_window import MainWindow
from coachdesk.ui.pages import PAGES


@dataclass(frozen=True)
class Check:
    name: str
    ms: float
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    def line(self) -> str:
        status = "ok" if self.ok else "FAIL"
        text = f"{status:<4} {self.name:<16} {self.ms:8.1f} ms"
        return f"{text}  {self.error}" if self.error else text


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def run_check(name: str, action: Callable[[], Any], window: MainWindow, page_key: str | None = None) -> Check:
    """Run ``action`` and process events; an exception, one raised in a slot, or a page error makes it fail."""
    app = QApplication.instance()
    caught: list[BaseException] = []
    previous_hook = sys.excepthook
    sys.excepthook = lambda _type, value, _tb: caught.append(value)
    if page_key:
        window.page_errors.pop(page_key, None)
    start = time.perf_counter()
    try:
        action()
        if app is not None:
            app.processEvents()
    except Exception as exc:  # noqa: BLE001 - the self-test reports every failure and goes on
        caught.append(exc)
    finally:
        sys.excepthook = previous_hook
    elapsed = (time.perf_counter() - start) * 1000
    if page_key and page_key in window.page_errors:
        caught.append(window.page_errors[page_key])
    return Check(name, elapsed, "; ".join(_describe(e) for e in caught))


def _open_first_agent(window: MainWindow) -> Callable[[], Any] | None:
    agent = people.first_agent_now(window, window.ctx)
    if agent is None:
        return None

    def open_agent() -> None:
        if not window.open_agent(agent.uuid):
            raise RuntimeError(f"the agent page did not open {agent.display_name}")
    return open_agent


def _open_and_close_switcher(window: MainWindow) -> None:
    switcher = window.open_quick_switcher()
    switcher.search.setText("a")
    switcher.search_pause.flush()  # search now, as Enter would, rather than after the pause in typing
    switcher.reject()


def _preview_sample(window: MainWindow) -> None:
    """A document built, opened in the preview window with its page drawn by PDFium, and closed."""
    from coachdesk.services.reports import sample_pdf
    from coachdesk.ui import report_actions

    preview = report_actions.open_preview(window, sample_pdf(), "self-test.pdf", "Self-test")
    try:
        tasks.wait_for_all(10_000)
        QCoreApplication.processEvents()
        pixmap = preview.image.pixmap()
        if pixmap is None or pixmap.isNull():
            raise RuntimeError("the preview showed no page")
    finally:
        preview.close()


def check_pages(window: MainWindow) -> list[Check]:
    """Open each page, then the first agent's page, the quick switcher and a print preview."""
    checks = [run_check(spec.label(), lambda key=spec.key: window.show_page(key), window, spec.key)
              for spec in PAGES]
    open_agent = _open_first_agent(window)
    if open_agent is not None:
        name = QCoreApplication.translate("SelfTest", "First agent")
        checks.append(run_check(name, open_agent, window, "agent"))
    name = QCoreApplication.translate("SelfTest", "Quick switcher")
    checks.append(run_check(name, lambda: _open_and_close_switcher(window), window))
    name = QCoreApplication.translate("SelfTest", "Print preview")
    checks.append(run_check(name, lambda: _preview_sample(window), window))
    return checks


def report(checks: list[Check], out: TextIO) -> int:
    for check in checks:
        out.write(check.line() + "\n")
    failed = sum(1 for c in checks if not c.ok)
    out.write(f"{len(checks) - failed} of {len(checks)} checks passed\n")
    out.flush()
    return 0 if failed == 0 else 1
