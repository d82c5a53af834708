"""Property tests over arbitrary text pairs: no crash, a partition of sentences, valid spans."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment import Kind, align, document_from_text

WORDS = st.sampled_from(
    "the river dam town council water Putin Aug. 8 U.S. 30% “quote” said. Yes! why? and of … "
    "Straße café 東京 مرحبا 😀 \n \n\n".split(" ")
)
TEXTS = st.one_of(st.lists(WORDS, max_size=60).map(" ".join), st.text(max_size=300))


def check_partition(src: str, tgt: str) -> None:
    a = align(document_from_text(src), document_from_text(tgt))
    for side, sents in (("source", a.source_sentences), ("target", a.target_sentences)):
        text = a.document(side).text
        assert all(0 <= s.start < s.end <= len(text) for s in sents)
        assert all(x.end <= y.start for x, y in zip(sents, sents[1:], strict=False))
        used = sorted(i for p in a.pairs for i in (p.source if side == "source" else p.target))
        assert used == list(range(len(sents)))
    for p in a.pairs:
        assert 0.0 <= p.score <= 1.0
        for c in p.changes:
            assert 0 <= c.source[0] <= c.source[1] <= len(a.source.text)
            assert 0 <= c.target[0] <= c.target[1] <= len(a.target.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, TEXTS)
def test_any_pair_aligns_into_a_partition(src: str, tgt: str) -> None:
    check_partition(src, tgt)


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_identical_inputs_give_only_same_pairs(text: str) -> None:
    a = align(document_from_text(text), document_from_text(text))
    assert all(p.kind is Kind.SAME and p.source == p.target for p in a.pairs)
