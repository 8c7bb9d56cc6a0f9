"""The one-to-one prep sheet: what the leader takes into the room, section by section (content from the
one-to-ones service), with room to write."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable

from coachdesk.reports.model import Branding, PrepDoc
from coachdesk.reports.pdf import layout, styles
from coachdesk.reports.pdf.blocks import day, heading, none_line, title_block
from coachdesk.reports.pdf.text import para


def story(doc: PrepDoc, branding: Branding) -> list:
    s = styles.styles()
    width = layout.body_width(branding.paper)
    subtitle = " · ".join(x for x in (doc.agent_name, doc.team_name, f"prepared {day(doc.prepared_on)}") if x)
    out: list = [layout.Section(f"One-to-one prep · {doc.agent_name} · {day(doc.prepared_on)}"),
                 *title_block("One-to-one preparation", subtitle, width)]
    for section in doc.sections:
        out.append(heading(section.title))
        if not section.lines:
            out.append(none_line("Nothing to bring up."))
        for text in section.lines:
            out.append(para(f"• {text}", s.bullet, width - 12))
    out.append(heading("Notes"))
    for _ in range(6):
        out.append(HRFlowable(width="100%", thickness=0.4, color=styles.RULE, spaceBefore=7 * mm, spaceAfter=0))
    return out


def build(doc: PrepDoc, branding: Branding) -> bytes:
    return layout.build(story(doc, branding), branding, title=f"One-to-one prep: {doc.agent_name}",
                        subject="One-to-one preparation sheet")
