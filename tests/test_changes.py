"""A pair's word changes as columns a book's pairs share: read as the named tuples they stand for."""

import pickle

import numpy as np
import pytest

from alignment.model import (
    CHANGE_KINDS,
    Change,
    ChangeColumns,
    Changes,
    Grade,
    Kind,
    Op,
    Pair,
    change_codes,
    joined_columns,
    kinds_of,
    pairs_changes,
)
from alignment.roles import keeps_meaning
from alignment.worddiff import all_equal

KEPT = Change(Op.EQUAL, (0, 3), (0, 3))
FORM = Change(Op.REPLACE, (4, 9), (4, 8), Grade.FORM)
DROPPED = Change(Op.DELETE, (10, 14), (9, 9), Grade.MEANING)
ADDED = Change(Op.INSERT, (15, 15), (10, 16), Grade.WORDING)


def test_changes_read_as_the_tuples_they_were_made_of() -> None:
    given = (KEPT, FORM, DROPPED, ADDED)
    changes = Changes.of(given)
    assert tuple(changes) == given and changes == given and given == changes
    assert len(changes) == 4 and changes[1] == FORM and changes[-1] == ADDED
    assert changes[1:3] == (FORM, DROPPED)
    assert hash(changes) == hash(given) and changes != given[:3] and changes != (KEPT, FORM, DROPPED, KEPT)
    with pytest.raises(IndexError):
        changes[4]
    assert Changes.of(changes) is changes
    assert pickle.loads(pickle.dumps(changes)) == given


def test_every_kind_of_change_has_its_own_code() -> None:
    ops = [list(Op).index(op) for op, _ in CHANGE_KINDS]
    grades = [-1 if grade is None else list(Grade).index(grade) for _, grade in CHANGE_KINDS]
    assert change_codes(np.array(ops), np.array(grades)).tolist() == list(range(len(CHANGE_KINDS)))


def test_pairs_share_the_columns_and_know_their_kinds() -> None:
    given = (KEPT, FORM, DROPPED, ADDED, KEPT)
    columns = Changes.of(given).columns()
    first, empty, second, last = pairs_changes(columns, [0, 2, 2, 4, 5])
    assert (first, empty, second, last) == (given[:2], (), given[2:4], given[4:])
    assert first.kinds() == {(Op.EQUAL, None), (Op.REPLACE, Grade.FORM)}
    assert empty.kinds() == frozenset() and last.kinds() == {(Op.EQUAL, None)}
    assert second.kinds() == {(Op.DELETE, Grade.MEANING), (Op.INSERT, Grade.WORDING)}
    assert kinds_of(given[2:4]) == second.kinds()


def test_what_a_pairs_kinds_tell() -> None:
    assert all_equal(Changes.of([KEPT, KEPT])) and all_equal([KEPT]) and all_equal(())
    assert not all_equal(Changes.of([KEPT, FORM]))
    kept, dropped = (Changes.of(c) for c in ([KEPT, FORM, ADDED], [KEPT, DROPPED]))
    assert keeps_meaning(_pair(kept)) and not keeps_meaning(_pair(dropped))


def test_shifted_moves_each_side_by_its_own_offset() -> None:
    shifted = Changes.of([FORM, DROPPED]).shifted(100, 1000)
    assert tuple(shifted) == (
        Change(Op.REPLACE, (104, 109), (1004, 1008), Grade.FORM),
        Change(Op.DELETE, (110, 114), (1009, 1009), Grade.MEANING),
    )


def test_joined_columns_keep_the_pairs_order_across_columns() -> None:
    book = pairs_changes(Changes.of((KEPT, FORM, DROPPED)).columns(), [0, 1, 3])
    own = Changes.of([ADDED])
    joined, counts = joined_columns([book[1], own, (), book[0]])
    assert counts.tolist() == [2, 1, 0, 1]
    assert tuple(Changes(joined, 0, 4, 0)) == (FORM, DROPPED, ADDED, KEPT)
    empty, none = joined_columns([])
    assert isinstance(empty, ChangeColumns) and len(empty.codes) == 0 and len(none) == 0


def _pair(changes: Changes) -> Pair:
    return Pair((0,), (0,), Kind.CHANGED, False, 0.5, changes)
