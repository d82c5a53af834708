"""The one table of roles (resources/palette.json): complete, and readable by WCAG in every palette."""

import json
import math
from importlib.resources import files

import pytest

TABLE = json.loads((files("resources") / "palette.json").read_text(encoding="utf-8"))
PALETTES = TABLE["palettes"]
TEXT_ON_FILL = 4.5
"""WCAG 2 AA for body text."""
MARK_ON_BASE = 3.0
"""WCAG 2 AA for graphical objects and large text: glyphs, underlines, bands."""
APART = 25
"""CIE76 colour difference beyond which two colours are told apart at a glance."""


def _luminance(colour: str) -> float:
    """WCAG relative luminance of #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def difference(a: str, b: str) -> float:
    """CIE76 ΔE between two colours."""
    return math.dist(_lab(a), _lab(b))


def test_the_four_palettes_and_every_role_in_each() -> None:
    assert set(PALETTES) == {"default", "okabe-ito", "default-dark", "okabe-ito-dark"}
    for palette in PALETTES.values():
        assert set(palette["roles"]) == set(TABLE["roles"])
    for role in TABLE["roles"].values():
        assert role["label"] and role["cue"]
        assert role["group"] in {"pair", "word", "flag", "severity", "review"}


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_text_on_every_fill_and_every_mark_on_the_base(name: str) -> None:
    palette = PALETTES[name]
    for role, colours in palette["roles"].items():
        assert contrast(palette["text"], colours["fill"]) >= TEXT_ON_FILL, (name, role, "fill")
        assert contrast(colours["mark"], palette["base"]) >= MARK_ON_BASE, (name, role, "mark")


@pytest.mark.parametrize("name", ["okabe-ito", "okabe-ito-dark"])
def test_okabe_ito_keeps_removals_and_flag_and_moved_apart(name: str) -> None:
    roles = PALETTES[name]["roles"]
    for a, b in [("deleted", "word_deleted"), ("deleted", "word_replaced"), ("word_deleted", "word_replaced"),
                 ("flag", "moved")]:  # fmt: skip
        assert difference(roles[a]["mark"], roles[b]["mark"]) >= APART, (name, a, b, "mark")
        assert difference(roles[a]["fill"], roles[b]["fill"]) >= APART / 2, (name, a, b, "fill")


def test_a_meaning_change_stands_out_more_than_one_that_keeps_it() -> None:
    for name, palette in PALETTES.items():
        roles, base = palette["roles"], palette["base"]
        assert difference(roles["kept"]["fill"], base) < difference(roles["changed"]["fill"], base), name
        wording, replaced = roles["word_wording"]["fill"], roles["word_replaced"]["fill"]
        assert difference(wording, base) < difference(replaced, base), name
        assert roles["word_form"]["fill"] == base, name
