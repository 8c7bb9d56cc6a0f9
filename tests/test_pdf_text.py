"""User text in the PDFs (reports layer alone): printed as typed whatever it holds, in order, on pages that are
numbered and carry their metadata; read back with pypdf and rendered with pdftoppm where it exists."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from coachdesk.reports.model import Branding, RecognitionDoc
from coachdesk.reports.pdf import fonts, recognition, text

MARKUP = "<b>not bold</b> & <i>unclosed <font name='x'> &amp; </para> <br/> 5 < 6 > 4"
SCRIPTS = {
    "accents": "Zoë Ångström façade naïve",
    "cyrillic": "Привет мир",
    "greek": "Καλημέρα κόσμε",
    "chinese": "你好世界",
    "japanese": "こんにちは世界",
    "korean": "안녕하세요",
    "emoji": "Great job 🎉👍",
}
HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"
BRANDING = Branding("Northwind Contact Centre", None, "A4", date(2026, 11, 22))


def _doc(**changes: str) -> RecognitionDoc:
    values = dict(uuid="u1", agent_name="Ana Silva", team_name="Billing", title="Calm under pressure",
                  what_they_did="Resolved it.", words="", given_by="Sam Leader", behaviour="Empathy", objective="",
                  recognised_on=date(2026, 11, 3))
    values.update(changes)
    return RecognitionDoc(**values)


def _letter(**changes: str) -> PdfReader:
    return PdfReader(io.BytesIO(recognition.build_letters([_doc(**changes)], BRANDING)))


def _plain(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_markup_characters_print_as_typed() -> None:
    got = _plain(_letter(what_they_did=MARKUP))
    assert MARKUP in " ".join(got.split())


def test_every_script_prints_in_order_in_a_font_that_has_its_glyphs() -> None:
    line = " | ".join(SCRIPTS.values())
    got = " ".join(_plain(_letter(what_they_did=line)).split())
    assert " | ".join(SCRIPTS.values()) in got
    for sample in SCRIPTS.values():
        for name, piece in fonts.runs(sample, fonts.SANS):
            assert all(fonts.has_glyph(name, c) for c in piece if not c.isspace()), (name, piece)


def test_each_script_goes_to_its_fallback_font() -> None:
    assert fonts.font_for("你", fonts.SANS) == fonts.CJK
    assert fonts.font_for("안", fonts.SANS) == fonts.HANGUL
    assert fonts.font_for("🎉", fonts.SANS) == fonts.EMOJI
    assert fonts.font_for("Ж", fonts.SANS_BOLD) == fonts.SANS_BOLD
    assert text.markup("a 你 b") == f'a <font face="{fonts.CJK}">你</font> b'


def test_rtl_lines_are_laid_out_in_visual_order() -> None:
    lines, rtl = text.visual_lines(f"{HEBREW} 2026", fonts.SANS, 10, 400)
    assert rtl and lines == ["2026 " + HEBREW[::-1]]  # right to left: the number ends up at the left
    lines, rtl = text.visual_lines(f"mixed English then {HEBREW} end", fonts.SANS, 10, 400)
    assert not rtl and lines == [f"mixed English then {HEBREW[::-1]} end"]
    (shaped,), rtl = text.visual_lines(ARABIC, fonts.SANS, 10, 400)
    assert rtl and all("\ufe70" <= c <= "\ufeff" or c == " " for c in shaped)  # joined presentation forms
    assert unicodedata.normalize("NFKC", shaped[::-1]) == ARABIC


PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_rtl_text_reads_back_in_logical_order(tmp_path) -> None:  # noqa: ANN001
    pdf = tmp_path / "rtl.pdf"
    pdf.write_bytes(recognition.build_letters([_doc(what_they_did=f"{HEBREW} 2026\n{ARABIC}")], BRANDING))
    got = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    folded = unicodedata.normalize("NFKC", got)
    assert HEBREW in folded and ARABIC in folded and "2026" in folded


def test_long_rtl_text_wraps_into_lines_that_fit() -> None:
    long = " ".join([HEBREW] * 60)
    lines, rtl = text.visual_lines(long, fonts.SANS, 10, 200)
    assert rtl and len(lines) > 5
    assert all(fonts.text_width(line, fonts.SANS, 10) <= 200 for line in lines)
    assert sorted("".join(lines).replace(" ", "")) == sorted(long.replace(" ", ""))


def test_a_word_longer_than_the_line_wraps_and_keeps_every_character() -> None:
    word = "x" * 400 + "END"
    got = _plain(_letter(what_they_did=word))
    lines = [line for line in got.splitlines() if "xxx" in line]
    assert len(lines) >= 3
    assert "".join(line.strip() for line in lines).endswith(word)


def test_a_10000_character_note_flows_across_pages_in_order() -> None:
    words = [f"w{n:04d}" for n in range(1700)]
    note = " ".join(words)
    assert len(note) >= 10_000
    reader = _letter(what_they_did=note)
    assert len(reader.pages) >= 3
    got = _plain(reader).split()
    found = [w for w in got if w.startswith("w") and len(w) == 5]
    assert found == words
    last = reader.pages[-1].extract_text()
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last


def test_pages_carry_footer_numbers_and_metadata() -> None:
    reader = PdfReader(io.BytesIO(recognition.build_certificates([_doc(), _doc(agent_name="Bo Li")], BRANDING)))
    assert len(reader.pages) == 2
    assert reader.metadata.title == "Recognitions (2)"
    assert reader.metadata.author == "Northwind Contact Centre"
    first = reader.pages[0].extract_text()
    # a certificate goes on a wall: no report footer, no page numbers
    assert "Page 1" not in first and "Printed" not in first and "Recognition · Ana Silva" not in first
    assert "Ana Silva" in first
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)  # landscape
    letters = PdfReader(io.BytesIO(recognition.build_letters([_doc(), _doc(agent_name="Bo Li")], BRANDING)))
    assert len(letters.pages) == 2
    first, second = (page.extract_text() for page in letters.pages)
    assert "Page 1 of 1" in first and "Page 1 of 1" in second  # numbered within each letter of the batch
    assert "Printed 22 Nov 2026" in first and "Recognition · Ana Silva · 3 Nov 2026" in first  # not ISO


def test_control_characters_and_lone_surrogates_are_dropped_not_fatal() -> None:
    got = _plain(_letter(what_they_did="a\x00b\x07c\ud800d\r\ne"))
    assert "abcd\ne" in got.replace(" ", "")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_first_page_renders_and_is_not_blank(tmp_path) -> None:  # noqa: ANN001
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(recognition.build_certificates([_doc(what_they_did=" ".join(SCRIPTS.values()))], BRANDING))
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    from PIL import Image

    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    dark = sum(image.point(lambda v: 255 if v < 128 else 0).histogram()[255:])
    assert dark > 0.01 * image.width * image.height


def test_a_certificate_too_long_for_one_page_flows_on_and_keeps_every_word() -> None:
    words = " ".join(f"word{i}" for i in range(1600))  # about 13,000 characters
    reader = PdfReader(io.BytesIO(recognition.build_certificates([_doc(what_they_did=words)], BRANDING)))
    assert len(reader.pages) >= 2
    text = "".join(page.extract_text() for page in reader.pages)
    assert "word0 " in text and "word1599" in text


def test_a_saved_report_is_readable_like_any_file_the_user_saves(tmp_path) -> None:  # noqa: ANN001
    import os
    import stat

    from coachdesk.services.reports import save

    umask = os.umask(0o022)
    try:
        path = save(b"%PDF-1.4\n%%EOF\n", tmp_path / "out.pdf")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_page_with_no_content_is_dropped_and_the_numbers_still_add_up() -> None:
    """Content that ends right at the bottom of a page, then something without content that spills over (a
    spacer): no blank last page, and "Page 2 of 2", never "Page 3 of 3"."""
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    from coachdesk.reports.pdf import layout, styles

    s = styles.styles()
    room = layout.page_size("A4")[1] - 46 * mm - 12  # the portrait frame's height inside its padding
    story = [layout.Section("Feedback summary · Ana Silva"), Paragraph("First page", s.body), PageBreak(),
             Paragraph("Second page, full to the bottom", s.body), Spacer(1, room - 40),
             Spacer(1, 30), PageBreak(), layout.Section("Feedback summary · Bo Li"), Paragraph("Bo's page", s.body)]
    reader = PdfReader(io.BytesIO(layout.build(story, BRANDING, title="t")))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) == 3
    assert "Page 2 of 2" in pages[1] and "Second page" in pages[1]
    assert "Bo's page" in pages[2] and "Page 1 of 1" in pages[2]
