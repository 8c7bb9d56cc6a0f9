"""The main window on a team server: the outage banner, pages that could not be built while the server was lost
(they say so, and are built again when it is back), and the drafts kept on the local disk meanwhile."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from coachdesk.ui.widgets.page import ErrorPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def add_banner(window: Any) -> tuple[Any, QWidget | None]:
    """On a team server: a strip above the pages that says when the server is lost and retries until it is back
    (``kit.outage``); the drafts typed meanwhile are kept in the data folder. Nothing on an embedded database."""
    ctx = window.ctx
    if ctx.location.path is not None or not str(ctx.location.url).startswith("postgresql"):
        return None, None
    from coachdesk.ui.kit.outage import ServerWatch
    from coachdesk.ui.widgets.outage_banner import OutageBanner

    watch = ServerWatch(ctx, window)
    watch.keep_drafts_in(ctx.paths.data_dir / "pending")
    banner = OutageBanner.above_central_widget(watch, window)
    watch.save_kept()  # drafts kept while the server was away when the app was last closed
    watch.back.connect(lambda _server="": rebuild_lost_pages(window))
    return watch, banner


def lost_server_words(window: Any, error: BaseException) -> BaseException:
    """A page that could not be built because the team server was lost says so (and is rebuilt when it is back);
    any other failure as it is."""
    from coachdesk.services import common

    watch = window.server_watch
    if watch is None or not common.connection_lost(error):
        return error
    watch.heard(error)
    return common.ServerUnreachable(_tr("The team server {server} cannot be reached; this page opens by itself "
                                        "when it is back.").format(server=watch.server))


def rebuild_lost_pages(window: Any) -> None:
    """The server is back: pages that could not be built while it was away are built now (the others reload
    through the change channel)."""
    from coachdesk.services import common

    current = window.current_page_key()
    for key, error in list(window.page_errors.items()):
        widget = window.pages.get(key)
        if not isinstance(widget, ErrorPage) or not common.connection_lost(error):
            continue
        window.stack.removeWidget(widget)
        widget.deleteLater()
        del window.pages[key], window.page_errors[key]
        if key == current:
            window.show_page(key)
