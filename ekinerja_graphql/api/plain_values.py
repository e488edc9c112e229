"""`queryset.values(**fields)` for the read path, keeping what asyncpg already decoded.

Tortoise converts every value of every row after the driver has: on PostgreSQL a
timestamptz is re-zoned to UTC (it already is) and an enum is built by calling its
class. For a nested query that was a sixth of the server's time. Here a timestamptz is
kept as asyncpg returns it (aware, UTC: the same instant and ISO text), an enum is
looked up in its class's value map, and every other column converts as Tortoise does.
Elsewhere (SQLite) the values are Tortoise's own.
"""

from collections.abc import Callable
from functools import cache
from types import FunctionType
from typing import Any

from tortoise.fields.data import CharEnumFieldInstance, DatetimeField, IntEnumFieldInstance
from tortoise.models import Model
from tortoise.queryset import QuerySet, ValuesQuery


@cache
def _column_names(model: type[Model]) -> tuple[str, ...]:
    return tuple(model._meta.fields_db_projection)


def columns(model: type[Model], **joined: str) -> dict[str, str]:
    """Every column of the model (known once Tortoise is initialised) plus joined extras:
    the fields of `plain_values` that a type is built from."""
    return {**{name: name for name in _column_names(model)}, **joined}


def narrowed(fields: dict[str, str], names: frozenset[str] | None,
             *always: str) -> dict[str, str]:
    """Those of the `.values()` fields (alias: source) named in `names` or `always` (keys,
    sort columns): all of them when `names` is None."""
    if names is None:
        return fields
    wanted = names.union(always)
    return {alias: source for alias, source in fields.items() if alias in wanted}


async def plain_values(queryset: QuerySet, **fields: str) -> list[dict]:
    query = queryset.values(**fields)
    query.__class__ = _DriverValues
    return await query


def convert_rows(rows: list[dict], converters: tuple) -> list[dict]:
    if converters:
        for row in rows:
            for alias, convert in converters:
                row[alias] = convert(row[alias])
    return rows


def value_converters(query: ValuesQuery, dialect: str) -> tuple:
    """(alias, converter) for the columns whose driver value is not yet the model's."""
    key = (dialect, query.model, tuple(query._fields_for_select.items()))
    found = _CONVERTERS.get(key)
    if found is None:
        found = []
        for alias, name in key[2]:
            convert = query.resolve_to_python_value(query.model, name)
            if isinstance(convert, FunctionType):
                continue  # Tortoise leaves these values as they come, too
            if dialect == "postgres":
                convert = _driver_converter(convert)
            if convert is not None:
                found.append((alias, convert))
        found = _CONVERTERS[key] = tuple(found)
    return found


# By (dialect, model, selected columns): the loaders select a fixed set of column lists.
_CONVERTERS: dict[tuple, tuple] = {}


class _DriverValues(ValuesQuery):
    __slots__ = ()

    async def _execute(self) -> list[dict] | dict:
        dialect = self._db.capabilities.dialect
        if self._single or dialect != "postgres":
            return await super()._execute()
        rows = await self._db.execute_query_dict(*self.query.get_parameterized_sql())
        return convert_rows(rows, value_converters(self, dialect))


class _EnumMembers(dict):
    """An enum's members by value; any other value (None, a stray one) is converted as the
    field converts it. Its bound __getitem__ converts a known value without a Python call."""

    __slots__ = ("convert",)

    def __init__(self, field) -> None:
        super().__init__(field.enum_type._value2member_map_)
        self[None] = None  # what the field's conversion makes of a NULL, without a call
        self.convert = field.to_python_value

    def __missing__(self, value):
        return self.convert(value)


def _enum_of(field) -> Callable[[Any], Any]:
    return _EnumMembers(field).__getitem__


@cache
def _driver_converter(convert) -> Callable | None:
    """None where asyncpg's value is already the one Tortoise would make."""
    field = getattr(convert, "__self__", None)
    if isinstance(field, DatetimeField):
        return None  # aware and in UTC, Tortoise's default time zone (db.py)
    if isinstance(field, (CharEnumFieldInstance, IntEnumFieldInstance)):
        return _enum_of(field)
    return convert
