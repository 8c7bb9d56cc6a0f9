"""Organisation settings the printed reports use: the organisation's name, its logo and the paper size."""

from __future__ import annotations

import json
import locale
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from coachdesk.domain.enums import AuditAction
from coachdesk.domain.errors import ValidationError
from coachdesk.reports.model import Branding
from coachdesk.services.common import audit
from coachdesk.storage.database import Database
from coachdesk.storage.models import Setting

ORGANISATION, LOGO, PAPER = "org.name", "org.logo_path", "report.paper"
PAPERS = ("A4", "Letter")
#: countries whose default paper is US Letter
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR", "CR", "SV", "NI", "DO", "PA"})
LOGO_LIMIT = 2_000_000
#: characters in the organisation's name printed on reports
ORGANISATION_MAX = 200


@dataclass(frozen=True)
class ReportSettings:
    organisation: str
    logo_path: str  # "" = no logo
    paper: str  # "A4" or "Letter"
    paper_is_default: bool


def default_paper(locale_name: str | None = None) -> str:
    """Letter in the Americas that use it, A4 elsewhere, from the locale (``en_US.UTF-8`` -> Letter)."""
    name = locale_name if locale_name is not None else (locale.getlocale()[0] or "")
    country = name.split(".")[0].replace("-", "_").split("_")[-1].upper() if "_" in name or "-" in name else ""
    return "Letter" if country in LETTER_COUNTRIES else "A4"


def _read(db: Database) -> dict[str, object]:
    with db.session() as session:
        rows = session.execute(select(Setting.key, Setting.value_json).where(
            Setting.key.in_((ORGANISATION, LOGO, PAPER)))).all()
    return {key: json.loads(value) for key, value in rows}


def report_settings(db: Database) -> ReportSettings:
    values = _read(db)
    paper = values.get(PAPER)
    return ReportSettings(str(values.get(ORGANISATION) or ""), str(values.get(LOGO) or ""),
                          paper if paper in PAPERS else default_paper(), paper not in PAPERS)


def save_report_settings(db: Database, organisation: str, logo_path: str, paper: str | None) -> ReportSettings:
    """Save the three settings (``paper`` None = follow the locale); a logo must be a readable PNG or JPEG file."""
    organisation, logo_path = organisation.strip(), logo_path.strip()
    if len(organisation) > ORGANISATION_MAX:
        raise ValidationError(f"Organisation name: at most {ORGANISATION_MAX} characters.")
    if paper is not None and paper not in PAPERS:
        raise ValidationError(f"Paper size: {paper!r} is neither A4 nor Letter.")
    if logo_path:
        _logo_bytes(Path(logo_path), strict=True)
    with db.unit_of_work() as session:
        for key, value in ((ORGANISATION, organisation), (LOGO, logo_path), (PAPER, paper)):
            row = session.get(Setting, key)
            if value in ("", None):
                if row is not None:
                    session.delete(row)
                continue
            if row is None:
                session.add(Setting(key=key, value_json=json.dumps(value)))
            else:
                row.value_json = json.dumps(value)
        audit.record(session, AuditAction.UPDATE, "app_setting", None, "Report settings changed",
                     details={"organisation": organisation, "logo": logo_path, "paper": paper})
    return report_settings(db)


def _logo_bytes(path: Path, strict: bool = False) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        if strict:
            raise ValidationError(f"Logo: {path} cannot be read ({exc.strerror or exc}).") from None
        return None
    if not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")) or len(data) > LOGO_LIMIT:
        if strict:
            raise ValidationError(f"Logo: {path} is not a PNG or JPEG image under 2 MB.")
        return None
    return data


def branding(db: Database, paper: str | None = None) -> Branding:
    """What every printed page carries; a logo file that has gone missing is simply left out."""
    settings = report_settings(db)
    logo = _logo_bytes(Path(settings.logo_path)) if settings.logo_path else None
    return Branding(settings.organisation, logo, paper or settings.paper)
