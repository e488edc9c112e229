"""Keyset pages: a top-level page, and first-N-per-parent pages in one statement."""

from collections import defaultdict
from collections.abc import Sequence

from tortoise import connections
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from ekinerja_graphql.api.pagination import Page, PageRequest


def after_filter(sort_field: str, page: PageRequest) -> Q:
    value, last_id = page.after
    return Q(**{f"{sort_field}__gt": value}) | Q(**{sort_field: value, "id__gt": last_id})


def _ordered(queryset: QuerySet, sort_field: str, page: PageRequest) -> QuerySet:
    if page.after is not None:
        queryset = queryset.filter(after_filter(sort_field, page))
    return queryset


async def fetch_page(
    queryset: QuerySet, fields: dict[str, str], sort_field: str, page: PageRequest
) -> Page:
    rows = await (
        _ordered(queryset, sort_field, page)
        .order_by(sort_field, "id")
        .limit(page.first + 1)
        .values(**fields)
    )
    return Page(rows[: page.first], len(rows) > page.first)


async def fetch_ids_per_parent(
    queryset: QuerySet,
    sort_field: str,
    page: PageRequest,
    parent_column: str,
    parent_ids: Sequence[int] = (),
    descendants: bool = False,
) -> dict[int, tuple[list[int], bool]]:
    """The first page of ids for each parent, ranked with ROW_NUMBER() in one statement.

    With descendants=True the parents are units and a row belongs to every parent
    whose path prefixes the row's unit path (queryset must expose `unit_path`).
    """
    source, params = _per_parent_source(
        _ordered(queryset, sort_field, page), sort_field, parent_column, parent_ids, descendants
    )
    sql = (
        "SELECT id, parent_key FROM (SELECT s.id, s.parent_key, ROW_NUMBER() OVER "
        "(PARTITION BY s.parent_key ORDER BY s.sort_key, s.id) AS rank_in_parent "
        f"FROM ({source}) s) ranked WHERE rank_in_parent <= {page.first + 1} "
        "ORDER BY parent_key, rank_in_parent"
    )
    rows = await connections.get("default").execute_query_dict(sql, params)
    ids: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        ids[row["parent_key"]].append(row["id"])
    return {
        parent: (found[: page.first], len(found) > page.first) for parent, found in ids.items()
    }


async def count_per_parent(
    queryset: QuerySet, parent_column: str, parent_ids: Sequence[int], descendants: bool
) -> dict[int, int]:
    source, params = _per_parent_source(queryset, "id", parent_column, parent_ids, descendants)
    sql = f"SELECT s.parent_key, COUNT(*) AS total FROM ({source}) s GROUP BY s.parent_key"
    rows = await connections.get("default").execute_query_dict(sql, params)
    return {row["parent_key"]: row["total"] for row in rows}


def _per_parent_source(
    queryset: QuerySet,
    sort_field: str,
    parent_column: str,
    parent_ids: Sequence[int],
    descendants: bool,
) -> tuple[str, list]:
    """SQL yielding (id, sort_key, parent_key); a row may fall under several parent units."""
    inner = queryset.values(
        id="id", sort_key=sort_field, parent_key=parent_column, unit_path="unit__path"
    )
    inner_sql, params = _parameterized(inner)
    if not descendants:
        return f"SELECT t.id, t.sort_key, t.parent_key FROM ({inner_sql}) t", params
    id_list = ", ".join(str(int(i)) for i in parent_ids) or "NULL"
    return (
        f"SELECT t.id, t.sort_key, a.id AS parent_key FROM ({inner_sql}) t "
        f"JOIN unit_organisasi a ON a.id IN ({id_list}) "
        "AND substr(t.unit_path, 1, length(a.path)) = a.path"
    ), params


def _parameterized(queryset: QuerySet) -> tuple[str, list]:
    # Tortoise has no public API for (sql, params); this is what QuerySet.sql() does.
    queryset._choose_db_if_not_chosen()
    queryset._make_query()
    return queryset.query.get_parameterized_sql()
