"""Array helpers the engine shares: places inside runs laid end to end, and distinct values in linear
time (the splitter, tokens, the word diff, the grader and the batched DP)."""

from __future__ import annotations

import numpy as np


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
