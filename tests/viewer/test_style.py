"""Style sheets come from resources/*.qss with the palette's colours filled in."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtGui import QColor

from viewer.main_window import MainWindow
from viewer.style import stylesheet


def test_placeholders_are_filled_and_none_may_be_missed() -> None:
    sheet = stylesheet("text_pane", page="#102030", text="#f0e0d0")
    assert "#102030" in sheet and "#f0e0d0" in sheet and "$" not in sheet
    with pytest.raises(KeyError):
        stylesheet("text_pane", page="#102030")


def test_a_pane_draws_its_page_and_text_in_the_palette_colours(window: MainWindow) -> None:
    pane = window.panes["source"]
    # Colours no widget palette holds, so only the pane's style sheet can put them there.
    page, text = QColor("#345678"), QColor("#fedcba")
    pane.set_palette(dataclasses.replace(pane.palette_, page=page, text=text))
    image = pane.viewport().grab().toImage()
    assert image.pixelColor(image.width() - 3, image.height() - 3).name() == page.name()
    assert pane.viewport().palette().text().color().name() == text.name()
