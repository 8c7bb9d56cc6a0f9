"""The behaviour framework editor: categories and behaviours (description, what good looks like, scale, the KPIs
they should move) and the rating scales. Saving a framework that has ratings makes a new revision."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.services.common import AppContext
from coachdesk.services.observation import BehaviourEdit, CategoryEdit, FrameworkEdit, FrameworkSummary
from coachdesk.ui.actions import frameworks
from coachdesk.ui.dialogs.framework_scales import ScalesTab
from coachdesk.ui.kit import fit, forms, keys
from coachdesk.ui.kit.forms import ErrorBanner
from coachdesk.ui.kit.limits import limit_text
from coachdesk.ui.theme import muted_label, scaled_font, title_label

OBJ_ROLE = Qt.ItemDataRole.UserRole
SAVE_KEYS = keys.declare("Behaviour framework", "Save a new revision", QKeySequence.StandardKey.Save)


class FrameworkDialog(ScalesTab, QDialog):
    """Edits a working copy; nothing is written until Save (Ctrl+S or the button: Return in a field never saves)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, uuid: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frameworkDialog")
        self.setWindowTitle(self.tr("Behaviour framework"))
        self.setAccessibleName(self.windowTitle())
        self.ctx = ctx
        self.kpis: list = []
        self.edit: FrameworkEdit = FrameworkEdit("")  # until the framework is read (off the GUI thread)
        self.saved: FrameworkSummary | None = None
        self._filling = False
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.windowTitle(), self, factor=1.5, name="frameworkTitle"))
        head = QFormLayout()
        self.name = QLineEdit(self.edit.name, self)
        limit_text(self.name, "BehaviourFramework", "name")
        self.name.setObjectName("frameworkName")
        self.name.setAccessibleName(self.tr("Framework name"))
        head.addRow(forms.buddy_label(self.tr("&Name"), self.name, self), self.name)
        self.description = QLineEdit(self.edit.description, self)
        limit_text(self.description, "BehaviourFramework", "description")
        self.description.setObjectName("frameworkDescription")
        self.description.setAccessibleName(self.tr("Framework description"))
        head.addRow(forms.buddy_label(self.tr("&Description"), self.description, self), self.description)
        layout.addLayout(head)
        self.info = muted_label(self._revision_text(), self, name="frameworkRevisionInfo")
        layout.addWidget(self.info)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("frameworkTabs")
        self.tabs.setAccessibleName(self.tr("Framework parts"))
        self.tabs.addTab(self._build_behaviours(), self.tr("&Behaviours"))
        self.tabs.addTab(self._build_scales(), self.tr("Rating &scales"))
        layout.addWidget(self.tabs, 1)
        self.error = ErrorBanner(self, "frameworkError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        # an action, not the dialog's Accept: Qt makes the first Accept button the default, and Return in the Name
        # field would save a new revision at once
        self.save_button = buttons.addButton(self.tr("Save (Ctrl+S)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.save_button.setObjectName("frameworkSave")
        forms.spoken(self.save_button, self.tr("Save the framework"))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("frameworkCancel")
        forms.spoken(cancel, self.tr("Close without saving"))
        for button in (self.save_button, cancel):
            button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        keys.shortcut(self, SAVE_KEYS, self.save)
        fit.resize_within_screen(self, 1100, 760)
        for widget in (self.save_button, self.tabs):
            widget.setEnabled(False)
        frameworks.to_edit(self, ctx, uuid, self._loaded, failed=self.error.show_error)

    def _loaded(self, loaded: frameworks.FrameworkToEdit) -> None:
        self.kpis, self.edit = loaded.kpis, loaded.edit
        self.name.setText(self.edit.name)
        self.description.setText(self.edit.description)
        self.info.setText(self._revision_text())
        self._fill_kpis()
        self._fill_tree()
        self._fill_scales()
        for widget in (self.save_button, self.tabs):
            widget.setEnabled(True)

    def _revision_text(self) -> str:
        text = self.tr("Revision {revision}.").format(revision=self.edit.revision)
        if self.edit.in_use:
            text += " " + self.tr("It has ratings: saving makes revision {next}; past ratings keep the behaviours "
                                  "and scale they were given with.").format(next=self.edit.revision + 1)
        else:
            text += " " + self.tr("Not used yet: saving edits it in place.")
        return text

    # -- behaviours ------------------------------------------------------------------------------------------------
    def _build_behaviours(self) -> QWidget:
        page = QWidget(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        splitter.setObjectName("frameworkSplitter")
        left = QWidget(splitter)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget(left)
        self.tree.setObjectName("frameworkTree")
        self.tree.setAccessibleName(self.tr("Categories and behaviours"))
        self.tree.setHeaderHidden(True)
        self.tree.header().setObjectName("frameworkTreeHeader")
        self.tree.header().setAccessibleName(self.tr("Categories and behaviours: column"))
        self.tree.setFont(scaled_font(self.font(), 1.1))
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        column.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addWidget(forms.button(left, self.tr("+ Category"), "frameworkAddCategory", self.add_category))
        row.addWidget(forms.button(left, self.tr("+ Behaviour"), "frameworkAddBehaviour", self.add_behaviour))
        row.addWidget(forms.button(left, self.tr("Remove"), "frameworkRemove", self.remove_current))
        row.addWidget(forms.button(left, self.tr("↑"), "frameworkUp", lambda: self.move_current(-1)))
        row.addWidget(forms.button(left, self.tr("↓"), "frameworkDown", lambda: self.move_current(1)))
        column.addLayout(row)
        splitter.addWidget(left)
        self.detail = QStackedWidget(splitter)
        self.detail.setObjectName("frameworkDetail")
        self.detail.addWidget(self._build_category_form())
        self.detail.addWidget(self._build_behaviour_form())
        splitter.addWidget(self.detail)
        splitter.setSizes([380, 620])
        splitter.setStretchFactor(1, 1)  # a wider window widens the form, where the long texts are
        layout = QVBoxLayout(page)
        layout.addWidget(splitter)
        return page

    def _build_category_form(self) -> QWidget:
        box = QWidget(self)
        form = QFormLayout(box)
        self.category_name = QLineEdit(box)
        limit_text(self.category_name, "BehaviourCategory", "name")
        self.category_name.setObjectName("frameworkCategoryName")
        self.category_name.setAccessibleName(self.tr("Category name"))
        self.category_name.textEdited.connect(self._category_edited)
        form.addRow(forms.buddy_label(self.tr("Category"), self.category_name, self), self.category_name)
        return box

    def _build_behaviour_form(self) -> QWidget:
        box = QWidget(self)
        form = QFormLayout(box)
        self.b_code = QLineEdit(box)
        limit_text(self.b_code, "Behaviour", "code")
        self.b_name = QLineEdit(box)
        limit_text(self.b_name, "Behaviour", "name")
        self.b_description = QPlainTextEdit(box)
        limit_text(self.b_description, "Behaviour", "description")
        self.b_good = QPlainTextEdit(box)
        limit_text(self.b_good, "Behaviour", "what_good_looks_like")
        for widget, name, label in ((self.b_code, "frameworkBehaviourCode", self.tr("Code")),
                                    (self.b_name, "frameworkBehaviourName", self.tr("Name")),
                                    (self.b_description, "frameworkBehaviourDescription", self.tr("Description")),
                                    (self.b_good, "frameworkBehaviourGood", self.tr("What good looks like"))):
            widget.setObjectName(name)
            widget.setAccessibleName(label)
            form.addRow(forms.buddy_label(label, widget, self), widget)
        for edit in (self.b_description, self.b_good):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
            edit.textChanged.connect(self._behaviour_edited)
        self.b_code.textEdited.connect(self._behaviour_edited)
        self.b_name.textEdited.connect(self._behaviour_edited)
        self.b_scale = QComboBox(box)
        self.b_scale.setObjectName("frameworkBehaviourScale")
        self.b_scale.setAccessibleName(self.tr("Rating scale"))
        self.b_scale.activated.connect(lambda _i: self._behaviour_edited())
        form.addRow(forms.buddy_label(self.tr("Rating scale"), self.b_scale, self), self.b_scale)
        self.b_kpis = QListWidget(box)
        self.b_kpis.setObjectName("frameworkBehaviourKpis")
        self.b_kpis.setAccessibleName(self.tr("KPIs this behaviour is expected to move"))
        self.b_kpis.setWordWrap(True)  # a narrow form (150 %) wraps a KPI's name rather than cutting it
        self.b_kpis.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.b_kpis.itemChanged.connect(lambda _item: self._behaviour_edited())
        form.addRow(forms.buddy_label(self.tr("KPIs it should move"), self.b_kpis, self), self.b_kpis)
        return box

    def _fill_kpis(self) -> None:
        self.b_kpis.blockSignals(True)
        self.b_kpis.clear()
        for kpi in self.kpis:
            item = QListWidgetItem(f"{kpi.code} · {kpi.name}")
            item.setToolTip(item.text())
            item.setData(OBJ_ROLE, kpi.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.b_kpis.addItem(item)
        self.b_kpis.blockSignals(False)

    def _fill_tree(self) -> None:
        self.tree.clear()
        for category in self.edit.categories:
            top = self._category_item(category)
            for behaviour in category.behaviours:
                top.addChild(self._behaviour_item(behaviour))
            top.setExpanded(True)
        if self.tree.topLevelItemCount():
            first = self.tree.topLevelItem(0)
            self.tree.setCurrentItem(first.child(0) if first.childCount() else first)

    def _category_item(self, category: CategoryEdit, index: int | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([category.name])
        item.setData(0, OBJ_ROLE, category)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        if index is None:
            self.tree.addTopLevelItem(item)
        else:
            self.tree.insertTopLevelItem(index, item)
        return item

    def _behaviour_item(self, behaviour: BehaviourEdit) -> QTreeWidgetItem:
        item = QTreeWidgetItem([f"{behaviour.name}  ({behaviour.code})"])
        item.setData(0, OBJ_ROLE, behaviour)
        return item

    def _current(self) -> tuple[QTreeWidgetItem | None, object]:
        item = self.tree.currentItem()
        return item, item.data(0, OBJ_ROLE) if item is not None else None

    def _show_current(self) -> None:
        item, obj = self._current()
        self._filling = True
        try:
            if isinstance(obj, CategoryEdit):
                self.detail.setCurrentIndex(0)
                self.category_name.setText(obj.name)
            elif isinstance(obj, BehaviourEdit):
                self.detail.setCurrentIndex(1)
                self.b_code.setText(obj.code)
                self.b_name.setText(obj.name)
                self.b_description.setPlainText(obj.description)
                self.b_good.setPlainText(obj.good)
                self._fill_scale_choices(obj.scale)
                for row in range(self.b_kpis.count()):
                    kpi = self.b_kpis.item(row)
                    kpi.setCheckState(Qt.CheckState.Checked if kpi.data(OBJ_ROLE) in obj.kpis
                                      else Qt.CheckState.Unchecked)
        finally:
            self._filling = False

    def _fill_scale_choices(self, chosen: str) -> None:
        self.b_scale.clear()
        self.b_scale.addItem(self.tr("Framework default ({name})").format(name=self.edit.default_scale), "")
        for scale in self.edit.scales:
            self.b_scale.addItem(scale.name, scale.name)
        self.b_scale.setCurrentIndex(max(self.b_scale.findData(chosen), 0))

    def _category_edited(self) -> None:
        item, obj = self._current()
        if self._filling or not isinstance(obj, CategoryEdit):
            return
        obj.name = self.category_name.text()
        item.setText(0, obj.name)  # type: ignore[union-attr]

    def _behaviour_edited(self) -> None:
        item, obj = self._current()
        if self._filling or not isinstance(obj, BehaviourEdit):
            return
        obj.code, obj.name = self.b_code.text(), self.b_name.text()
        obj.description, obj.good = self.b_description.toPlainText(), self.b_good.toPlainText()
        obj.scale = self.b_scale.currentData() or ""
        obj.kpis = [self.b_kpis.item(r).data(OBJ_ROLE) for r in range(self.b_kpis.count())
                    if self.b_kpis.item(r).checkState() == Qt.CheckState.Checked]
        item.setText(0, f"{obj.name}  ({obj.code})")  # type: ignore[union-attr]

    def add_category(self) -> None:
        category = CategoryEdit(self.tr("New category"))
        item = self._category_item(category)
        self.tree.setCurrentItem(item)
        self.category_name.setFocus()
        self.category_name.selectAll()

    def add_behaviour(self) -> None:
        item, obj = self._current()
        parent = item.parent() if isinstance(obj, BehaviourEdit) else item  # type: ignore[union-attr]
        if parent is None:
            self.add_category()
            parent = self.tree.currentItem()
        behaviour = BehaviourEdit(f"NEW{self._count_behaviours() + 1}", self.tr("New behaviour"))
        child = self._behaviour_item(behaviour)
        parent.addChild(child)
        parent.setExpanded(True)
        self.tree.setCurrentItem(child)
        self.b_name.setFocus()
        self.b_name.selectAll()

    def _count_behaviours(self) -> int:
        return sum(self.tree.topLevelItem(i).childCount() for i in range(self.tree.topLevelItemCount()))

    def remove_current(self) -> None:
        item, _obj = self._current()
        if item is None:
            return
        parent = item.parent()
        if parent is None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
        else:
            parent.removeChild(item)

    def move_current(self, delta: int) -> None:
        item, _obj = self._current()
        if item is None:
            return
        parent = item.parent()
        if parent is None:
            index = self.tree.indexOfTopLevelItem(item)
            target = index + delta
            if 0 <= target < self.tree.topLevelItemCount():
                expanded = item.isExpanded()
                self.tree.takeTopLevelItem(index)
                self.tree.insertTopLevelItem(target, item)
                item.setExpanded(expanded)
        else:
            index = parent.indexOfChild(item)
            target = index + delta
            if 0 <= target < parent.childCount():
                parent.takeChild(index)
                parent.insertChild(target, item)
        self.tree.setCurrentItem(item)

    # -- saving ----------------------------------------------------------------------------------------------------
    def collect(self) -> FrameworkEdit:
        """The working copy with the tree's order and the form's name and description."""
        self.edit.name, self.edit.description = self.name.text(), self.description.text()
        self.edit.categories = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            category: CategoryEdit = top.data(0, OBJ_ROLE)
            category.behaviours = [top.child(j).data(0, OBJ_ROLE) for j in range(top.childCount())]
            self.edit.categories.append(category)
        if self._scale() is not None:
            self._scale().points = self.read_points()  # type: ignore[union-attr]
        return self.edit

    def save(self) -> None:
        """Save the working copy (a new revision once it has ratings); a refusal is shown and the form kept."""
        if not self.save_button.isEnabled():
            return  # not read yet, or a save is running: Ctrl+S never saves an empty form or twice
        self.error.clear()
        frameworks.save(self, self.ctx, self.collect(), self._saved, failed=self.error.show_error,
                        busy=[self.save_button])

    def _saved(self, summary: FrameworkSummary) -> None:
        self.saved = summary
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        forms.no_default_button(self)  # Return presses no default button here: none should look like one

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Return confirms the field it is typed in; only a focused button acts on it (Save saves by its button or
        Ctrl+S)."""
        if not forms.return_only_presses_buttons(self, event):
            super().keyPressEvent(event)

