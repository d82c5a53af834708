"""Array helpers the engine shares: places inside runs laid end to end, distinct values, whether
values are among others, sentences' offsets (the splitter, tokens, the word diff, the grader,
anchors, scoring, the batched DP and the embedding worker).  np.unique without its return flags and
np.isin on its sort path import numpy.ma (7 ms of a short pair's start-up): these do not."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the model builds on these helpers
    from alignment.model import Sentence

_SPAN = operator.attrgetter("start", "end")


def run_offsets(lengths: np.ndarray) -> np.ndarray:
    """Each element's place inside its run, for runs of these lengths laid end to end."""
    return np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def distinct_places(values: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """A place of each distinct value (all under ``bound``), by value, and each value's index among
    those: np.unique's index and inverse in linear time (the inverse 4 bytes an index where they fit:
    a 33 MB text's words are millions)."""
    place = np.full(bound, -1, np.int64)
    place[values] = np.arange(len(values))
    where = place[place >= 0]
    rank = np.empty(bound, np.int32 if bound < 2**31 else np.int64)
    rank[values[where]] = np.arange(len(where))
    return where, rank[values]


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (np.unique's)."""
    values = np.sort(values)
    first = np.ones(len(values), bool)
    first[1:] = values[1:] != values[:-1]
    return values[first]


def found_in(values: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Whether each value is one of the others (np.isin's, by a sort: isin hashed them several times
    slower)."""
    others = np.sort(others)
    at = np.minimum(np.searchsorted(others, values), len(others) - 1)
    return others[at] == values if len(others) else np.zeros(len(values), bool)


def sentence_spans(sentences: Sequence[Sentence]) -> np.ndarray:
    """The start and end offsets of each sentence, a row each."""
    flat = np.fromiter(itertools.chain.from_iterable(map(_SPAN, sentences)), np.int64, 2 * len(sentences))
    return flat.reshape(-1, 2)


def sentence_texts(text: str, spans: np.ndarray) -> list[str]:
    """The text of each span (a row of start and end offsets), in one pass of slices."""
    return list(map(text.__getitem__, map(slice, *spans.T.tolist())))
