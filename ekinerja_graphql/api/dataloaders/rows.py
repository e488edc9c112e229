"""Batch fetch helpers: one SELECT for many keys, results in key order."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache

from tortoise.models import Model
from tortoise.queryset import QuerySet


async def rows_by_id(
    queryset: QuerySet, keys: Sequence[int], fields: dict[str, str]
) -> list[dict | None]:
    rows = await queryset.filter(id__in=set(keys)).values(**fields)
    by_id = {row["id"]: row for row in rows}
    return [by_id.get(key) for key in keys]


async def rows_grouped(
    queryset: QuerySet,
    key_field: str,
    keys: Sequence,
    fields: dict[str, str],
    order_by: Iterable[str] = ("id",),
) -> list[list[dict]]:
    rows = await queryset.filter(**{f"{key_field}__in": set(keys)}).order_by(
        *order_by
    ).values(**fields)
    grouped: dict[object, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row[key_field]].append(row)
    return [grouped.get(key, []) for key in keys]


@cache
def _column_names(model: type[Model]) -> tuple[str, ...]:
    return tuple(model._meta.fields_db_projection)


def columns(model: type[Model], **joined: str) -> dict[str, str]:
    """Every column of the model (known once Tortoise is initialised) plus joined extras."""
    return {**{name: name for name in _column_names(model)}, **joined}
