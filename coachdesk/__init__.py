"""CoachDesk: a desktop coaching workbench for contact-centre team leaders."""

from importlib import metadata as _metadata

APP_NAME = "CoachDesk"
ORG_NAME = "CoachDesk"

try:
    __version__ = _metadata.version("coachdesk")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
