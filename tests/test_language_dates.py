"""Days and periods relative to today by a language's tables: "gestern", "la semaine dernière"."""

import pytest

from alignment.checks import run_checks
from tests.test_checks import _pairs


def _dates(source: str, target: str) -> list[str]:
    return [c.message for c in run_checks(_pairs((source, target))) if c.kind == "date"]


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("Der Minister ist gestern nach Berlin gereist.", "Der Minister ist morgen nach Berlin gereist.",
         "Date changed: gestern → morgen"),
        ("Der Minister war letzte Woche in Berlin.", "Der Minister war nächste Woche in Berlin.",
         "Date changed: letzte Woche → nächste Woche"),
        ("Le ministre est parti hier pour Paris.", "Le ministre est parti demain pour Paris.",
         "Date changed: hier → demain"),
        ("Le ministre était à Paris la semaine dernière.", "Le ministre était à Paris la semaine prochaine.",
         "Date changed: semaine dernière → semaine prochaine"),
        ("El ministro viajó ayer a Madrid.", "El ministro viajó mañana a Madrid.",
         "Date changed: ayer → mañana"),
        ("El ministro estuvo en Madrid la semana pasada.", "El ministro estuvo allí la semana que viene.",
         "Date changed: semana pasada → semana que viene"),
        ("Der Minister kommt nächsten Montag nach Berlin.", "Der Minister kam letzten Montag nach Berlin.",
         "Date changed: nächsten Montag → letzten Montag"),
        ("Le ministre arrive à Paris lundi prochain.", "Le ministre est arrivé à Paris lundi dernier.",
         "Date changed: lundi prochain → lundi dernier"),
        ("El ministro llega a Madrid el próximo lunes.", "El ministro llegó a Madrid el lunes pasado.",
         "Date changed: próximo lunes → lunes pasado"),
    ],
)  # fmt: skip
def test_a_relative_date_changed_is_flagged(source: str, target: str, message: str) -> None:
    assert _dates(source, target) == [message]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Der Minister war vergangene Woche in Berlin.", "Der Minister war letzte Woche in Berlin."),
        ("Le ministre était à Paris la semaine passée.", "Le ministre était à Paris la semaine dernière."),
        ("El ministro estuvo en Madrid la semana pasada.", "El ministro estuvo en Madrid la última semana."),
        ("Er kommt kommenden Montag nach Berlin.", "Er kommt nächsten Montag nach Berlin."),
        ("El ministro llega a Madrid el lunes que viene.", "El ministro llega a Madrid el próximo lunes."),
    ],
)
def test_one_relative_date_written_two_ways_is_not_flagged(source: str, target: str) -> None:
    assert _dates(source, target) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("El ministro trabaja por la mañana en Madrid.", "El ministro trabaja en Madrid."),
        ("Der Minister arbeitet am Morgen in Berlin.", "Der Minister arbeitet in Berlin."),
    ],
)
def test_a_time_of_day_is_no_date(source: str, target: str) -> None:
    assert _dates(source, target) == []
