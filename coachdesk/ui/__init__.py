"""The Qt face of CoachDesk: the only package that imports PySide6."""

from coachdesk.ui.compat import guard_none_refcount

guard_none_refcount()  # before any widget: see compat.py (PySide6 6.12.0 on Python 3.11)
