"""A keyset page's SQL built once per base query; the cursor and the size are its parameters.

Tortoise and pypika build a page's statement anew for every request: ~190 µs of a
PegawaiReport page whose whole server time is ~1.5 ms. The next page's statement differs
only in the cursor's values and the size, which Tortoise sends as the last parameters. So
the text and the other parameters are kept, keyed by what the base query is made of:
`build(*inputs)` is a function of its inputs only, and the inputs are plain values (frozen
dataclasses, enums, strings, numbers, dates, collections of them). A page whose inputs are
not, or whose parameters do not end as expected, is built every time, as before.
"""

import dataclasses
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache

from tortoise.models import Model
from tortoise.queryset import QuerySet

from ekinerja_graphql.api.connection import Page, PageRequest, SortKey, keyset
from ekinerja_graphql.api.lru import Lru
from ekinerja_graphql.api.plain_values import convert_rows, plain_values, value_converters

KEPT_STATEMENTS = 256
UNKEPT = object()  # kept for a key whose statement does not end with the page's parameters


@dataclass(frozen=True, slots=True)
class _Statement:
    model: type[Model]
    dialect: str
    sql: str
    leading: tuple  # the parameters before the cursor's and the size
    converters: tuple


class PageStatements:
    """`fetch_page(build(*inputs), fields, sort, page)`, its statement kept per key."""

    def __init__(self, size: int = KEPT_STATEMENTS) -> None:
        self._kept = Lru(size)

    async def fetch(self, build: Callable[..., QuerySet], inputs: tuple,
                    fields: dict[str, str], sort: SortKey, page: PageRequest) -> Page:
        statement = self._statement(build, inputs, fields, sort, page)
        if statement is None:
            return Page.from_lookahead(
                await plain_values(keyset(build(*inputs), sort, page), **fields), page)
        db = statement.model._meta.db  # the transaction's connection inside one
        rows = await db.execute_query_dict(statement.sql, [*statement.leading, *_trailing(page)])
        return Page.from_lookahead(convert_rows(rows, statement.converters), page)

    def _statement(self, build, inputs: tuple, fields: dict[str, str], sort: SortKey,
                   page: PageRequest) -> "_Statement | None":
        """The kept statement of the page's key, kept now if new; None: build the page."""
        key = _key(build, inputs, fields, sort, page)
        if key is None:
            return None
        statement = self._kept.get(key)
        if statement is None or (statement is not UNKEPT and statement.dialect
                                 != statement.model._meta.db.capabilities.dialect):
            # New, or kept for another database (tests switch between them).
            query = keyset(build(*inputs), sort, page).values(**fields)
            statement = self._kept.put(key, _kept_statement(query, _trailing(page)))
        return None if statement is UNKEPT else statement


def _trailing(page: PageRequest) -> list:
    """The parameters Tortoise ends a page's statement with: the cursor's, then LIMIT's."""
    after = [] if page.after is None else [page.after[0], page.after[0], page.after[1]]
    return [*after, page.size_with_lookahead]


def _kept_statement(query, trailing: list) -> _Statement | object:
    """The statement without its trailing parameters; UNKEPT if they are not the last."""
    query.sql()  # resolves the query
    sql, parameters = query.query.get_parameterized_sql()
    if parameters[len(parameters) - len(trailing):] != trailing:
        return UNKEPT
    dialect = query.model._meta.db.capabilities.dialect
    leading = tuple(parameters[: len(parameters) - len(trailing)])
    return _Statement(query.model, dialect, sql, leading, value_converters(query, dialect))


def _key(build, inputs: tuple, fields: dict[str, str], sort: SortKey,
         page: PageRequest) -> Hashable | None:
    try:
        frozen = _frozen(inputs)
    except _NotPlain:
        return None
    return build, frozen, tuple(fields.items()), sort.name, sort.column, page.after is None


class _NotPlain(Exception):
    pass


_PLAIN = (str, int, float, bool, date, Enum, type(None))


def _frozen(value) -> Hashable:
    """The value as a hashable key, with its type wherever two types could print alike."""
    if isinstance(value, _PLAIN):
        return type(value), value
    if isinstance(value, (list, tuple)):
        return type(value), tuple(_frozen(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return frozenset, frozenset(_frozen(item) for item in value)
    names = _field_names(type(value))
    if names is None:
        raise _NotPlain(type(value))
    return type(value), tuple(_frozen(getattr(value, name)) for name in names)


@cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's fields, which make its key; None for any other type."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(field.name for field in dataclasses.fields(kind))
