"""dp's entry points on any evidence: every sentence in one group or skip, in order on both sides."""

from hypothesis import given, settings
from hypothesis import strategies as st
from test_align_batch import _Table, _TableGains

from alignment.matching import dp
from alignment.matching.gains import Group
from alignment.matching.progress import Steps


def _covers_in_order(groups: list[Group], i0: int, i1: int, j0: int, j1: int) -> bool:
    """Whether the groups hold each sentence of the stretch once, each side in order, a group's
    sentences side by side."""
    src = [i for s, _ in groups for i in s]
    tgt = [j for _, t in groups for j in t]
    runs = all(list(side) == list(range(side[0], side[-1] + 1)) for g in groups for side in g if side)
    return src == list(range(i0, i1)) and tgt == list(range(j0, j1)) and runs


@st.composite
def _stretches(draw: st.DrawFn) -> tuple[int, int, dict, list, tuple]:
    """Sizes past the band's (dp.GAP_CELLS), a few alike pairs, anchors among them, blocked sentences."""
    n, m = draw(st.integers(1, 320)), draw(st.integers(1, 320))
    cells = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, m - 1)), max_size=30))
    pairs = {cell: draw(st.floats(-2, 12)) for cell in cells}
    anchors, last = [], -1
    for i, j in sorted(pairs):
        if j > last and pairs[i, j] > 8 and (not anchors or i > anchors[-1][0]):
            anchors.append((i, j))
            last = j
    blocked = (set(draw(st.lists(st.integers(0, n - 1), max_size=3))), set())
    return n, m, pairs, anchors, blocked


@settings(max_examples=120, deadline=None)
@given(_stretches())
def test_the_search_pairs_or_skips_every_sentence_once_in_order(stretch: tuple) -> None:
    n, m, pairs, anchors, blocked = stretch
    gains = _TableGains(_Table(pairs, {}), n, m)
    groups = dp.search(gains, 0, n, 0, m, anchors, blocked, Steps())  # type: ignore[arg-type]
    assert _covers_in_order(groups, 0, n, 0, m)


class _PreparedTable(_Table):
    """A table of evidence that path() may ask to get ready for sentences (it has nothing to do)."""

    def prepare(self, source: object, target: object) -> None:
        list(source), list(target)  # type: ignore[call-overload]


@settings(max_examples=60, deadline=None)
@given(_stretches(), st.data())
def test_the_whole_path_pairs_or_skips_every_sentence_once_in_order(
    stretch: tuple, data: st.DataObject
) -> None:
    n, m, pairs, anchors, blocked = stretch
    sure = [((i,), (j,)) for i, j in anchors if data.draw(st.booleans())]
    gains = _TableGains(_PreparedTable(pairs, {}), n, m)
    quick = _TableGains(_PreparedTable(pairs, {}), n, m)
    groups = dp.path(gains, quick, sure, n, m, anchors, blocked, Steps())  # type: ignore[arg-type]
    assert _covers_in_order(groups, 0, n, 0, m)
    assert all(g in groups for g in sure)


def test_a_long_run_of_sentences_alike_to_nothing_is_crossed_where_the_band_has_moved_on() -> None:
    # 300 original sentences alike to nothing, then the paraphrase's last 100 word for word: the
    # band at row 300 lies far right of row 0's, so the run is crossed over target sentences too
    # (the trace back once read an unreached cell's pointer: KeyError).
    n = m = 400
    pairs = {(k, k): 10.0 for k in range(300, n)}
    groups = dp.search(_TableGains(_Table(pairs, {}), n, m), 0, n, 0, m, [], (set(), set()), Steps())  # type: ignore[arg-type]
    assert _covers_in_order(groups, 0, n, 0, m)
    assert [g for g in groups if g[0] and g[1]] == [((k,), (k,)) for k in range(300, n)]
