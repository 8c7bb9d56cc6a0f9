"""CoachDesk: a desktop coaching workbench for contact-centre team leaders."""

#: The one place the version is written; pyproject.toml reads it from here (hatch dynamic version).
__version__ = "0.1.0"

APP_NAME = "CoachDesk"
ORG_NAME = "CoachDesk"
