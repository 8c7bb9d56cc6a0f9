"""One-to-one panels for other pages: Today's one-to-ones due, overdue actions and follow-ups (for the signed-in
leader's teams), and the team page's list of who has not had a one-to-one within their rhythm."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.domain.one_to_one_rules import DueState
from coachdesk.services.one_to_ones import DueRow, TodayOneToOnes
from coachdesk.ui.kit import fit, forms
from coachdesk.ui.kit.words import date_text
from coachdesk.ui.theme import muted_label, scaled_font

MAX_ROWS = 10
#: where a follow-up row keeps its feedback's UUID and its words (UserRole keeps the agent's)
FEEDBACK_ROLE = Qt.ItemDataRole.UserRole + 1


def _short(text: str, most: int = 70) -> str:
    """``text`` up to ``most`` characters, cut at a word with "…" when longer (the row's tooltip has all of it)."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    cut = text[:most].rsplit(" ", 1)[0] if " " in text[:most] else text[:most]
    return cut.rstrip(" ,;:.") + "…"


def _list(parent: QWidget, name: str, accessible: str) -> QListWidget:
    view = QListWidget(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setMaximumHeight(160)
    view.setWordWrap(True)
    fit.elide_cells(view)  # a line cut at the list's foot shows all of it on hover
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


class TodayOneToOnesPanel(QFrame):
    """Three short lists; Enter on a row prepares that agent's one-to-one."""

    prepare_requested = Signal(str)
    #: (feedback UUID, what it was about): the page asks how the follow-up turned out and marks it done
    follow_up_done_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayOneToOnesDue")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("One-to-ones due"))
        self.shown: TodayOneToOnes | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        head = QLabel(self.tr("One-to-ones due"), self)
        head.setFont(scaled_font(head.font(), 1.2, bold=True))
        layout.addWidget(head)
        self.scope = muted_label(self.tr("Loading…"), self, name="todayOneToOnesScope")
        self.scope.setWordWrap(True)
        layout.addWidget(self.scope)
        self.due = _list(self, "todayOneToOnesList", self.tr("One-to-ones due or overdue"))
        self.items_label = QLabel(self.tr("Action items overdue"), self)
        self.items = _list(self, "todayOverdueActions", self.tr("Action items overdue"))
        self.follow_label = QLabel(self.tr("Feedback follow-ups due"), self)
        self.follow = _list(self, "todayFollowUps", self.tr("Feedback follow-ups due"))
        follow_head = QHBoxLayout()
        follow_head.addWidget(self.follow_label, 1)
        self.mark_done = QPushButton(self.tr("&Mark done…"), self)
        self.mark_done.setObjectName("todayFollowUpDone")
        forms.spoken(self.mark_done, self.tr("Mark the chosen follow-up done"))
        self.mark_done.setToolTip(self.tr("Say how the chosen follow-up turned out: improved, partly or not yet"))
        self.mark_done.setEnabled(False)
        self.mark_done.clicked.connect(self._ask_done)
        follow_head.addWidget(self.mark_done)
        self.follow.currentItemChanged.connect(lambda _item, _old: self._sync_done())
        for widget in (self.due, self.items_label, self.items):
            layout.addWidget(widget)
        layout.addLayout(follow_head)
        layout.addWidget(self.follow)
        layout.addStretch(1)
        for view in (self.due, self.items, self.follow):
            view.itemActivated.connect(lambda item: self.prepare_requested.emit(item.data(Qt.ItemDataRole.UserRole)))

    def _sync_done(self) -> None:
        """Mark done is enabled exactly when the list's current row (the one highlighted) is a follow-up."""
        item = self.follow.currentItem()
        self.mark_done.setEnabled(item is not None and bool(item.data(FEEDBACK_ROLE)))

    def _ask_done(self) -> None:
        item = self.follow.currentItem()
        if item is not None and item.data(FEEDBACK_ROLE):
            self.follow_up_done_requested.emit(item.data(FEEDBACK_ROLE), item.text())

    def _fill(self, view: QListWidget, rows: list[tuple[str, str]], empty: str,
              records: list[str] | None = None, tips: list[str] | None = None) -> None:
        view.clear()
        for n, (text, uuid) in enumerate(rows[:MAX_ROWS]):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, uuid)
            if tips is not None:
                item.setToolTip(tips[n])
            if records is not None:
                item.setData(FEEDBACK_ROLE, records[n])
            view.addItem(item)
        if len(rows) > MAX_ROWS:
            more = QListWidgetItem(self.tr("… and {n} more (One-to-ones page)").format(n=len(rows) - MAX_ROWS))
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            view.addItem(more)
        if not rows:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            view.addItem(item)
        view.setFixedHeight(min(160, 6 + view.sizeHintForRow(0) * max(1, view.count())))

    def show_lists(self, lists: TodayOneToOnes) -> None:
        current = self.follow.currentItem()
        chosen = current.data(FEEDBACK_ROLE) if current is not None else None
        if lists.leader and not lists.leads_no_team:
            scope = self.tr("For the teams of {name} (signed in).").format(name=lists.leader)
        elif lists.leader:
            scope = self.tr("{name} leads no team, so every team is shown.").format(name=lists.leader)
        else:
            scope = self.tr("Nobody is signed in, so every team is shown (File › Signed in as…).")
        self.scope.setText(scope)
        if lists is self.shown:
            return  # the same lists again (nothing committed since): they stay as they are, the row chosen too
        self.shown = lists
        states = {DueState.OVERDUE: self.tr("overdue since {day}"), DueState.DUE: self.tr("due {day}"),
                  DueState.NEVER: self.tr("no one-to-one yet")}
        self._fill(self.due, [(f"{r.agent_name} — {states[r.state].format(day=date_text(r.due_date))}", r.agent_uuid)
                              for r in lists.due], self.tr("Nobody is due a one-to-one."))
        self._fill(self.items, [(self.tr("{agent}: {text} ({owner}, {days} days late)").format(
            agent=i.agent_name, text=i.text, owner=i.owner or self.tr("no owner"), days=i.days_overdue),
            i.agent_uuid) for i in lists.overdue_items], self.tr("No action item is overdue."))
        self._fill(self.follow, [(self.tr("{agent}: follow-up {day} — {topic}").format(
            agent=f.agent_name, day=date_text(f.follow_up_date), topic=_short(f.to_improve)), f.agent_uuid)
            for f in lists.follow_ups], self.tr("No follow-up is due."), [f.feedback_uuid for f in lists.follow_ups],
            [f"{f.agent_name}: {f.to_improve}" for f in lists.follow_ups])
        kept = next((row for row in range(self.follow.count())  # a reload keeps the follow-up chosen, while listed
                     if chosen and self.follow.item(row).data(FEEDBACK_ROLE) == chosen), None)
        if kept is None and self.follow.count() and self.follow.item(0).data(FEEDBACK_ROLE):
            kept = 0  # else the first: the button beside the list always says which row it marks
        self.follow.setCurrentRow(-1 if kept is None else kept)
        self._sync_done()



class OneToOneGapLabel(QLabel):
    """The team page's line: who has gone longer than their rhythm without a one-to-one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamOneToOneGaps")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)  # until a team's one-to-ones are read
        fit.keep_all_lines(self)  # on a page that scrolls, the line is never squeezed under the table above

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override: all its lines stay its minimum height
        super().setText(text)
        fit.fit_lines(self)

    def show_rows(self, team_name: str, rows: list[DueRow], on: date | None = None) -> None:
        on = on or date.today()
        late = [r for r in rows if r.days_since is None or r.days_since > r.cadence_days]
        late.sort(key=lambda r: -(r.days_since if r.days_since is not None else 10_000))
        if not rows:
            self.setText("")
        elif not late:
            self.setText(self.tr("One-to-ones in {team}: everyone has had one within their rhythm.").format(
                team=team_name))
        else:
            names = ", ".join(self.tr("{name} ({days})").format(
                name=r.agent_name, days=self.tr("never") if r.days_since is None else
                self.tr("{n} days").format(n=r.days_since)) for r in late)
            self.setText(self.tr("Not had a one-to-one within their rhythm in {team}: {names}.").format(
                team=team_name, names=names))
        self.setAccessibleName(self.text())
        self.setVisible(bool(self.text()))  # an empty line would leave a band of spacing under the teams table
