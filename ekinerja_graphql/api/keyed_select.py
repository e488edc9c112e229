"""A loader's SELECT as SQL text built once, its keys sent as one parameter per key column.

Tortoise and pypika build a statement anew for every batch, one placeholder per key: for a
nested query that was ~1,200 placeholders and a tenth of the server's time, and PostgreSQL
parsed and planned each distinct IN list again. A loader's statement differs only in its
keys, so the text is built once per dialect (and with or without LIMIT): the keys go as an
array, `= ANY($n)` on PostgreSQL (one prepared statement for any number of keys, kept by
asyncpg's statement cache), `IN (SELECT value FROM json_each(?))` on SQLite. Rows are
converted as plain_values converts them.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from tortoise.expressions import RawSQL
from tortoise.models import Model

from ekinerja_graphql.api.plain_values import columns, convert_rows, narrowed, value_converters

POSTGRES = "postgres"


@dataclass(frozen=True, slots=True)
class _Statement:
    sql: str
    converters: tuple
    limit_first: bool  # PostgreSQL numbers the template's LIMIT $1 before the keys


class KeyedSelect:
    """`SELECT columns FROM model WHERE key_field IN keys [AND …] ORDER BY … [LIMIT n]`,
    every column of the model plus the `joined` extras (api/plain_values.columns), or those
    of them `only` names and the keys. Made where the loaders are declared; the SQL is
    built at the first fetch, once Tortoise is initialised."""

    def __init__(self, model: type[Model], key_fields: tuple[str, ...],
                 order_by: tuple[str, ...], joined: dict[str, str],
                 only: frozenset[str] | None = None) -> None:
        self.model = model
        self.key_fields = key_fields
        self.order_by = order_by
        self.joined = joined
        self.only = only
        self._statements: dict[tuple[str, bool], _Statement] = {}

    def narrowed(self, names: frozenset[str]) -> "KeyedSelect | None":
        """The same SELECT reading the columns `names` and the keys only; None if one of
        `names` is not a column it reads."""
        if not names <= columns(self.model, **self.joined).keys():
            return None
        return KeyedSelect(self.model, self.key_fields, self.order_by, self.joined,
                           names | set(self.key_fields))

    async def fetch(self, keys: Sequence[Collection], limit: int | None = None) -> list[dict]:
        """Rows whose n-th key field is in `keys[n]`, at most `limit` of them."""
        db = self.model._meta.db  # the transaction's connection inside one
        dialect = db.capabilities.dialect
        statement = self._statements.get((dialect, limit is not None))
        if statement is None:
            statement = self._statements[(dialect, limit is not None)] = \
                self._build(dialect, limit is not None)
        if dialect == POSTGRES:
            arguments = [list(values) for values in keys]
        else:
            arguments = [orjson.dumps(list(values)).decode() for values in keys]
        if limit is not None:
            arguments = [limit, *arguments] if statement.limit_first else [*arguments, limit]
        rows = await db.execute_query_dict(statement.sql, arguments)
        return convert_rows(rows, statement.converters)

    def _build(self, dialect: str, limited: bool) -> _Statement:
        markers = {field: f"__keys_{n}__" for n, field in enumerate(self.key_fields)}
        queryset = self.model.filter(**{
            f"{field}__in": RawSQL(marker) for field, marker in markers.items()
        }).order_by(*self.order_by)
        if limited:
            queryset = queryset.limit(1)  # a placeholder: the limit is sent per batch
        query = queryset.values(**self._columns())
        sql = query.sql()
        assert not limited or sql.endswith("LIMIT $1" if dialect == POSTGRES else "LIMIT ?"), sql
        for n, marker in enumerate(markers.values()):
            assert f"IN {marker}" in sql, sql
            if dialect == POSTGRES:
                replacement = f"= ANY(${n + 1 + int(limited)})"
            else:
                # Positional: every key list comes before LIMIT's placeholder in the text.
                assert not limited or sql.index(marker) < sql.rindex("LIMIT"), sql
                replacement = "IN (SELECT value FROM json_each(?))"
            sql = sql.replace(f"IN {marker}", replacement, 1)
        return _Statement(sql, value_converters(query, dialect), dialect == POSTGRES)

    def _columns(self) -> dict[str, Any]:
        return narrowed(columns(self.model, **self.joined), self.only)
