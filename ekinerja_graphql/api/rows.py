"""GraphQL objects built from plain rows, each charged to the request's result budget.

The budget is the query's cost, computed before execution (api/limits.py): a
query never returns more objects than it was charged for. Lists whose size only
the data knows (bawahan, children) are counted with a fan-out estimate; when
the data holds more, the field fails with BAD_USER_INPUT instead of growing.
"""

import dataclasses
from collections.abc import Callable, Iterable
from functools import cache, partial
from operator import itemgetter
from typing import TypeVar

import strawberry

from ekinerja_graphql.api.errors import ResultTooLarge

T = TypeVar("T")


class ResultBudget:
    """Objects a request may still build; unlimited until the query's cost is known."""

    __slots__ = ("limit", "used")

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        self.used = 0

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)

    def spend(self, count: int) -> None:
        self.used += count
        if self.limit is not None and self.used > self.limit:
            raise ResultTooLarge(self.limit)


@cache
def init_fields(cls: type) -> tuple[str, ...]:
    """The attributes an object of `cls` is made with: the keys its rows are read by."""
    fields = dataclasses.fields(cls)
    # instance() skips __init__, which would also set non-init defaults and run post-init.
    assert not hasattr(cls, "__post_init__") and all(
        f.init or (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        for f in fields), cls
    return tuple(f.name for f in fields if f.init)


_CHECKED: set[type] = set()


def _make(cls: type[T], row: dict) -> T:
    names, values_of = _reader(cls)
    return instance(cls, dict(zip(names, values_of(row), strict=True)))


@cache
def _reader(cls: type) -> tuple[tuple[str, ...], Callable[[dict], tuple]]:
    """The init fields of `cls` and a function reading their values off a row, as a tuple."""
    names = init_fields(cls)
    if len(names) == 1:
        return names, lambda row: (row[names[0]],)
    return names, itemgetter(*names)


def instance(cls: type[T], attributes: dict) -> T:
    """What `cls(**attributes)` builds (every init field given), without the keyword dict
    and the __init__ call: a nested query builds thousands."""
    if cls not in _CHECKED:  # once per class: these are the fields __init__ would set
        assert set(attributes) == set(init_fields(cls)), cls
        _CHECKED.add(cls)
    made = object.__new__(cls)
    made.__dict__ = attributes
    return made


def maker(cls: type[T]) -> Callable[[dict], T]:
    """A row -> object function, for Connection.of (which charges the budget itself)."""
    return partial(_make, cls)


def build(info: strawberry.Info, cls: type[T], row: dict | None) -> T | None:
    if row is None:
        return None
    info.context.budget.spend(1)
    return _make(cls, row)


def build_all(info: strawberry.Info, cls: type[T], rows: Iterable[dict]) -> list[T]:
    return build_rows(info.context.budget, cls, rows)


def build_rows(budget: ResultBudget, cls: type[T], rows: Iterable[dict]) -> list[T]:
    rows = list(rows)
    budget.spend(len(rows))
    return [_make(cls, row) for row in rows]


def row_of(obj, **extra) -> dict:
    """A model instance as the plain row the types are built from (mutations return what they
    wrote); `extra` adds joined values a type needs (an RHK's owner)."""
    return {name: getattr(obj, name) for name in obj._meta.fields_db_projection} | extra
