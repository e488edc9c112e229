"""api/lru.Lru keeps its most recently used entries, asked or put."""

import pytest

from ekinerja_graphql.api.lru import Lru


def test_the_least_recently_used_entry_goes_first():
    remembered = Lru(2)
    remembered.put("a", 1)
    remembered.put("b", 2)
    assert remembered.get("a") == 1  # now the most recently used
    assert remembered.put("c", 3) == 3
    assert len(remembered) == 2
    assert (remembered.get("a"), remembered.get("b"), remembered.get("c")) == (1, None, 3)
    assert remembered.get("b", "gone") == "gone"
    with pytest.raises(TypeError):
        remembered.get(["unhashable"])
