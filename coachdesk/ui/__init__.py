"""The Qt face of CoachDesk: the only package that imports PySide6."""
