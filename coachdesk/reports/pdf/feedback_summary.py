"""The feedback summary of one agent over a period: objectives and trend chart, behaviour scores, strengths and
opportunities with verbatim quotes, feedback given and when, commitments and actions, recognitions."""

from __future__ import annotations

import re

from reportlab.platypus import KeepTogether, PageBreak, Paragraph

from coachdesk.reports.model import Branding, FeedbackSummaryDoc, QuoteLine
from coachdesk.reports.pdf import layout, styles
from coachdesk.reports.pdf.blocks import chart, day, gap, heading, labelled, none_line, period, table, title_block
from coachdesk.reports.pdf.recognition import source_label
from coachdesk.reports.pdf.text import para, rich

_SPEAKER = re.compile(r"^(agent|customer|caller|the agent|the customer)\s*:\s*(.+)$", re.IGNORECASE | re.DOTALL)
_BAND_COLOUR = {"exceeded": "#2e7d32", "on target": "#2e7d32", "below": "#b26a00", "far below": "#b3261e"}


def _objectives(doc: FeedbackSummaryDoc, width: float) -> list:
    out: list = [heading("Objectives and progress")] if doc.objectives else []
    if doc.objectives:
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


def _quotes(title: str, quotes: tuple[QuoteLine, ...], width: float) -> list:
    s = styles.styles()
    out: list = [heading(title)]
    for q in quotes:
        speaker, text = speaker_and_words(q.text)
        label = " · ".join(x for x in (day(q.noted_at), q.behaviour) if x)
        head = (rich("<b>{speaker}</b> · {label}", s.small, speaker=speaker, label=label) if speaker
                else para(label, s.small, width))
        out.append(KeepTogether([head, para(f"“{text}”", s.quote, width - 14)]))  # a label never ends a page
    return out


def speaker_and_words(text: str) -> tuple[str, str]:
    """A verbatim note written ``Customer: "…"`` split into who said it and what they said; ("", text) when the
    note does not say who spoke (it is then printed as noted, under "Heard on the calls", never as the agent's)."""
    match = _SPEAKER.match(text.strip())
    if not match:
        return "", text.strip().strip("“”\"")
    return match.group(1).strip().capitalize(), match.group(2).strip().strip("“”\"")


def _scores(doc: FeedbackSummaryDoc, width: float) -> list:
    s = styles.styles()
    out: list = [heading("Behaviours observed")]
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
    return [KeepTogether(out)] if len(doc.behaviours) <= 24 else out  # the heading stays with its table


def _feedback(doc: FeedbackSummaryDoc, width: float) -> list:
    s = styles.styles()
    out: list = [heading("Feedback given")]
    for f in doc.feedback:  # each conversation kept on one page: its heading never parts from what was said
        when = f"Observed {day(f.observed_at)}" if f.observed_at else "Feedback"
        delivered = f"delivered {day(f.delivered_at)} ({f.timeliness})" if f.delivered_at else "not delivered yet"
        entry = [rich("<b>{when}</b> · {delivered}{coach}", s.h2, when=when, delivered=delivered,
                      coach=f" · by {f.coach}" if f.coach else "")]
        for label, value in (("What went well", f.went_well), ("To improve", f.to_improve),
                             ("Agent's commitment", f.commitment)):
            if value:
                entry.append(labelled(label, value, width))
        if f.follow_up_outcome:  # the follow-up was closed: how it turned out, in the coach's words
            entry.append(labelled(f"Follow-up on {day(f.follow_up)}" if f.follow_up else "Follow-up",
                                  f.follow_up_outcome + (f": {f.follow_up_note}" if f.follow_up_note else ""), width))
        elif f.follow_up:
            entry.append(para(f"Follow-up on {day(f.follow_up)} (open)", s.small, width))
        out.append(KeepTogether(entry))
    return out


def _actions(doc: FeedbackSummaryDoc, width: float) -> list:
    out: list = [heading("Commitments and actions")]
    rows = [[a.kind.capitalize(), a.text, a.owner or "–", day(a.due), a.status.replace("_", " ")] for a in doc.actions]
    return [*out, table(["Kind", "What", "Owner", "Due", "Status"], rows,
                        [width * f for f in (0.13, 0.47, 0.16, 0.12, 0.12)])]


def _recognitions(doc: FeedbackSummaryDoc, width: float) -> list:
    s = styles.styles()
    out: list = [heading("Recognitions")]
    for r in doc.recognitions:
        out.append(rich("<b>{title}</b> · {on}{by}", s.body, title=r.title, on=day(r.recognised_on),
                        by=f" · from {source_label(r.source)}" if r.source else
                        (f" · from {r.given_by}" if r.given_by else "")))
        if r.what_they_did:
            out.append(para(r.what_they_did, s.quote, width - 14))
    return out


def story(doc: FeedbackSummaryDoc, branding: Branding) -> list:
    width = layout.body_width(branding.paper)
    subtitle = " · ".join(x for x in (doc.agent_name, doc.team_name, period(doc.start, doc.end)) if x)
    out: list = [layout.Section(f"Feedback summary · {doc.agent_name} · {period(doc.start, doc.end)}"),
                 *title_block("Feedback summary", subtitle, width)]
    # a section with nothing in it is one word in a single line under the title, not a heading of its own: no page
    # (in a batch, no page) holds only "nothing in this period"
    sections = (("objectives", bool(doc.objectives), lambda: _objectives(doc, width)),
                ("observations", doc.overall.n > 0, lambda: _scores(doc, width)),
                ("strengths", bool(doc.strengths), lambda: _quotes("Strengths", doc.strengths, width)),
                ("opportunities", bool(doc.opportunities),
                 lambda: _quotes("Opportunities", doc.opportunities, width)),
                ("quotes", bool(doc.quotes), lambda: _quotes("Heard on the calls", doc.quotes, width)),
                ("feedback", bool(doc.feedback), lambda: _feedback(doc, width)),
                ("commitments or actions", bool(doc.actions), lambda: _actions(doc, width)),
                ("recognitions", bool(doc.recognitions), lambda: _recognitions(doc, width)))
    empty = [name for name, present, _make in sections if not present and name != "quotes"]
    if empty:
        out.append(none_line(f"Nothing recorded in this period: {', '.join(empty)}."))
    if doc.chart_png and not doc.objectives:
        out += [gap(2), chart(doc.chart_png, width, doc.chart_height)]
    for _name, present, make in sections:
        if present:
            out += make()
    return out


def build(docs: list[FeedbackSummaryDoc], branding: Branding) -> bytes:
    out: list = []
    for i, doc in enumerate(docs):
        if i:
            out.append(PageBreak())
        out += story(doc, branding)
    title = f"Feedback summary: {docs[0].agent_name}" if len(docs) == 1 else f"Feedback summaries ({len(docs)})"
    return layout.build(out, branding, title=title, subject=f"Feedback summary, {period(docs[0].start, docs[0].end)}")
