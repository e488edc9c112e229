"""`UnitOrganisasi.pegawai` and head counts for many units in one statement.

Each unit of a batch is one branch of a UNION ALL: the visible pegawai of that
unit (or its subtree), after the cursor, ordered and limited like a top-level
page, with the columns the query reads of them (api/selection.py). A branch's
range on the unit path and its LIMIT let the database stop after one page,
whatever the size of the subtree.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from tortoise import connections
from tortoise.queryset import QuerySet

from ekinerja_graphql.api.connection import Page, PageRequest, SortKey, after_condition
from ekinerja_graphql.api.loaders import BatchFunction, LoaderSpec, RequestLoaders
from ekinerja_graphql.api.organisasi.dataloaders import UNIT_BY_ID
from ekinerja_graphql.api.pegawai.sorts import BY_NAMA
from ekinerja_graphql.api.plain_values import convert_rows, value_converters
from ekinerja_graphql.domain.organisasi import subtree_bounds
from ekinerja_graphql.models import Pegawai
from ekinerja_graphql.services.access import Access


@dataclass(frozen=True, slots=True)
class UnitScope:
    unit_id: int
    include_descendants: bool


@dataclass(frozen=True, slots=True)
class UnitPageKey:
    scope: UnitScope
    page: PageRequest
    fields: tuple[tuple[str, str], ...]  # the `.values()` fields of the rows (alias, source)


def _visible(loaders: RequestLoaders) -> QuerySet:
    condition = loaders.viewer.condition(Access.RECORDS)
    return Pegawai.filter(condition) if condition is not None else Pegawai.all()


async def _branch_conditions(loaders: RequestLoaders, scopes: Sequence[UnitScope]) -> list[str]:
    """One SQL condition on the branch's row alias `t` per scope (literals are ids and paths
    from our own database, digits only)."""
    units = await loaders[UNIT_BY_ID].load_many([scope.unit_id for scope in scopes])
    conditions = []
    for scope, unit in zip(scopes, units, strict=True):
        if unit is None:
            conditions.append("1 = 0")
        elif scope.include_descendants:
            low, high = subtree_bounds(unit["path"])
            assert low.isdigit() and high.isdigit()
            conditions.append(f"t.unit_path >= '{low}' AND t.unit_path <= '{high}'")
        else:
            conditions.append(f"t.unit_id = {int(scope.unit_id)}")
    return conditions


def sql_and_params(queryset: QuerySet) -> tuple[str, list]:
    # Tortoise has no public API for (sql, params); this is what QuerySet.sql() does.
    queryset._choose_db_if_not_chosen()
    queryset._make_query()
    return queryset.query.get_parameterized_sql()


async def _union(branches: list[str], inner_params: list) -> list[dict]:
    connection = connections.get("default")
    # PostgreSQL numbers its placeholders ($1 ...), so every branch reuses one set;
    # SQLite's `?` are positional and need the parameters once per branch.
    postgres = connection.capabilities.dialect == "postgres"
    params = inner_params if postgres else inner_params * len(branches)
    return await connection.execute_query_dict(" UNION ALL ".join(branches), params)


async def _pages(loaders: RequestLoaders, page: PageRequest, sort: SortKey,
                 scopes: Sequence[UnitScope], fields: dict[str, str]) -> list[Page]:
    queryset = _visible(loaders)
    if page.after is not None:
        queryset = queryset.filter(after_condition(sort, page))
    # What the branches filter and order by, beside the fields the rows are read for.
    query = queryset.values(**{**fields, "sort_key": sort.column, "unit_id": "unit_id",
                               "unit_path": "unit__path"})
    inner, params = sql_and_params(query)
    branches = [
        f"SELECT * FROM (SELECT {n} AS branch, t.* FROM ({inner}) t WHERE {condition} "
        f"ORDER BY t.sort_key, t.id LIMIT {page.size_with_lookahead}) b{n}"
        for n, condition in enumerate(await _branch_conditions(loaders, scopes))
    ]
    found: list[list[dict]] = [[] for _ in scopes]
    dialect = connections.get("default").capabilities.dialect
    for row in convert_rows(await _union(branches, params), value_converters(query, dialect)):
        found[row.pop("branch")].append(row)
    return [Page.from_lookahead(rows, page) for rows in found]


def _page_loader(loaders: RequestLoaders) -> BatchFunction:
    async def load(keys: Sequence[UnitPageKey]) -> list[Page]:
        by_page: dict[tuple, list[UnitScope]] = {}
        for key in keys:
            by_page.setdefault((key.page, key.fields), []).append(key.scope)
        pages: dict[UnitPageKey, Page] = {}
        for (page, fields), scopes in by_page.items():
            unique = list(dict.fromkeys(scopes))
            found = await _pages(loaders, page, BY_NAMA, unique, dict(fields))
            for scope, rows in zip(unique, found, strict=True):
                pages[UnitPageKey(scope, page, fields)] = rows
        return [pages[key] for key in keys]

    return load


def _count_loader(visible_only: bool):
    def make(loaders: RequestLoaders) -> BatchFunction:
        async def load(scopes: Sequence[UnitScope]) -> list[int]:
            queryset = _visible(loaders) if visible_only else Pegawai.all()
            inner, params = sql_and_params(
                queryset.values(id="id", unit_id="unit_id", unit_path="unit__path")
            )
            unique = list(dict.fromkeys(scopes))
            branches = [
                f"SELECT {n} AS branch, COUNT(*) AS total FROM ({inner}) t WHERE {condition}"
                for n, condition in enumerate(await _branch_conditions(loaders, unique))
            ]
            totals = {row["branch"]: row["total"] for row in await _union(branches, params)}
            index = {scope: n for n, scope in enumerate(unique)}
            return [totals.get(index[scope], 0) for scope in scopes]

        return load

    return make


UNIT_PEGAWAI_PAGES = LoaderSpec("unit_pegawai_pages", _page_loader)
# totalCount of a unit's connection: the pegawai the viewer may see.
UNIT_PEGAWAI_COUNT = LoaderSpec("unit_pegawai_count", _count_loader(visible_only=True))
# jumlahPegawai: every pegawai placed there (a head count, open to every signed-in user).
JUMLAH_PEGAWAI = LoaderSpec("jumlah_pegawai", _count_loader(visible_only=False))
