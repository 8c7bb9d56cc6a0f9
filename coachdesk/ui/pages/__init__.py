"""The pages of the main window, in navigation order: key, title, icon and the class that builds each one."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.services.common import AppContext


@dataclass(frozen=True)
class PageSpec:
    """One navigation entry; the page's module is imported when the page is first opened."""

    key: str
    title: str
    icon: str
    module: str
    class_name: str

    def label(self) -> str:
        return QCoreApplication.translate("Navigation", self.title)

    def create(self, ctx: AppContext, parent: QWidget | None = None) -> QWidget:
        page_class = getattr(importlib.import_module(self.module), self.class_name)
        return page_class(ctx, parent)


_PKG = "coachdesk.ui.pages"

PAGES: tuple[PageSpec, ...] = (
    PageSpec("today", QT_TRANSLATE_NOOP("Navigation", "Today"), "today", f"{_PKG}.today_page", "TodayPage"),
    PageSpec("team", QT_TRANSLATE_NOOP("Navigation", "Team"), "team", f"{_PKG}.team_page", "TeamPage"),
    PageSpec("agent", QT_TRANSLATE_NOOP("Navigation", "Agent"), "agent", f"{_PKG}.agent_page", "AgentPage"),
    PageSpec("goals", QT_TRANSLATE_NOOP("Navigation", "Goals"), "goals", f"{_PKG}.goals_page", "GoalsPage"),
    PageSpec("observe", QT_TRANSLATE_NOOP("Navigation", "Observe"), "observe", f"{_PKG}.observe_page", "ObservePage"),
    PageSpec("one_to_ones", QT_TRANSLATE_NOOP("Navigation", "One-to-ones"), "one_to_ones",
             f"{_PKG}.one_to_ones_page", "OneToOnesPage"),
    PageSpec("calendar", QT_TRANSLATE_NOOP("Navigation", "Calendar"), "calendar", f"{_PKG}.calendar_page",
             "CalendarPage"),
    PageSpec("kpis", QT_TRANSLATE_NOOP("Navigation", "KPIs"), "kpis", f"{_PKG}.kpis_page", "KpisPage"),
    PageSpec("reports", QT_TRANSLATE_NOOP("Navigation", "Reports"), "reports", f"{_PKG}.reports_page", "ReportsPage"),
    PageSpec("people", QT_TRANSLATE_NOOP("Navigation", "People"), "people", f"{_PKG}.people_page", "PeoplePage"),
)

PAGE_KEYS: tuple[str, ...] = tuple(spec.key for spec in PAGES)


def page_spec(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)
