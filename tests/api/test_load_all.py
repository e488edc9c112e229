"""RequestLoaders.load_all: a depth's keys in one batch, sharing the DataLoader's cache both
ways (keys it already holds or is fetching are not fetched again; keys it fetched are
there for resolvers), and a failed batch reaches every key."""

import pytest

from ekinerja_graphql.api.loaders import LoaderSpec, RequestLoaders
from ekinerja_graphql.api.rows import ResultBudget


def _counting_spec(batches: list, fail: bool = False) -> LoaderSpec:
    def make(_loaders):
        async def load(keys):
            batches.append(sorted(keys))
            if fail:
                raise RuntimeError("database gone")
            return [key * 10 for key in keys]

        return load

    return LoaderSpec("counting", make)


def _loaders() -> RequestLoaders:
    return RequestLoaders(viewer=None, budget=ResultBudget())


async def test_keys_come_in_one_batch_and_stay_for_resolvers():
    batches: list = []
    spec, loaders = _counting_spec(batches), _loaders()
    assert await loaders.load_all(spec, {1, 2, 3}) == {1: 10, 2: 20, 3: 30}
    assert await loaders[spec].load(2) == 20  # from the cache
    assert await loaders.load_all(spec, {3, 4}) == {3: 30, 4: 40}
    assert batches == [[1, 2, 3], [4]]


async def test_a_key_a_resolver_already_asked_is_waited_for_not_fetched_again():
    batches: list = []
    spec, loaders = _counting_spec(batches), _loaders()
    asked = loaders[spec].load(5)  # its batch is dispatched on the next turn of the loop
    assert await loaders.load_all(spec, {5, 6}) == {5: 50, 6: 60}
    assert await asked == 50
    assert sorted(batches) == [[5], [6]]


async def test_a_failed_batch_fails_every_key_and_resolvers_see_it_too():
    batches: list = []
    spec, loaders = _counting_spec(batches, fail=True), _loaders()
    with pytest.raises(RuntimeError, match="database gone"):
        await loaders.load_all(spec, {7, 8})
    with pytest.raises(RuntimeError, match="database gone"):
        await loaders[spec].load(8)
    assert batches == [[7, 8]]
