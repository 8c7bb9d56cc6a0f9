"""Recognition, printed two ways: a landscape certificate for the wall and a letter for the agent to keep."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Spacer

from coachdesk.domain import date_words
from coachdesk.reports.model import Branding, RecognitionDoc
from coachdesk.reports.pdf import layout, styles
from coachdesk.reports.pdf.text import para, rich


def _long_date(day) -> str:  # noqa: ANN001
    return date_words.date_words(day)


def _footer(doc: RecognitionDoc) -> str:
    return f"Recognition · {doc.agent_name} · {date_words.date_words(doc.recognised_on)}"


def source_label(source: str) -> str:
    """Who the praise came from, as a reader says it: "Customer: Mrs Patel" -> "Mrs Patel (customer)"."""
    kind, colon, name = source.partition(":")
    if colon and name.strip() and len(kind.split()) <= 2:
        return f"{name.strip()} ({kind.strip().lower()})"
    return source.strip()


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()).strip(" .!") == " ".join(b.lower().split()).strip(" .!")


def _words(doc: RecognitionDoc) -> str:
    """The words to quote: none when they only repeat what the recognition already says."""
    if not doc.words or _same(doc.words, doc.what_they_did) or _same(doc.words, doc.title):
        return ""
    return doc.words


def _what(doc: RecognitionDoc) -> str:
    return "" if _same(doc.what_they_did, doc.title) else doc.what_they_did


def _speaker(doc: RecognitionDoc) -> str:
    return source_label(doc.source) if doc.source else doc.given_by


class Centred(Flowable):
    """Its flowables, centred as one block in the height left on the page (a certificate sits in the middle of its
    frame); when they need more than a page (hostile, very long text) they flow from the top as usual."""

    def __init__(self, items: list) -> None:
        super().__init__()
        self.items = items
        self._sizes: list[tuple[float, float]] = []
        self._content = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._sizes = [item.wrap(avail_width, avail_height) for item in self.items]
        self._content = sum(h + item.getSpaceBefore() + item.getSpaceAfter()
                            for item, (_w, h) in zip(self.items, self._sizes, strict=True))
        self.width, self.height = avail_width, max(avail_height, self._content)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list:
        return list(self.items) if self._content > avail_height else []

    def draw(self) -> None:
        y = self.height - (self.height - self._content) / 2
        for item, (w, h) in zip(self.items, self._sizes, strict=True):
            y -= item.getSpaceBefore() + h
            align = str(getattr(item, "hAlign", "LEFT")).upper()
            x = (self.width - w) / 2 if align in ("CENTER", "CENTRE") else self.width - w if align == "RIGHT" else 0
            item.drawOn(self.canv, x, y)
            y -= item.getSpaceAfter()


def certificate_story(doc: RecognitionDoc, branding: Branding) -> list:
    s = styles.styles()
    width = layout.body_width(branding.paper, layout.CERTIFICATE)
    story: list = [layout.Section(_footer(doc))]
    if branding.organisation:
        story.append(para(branding.organisation.upper(), s.cert_org, width))
    story += [Spacer(1, 3 * mm), para("Certificate of Recognition", s.cert_title, width),
              para("proudly presented to", s.cert_small, width), para(doc.agent_name, s.cert_name, width),
              HRFlowable(width="40%", thickness=1.2, color=styles.GOLD, spaceBefore=2, spaceAfter=8, hAlign="CENTER"),
              para(doc.title, s.cert_for, width)]
    if _what(doc):
        story.append(para(_what(doc), s.cert_body, width))
    if doc.behaviour:
        story.append(rich("A fine example of “{behaviour}”", s.cert_small, behaviour=doc.behaviour))
    if doc.objective:
        story.append(rich("Working towards: {objective}", s.cert_small, objective=doc.objective))
    words = _words(doc)
    if words:
        story += [para(f"“{words}”", s.cert_quote, width), para(f"— {_speaker(doc)}", s.cert_small, width)]
    elif doc.source:
        story.append(para(f"Praised by {source_label(doc.source)}", s.cert_small, width))
    # the giver is named once: under their own words, else on the last line
    presented = f"presented by {doc.given_by}" if doc.given_by and not (words and _speaker(doc) == doc.given_by) else ""
    story += [Spacer(1, 6 * mm),
              para("  ·  ".join(x for x in (_long_date(doc.recognised_on), doc.team_name,
                                             presented) if x),
                   s.cert_small, width)]
    return [story[0], Centred(story[1:])]


def letter_story(doc: RecognitionDoc, branding: Branding) -> list:
    s = styles.styles()
    width = layout.body_width(branding.paper)
    story: list = [layout.Section(_footer(doc)), Spacer(1, 6 * mm),
                   para(_long_date(doc.recognised_on), s.small, width), Spacer(1, 8 * mm),
                   para(f"Dear {doc.agent_name},", s.letter, width),
                   para("I want to recognise you, formally and in writing, for:", s.letter, width),
                   para(doc.title, s.h1, width)]
    if _what(doc):
        story.append(para(_what(doc), s.letter, width))
    if doc.behaviour or doc.objective:
        shows = " and ".join(f"“{x}”" for x in (doc.behaviour, doc.objective) if x)
        story.append(rich("This is what {shows} looks like at its best, and it made a difference to our customers "
                          "and to the team.", s.letter, shows=shows))
    words = _words(doc)
    if words and doc.source:
        story += [para(f"{source_label(doc.source)} said:", s.letter, width), para(f"“{words}”", s.quote, width)]
    elif words:
        story += [para(f"In {doc.given_by}'s words:" if doc.given_by else "In my words:", s.letter, width),
                  para(f"“{words}”", s.quote, width)]
    elif doc.source:
        story.append(para(f"This praise came from {source_label(doc.source)}.", s.letter, width))
    story += [para("Thank you. Keep it up.", s.letter, width), Spacer(1, 14 * mm),
              HRFlowable(width="35%", thickness=0.6, color=styles.INK, hAlign="LEFT", spaceAfter=2),
              para(doc.given_by or "Team leader", s.body, width)]
    if doc.team_name:
        story.append(para(doc.team_name, s.small, width))
    return story


def build_certificates(docs: list[RecognitionDoc], branding: Branding) -> bytes:
    story: list = []
    for i, doc in enumerate(docs):
        if i:
            story += [layout.next_template(layout.CERTIFICATE), PageBreak()]
        story += certificate_story(doc, branding)
    title = f"Recognition: {docs[0].agent_name}" if len(docs) == 1 else f"Recognitions ({len(docs)})"
    return layout.build(story, branding, title=title, subject="Certificate of recognition", first=layout.CERTIFICATE)


def build_letters(docs: list[RecognitionDoc], branding: Branding) -> bytes:
    story: list = []
    for i, doc in enumerate(docs):
        if i:
            story.append(PageBreak())
        story += letter_story(doc, branding)
    title = f"Recognition letter: {docs[0].agent_name}" if len(docs) == 1 else f"Recognition letters ({len(docs)})"
    return layout.build(story, branding, title=title, subject="Letter of recognition")
