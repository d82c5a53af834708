"""Focus modes: which word marks the panes show, and which pairs "next change" visits in each."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from alignment.model import Grade, Kind, Pair, kinds_of
from alignment.roles import pair_role


class Focus(StrEnum):
    """What the panes mark: every word change, the selected pair's only, or changes of meaning."""

    ALL = "all"
    PAIR = "pair"
    MEANING = "meaning"


FOCUS_LABELS = {
    Focus.ALL: "All word marks",
    Focus.PAIR: "Selected pair only",
    Focus.MEANING: "Meaning changes only",
}
FOCUS_TIPS = {
    Focus.ALL: "Mark every word change in both texts",
    Focus.PAIR: "Mark word changes only in the selected pair",
    Focus.MEANING: "Hide changes of form, show other wording faint, mark changes of meaning",
}
FAINT = "faint"
"""Suffix of a role drawn without its tint: wording changes while the focus is on meaning."""


class Importance(IntEnum):
    """How much a pair asks for an editor's attention."""

    NONE = 0
    FORM = 1
    WORDING = 2
    MEANING = 3


def importance(pair: Pair) -> Importance:
    """A pair's importance: its weightiest word change; unmatched, moved or regrouped text is meaning."""
    role = pair_role(pair)
    if role is None:
        return Importance.NONE
    if pair.kind is not Kind.CHANGED or pair.moved:
        return Importance.MEANING
    grades = {grade for _, grade in kinds_of(pair.changes)}
    if Grade.MEANING in grades:
        return Importance.MEANING
    return Importance.WORDING if Grade.WORDING in grades else Importance.FORM


def visits(pair: Pair, focus: Focus) -> bool:
    """Whether "next change" stops at a pair in a focus mode."""
    least = Importance.MEANING if focus is Focus.MEANING else Importance.FORM
    return importance(pair) >= least


def shown_role(role: str, focus: Focus) -> str | None:
    """The role a mark is drawn with in a focus mode (None: not drawn)."""
    if focus is Focus.MEANING:
        if role in ("word_form", "kept"):
            return None
        if role == "word_wording":
            return f"{role}.{FAINT}"
    return role
