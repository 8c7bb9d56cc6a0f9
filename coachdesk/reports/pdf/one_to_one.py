"""The one-to-one record for the agent to keep: expectations, objectives agreed, motivators, rewards, actions and
commitments, and the acknowledgement (or signature lines when it is printed before one). A draft that was never held
prints as an agenda: what will be discussed, no "agreed", no signature lines."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Table, TableStyle

from coachdesk.reports.model import Branding, ItemLine, OneToOneDoc
from coachdesk.reports.pdf import blocks, fonts, layout, styles
from coachdesk.reports.pdf.blocks import day, gap, heading, labelled, none_line, table, title_block
from coachdesk.reports.pdf.text import para, rich

_TYPES = {"expectation_setting": "Expectation setting", "review": "Review", "development": "Development"}
_ACTIONS = {"created": "Set", "discussed": "Discussed", "reviewed": "Reviewed", "changed": "Changed",
            "closed": "Closed"}
_SECTIONS = (("expectation", "Expectations"), ("motivator", "What motivates them"), ("reward", "Rewards"))


def _bullets(items: list[ItemLine], width: float) -> list:
    s = styles.styles()
    out = []
    for item in items:
        extra = f" ({item.reward_scope} reward)" if item.reward_scope else ""
        out.append(para(f"• {item.text}{extra}", s.bullet, width - 12))
    return out


def _signatures(doc: OneToOneDoc, width: float) -> KeepTogether:
    s = styles.styles()
    cells = [[para("Agent: " + doc.agent_name, s.cell, width * 0.45), "",
              para("Leader: " + (doc.leader_name or ""), s.cell, width * 0.45)],
             [Paragraph("Signature and date", s.small), "", Paragraph("Signature and date", s.small)]]
    grid = Table([["", "", ""], *cells], colWidths=[width * 0.45, width * 0.1, width * 0.45],
                 rowHeights=[16 * mm, None, None])
    grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.SANS, 8.5), ("LINEBELOW", (0, 0), (0, 0), 0.7, styles.INK),
                              ("LINEBELOW", (2, 0), (2, 0), 0.7, styles.INK),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([heading("Acknowledgement"),
                         Paragraph("We discussed and agreed the points above.", s.body), grid])


def story(doc: OneToOneDoc, branding: Branding) -> list:
    s = styles.styles()
    width = layout.body_width(branding.paper)
    when = doc.held_at or doc.scheduled_for
    kind = _TYPES.get(doc.type, doc.type.replace("_", " ").capitalize())
    subtitle = " · ".join(x for x in (doc.agent_name, doc.team_name, f"{kind} one-to-one", day(when)) if x)
    draft = doc.status == "draft"
    title = "One-to-one agenda (draft)" if draft else "One-to-one record"
    out: list = [layout.Section(f"{'One-to-one agenda' if draft else 'One-to-one'} · {doc.agent_name} · {day(when)}"),
                 *title_block(title, subtitle, width)]
    who = [f"Leader: {doc.leader_name}" if doc.leader_name else ""]
    if doc.participants:
        who.append(("Invited: " if draft else "Also present: ") + ", ".join(doc.participants))
    if any(who):
        out.append(para(" · ".join(x for x in who if x), s.small, width))
    if draft:
        out.append(rich("<b>Draft:</b> this one-to-one has not been held yet. This is what is planned to be "
                        "discussed{on}, not a record of what was agreed.", s.body,
                        on=f" on {day(doc.scheduled_for)}" if doc.scheduled_for else ""))
    if doc.summary:
        out += [heading("Summary"), para(doc.summary, s.body, width)]
    by_kind: dict[str, list[ItemLine]] = {}
    for item in doc.items:
        by_kind.setdefault(item.kind, []).append(item)
    for kind_key, title in _SECTIONS:
        if by_kind.get(kind_key):
            out += [heading(title), *_bullets(by_kind[kind_key], width)]
    out.append(heading("Objectives to discuss" if draft else "Objectives discussed"))
    if doc.objectives:
        rows = [[o.statement, o.measure, o.target, o.current, _ACTIONS.get(action, action.capitalize()), note]
                for o, action, note in doc.objectives]
        out.append(table(["Objective", "Measure", "Target", "Current", "In this meeting", "Note"], rows,
                         [width * f for f in (0.32, 0.14, 0.1, 0.1, 0.14, 0.2)]))
    else:
        out.append(none_line("No objectives are planned." if draft else "No objectives were discussed."))
    actions = by_kind.get("action", []) + by_kind.get("commitment", [])
    out.append(heading("Open actions and commitments" if draft else "Actions and commitments"))
    if actions:
        rows = [[a.kind.capitalize() + (" (carried)" if a.carried else ""), a.text, a.owner or "–", day(a.due),
                 a.status.replace("_", " ") or "open"] for a in actions]
        out.append(table(["Kind", "What", "Owner", "Due", "Status"], rows,
                         [width * f for f in (0.15, 0.43, 0.16, 0.14, 0.12)]))
    else:
        out.append(none_line("No actions or commitments."))
    if by_kind.get("agenda") or by_kind.get("note"):
        out += [heading("Agenda" if draft else "Other points"),
                *_bullets(by_kind.get("agenda", []) + by_kind.get("note", []), width)]
    if doc.agent_comments:
        out += [gap(2), labelled("The agent's comments", doc.agent_comments, width)]
    if doc.next_date:
        out.append(rich("<b>Next one-to-one:</b> {d}", s.body, d=day(doc.next_date)))
    if doc.acknowledged_at:
        out += [heading("Acknowledgement"),
                rich("Acknowledged by <b>{name}</b> on {on}.", s.body, name=doc.acknowledged_name or doc.agent_name,
                     on=blocks.when(doc.acknowledged_at))]
        if doc.acknowledgement_comment:
            out.append(para(doc.acknowledgement_comment, s.quote, width - 14))
    elif not draft:
        out.append(_signatures(doc, width))
    return out


def build(docs: list[OneToOneDoc], branding: Branding) -> bytes:
    out: list = []
    for i, doc in enumerate(docs):
        if i:
            out.append(PageBreak())
        out += story(doc, branding)
    title = f"One-to-one: {docs[0].agent_name}" if len(docs) == 1 else f"One-to-ones ({len(docs)})"
    return layout.build(out, branding, title=title, subject="One-to-one record")
