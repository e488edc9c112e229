"""Per-request DataLoaders, each created on first use from a LoaderSpec.

A domain declares its relations once (`api/<domain>/dataloaders.py`) as specs;
`loader(info, SPEC)` returns the request's DataLoader for it. Every batch is one
SELECT returning plain rows (dicts), whatever the number of keys.
"""

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.exceptions import WrongNumberOfResultsReturned
from tortoise.expressions import RawSQL
from tortoise.models import Model

from ekinerja_graphql.api.errors import ResultTooLarge
from ekinerja_graphql.api.keyed_select import KeyedSelect
from ekinerja_graphql.api.plain_values import columns, plain_values

if TYPE_CHECKING:
    from ekinerja_graphql.api.rows import ResultBudget
    from ekinerja_graphql.services.access import Viewer

BatchFunction = Callable[[Sequence[Any]], Awaitable[list[Any]]]
MAX_NARROWINGS = 32  # column sets remembered per spec; more are built per request


@dataclass(frozen=True, eq=False)
class LoaderSpec:
    """`make(loaders)` returns the batch function of one request's DataLoader."""

    name: str
    make: Callable[["RequestLoaders"], BatchFunction]
    # For a loader of one table's rows: `narrow(names)` is the same loader reading only the
    # columns `names` (and its keys), for a selection that needs no more (compiled/run.py);
    # None if one of them is not a column it reads.
    narrow: Callable[[frozenset[str]], "LoaderSpec | None"] | None = field(default=None,
                                                                            repr=False)


class _Narrowings:
    """A spec's narrowed twins by their columns: one spec, so one DataLoader and one
    batch per request, for each set of columns asked."""

    def __init__(self, spec_of: Callable[[KeyedSelect, Any], LoaderSpec],
                 select: KeyedSelect) -> None:
        self._spec_of = spec_of
        self._select = select
        self._specs: dict[frozenset[str], LoaderSpec] = {}

    def __call__(self, names: frozenset[str]) -> LoaderSpec | None:
        found = self._specs.get(names)
        if found is None:
            select = self._select.narrowed(names)
            if select is None:
                return None
            found = self._spec_of(select, None)
            if len(self._specs) < MAX_NARROWINGS:
                self._specs[names] = found
        return found


class RequestLoaders:
    """The DataLoaders of one request, with the viewer and budget their batches need."""

    def __init__(self, viewer: "Viewer", budget: "ResultBudget") -> None:
        self.viewer = viewer
        self.budget = budget
        self._loaders: dict[LoaderSpec, DataLoader] = {}

    def __getitem__(self, spec: LoaderSpec) -> DataLoader:
        found = self._loaders.get(spec)
        if found is None:
            found = self._loaders[spec] = DataLoader(spec.make(self))
        return found

    async def load_all(self, spec: LoaderSpec, keys: Iterable[Any]) -> dict[Any, Any]:
        """What `self[spec].load(key)` gives for each of the distinct `keys`, with one batch
        for those not yet asked, and no task per key: the compiled read path asks for a whole
        depth at once. The keys asked here are kept in the DataLoader's cache as futures
        from the start, so a resolver asking one of them meanwhile waits for this batch.
        A value is an exception where the DataLoader's future would hold one."""
        dataloader = self[spec]
        cache = dataloader.cache_map
        found: dict[Any, Any] = {}
        asked: list[tuple[Any, asyncio.Future]] = []
        waiting: list[tuple[Any, asyncio.Future]] = []
        loop = asyncio.get_running_loop()
        for key in keys:
            future = cache.get(key)
            if future is None or future.cancelled():
                future = loop.create_future()
                cache.set(key, future)
                asked.append((key, future))
            elif future.done():
                found[key] = future.exception() or future.result()
            else:
                waiting.append((key, future))
        if asked:
            try:
                values = list(await dataloader.load_fn([key for key, _ in asked]))
                if len(values) != len(asked):
                    raise WrongNumberOfResultsReturned(len(asked), len(values))
            except Exception as error:
                for _, future in asked:
                    _fail(future, error)
                raise
            for (key, future), value in zip(asked, values, strict=True):
                found[key] = value
                if isinstance(value, BaseException):
                    _fail(future, value)
                else:
                    future.set_result(value)
        for key, future in waiting:
            try:
                found[key] = await future
            except Exception as error:  # noqa: BLE001 - as the future holds it
                found[key] = error
        return found

    def close(self) -> None:
        """Drops the DataLoaders once the request is answered. Their batch functions hold
        this object, which holds them: a cycle that kept every row the request read alive
        until the garbage collector ran, and made it run often (RESULTS.md)."""
        self._loaders.clear()


def _fail(future: asyncio.Future, error: BaseException) -> None:
    future.set_exception(error)
    future.exception()  # marked as seen: whoever awaits it reports it, not the loop's logger


def loader(info: strawberry.Info, spec: LoaderSpec) -> DataLoader:
    return info.context.require_loaders()[spec]


def by_id(name: str, model: type[Model], **joined: str) -> LoaderSpec:
    """Rows by primary key, None for a missing one."""

    def spec_of(select: KeyedSelect, narrow: Any) -> LoaderSpec:
        def make(loaders: RequestLoaders) -> BatchFunction:
            async def load(keys: Sequence[int]) -> list[dict | None]:
                rows = await select.fetch([set(keys)])
                found = {row["id"]: row for row in rows}
                return [found.get(key) for key in keys]

            return load

        return LoaderSpec(name, make, narrow)

    select = KeyedSelect(model, ("id",), (), joined)
    return spec_of(select, _Narrowings(spec_of, select))


def grouped(
    name: str,
    model: type[Model],
    key_fields: tuple[str, ...],
    order_by: tuple[str, ...] = ("id",),
    sort_key: Callable[[dict], Any] | None = None,
    **joined: str,
) -> LoaderSpec:
    """Rows grouped by one column, or by a tuple of columns (keys are then tuples), in
    `order_by` order, then stably by `sort_key` where SQL cannot say the order.

    The SELECT asks for at most the request's remaining result budget plus one row,
    so a relation far larger than the query's cost is refused before it is read.
    """
    single = len(key_fields) == 1
    key_of = itemgetter(*key_fields)  # a row's key: one value, or a tuple of them

    def spec_of(select: KeyedSelect, narrow: Any) -> LoaderSpec:
        def make(loaders: RequestLoaders) -> BatchFunction:
            async def load(keys: Sequence[Any]) -> list[list[dict]]:
                remaining = loaders.budget.remaining
                key_sets = [set(keys)] if single else [{key[n] for key in keys}
                                                       for n in range(len(key_fields))]
                rows = await select.fetch(key_sets,
                                          None if remaining is None else remaining + 1)
                if remaining is not None and len(rows) > remaining:
                    raise ResultTooLarge(loaders.budget.limit)
                if sort_key is not None:
                    rows.sort(key=sort_key)
                groups: dict[Any, list[dict]] = defaultdict(list)
                for row in rows:
                    groups[key_of(row)].append(row)
                return [groups.get(key, []) for key in keys]

            return load

        return LoaderSpec(name, make, narrow)

    select = KeyedSelect(model, key_fields, order_by, joined)
    # sort_key reads columns only it knows: such a loader always reads whole rows.
    return spec_of(select, _Narrowings(spec_of, select) if sort_key is None else None)


def newest(name: str, model: type[Model], key_field: str) -> LoaderSpec:
    """The newest `n` rows of each key (by id), oldest first; keys are `(key, n)`.

    A window over the key picks them in SQL, so a long history costs what is shown.
    """
    table = model._meta.db_table

    def make(loaders: RequestLoaders) -> BatchFunction:
        async def load(keys: Sequence[tuple[int, int]]) -> list[list[dict]]:
            wanted: dict[int, set[int]] = defaultdict(set)
            for key, n in keys:
                wanted[int(n)].add(int(key))
            found: dict[tuple[int, int], list[dict]] = defaultdict(list)
            for n, group in wanted.items():
                # Literals are ints (checked above), so the SQL is safe to inline.
                newest_ids = RawSQL(
                    f'(SELECT "id" FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY'
                    f' "{key_field}" ORDER BY "id" DESC) "n" FROM "{table}" WHERE "{key_field}"'
                    f" IN ({', '.join(map(str, sorted(group)))})) \"newest\" WHERE \"n\" <= {n})"
                )
                rows = await plain_values(model.filter(id__in=newest_ids).order_by("id"),
                                          **columns(model))
                for row in rows:
                    found[(row[key_field], n)].append(row)
            return [found.get((key, n), []) for key, n in keys]

        return load

    return LoaderSpec(name, make)
