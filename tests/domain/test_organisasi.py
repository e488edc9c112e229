"""Unit paths: one fixed-width segment per level, so a subtree is one range of paths."""

import pytest

from ekinerja_graphql.domain.organisasi import ancestor_ids, child_path, is_within, subtree_bounds

ROOT = child_path(None, 1)
KANWIL = child_path(ROOT, 42)
KANKEMENAG = child_path(KANWIL, 9_999_999)
NEIGHBOUR = child_path(ROOT, 43)


def test_paths_concatenate_zero_padded_ids():
    assert ROOT == "0000001"
    assert KANWIL == "00000010000042"
    assert ancestor_ids(KANKEMENAG) == [1, 42]


def test_an_id_wider_than_a_segment_is_refused():
    with pytest.raises(ValueError, match="does not fit"):
        child_path(ROOT, 10_000_000)


def test_the_subtree_is_one_inclusive_range():
    low, high = subtree_bounds(KANWIL)
    assert low == KANWIL and high == KANWIL + "9" * 106 and len(high) == 120
    inside = [KANWIL, KANKEMENAG, child_path(KANKEMENAG, 5)]
    outside = [ROOT, NEIGHBOUR, child_path(NEIGHBOUR, 1)]
    assert all(low <= path <= high and is_within(path, KANWIL) for path in inside)
    assert not any(low <= path <= high or is_within(path, KANWIL) for path in outside)


def test_the_last_sibling_s_range_does_not_take_in_the_next_root():
    """With the exclusive bound P + 1 this failed: 00000019999999 + 1 = 00000020000000,
    and the root 0000002 sorts below it."""
    last = child_path(ROOT, 9_999_999)
    assert not is_within(child_path(None, 2), last)
    assert is_within(child_path(last, 3), last)
