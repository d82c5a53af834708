"""The figures an editor asks first: what was kept, reworded, regrouped, moved, dropped and added."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from alignment.arrays import sentence_spans
from alignment.formats.limits import MAX_BYTES
from alignment.model import CHANGE_KINDS, Alignment, Kind, Op, joined_columns
from alignment.word_spans import CodeClasses, code_points, offset_type

_EQUAL = CHANGE_KINDS.index((Op.EQUAL, None))
"""The code of unchanged words among the changes' columns."""

UNRELATED_SHARE = 0.1
"""Below this share of sentences paired on both sides, the texts are reported as unrelated."""
_SPACE = CodeClasses(str.isspace)
"""Whether each code point is white space (1) or not (0), as str.split() tells them apart."""
UNRELATED_MESSAGE = "The two texts have nothing in common: no sentence of one matches the other."
WORD_COUNT = offset_type(MAX_BYTES)
"""The type of the count of words before each offset of a text: paralign opens texts of at most MAX_BYTES
characters, and a text has no more words than characters (4 bytes a count while the limit allows)."""


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of sentences by what became of them, and overall word-level figures."""

    source_sentences: int
    target_sentences: int
    kept: int
    reworded: int
    regrouped: int
    moved: int
    dropped: int
    added: int
    reused_word_share: float
    similarity: float
    unrelated: bool

    def lines(self, unit: str = "sentences") -> list[str]:
        """The summary as short lines of plain text, counting in unit ("sentences", or "lines")."""
        if self.unrelated:
            return [UNRELATED_MESSAGE]
        return [
            f"Original: {self.source_sentences} {unit}; paraphrase: {self.target_sentences} {unit}.",
            f"Kept {self.kept}, reworded {self.reworded}, merged/split {self.regrouped}, moved {self.moved}, "
            f"dropped {self.dropped}, added {self.added}.",
            f"{self.reused_word_share:.0%} of the original's words reused verbatim; "
            f"overall similarity {self.similarity:.0%}.",
        ]


def summarize(alignment: Alignment) -> Summary:
    """Sentence counts per kind (original sentences for dropped, paraphrase sentences otherwise)."""
    counts = dict.fromkeys(Kind, 0)
    moved = 0
    for p in alignment.pairs:
        counts[p.kind] += len(p.source) if p.kind is Kind.DELETED else len(p.target)
        moved += len(p.target) if p.moved else 0
    changes, _ = joined_columns([p.changes for p in alignment.pairs])
    # The spans of unchanged words, a row each per side.
    kept = changes.spans[changes.codes == _EQUAL]
    equal = kept[:, :2], kept[:, 2:]
    # One text's word index at a time: a book's are tens of megabytes each.
    source = _Words(alignment.source.text)
    equal_src = source.count(equal[0])
    src_words = source.count(sentence_spans(alignment.source_sentences))
    del source
    target = _Words(alignment.target.text)
    equal_tgt = target.count(equal[1])
    tgt_words = target.count(sentence_spans(alignment.target_sentences))
    del target
    return Summary(
        source_sentences=len(alignment.source_sentences),
        target_sentences=len(alignment.target_sentences),
        kept=counts[Kind.SAME],
        reworded=counts[Kind.CHANGED],
        regrouped=counts[Kind.MERGED] + counts[Kind.SPLIT] + counts[Kind.REGROUPED],
        moved=moved,
        dropped=counts[Kind.DELETED],
        added=counts[Kind.ADDED],
        reused_word_share=equal_src / src_words if src_words else 0.0,
        similarity=(equal_src + equal_tgt) / (src_words + tgt_words) if src_words + tgt_words else 0.0,
        unrelated=unrelated(alignment),
    )


def unrelated(alignment: Alignment) -> bool:
    """Whether so few sentences found a partner on either side that the texts have nothing in common."""
    paired = [p for p in alignment.pairs if p.source and p.target]
    paired_src, paired_tgt = (sum(map(len, map(attrgetter(side), paired))) for side in ("source", "target"))
    return paired_src <= UNRELATED_SHARE * len(alignment.source_sentences) and paired_tgt <= (
        UNRELATED_SHARE * len(alignment.target_sentences)
    )


class _Words:
    """Where the words of a text begin: words counted as runs of non-space characters (as str.split()
    finds them in a span; cheap, and the same for every span), a book's spans at once."""

    def __init__(self, text: str) -> None:
        codes = code_points(text)
        self._filled = _SPACE(codes) == 0
        self._begins = self._filled.copy()
        self._begins[1:] &= ~self._filled[:-1]
        # Words begun before each offset.
        self._before = np.concatenate([np.zeros(1, WORD_COUNT), np.cumsum(self._begins, dtype=WORD_COUNT)])

    def count(self, spans: list[int] | np.ndarray) -> int:
        """Words in these spans, given flat (start, end, start, end, ...) or as rows; a word cut counts in
        its span."""
        if not len(spans) or not len(self._filled):
            return 0
        start, end = np.array(spans, np.int64).reshape(-1, 2).T
        cut = (start < end) & self._filled[np.minimum(start, len(self._filled) - 1)]
        cut &= ~self._begins[np.minimum(start, len(self._begins) - 1)]
        return int((self._before[end] - self._before[start]).sum() + np.count_nonzero(cut))
