"""Readable colours: the WCAG contrast ratio, and a palette whose every text role reaches 4.5:1 on the backgrounds
it is drawn on (captions and hints, selected items, disabled and dimmed rows), in light and dark palettes alike."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

#: WCAG 2 AA for normal text.
MINIMUM = 4.5
#: WCAG 2 AA for what is not text: the selection and the focus ring (drawn in the highlight colour) on the window.
RING = 3.0

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

#: (text role, the background roles it is drawn on); style sheets use the same roles through ``palette(...)``.
TEXT_ON: tuple[tuple[QPalette.ColorRole, tuple[QPalette.ColorRole, ...]], ...] = (
    (Role.WindowText, (Role.Window, Role.Button)),
    (Role.Text, (Role.Base, Role.AlternateBase)),
    (Role.ButtonText, (Role.Button, Role.Window)),
    (Role.PlaceholderText, (Role.Window, Role.Base, Role.AlternateBase)),
    (Role.ToolTipText, (Role.ToolTipBase,)),
    (Role.Link, (Role.Base, Role.Window)),
)
GROUPS = (Group.Active, Group.Inactive, Group.Disabled)


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def over(color: QColor, background: QColor) -> QColor:
    """``color`` as seen over ``background`` (a translucent colour, like Qt's default placeholder text, blended)."""
    alpha = color.alphaF()
    if alpha >= 1.0:
        return QColor(color.red(), color.green(), color.blue())
    return QColor.fromRgbF(*(c * alpha + b * (1 - alpha) for c, b in zip(
        (color.redF(), color.greenF(), color.blueF()), (background.redF(), background.greenF(), background.blueF()),
        strict=True)))


def ratio(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of ``first`` (blended over ``second`` when translucent) on ``second``, 1 to 21."""
    first = over(first, second)
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _mix(color: QColor, toward: QColor, share: float) -> QColor:
    return QColor.fromRgbF(color.redF() + (toward.redF() - color.redF()) * share,
                           color.greenF() + (toward.greenF() - color.greenF()) * share,
                           color.blueF() + (toward.blueF() - color.blueF()) * share)


def readable(text: QColor, backgrounds: list[QColor], minimum: float = MINIMUM) -> QColor:
    """``text`` moved just far enough toward black (on light backgrounds) or white (on dark) to reach ``minimum``
    against every background; unchanged when it already does."""
    if all(ratio(text, b) >= minimum for b in backgrounds):
        return text
    text = over(text, backgrounds[0])
    dark = sum(luminance(b) for b in backgrounds) / len(backgrounds) < 0.18
    end = QColor(255, 255, 255) if dark else QColor(0, 0, 0)
    for step in range(1, 21):
        moved = _mix(text, end, step / 20)
        if all(ratio(moved, b) >= minimum for b in backgrounds):
            return moved
    return end


def accessible_palette(palette: QPalette, minimum: float = MINIMUM) -> QPalette:
    """A copy of ``palette`` whose text roles reach ``minimum`` on their backgrounds; the selection colour darkens
    until the highlighted text on it does too, unless that would lose the selection (and the focus ring) against the
    window, when the highlighted text changes instead. Colours that already pass are kept as they are."""
    result = QPalette(palette)
    for group in GROUPS:
        for text_role, background_roles in TEXT_ON:
            backgrounds = [palette.color(group, role) for role in background_roles]
            result.setColor(group, text_role, readable(palette.color(group, text_role), backgrounds, minimum))
        highlight, highlighted = palette.color(group, Role.Highlight), palette.color(group, Role.HighlightedText)
        darker = readable(highlight, [highlighted], minimum)
        if ratio(darker, palette.color(group, Role.Window)) >= RING:
            result.setColor(group, Role.Highlight, darker)
        else:
            result.setColor(group, Role.HighlightedText, readable(highlighted, [highlight], minimum))
    return result


def failures(palette: QPalette, minimum: float = MINIMUM) -> list[str]:
    """Every text role and background pair under ``minimum``, as "PlaceholderText on Window (Active) 3.9:1"."""
    found = []
    pairs = [*TEXT_ON, (Role.HighlightedText, (Role.Highlight,))]
    for group in GROUPS:
        for text_role, background_roles in pairs:
            for role in background_roles:
                value = ratio(palette.color(group, text_role), palette.color(group, role))
                if value < minimum:
                    found.append(f"{text_role.name} on {role.name} ({group.name}) {value:.1f}:1")
        ring = ratio(palette.color(group, Role.Highlight), palette.color(group, Role.Window))
        if group != Group.Disabled and ring < RING:
            found.append(f"Highlight (selection, focus ring) on Window ({group.name}) {ring:.1f}:1")
    return found
