"""Report settings: organisation name, logo and paper size kept in ``app_setting``; the paper follows the locale
until one is chosen; a bad logo is refused with the field named, and one that later goes missing is left out."""

from __future__ import annotations

import pytest

from coachdesk.domain.errors import ValidationError
from coachdesk.services import common

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00"
       b"\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.mark.parametrize(("name", "paper"), [("en_US.UTF-8", "Letter"), ("en_CA", "Letter"), ("fr_FR.UTF-8", "A4"),
                                             ("en_GB", "A4"), ("C", "A4"), ("", "A4"), ("es-MX", "Letter")])
def test_default_paper_follows_the_locale(name: str, paper: str) -> None:
    assert common.default_paper(name) == paper


def test_settings_round_trip_and_branding(db, tmp_path) -> None:  # noqa: ANN001
    assert common.report_settings(db).paper_is_default
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    saved = common.save_report_settings(db, "  Northwind & Co  ", str(logo), "Letter")
    assert (saved.organisation, saved.logo_path, saved.paper, saved.paper_is_default) == \
        ("Northwind & Co", str(logo), "Letter", False)
    branding = common.branding(db)
    assert branding.organisation == "Northwind & Co" and branding.logo == PNG and branding.paper == "Letter"
    logo.unlink()  # a logo that went missing is left out, never a failed report
    assert common.branding(db).logo is None
    back = common.save_report_settings(db, "", "", None)
    assert back.organisation == "" and back.paper_is_default


def test_bad_settings_are_refused_with_the_field_named(db, tmp_path) -> None:  # noqa: ANN001
    text = tmp_path / "logo.png"
    text.write_text("not an image")
    for call, field in ((lambda: common.save_report_settings(db, "x", str(text), None), "Logo:"),
                        (lambda: common.save_report_settings(db, "x", str(tmp_path / "gone.png"), None), "Logo:"),
                        (lambda: common.save_report_settings(db, "x", "", "A3"), "Paper size:"),
                        (lambda: common.save_report_settings(db, "x" * 201, "", None), "Organisation name:")):
        with pytest.raises(ValidationError) as error:
            call()
        assert str(error.value).startswith(field)
    assert common.report_settings(db).organisation == ""  # nothing half-saved
