"""The summary's figures: sentences by kind, and words counted as runs of non-space characters."""

import random
import sys

import numpy as np
import pytest

import alignment.summary
from alignment import align, document_from_text
from alignment.formats import MAX_BYTES
from alignment.model import Op
from alignment.summary import WORD_COUNT, _Words, summarize

ORIGINAL = (
    "The council approved the budget on Tuesday. About 40 people attended the meeting in Berlin. "
    "The mayor thanked the engineers.\u3000Work on the dam begins in May."
)
PARAPHRASE = (
    "On Tuesday the council approved the budget. About 45 people came to the meeting, held in Berlin. "
    "Work on the dam begins in May. A recipe for plum jam needs sugar."
)


def test_every_white_space_and_only_white_space_ends_a_word() -> None:
    # Each white space code point, its neighbours, and look-alikes that str.isspace() does not count
    # (MONGOLIAN VOWEL SEPARATOR, ZERO WIDTH SPACE, WORD JOINER, BYTE ORDER MARK) between letters.
    spaces = [c for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert 0x3000 in spaces and 0x205F in spaces and 0x180E not in spaces
    codes = sorted({n for c in spaces for n in (c - 1, c, c + 1)} | {0x180E, 0x200B, 0x2060, 0xFEFF})
    for code in codes:
        text = f"a{chr(code)}b"
        assert _Words(text).count([0, len(text)]) == len(text.split()), hex(code)


def test_words_in_spans_are_counted_as_str_split_counts_them() -> None:
    # Every kind of white space str.split() knows, spans that start or end inside a word, empty spans,
    # spans at the very end of the text.
    rng = random.Random(5)
    pieces = [
        "word",
        "x",
        "Zoë",
        "東京",
        "a-b",
        " ",
        "  ",
        "\t",
        "\n",
        "\x1c",
        "\x85",
        "\xa0",
        "\u2028",
        "\u3000",
    ]
    text = "".join(rng.choice(pieces) for _ in range(400))
    words = _Words(text)
    spans = [(0, len(text)), (len(text), len(text)), (3, 3)]
    spans += [tuple(sorted(rng.sample(range(len(text) + 1), 2))) for _ in range(300)]
    flat = [x for span in spans for x in span]
    assert [words.count([a, b]) for a, b in spans] == [len(text[a:b].split()) for a, b in spans]
    assert words.count(flat) == sum(len(text[a:b].split()) for a, b in spans)
    assert words.count([]) == 0 and _Words("").count([]) == 0


def test_reused_words_and_similarity_count_the_unchanged_words_of_both_texts() -> None:
    a = align(document_from_text(ORIGINAL), document_from_text(PARAPHRASE))
    summary = summarize(a)

    def count(text: str, span: tuple[int, int]) -> int:
        return len(text[span[0] : span[1]].split())

    same = [c for p in a.pairs for c in p.changes if c.op is Op.EQUAL]
    equal_src = sum(count(ORIGINAL, c.source) for c in same)
    equal_tgt = sum(count(PARAPHRASE, c.target) for c in same)
    src_words, tgt_words = len(ORIGINAL.split()), len(PARAPHRASE.split())
    assert summary.reused_word_share == equal_src / src_words
    assert summary.similarity == (equal_src + equal_tgt) / (src_words + tgt_words)
    assert (summary.source_sentences, summary.target_sentences) == (4, 4)
    assert summary.kept + summary.reworded + summary.regrouped + summary.added == 4


def test_word_counts_are_of_a_type_that_holds_the_largest_text_paralign_opens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert np.iinfo(WORD_COUNT).max >= MAX_BYTES
    # The counts are of that type, whatever it is.
    monkeypatch.setattr(alignment.summary, "WORD_COUNT", np.dtype(np.int64))
    assert _Words("a b")._before.dtype == np.int64
