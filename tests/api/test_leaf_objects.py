"""Objects whose selection holds only leaves are written where they are found
(compiled/leaf_objects.py); any object graphql-core would report an error for takes the
general way, so the answer, errors included, stays graphql-core's."""

import enum

import strawberry
from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLString,
    parse,
)
from graphql.execution import Executor
from hypothesis import given, settings
from hypothesis import strategies as st
from strawberry import relay

from ekinerja_graphql.api.compiled import leaf_objects
from ekinerja_graphql.api.compiled.extension import EXECUTIONS
from ekinerja_graphql.api.compiled.leaf_objects import LeafObject
from ekinerja_graphql.api.compiled.leaves import leaf_writer
from ekinerja_graphql.api.compiled.plan import Plan
from ekinerja_graphql.api.compiled.run import CompiledRun
from ekinerja_graphql.api.context import build_context
from ekinerja_graphql.api.schema import build_schema
from ekinerja_graphql.models import Skp
from tests.support.graphql import admin_pusat, count_statements


@strawberry.type
class Item(relay.Node):
    code: relay.NodeID[int]
    name: str
    size: int
    note: str | None


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item | None]:
        return [Item(code=1, name="a", size=1, note=None),
                Item(code=2, name=None, size=2, note="x"),  # null in a non-null field
                Item(code=3, name="c", size=2**40, note=None)]  # more than an Int holds

    @strawberry.field
    def first(self) -> Item:
        return Item(code=4, name="d", size=4, note="y")

    @strawberry.field
    def broken(self) -> Item | None:
        return Item(code=5, name="e", size=2**40, note=None)


TOY = strawberry.Schema(query=Query)
DOCUMENT = """{ items { __typename id name size alias: note } first { size name id }
  broken { name size } }"""


async def test_leaf_objects_answer_as_graphql_core_errors_included():
    executor = Executor.build(TOY._schema, parse(DOCUMENT))
    compiled = await CompiledRun(executor, Plan(), TOY).execute()
    reference = await TOY.execute(DOCUMENT)
    assert compiled.data == reference.data
    assert compiled.data["first"] == {"size": 4, "name": "d",
                                      "id": relay.to_base64("Item", 4)}
    assert list(compiled.data["items"][0]) == ["__typename", "id", "name", "size", "alias"]
    assert compiled.data["items"][1] is None and compiled.data["broken"] is None
    assert sorted((e.path, e.message) for e in compiled.errors) == \
        sorted((e.path, e.message) for e in reference.errors)
    assert len(compiled.errors) == 3


QUERY = """query ($tahun: Int!) { pegawaiList(first: 30) { nodes { nip nama
  jabatan { __typename id nama }
  skp(tahun: $tahun) { rencanaHasilKerja { indikator { uraian
    realisasi { __typename id jenisPeriode nomorPeriode nilai } } } } } } }"""


async def test_related_rows_are_written_without_objects_as_graphql_core_writes_them(
        seeded_db, test_settings):
    who = await admin_pusat()
    variables = {"tahun": (await Skp.all().order_by("-tahun").first()).tahun}
    answers, realisasi_selects = [], []
    for compiled in (True, False):
        schema = build_schema(test_settings.model_copy(update={"compiled_reads": compiled}))
        context = await build_context(principal=who, settings=test_settings)
        with count_statements() as statements:
            result = await schema.execute(QUERY, variable_values=variables,
                                          context_value=context)
        assert result.errors is None, result.errors
        answers.append((result.data, len(statements), context.budget.used))
        realisasi_selects += [s for s in statements if 'FROM "realisasi"' in s]
    assert answers[0] == answers[1]  # the same data, statements and objects charged
    # The compiled path reads the columns it writes and the key; graphql-core whole rows.
    narrowed, whole = realisasi_selects
    assert '"nilai"' in narrowed and '"indikator_id"' in narrowed and '"bukti"' not in narrowed
    assert '"bukti"' in whole and '"updated_at"' in whole
    realisasi = [r for p in answers[0][0]["pegawaiList"]["nodes"] if p["skp"]
                 for rhk in p["skp"]["rencanaHasilKerja"] for i in rhk["indikator"]
                 for r in i["realisasi"]]
    assert len(realisasi) > 100 and all(r["__typename"] == "Realisasi" for r in realisasi)


async def test_a_narrowed_row_the_writer_refuses_sends_the_request_to_graphql_core(
        seeded_db, test_settings, monkeypatch):
    """Rows read with only the written columns cannot be made into objects: a row the
    writer refuses (which only data the database cannot hold would cause) reruns the
    request on graphql-core, which answers it whole."""
    who = await admin_pusat()
    variables = {"tahun": (await Skp.all().order_by("-tahun").first()).tahun}
    schema = build_schema(test_settings.model_copy(update={"compiled_reads": True}))
    context = await build_context(principal=who, settings=test_settings)
    expected = (await schema.execute(QUERY, variable_values=variables,
                                     context_value=context)).data
    refuse = LeafObject.write_each

    def refusing(self, values):
        written = refuse(self, values)
        return None if written is not None and "nomorPeriode" in written else written

    # Writers made from now on write field by field, and refuse realisasi.
    monkeypatch.setattr(leaf_objects, "_compiled", lambda specs, write_each: write_each)
    monkeypatch.setattr(LeafObject, "write_each", refusing)
    schema = build_schema(test_settings.model_copy(update={"compiled_reads": True}))
    fallbacks = EXECUTIONS.labels("graphql-core", "not_compilable")._value.get()
    context = await build_context(principal=who, settings=test_settings)
    result = await schema.execute(QUERY, variable_values=variables, context_value=context)
    assert result.errors is None and result.data == expected
    assert EXECUTIONS.labels("graphql-core", "not_compilable")._value.get() == fallbacks + 1


class Colour(enum.Enum):
    RED = "r"
    GREEN = "g"


LEAF_TYPES = [GraphQLString, GraphQLInt, GraphQLBoolean, GraphQLFloat, GraphQLID,
              GraphQLEnumType("Colour", Colour)]
ANY_VALUE = (st.none() | st.text(max_size=3) | st.integers(-(2**33), 2**33) | st.booleans()
             | st.sampled_from([2**31 - 1, 2**31, -(2**31), -(2**31) - 1])
             | st.floats(allow_nan=False) | st.sampled_from(list(Colour)) | st.just([1]))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_compiled_writer_writes_what_the_field_by_field_writer_writes(data):
    """Whatever the values (nulls in non-null fields, Ints out of range, strangers to an
    enum, unhashable values), the compiled writer gives the same object, or None."""
    fields = data.draw(st.lists(st.tuples(st.sampled_from(LEAF_TYPES), st.booleans()),
                                min_size=1, max_size=6))
    specs = [("__typename", -1, "Thing", True)] if data.draw(st.booleans()) else []
    specs += [(f"f{n}", n, leaf_writer(leaf_type), non_null)
              for n, (leaf_type, non_null) in enumerate(fields)]
    writer = LeafObject(tuple(specs), tuple(f"f{n}" for n in range(len(fields))), None)
    for _ in range(3):  # enum members are remembered once met: ask again
        values = tuple(data.draw(ANY_VALUE) for _ in fields)
        written, expected = writer.write(values), writer.write_each(values)
        assert written == expected
        assert written is None or list(written) == list(expected)
