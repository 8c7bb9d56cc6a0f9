"""Printed documents by id, agent, team and period: gather the data, draw the charts, lay out the PDF, write it.

Every function returns the PDF's bytes; ``save`` writes them atomically. Each call is one read of the database
plus one audit entry saying what was printed (never the content)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from coachdesk.domain.enums import AuditAction
from coachdesk.domain.errors import NotFound, ValidationError
from coachdesk.services import common as common_api
from coachdesk.services.reports import report_data, report_data_team
from coachdesk.storage.database import Database

KINDS = {
    "certificate": "Recognition certificate",
    "letter": "Recognition letter",
    "feedback": "Feedback summary",
    "team-feedback": "Feedback summaries for a team",
    "one-to-one": "One-to-one record",
    "prep": "One-to-one prep sheet",
    "team": "Team summary",
    "month-recognitions": "All recognitions of a month",
    "observation": "Observation record",
    "feedback-record": "Feedback record",
}


#: KPI panels in a feedback summary's trend chart (keeps a summary to one or two pages)
CHART_KPIS = 3


@dataclass(frozen=True)
class ReportRequest:
    """What the Reports page (or a record's Print action) asks for; unused fields stay empty."""

    kind: str
    record_uuid: str = ""
    agent: str = ""
    team: str = ""
    start: date | None = None
    end: date | None = None
    month: str = ""  # YYYY-MM


def _audit(db: Database, kind: str, entity_uuid: str | None, summary: str) -> None:
    with db.unit_of_work() as session:
        common_api.record(session, AuditAction.EXPORT, "report", entity_uuid, summary, details={"kind": kind})


def granularity_for(start: date, end: date) -> str:
    return "day" if (end - start).days <= 45 else "week"


def _chart(db: Database, agent_uuid: str, start: date, end: date, width: float) -> bytes | None:
    from coachdesk.reports.pdf import charts

    data = _trend_data(db, agent_uuid, start, end)
    return charts.trend_png(data, width) if data is not None else None


def _trend_data(db: Database, agent_uuid: str, start: date, end: date):  # noqa: ANN202 - AgentTrendData | None
    from coachdesk.services import trends

    # the agent's objectives' KPIs, then their role's: always CHART_KPIS panels, so that one figure's layout is
    # reused from agent to agent (a different number of panels rebuilds it, which costs more than drawing)
    # (behaviours print as the table below the chart, with n and "too few" flags: no second panel, which also
    # halves the chart's drawing time; an agent with no KPI at all gets the behaviour panel alone)
    data = trends.agent_trend_data(db, agent_uuid, start, end, granularity_for(start, end), panels=CHART_KPIS,
                                   behaviours=False)
    if not data.kpis:
        data = trends.agent_trend_data(db, agent_uuid, start, end, granularity_for(start, end), panels=CHART_KPIS)
    return None if not data.kpis and data.behaviours is None else data


def recognition_pdf(db: Database, uuid: str | None = None, month: str | None = None, style: str = "certificate"
                    ) -> bytes:
    """One recognition (``uuid``) or every recognition of ``month`` (YYYY-MM), as certificates or letters."""
    from coachdesk.reports.pdf import recognition

    if style not in ("certificate", "letter"):
        raise ValidationError(f"Recognition: {style!r} is neither a certificate nor a letter.")
    if month:
        first, _last = report_data_team.month_bounds(month)
        docs = report_data.recognitions_of_month(db, first.year, first.month)
        if not docs:
            raise NotFound(f"Month: there are no recognitions in {month}.")
    elif uuid:
        docs = [report_data.recognition(db, uuid)]
    else:
        raise ValidationError("Recognition: give its id or a month.")
    build = recognition.build_letters if style == "letter" else recognition.build_certificates
    pdf = build(docs, common_api.branding(db))
    _audit(db, style, uuid, f"Printed {len(docs)} recognition {style}(s)")
    return pdf


def feedback_pdf(db: Database, agent: str, start: date, end: date, chart: bool = True) -> bytes:
    from coachdesk.reports.pdf import feedback_summary, layout
    from coachdesk.services.people import resolve_person

    report_data.check_period(start, end)
    person = resolve_person(db, agent)
    branding = common_api.branding(db)
    png = _chart(db, person.uuid, start, end, layout.body_width(branding.paper)) if chart else None
    doc = report_data.feedback_summary(db, person.uuid, start, end, chart_png=png)
    pdf = feedback_summary.build([doc], branding)
    _audit(db, "feedback", person.uuid, f"Printed the feedback summary of {person.display_name}")
    return pdf


def team_feedback_pdf(db: Database, team: str, start: date, end: date, chart: bool = True) -> bytes:
    """Feedback summaries for every member of ``team`` in the period, in one PDF (one agent's data per section)."""
    from sqlalchemy import select

    from coachdesk.services import goals as goals_api
    from coachdesk.storage.models import Team

    report_data.check_period(start, end)
    team_uuid, team_name = goals_api.find_team(db, team)
    with db.session() as session:
        team_id = session.scalar(select(Team.id).where(Team.uuid == team_uuid))
        people = report_data_team.members(session, team_id, start, end)
    if not people:
        raise NotFound(f"Team: {team_name} had nobody in it from {start} to {end}.")
    pdf = summaries_pdf(db, [uuid for _id, uuid, _name in people], start, end, chart=chart)
    _audit(db, "team-feedback", team_uuid, f"Printed feedback summaries for {team_name}")
    return pdf


def summaries_pdf(db: Database, agent_uuids: list[str], start: date, end: date, chart: bool = True) -> bytes:
    """Feedback summaries of several agents in one PDF, each in its own numbered section."""
    from coachdesk.reports.pdf import charts, feedback_summary, layout

    branding = common_api.branding(db)
    width = layout.body_width(branding.paper)
    progress = report_data.progress_for(db, agent_uuids, start, end)
    docs = []
    with charts.ChartPool(len(agent_uuids) if chart else 0) as pool:
        for uuid in agent_uuids:  # charts render in worker processes while this one reads data and lays out
            data = _trend_data(db, uuid, start, end) if chart else None
            doc = report_data.feedback_summary(db, uuid, start, end, progress=progress[uuid])
            if data is not None:  # the page waits for the image only when it is drawn
                doc = replace(doc, chart_png=pool.submit(data, width).result, chart_height=charts.trend_height(data))
            docs.append(doc)
        return feedback_summary.build(docs, branding)


def one_to_one_pdf(db: Database, uuid: str) -> bytes:
    from coachdesk.reports.pdf import one_to_one

    doc = report_data.one_to_one(db, uuid)
    pdf = one_to_one.build([doc], common_api.branding(db))
    _audit(db, "one-to-one", uuid, f"Printed a one-to-one record of {doc.agent_name}")
    return pdf


def observation_pdf(db: Database, uuid: str) -> bytes:
    """One observation session: behaviours scored, notes, the feedback given on it, amendments."""
    from coachdesk.reports.pdf import records
    from coachdesk.services.reports.report_records import observation_record

    doc = observation_record(db, uuid)
    pdf = records.build_observation(doc, common_api.branding(db))
    _audit(db, "observation", uuid, f"Printed an observation record of {doc.agent_name}")
    return pdf


def feedback_record_pdf(db: Database, uuid: str) -> bytes:
    """One feedback conversation, for the agent to keep."""
    from coachdesk.reports.pdf import records
    from coachdesk.services.reports.report_records import feedback_record

    doc = feedback_record(db, uuid)
    pdf = records.build_feedback([doc], common_api.branding(db))
    _audit(db, "feedback-record", uuid, f"Printed a feedback record of {doc.agent_name}")
    return pdf


def prep_pdf(db: Database, agent: str, on: date | None = None) -> bytes:
    from coachdesk.reports.pdf import prep
    from coachdesk.services.people import resolve_person
    from coachdesk.services.reports.report_prep import prep_doc

    person = resolve_person(db, agent)
    pdf = prep.build(prep_doc(db, person.uuid, on), common_api.branding(db))
    _audit(db, "prep", person.uuid, f"Printed the one-to-one prep sheet of {person.display_name}")
    return pdf


def team_pdf(db: Database, team: str, start: date, end: date) -> bytes:
    from coachdesk.reports.pdf import layout, team_summary
    from coachdesk.services.reports.report_heatmap import heatmap_png

    report_data.check_period(start, end)
    branding = common_api.branding(db)
    png = heatmap_png(db, team, start, end, layout.body_width(branding.paper))
    doc = report_data_team.team_summary(db, team, start, end, heatmap_png=png)
    pdf = team_summary.build(doc, branding)
    _audit(db, "team", None, f"Printed the team summary of {doc.team_name}")
    return pdf


def sample_pdf() -> bytes:
    """A one-page letter about nobody, built without a database: the self-test previews it to prove that the
    fonts, reportlab and PDFium all load (in a frozen app too)."""
    from coachdesk.reports.model import Branding, RecognitionDoc
    from coachdesk.reports.pdf import recognition

    doc = RecognitionDoc("sample", "Sample Agent", "Sample team", "A sample recognition", "Printed by the self-test.",
                         "", "Sample Leader", "", "", date.today())
    return recognition.build_letters([doc], Branding())


def build(db: Database, request: ReportRequest) -> bytes:
    """The PDF a ``ReportRequest`` asks for (the Reports page's single entry point)."""
    r = request
    if r.kind in ("certificate", "letter"):
        return recognition_pdf(db, uuid=r.record_uuid, style=r.kind)
    if r.kind == "month-recognitions":
        return recognition_pdf(db, month=r.month)
    if r.kind == "one-to-one":
        return one_to_one_pdf(db, r.record_uuid)
    if r.kind == "prep":
        return prep_pdf(db, r.agent)
    if r.kind == "observation":
        return observation_pdf(db, r.record_uuid)
    if r.kind == "feedback-record":
        return feedback_record_pdf(db, r.record_uuid)
    start, end = _period(r)
    if r.kind == "feedback":
        return feedback_pdf(db, r.agent, start, end)
    if r.kind == "team-feedback":
        return team_feedback_pdf(db, r.team, start, end)
    if r.kind == "team":
        return team_pdf(db, r.team, start, end)
    raise ValidationError(f"Report: {r.kind!r} is not a kind of report.")


def _period(r: ReportRequest) -> tuple[date, date]:
    if r.month:
        return report_data_team.month_bounds(r.month)
    if r.start and r.end:
        return r.start, r.end
    end = date.today()
    return end - timedelta(days=89), end


def save(pdf: bytes, path: str | Path) -> Path:
    """Write ``pdf`` to ``path`` atomically (a temporary file beside it, then a rename): never half a file."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise ValidationError(f"Output: {path.name} should end in .pdf.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError(f"Output: the folder {folder} does not exist.")
    handle, temp = tempfile.mkstemp(prefix=".coachdesk-", suffix=".pdf", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(pdf)
        umask = os.umask(0)  # mkstemp makes the file private (0600); a saved report gets a normal file's mode
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
