"""Qt style sheets: kept as .qss files in resources/, their colours filled in from the palette."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from string import Template


@cache
def _template(name: str) -> Template:
    """The style sheet resources/NAME.qss, read once."""
    return Template((files("resources") / f"{name}.qss").read_text(encoding="utf-8"))


def stylesheet(name: str, **values: str) -> str:
    """resources/NAME.qss with its $placeholders filled in; a placeholder left unfilled is an error."""
    return _template(name).substitute(values)
