"""The one table of colour roles (resources/palette.json), and which role shows each pair and word change.

Read by the viewer's palette and legend and by the HTML report, so that every label, cue and colour
is written down once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from alignment.model import CHANGE_KINDS, KIND_ROLE, Change, Grade, Op, Pair, Side, kinds_of


@dataclass(frozen=True, slots=True)
class Role:
    """What a colour role means and the cue it carries besides colour."""

    name: str
    group: str
    label: str
    cue: str
    glyph: str


@dataclass(frozen=True, slots=True)
class Colours:
    """A role's background tint and the colour of its glyph, underline or band (``#rrggbb``)."""

    fill: str
    mark: str


@dataclass(frozen=True, slots=True)
class PaletteTable:
    """One palette: pane text and base colours and every role's colours."""

    name: str
    title: str
    dark: bool
    text: str
    base: str
    roles: dict[str, Colours]


@cache
def _table() -> dict:
    """resources/palette.json, read once."""
    return json.loads((files("resources") / "palette.json").read_text(encoding="utf-8"))


@cache
def roles() -> dict[str, Role]:
    """Every role, in the order the legend lists them."""
    return {
        name: Role(name, r["group"], r["label"], r["cue"], r.get("glyph", ""))
        for name, r in _table()["roles"].items()
    }


@cache
def palettes() -> dict[str, PaletteTable]:
    """Every palette by name (``default``, ``okabe-ito``, and each with ``-dark``)."""
    return {
        name: PaletteTable(
            name,
            p["title"],
            p["dark"],
            p["text"],
            p["base"],
            {role: Colours(c["fill"], c["mark"]) for role, c in p["roles"].items()},
        )
        for name, p in _table()["palettes"].items()
    }


_OP_ROLE: dict[Op, dict[Side, str]] = {
    Op.DELETE: {"source": "word_deleted"},
    Op.INSERT: {"target": "word_inserted"},
    Op.REPLACE: {"source": "word_replaced", "target": "word_replaced"},
}
_GRADE_ROLE = {Grade.WORDING: "word_wording", Grade.FORM: "word_form"}


def word_role(change: Change, side: Side) -> str | None:
    """The role a word change shows on one side: by its grade, and for meaning changes by its op."""
    if side not in _OP_ROLE.get(change.op, {}):
        return None
    return _GRADE_ROLE.get(change.grade) or _OP_ROLE[change.op][side]  # type: ignore[arg-type]


_MEANING_KEPT = frozenset(
    (op, grade) for op, grade in CHANGE_KINDS if op is Op.EQUAL or grade in (Grade.FORM, Grade.WORDING)
)
"""The (op, grade) of every word change that keeps the meaning."""


def keeps_meaning(pair: Pair) -> bool:
    """Whether every word change of a pair is only of form or wording (an ungraded one may not be)."""
    return kinds_of(pair.changes) <= _MEANING_KEPT


def pair_role(pair: Pair) -> str | None:
    """The sentence role of a pair, None when it stayed the same in place.

    A reworded pair whose changes all keep the meaning shows as ``kept``, quieter than ``changed``.
    """
    role = KIND_ROLE.get(pair.kind)
    if pair.moved and role in (None, "changed"):
        return "moved"
    if role == "changed" and keeps_meaning(pair):
        return "kept"
    return role
