"""Gap filling: a sentence between two pairs is paired on evidence, however low, never blindly."""

from alignment import align, document_from_text
from alignment.tokens import Lexicon

ORIGINAL = [
    "Paul wrote this letter to the church at Philippi from his prison in Rome.",
    "He thanked them for the gift they had sent him by the hand of Epaphroditus.",
    "Do not err, my beloved brethren.",
    "Every good gift and every perfect gift is from above.",
    "He urged the church to stand firm in one spirit and to work out its salvation.",
]
PARAPHRASE = [
    "Paul wrote this letter to the church at Philippi from his prison in Rome.",
    "He thanked them for the gift they had sent him through Epaphroditus.",
    "Do not be turned from the right way, dear brothers.",
    "Every good and every perfect gift comes from above.",
    "He urged the church to stand firm in one spirit and to work out its salvation.",
]


def _matched(src: list[str], tgt: list[str]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    a = align(document_from_text(" ".join(src)), document_from_text(" ".join(tgt)))
    return [(p.source, p.target) for p in a.pairs if p.source and p.target]


def test_a_modernised_irregular_plural_is_the_same_word() -> None:
    english = Lexicon("english")
    assert english.stem("brethren") == english.stem("brothers") == english.stem("brother")
    assert english.stem("children") == english.stem("child") and english.stem("feet") == english.stem("foot")
    assert Lexicon("german").stem("men") != english.stem("men")  # a table per language


def test_a_rewording_between_pairs_that_keeps_only_a_modernised_plural_is_paired() -> None:
    assert ((2,), (2,)) in _matched(ORIGINAL, PARAPHRASE)
