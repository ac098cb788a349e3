"""Every text colour of both schemes reads on the surfaces it is drawn on: WCAG 2 contrast
of at least 4.5:1 for body text and 3:1 for secondary text (axis labels, second lines,
placeholders), and 3:1 for coloured marks (dots, gauges, chart lines). Disabled controls
are exempt, as in WCAG (1.4.3, "inactive components")."""

from __future__ import annotations

from dataclasses import fields

import pytest

from shopwatch.ui import theme

BODY, SECONDARY = 4.5, 3.0


def luminance(hex_color: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB``."""
    value = hex_color.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def over(color: str, alpha: int, base: str) -> str:
    """``color`` at ``alpha``/255 opacity painted on ``base`` (a badge's tint)."""
    c, b = color.lstrip("#"), base.lstrip("#")
    mix = [round(int(c[i:i + 2], 16) * alpha / 255 + int(b[i:i + 2], 16) * (1 - alpha / 255))
           for i in (0, 2, 4)]
    return "#" + "".join(f"{v:02X}" for v in mix)


def test_the_contrast_formula_matches_wcag_reference_values():
    # values published with WCAG 2 and its common checkers
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "#FFFFFF") < BODY  # the usual "just fails" grey
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


def text_pairs(s: theme.Scheme) -> list[tuple[str, str, str, float]]:
    """(what, text colour, background, minimum) for every place a text role is drawn."""
    pairs = []

    def add(text_role: str, backgrounds: tuple[str, ...], minimum: float) -> None:
        for bg in backgrounds:
            pairs.append((f"{text_role} on {bg}", getattr(s, text_role), getattr(s, bg),
                          minimum))

    surfaces = ("window", "card", "card_alt", "header", "input", "hover")
    add("ink", surfaces + ("accent_soft", "selection", "banner", "banner_critical"), BODY)
    add("muted", surfaces, BODY)
    add("faint", surfaces + ("accent_soft",), SECONDARY)
    add("accent_strong", ("window", "card", "banner", "banner_critical"), BODY)
    add("on_primary", ("primary", "primary_hover", "count_badge"), BODY)
    add("tooltip_ink", ("tooltip",), BODY)
    add("sidebar_ink", ("sidebar", "sidebar_hover", "sidebar_selected"), BODY)
    add("sidebar_strong", ("sidebar", "sidebar_hover", "sidebar_selected", "sidebar_field"),
        BODY)
    add("sidebar_muted", ("sidebar",), SECONDARY)
    for role in theme.SEMANTIC:
        add(f"{role}_text", ("window", "card", "header"), BODY)
        # a badge: the text shade on the mark's tint, on a plain, alternate or selected row
        for row in ("card", "card_alt", "accent_soft"):
            tint = over(getattr(s, role), s.badge_alpha, getattr(s, row))
            pairs.append((f"{role} badge on {row}", s.text_for(role), tint, BODY))
    return pairs


@pytest.mark.parametrize("scheme", [theme.LIGHT, theme.DARK], ids=lambda s: s.name)
def test_every_text_role_reads_on_its_backgrounds(scheme):
    failures = [f"{what}: {contrast(fg, bg):.2f} < {minimum}"
                for what, fg, bg, minimum in text_pairs(scheme)
                if contrast(fg, bg) < minimum]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("scheme", [theme.LIGHT, theme.DARK], ids=lambda s: s.name)
def test_no_text_role_escapes_the_contrast_check(scheme):
    # a new role named like text (…ink, …_text, muted, faint) must be given its backgrounds
    checked = {what.split(" ")[0] for what, *_ in text_pairs(scheme)}
    checked |= {f"{role}_text" for role in theme.SEMANTIC}
    text_like = {f.name for f in fields(theme.Scheme)
                 if f.name.endswith(("ink", "_text", "muted", "faint", "_strong"))
                 or f.name == "on_primary"}
    assert text_like <= checked, sorted(text_like - checked)


@pytest.mark.parametrize("scheme", [theme.LIGHT, theme.DARK], ids=lambda s: s.name)
def test_coloured_marks_stand_out_from_the_card(scheme):
    # WCAG 1.4.11 (non-text contrast): status dots, gauge fills, chart line and bars, 3:1
    marks = (*theme.SEMANTIC, "chart_line", "chart_bar", "accent")
    failures = [f"{role}: {contrast(getattr(scheme, role), scheme.card):.2f}" for role in marks
                if contrast(getattr(scheme, role), scheme.card) < SECONDARY]
    assert not failures, failures


def test_the_check_catches_a_light_colour_on_the_dark_scheme():
    # the failure this file guards against: light mode's ink left on dark cards
    assert contrast(theme.LIGHT.ink, theme.DARK.card) < SECONDARY
    assert contrast(theme.LIGHT.critical_text, theme.DARK.card) < BODY
