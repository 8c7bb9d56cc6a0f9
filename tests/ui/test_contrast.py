"""Text reaches 4.5:1 on its background in the light and the dark palette, over every text role and the
backgrounds style sheets draw it on (they use the same roles through ``palette(...)``)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyleFactory

from coachdesk.ui.kit.contrast import MINIMUM, accessible_palette, failures, ratio, readable
from coachdesk.ui.theme import apply_theme, dark_palette


def light_palette() -> QPalette:
    return QStyleFactory.create("Fusion").standardPalette()


def test_the_ratio_matches_wcag() -> None:
    assert ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert ratio(QColor("#777777"), QColor("#efefef")) == pytest.approx(3.9, abs=0.05)  # the captions
    assert ratio(QColor("#ffffff"), QColor("#308cc6")) == pytest.approx(3.7, abs=0.05)  # the selected page


@pytest.mark.parametrize("make", [light_palette, dark_palette], ids=["light", "dark"])
def test_every_text_role_is_readable_after_the_theme(qapp, make) -> None:  # noqa: ANN001
    palette = make()
    assert failures(palette), "the raw palette already passes: this test would prove nothing"
    fixed = accessible_palette(palette)
    assert failures(fixed) == []
    # what passed is kept: the normal text colours do not move
    assert fixed.color(QPalette.ColorRole.Text) == palette.color(QPalette.ColorRole.Text)


def test_readable_moves_only_as_far_as_needed() -> None:
    grey, white = QColor("#bebebe"), QColor("#ffffff")
    moved = readable(grey, [white])
    assert ratio(moved, white) >= MINIMUM
    assert ratio(moved, white) < MINIMUM + 1.0  # still a grey, not black
    assert readable(QColor("#000000"), [white]) == QColor("#000000")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_applied_theme_passes(qapp, scheme: str) -> None:  # noqa: ANN001
    saved_palette, saved_style = qapp.palette(), qapp.style().name()
    try:
        apply_theme(qapp, scheme)
        assert failures(qapp.palette()) == []
    finally:
        qapp.setStyle(saved_style)
        qapp.setPalette(saved_palette)
