"""The team summary for an operations manager: KPIs against target per agent, the behaviour heat map, coaching
activity (observations, feedback and its timeliness, one-to-ones held) and recognitions."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from coachdesk.reports.model import Branding, TeamSummaryDoc
from coachdesk.reports.pdf import layout, styles
from coachdesk.reports.pdf.blocks import day, heading, none_line, period, png, table, title_block
from coachdesk.reports.pdf.text import markup, rich

_COLOURS = {"good": "#2e7d32", "warn": "#b26a00", "bad": "#b3261e"}


def _kpis(doc: TeamSummaryDoc, width: float) -> list:
    s = styles.styles()
    out: list = [heading("KPIs against target")]
    if not doc.rows:
        return [*out, none_line("Nobody was in this team in the period.")]
    first = width * 0.26
    rest = (width - first) / max(1, len(doc.kpi_headers))
    rows = []
    for r in doc.rows:
        cells: list = [r.agent_name]
        for cell in r.kpis:
            colour = _COLOURS.get(cell.band)
            text = markup(cell.text, s.cell.fontName)
            text = f"<font color='{colour}'><b>{text}</b></font>" if colour else text
            if cell.target:
                text += f" <font size='7' color='#5f6b7a'>/ {markup(cell.target, s.cell.fontName)}</font>"
            cells.append(Paragraph(text, s.cell))
        rows.append(cells)
    out.append(table(["Agent", *doc.kpi_headers], rows, [first] + [rest] * len(doc.kpi_headers)))
    out.append(Paragraph("Value / the agent's target where they have an objective: "
                         "<font color='#2e7d32'><b>green</b></font> at or better than target · "
                         "<font color='#b26a00'><b>amber</b></font> below target · "
                         "<font color='#b3261e'><b>red</b></font> below the floor", s.small))
    return out


def hours(value: float | None) -> str:
    """A delay in one unit, whole hours, whatever its length: "< 1 h", "11 h", "67 h" (never "0h" or "2.8 days")."""
    if value is None:
        return "–"
    return "< 1 h" if value < 1 else f"{value:.0f} h"


def _activity(doc: TeamSummaryDoc, width: float) -> list:
    s = styles.styles()
    out: list = [heading("Coaching activity")]
    if not doc.rows:
        return [*out, none_line("No coaching activity.")]
    rows = []
    for r in doc.rows:
        median = hours(r.feedback_median_hours)
        score = "–" if r.overall_score is None else f"{r.overall_score:.0f}"
        rows.append([r.agent_name, str(r.observations), score, str(r.feedback_given), median, str(r.one_to_ones),
                     str(r.recognitions)])
    totals = [sum(getattr(r, k) for r in doc.rows) for k in ("observations", "feedback_given", "one_to_ones",
                                                              "recognitions")]
    rows.append(["Team", str(totals[0]), "", str(totals[1]), "", str(totals[2]), str(totals[3])])
    note = Paragraph("Median delay: the median time from the end of an observation to its feedback.", s.small)
    return [*out, table(["Agent", "Observed", "Score", "Feedback", "Median delay", "1:1s held", "Recognised"],
                        rows, [width * f for f in (0.25, 0.11, 0.09, 0.12, 0.16, 0.12, 0.15)]), note]


def story(doc: TeamSummaryDoc, branding: Branding) -> list:
    s = styles.styles()
    width = layout.body_width(branding.paper)
    subtitle = " · ".join(x for x in (doc.team_name, f"led by {doc.leader_name}" if doc.leader_name else "",
                                      period(doc.start, doc.end)) if x)
    out: list = [layout.Section(f"Team summary · {doc.team_name} · {period(doc.start, doc.end)}"),
                 *title_block("Team summary", subtitle, width)]
    out += _kpis(doc, width)
    out += _activity(doc, width)
    if doc.heatmap_png:
        out += [heading("Behaviours"), png(doc.heatmap_png, width)]
    out.append(heading("Recognitions"))
    if not doc.recognitions:
        out.append(none_line("No recognitions in this period."))
    for r in doc.recognitions:
        out.append(rich("<b>{agent}</b> · {title} · {on}", s.body, agent=r.agent_name, title=r.title,
                        on=day(r.recognised_on)))
    return out


def build(doc: TeamSummaryDoc, branding: Branding) -> bytes:
    return layout.build(story(doc, branding), branding, title=f"Team summary: {doc.team_name}",
                        subject=f"Team summary, {period(doc.start, doc.end)}")
