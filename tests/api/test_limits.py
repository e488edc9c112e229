"""Query cost and the depth, alias and token limits, on a throwaway schema."""

import strawberry

from ekinerja_graphql.api.extensions import schema_extensions
from ekinerja_graphql.config import Settings

resolved: list[str] = []


@strawberry.type
class Pegawai:
    nip: str


@strawberry.type
class PegawaiEdge:
    node: Pegawai


@strawberry.type
class PegawaiConnection:
    edges: list[PegawaiEdge]


@strawberry.type
class Unit:
    name: str

    @strawberry.field
    def pegawai(self, first: int | None = None, after: str | None = None) -> PegawaiConnection:
        return PegawaiConnection(edges=[PegawaiEdge(node=Pegawai(nip="1"))])

    @strawberry.field
    def parent(self) -> "Unit | None":
        return Unit(name="parent")


@strawberry.type
class UnitEdge:
    node: Unit


@strawberry.type
class UnitConnection:
    edges: list[UnitEdge]


@strawberry.type
class Query:
    @strawberry.field
    def units(self, first: int | None = None) -> UnitConnection:
        resolved.append("units")
        return UnitConnection(edges=[UnitEdge(node=Unit(name="Kanwil"))])

    @strawberry.field
    def nodes(self, ids: list[strawberry.ID]) -> list[Unit]:
        return [Unit(name=str(id_)) for id_ in ids]


def make_schema(**limits) -> strawberry.Schema:
    settings = Settings(**{"max_query_cost": 50_000, "max_page_size": 100, **limits})
    return strawberry.Schema(Query, extensions=schema_extensions(settings))


NESTED = """
query Units($n: Int = 10) {
  units(first: 5) { edges { node { ...UnitFields } } }
  nodes(ids: ["a", "b", "c"]) { ... on Unit { name } }
}
fragment UnitFields on Unit { name pegawai(first: $n) { edges { node { nip } } } }
"""


async def test_cost_counts_connections_fragments_and_ids():
    # UnitFields = name 1 + pegawai (1 + 10 * (edges 1 + node 1 + nip 1)) = 32
    # units = 1 + 5 * (edges 1 + node 1 + 32) = 171; nodes = 1 + 3 * name 1 = 4
    result = await make_schema().execute(NESTED)
    assert result.errors is None
    assert result.extensions["cost"] == {"requested": 175, "maximum": 50_000}


async def test_cost_uses_variables_over_defaults():
    result = await make_schema().execute(NESTED, variable_values={"n": 20})
    # UnitFields = 2 + 20 * 3 = 62; units = 1 + 5 * 64 = 321; nodes = 4
    assert result.extensions["cost"]["requested"] == 325


async def test_omitted_first_counts_the_default_page_size():
    result = await make_schema(default_page_size=7).execute(
        "{ units { edges { node { name } } } }"
    )
    assert result.extensions["cost"]["requested"] == 1 + 7 * 3


async def test_cost_over_the_maximum_is_rejected_before_execution():
    resolved.clear()
    query = (
        "{ units(first: 100) { edges { node { "
        "pegawai(first: 100) { edges { node { nip } } } } } } }"
    )
    # 1 + 100 * (edges 1 + node 1 + pegawai (1 + 100 * 3))
    result = await make_schema(max_query_cost=1000).execute(query)
    (error,) = result.errors
    assert error.message == (
        "Query cost 30301 exceeds the maximum of 1000; "
        "request fewer items with `first` or select fewer fields"
    )
    assert error.extensions["code"] == "BAD_USER_INPUT"
    assert result.data is None
    assert result.extensions["cost"] == {"requested": 30301, "maximum": 1000}
    assert resolved == []


async def test_first_out_of_range_names_the_argument():
    for first in (101, -1):
        query = f"{{ units(first: {first}) {{ edges {{ node {{ name }} }} }} }}"
        result = await make_schema().execute(query)
        (error,) = result.errors
        assert error.message == "first must be between 0 and 100"
        assert error.extensions == {"code": "BAD_USER_INPUT", "field": "first"}


async def test_depth_limit_is_bad_user_input():
    result = await make_schema(max_query_depth=3).execute(
        "{ units { edges { node { parent { parent { name } } } } } }"
    )
    (error,) = result.errors
    assert "exceeds maximum operation depth of 3" in error.message
    assert error.extensions["code"] == "BAD_USER_INPUT"


async def test_alias_limit_is_bad_user_input():
    aliases = " ".join(f"a{i}: units {{ edges {{ node {{ name }} }} }}" for i in range(4))
    result = await make_schema(max_aliases=3).execute(f"{{ {aliases} }}")
    (error,) = result.errors
    assert error.message == "4 aliases found. Allowed: 3"
    assert error.extensions["code"] == "BAD_USER_INPUT"


async def test_token_limit_is_bad_user_input():
    result = await make_schema(max_tokens=10).execute("{ units { edges { node { name } } } }")
    (error,) = result.errors
    assert "more than 10 tokens" in error.message
    assert error.extensions["code"] == "BAD_USER_INPUT"


async def test_repeated_requests_hit_the_caches_and_keep_codes():
    schema = make_schema()
    for _ in range(2):
        result = await schema.execute("{ units { missing } }")
        assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"
        assert "missing" in result.errors[0].message
