"""The main window's menus: File, View and Help, every command a named action (``forms.action``) with its keys, so
Help ▸ Keyboard shortcuts lists them all."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from coachdesk.ui.kit import forms
from coachdesk.ui.pages import PAGES


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def build(window: Any) -> None:
    """Fill the window's menu bar; ``window.page_actions`` holds the Go to page actions by page key."""
    bar = window.menuBar()
    file_menu = bar.addMenu(_tr("&File"))
    window.demo_action = forms.action(window, _tr("Load &demo data…"), "actionLoadDemo", window.offer_demo_data)
    file_menu.addAction(window.demo_action)
    file_menu.addAction(forms.action(window, _tr("&Signed in as…"), "actionSignIn", window.choose_signed_in))
    file_menu.addSeparator()
    file_menu.addAction(forms.action(window, _tr("&Backup and restore…"), "actionBackups", window.open_backups))
    file_menu.addAction(forms.action(window, _tr("&Check database…"), "actionCheckDatabase",
                                     lambda: window.open_backups(check_now=True)))
    file_menu.addSeparator()
    file_menu.addAction(forms.action(window, _tr("&Quit"), "actionQuit", window.quit_app, "Ctrl+Q"))
    view_menu = bar.addMenu(_tr("&View"))
    window.page_actions: dict[str, QAction] = {}
    for number, spec in enumerate(PAGES, start=1):
        action = forms.action(window, spec.label(), f"actionGo_{spec.key}", window._go_to(spec.key),
                              f"Ctrl+{number % 10}")
        window.page_actions[spec.key] = action
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(forms.action(window, _tr("&Quick switcher…"), "actionQuickSwitcher",
                                     window.open_quick_switcher, "Ctrl+K"))
    view_menu.addAction(forms.action(window, _tr("&Find agent"), "actionFindAgent", window.find_agent,
                                     QKeySequence.StandardKey.Find))
    view_menu.addAction(forms.action(window, _tr("&Refresh"), "actionRefresh", window.refresh_pages,
                                     QKeySequence.StandardKey.Refresh))
    view_menu.addAction(forms.action(window, _tr("R&eminders…"), "actionReminders", window.show_reminders))
    help_menu = bar.addMenu(_tr("&Help"))
    help_menu.addAction(forms.action(window, _tr("&Getting started"), "actionGettingStarted",
                                     window.show_getting_started, QKeySequence.StandardKey.HelpContents))
    help_menu.addAction(forms.action(window, _tr("&Keyboard shortcuts"), "actionShortcuts",
                                     window.show_shortcuts, "Ctrl+/"))
    help_menu.addSeparator()
    help_menu.addAction(forms.action(window, _tr("&About CoachDesk"), "actionAbout", window.show_about))
