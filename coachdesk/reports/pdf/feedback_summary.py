"""The feedback summary of one agent over a period: objectives and trend chart, behaviour scores, strengths and
opportunities with verbatim quotes, feedback given and when, commitments and actions, recognitions."""

from __future__ import annotations

from reportlab.platypus import PageBreak, Paragraph

from coachdesk.reports.model import Branding, FeedbackSummaryDoc, QuoteLine
from coachdesk.reports.pdf import layout, styles
from coachdesk.reports.pdf.blocks import chart, day, gap, heading, labelled, none_line, period, table, title_block
from coachdesk.reports.pdf.text import para, rich

_BAND_COLOUR = {"exceeded": "#2e7d32", "on target": "#2e7d32", "below": "#b26a00", "far below": "#b3261e"}


def _objectives(doc: FeedbackSummaryDoc, width: float) -> list:
    out: list = [heading("Objectives and progress")]
    if not doc.objectives:
        out.append(none_line("No objectives in this period."))
    else:
        widths = [width * f for f in (0.34, 0.14, 0.1, 0.1, 0.1, 0.12, 0.1)]
        s = styles.styles()
        rows = []
        for o in doc.objectives:
            colour = _BAND_COLOUR.get(o.band.lower(), "#5f6b7a")
            band = Paragraph(f"<font color='{colour}'><b>{o.band or '–'}</b></font>", s.cell)
            track = "\non track" if o.on_track else ("\noff track" if o.on_track is False else "")
            rows.append([o.statement, o.measure, o.baseline, o.target, o.current, band, f"{o.forecast}{track}"])
        out.append(table(["Objective", "Measure", "Baseline", "Target", "Current", "Band", "Forecast"], rows,
                         widths))
    if doc.chart_png:
        out += [gap(2), chart(doc.chart_png, width, doc.chart_height)]
    return out


def _quotes(title: str, quotes: tuple[QuoteLine, ...], width: float, empty: str) -> list:
    s = styles.styles()
    out: list = [heading(title)]
    if not quotes:
        return [*out, none_line(empty)]
    for q in quotes:
        label = " · ".join(x for x in (day(q.noted_at), q.behaviour) if x)
        out += [para(label, s.small, width), para(f"“{q.text}”", s.quote, width - 14)]
    return out


def _scores(doc: FeedbackSummaryDoc, width: float) -> list:
    s = styles.styles()
    out: list = [heading("Behaviours observed")]
    if doc.overall.n == 0:
        return [*out, none_line("No observations in this period.")]
    overall = "–" if doc.overall.score is None else f"{doc.overall.score:.0f}"
    out.append(rich("Overall score <b>{score}</b> / 100 from {n} observations.", s.body, score=overall,
                    n=str(doc.overall.n)))
    cells = [[b.name, "–" if b.score is None else f"{b.score:.0f}", str(b.n) + (" (too few)" if b.n < 5 else "")]
             for b in doc.behaviours]
    if cells:  # two behaviours a row: the list takes half the height
        half = (len(cells) + 1) // 2
        rows = [left + (cells[half + i] if half + i < len(cells) else ["", "", ""]) for i, left in enumerate(cells[:half])]
        widths = [width * f for f in (0.3, 0.08, 0.12)] * 2
        out.append(table(["Behaviour", "Score", "Seen", "Behaviour", "Score", "Seen"], rows, widths))
    return out


def _feedback(doc: FeedbackSummaryDoc, width: float) -> list:
    s = styles.styles()
    out: list = [heading("Feedback given")]
    if not doc.feedback:
        return [*out, none_line("No feedback recorded in this period.")]
    for f in doc.feedback:
        when = f"Observed {day(f.observed_at)}" if f.observed_at else "Feedback"
        delivered = f"delivered {day(f.delivered_at)} ({f.timeliness})" if f.delivered_at else "not delivered yet"
        out.append(rich("<b>{when}</b> · {delivered}{coach}", s.h2, when=when, delivered=delivered,
                        coach=f" · by {f.coach}" if f.coach else ""))
        for label, value in (("What went well", f.went_well), ("To improve", f.to_improve),
                             ("Agent's commitment", f.commitment)):
            if value:
                out.append(labelled(label, value, width))
        if f.follow_up:
            out.append(para(f"Follow-up on {day(f.follow_up)}", s.small, width))
    return out


def _actions(doc: FeedbackSummaryDoc, width: float) -> list:
    out: list = [heading("Commitments and actions")]
    if not doc.actions:
        return [*out, none_line("No commitments or actions in this period.")]
    rows = [[a.kind.capitalize(), a.text, a.owner or "–", day(a.due), a.status.replace("_", " ")] for a in doc.actions]
    return [*out, table(["Kind", "What", "Owner", "Due", "Status"], rows,
                        [width * f for f in (0.13, 0.47, 0.16, 0.12, 0.12)])]


def _recognitions(doc: FeedbackSummaryDoc, width: float) -> list:
    s = styles.styles()
    out: list = [heading("Recognitions")]
    if not doc.recognitions:
        return [*out, none_line("No recognitions in this period.")]
    for r in doc.recognitions:
        out.append(rich("<b>{title}</b> · {on}{by}", s.body, title=r.title, on=day(r.recognised_on),
                        by=f" · from {r.given_by}" if r.given_by else ""))
        if r.what_they_did:
            out.append(para(r.what_they_did, s.quote, width - 14))
    return out


def story(doc: FeedbackSummaryDoc, branding: Branding) -> list:
    width = layout.body_width(branding.paper)
    subtitle = " · ".join(x for x in (doc.agent_name, doc.team_name, period(doc.start, doc.end)) if x)
    out: list = [layout.Section(f"Feedback summary · {doc.agent_name} · {period(doc.start, doc.end)}"),
                 *title_block("Feedback summary", subtitle, width)]
    out += _objectives(doc, width)
    out += _scores(doc, width)
    out += _quotes("Strengths", doc.strengths, width, "No strengths noted in this period.")
    out += _quotes("Opportunities", doc.opportunities, width, "No opportunities noted in this period.")
    if doc.quotes:
        out += _quotes("In the agent's words", doc.quotes, width, "")
    out += _feedback(doc, width)
    out += _actions(doc, width)
    out += _recognitions(doc, width)
    return [*out, gap(4)]


def build(docs: list[FeedbackSummaryDoc], branding: Branding) -> bytes:
    out: list = []
    for i, doc in enumerate(docs):
        if i:
            out.append(PageBreak())
        out += story(doc, branding)
    title = f"Feedback summary: {docs[0].agent_name}" if len(docs) == 1 else f"Feedback summaries ({len(docs)})"
    return layout.build(out, branding, title=title, subject=f"Feedback summary, {period(docs[0].start, docs[0].end)}")
