"""Two single records for the agent to keep: one feedback conversation (what went well, what to improve, their
commitment, when it was given) and one observation session (behaviours scored with n, notes, the feedback given on
it, amendments)."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from coachdesk.domain import date_words
from coachdesk.domain.scores import MIN_OBSERVATIONS
from coachdesk.reports.model import Branding, FeedbackRecordDoc, ObservationDoc, QuoteLine
from coachdesk.reports.pdf import layout, styles
from coachdesk.reports.pdf.blocks import day, heading, labelled, none_line, table, title_block
from coachdesk.reports.pdf.feedback_summary import speaker_and_words
from coachdesk.reports.pdf.text import para, rich

_NOTE_TITLES = (("strength", "Strengths"), ("opportunity", "Opportunities"), ("verbatim", "Heard on the call"),
                ("general", "Other notes"))


def _clock(value) -> str:  # noqa: ANN001 - datetime
    return date_words.time_words(value)


def _notes(title: str, notes: tuple[QuoteLine, ...], width: float, quoted: bool) -> list:
    s = styles.styles()
    out: list = [heading(title)]
    for n in notes:
        speaker, text = speaker_and_words(n.text) if quoted else ("", n.text)
        label = " · ".join(x for x in (speaker, _clock(n.noted_at), n.behaviour) if x)
        out += [para(label, s.small, width), para(f"“{text}”" if quoted else text, s.quote, width - 14)]
    return out


def _conversation(doc: FeedbackRecordDoc, width: float) -> list:
    s = styles.styles()
    when = (f"Given {day(doc.delivered_at)}" + (f" ({doc.timeliness})" if doc.timeliness else "")
            if doc.delivered_at else "Not given yet")
    out: list = [rich("<b>{when}</b>{coach}", s.body, when=when, coach=f" · by {doc.coach_name}"
                      if doc.coach_name else "")]
    if doc.target:
        out.append(labelled("Aimed at", doc.target, width))
    for label, value in (("What went well", doc.went_well), ("To improve", doc.to_improve),
                         ("The agent's commitment", doc.commitment)):
        if value:
            out.append(labelled(label, value, width))
    if doc.follow_up:
        out.append(labelled("Follow-up on", day(doc.follow_up), width))
    return out


def feedback_story(doc: FeedbackRecordDoc, branding: Branding) -> list:
    width = layout.body_width(branding.paper)
    observed = f"observed {day(doc.observed_at)}" if doc.observed_at else ""
    subtitle = " · ".join(x for x in (doc.agent_name, doc.team_name, observed) if x)
    out: list = [layout.Section(f"Feedback · {doc.agent_name} · {day(doc.delivered_at or doc.observed_at)}"),
                 *title_block("Feedback", subtitle, width), *_conversation(doc, width)]
    if doc.strengths:
        out += _notes("Strengths seen", doc.strengths, width, quoted=False)
    if doc.opportunities:
        out += _notes("Opportunities seen", doc.opportunities, width, quoted=False)
    return out


def observation_story(doc: ObservationDoc, branding: Branding) -> list:
    s = styles.styles()
    width = layout.body_width(branding.paper)
    subtitle = " · ".join(x for x in (doc.agent_name, doc.team_name, day(doc.started_at)) if x)
    out: list = [layout.Section(f"Observation · {doc.agent_name} · {day(doc.started_at)}"),
                 *title_block("Observation record", subtitle, width)]
    times = f"{_clock(doc.started_at)}–{_clock(doc.ended_at)}" if doc.ended_at else f"from {_clock(doc.started_at)}"
    facts = [f"Observed by {doc.observer_name}" if doc.observer_name else "", doc.mode.capitalize(), times,
             f"{doc.interactions} interaction{'s' if doc.interactions != 1 else ''}",
             "" if doc.status == "completed" else f"status: {doc.status}"]
    out.append(para(" · ".join(x for x in facts if x), s.small, width))
    out.append(heading("Behaviours scored"))
    if doc.overall.n:
        overall = "–" if doc.overall.score is None else f"{doc.overall.score:.0f}"
        out.append(rich("Overall <b>{score}</b> / 100 from {n} observation{s}.", s.body, score=overall,
                        n=str(doc.overall.n), s="s" if doc.overall.n != 1 else ""))
        rows = [[b.name, "–" if b.score is None else f"{b.score:.0f}",
                 str(b.n) + (" (too few)" if b.n < MIN_OBSERVATIONS else "")] for b in doc.behaviours]
        out.append(table(["Behaviour", "Score", "Seen"], rows, [width * f for f in (0.64, 0.14, 0.22)]))
        out.append(para(f"Scores out of 100. A score from fewer than {MIN_OBSERVATIONS} observations is too few to "
                        "compare.", s.small, width))
    else:
        out.append(none_line("No behaviour was scored in this session."))
    for kind, title in _NOTE_TITLES:
        notes = tuple(n for n in doc.notes if n.kind == kind)
        if notes:
            out += _notes(title, notes, width, quoted=kind == "verbatim")
    out.append(heading("Feedback"))
    out += _conversation(doc.feedback, width) if doc.feedback else [none_line("No feedback recorded yet.")]
    if doc.amendments:
        out.append(heading("Amendments"))
        out += [para(f"• {text}", s.bullet, width - 12) for text in doc.amendments]
    return out


def build_feedback(docs: list[FeedbackRecordDoc], branding: Branding) -> bytes:
    story: list = []
    for i, doc in enumerate(docs):
        story += ([PageBreak()] if i else []) + feedback_story(doc, branding)
    return layout.build(story, branding, title=f"Feedback: {docs[0].agent_name}", subject="Feedback record")


def build_observation(doc: ObservationDoc, branding: Branding) -> bytes:
    return layout.build(observation_story(doc, branding), branding, title=f"Observation: {doc.agent_name}",
                        subject="Observation record")
