"""Hostile and mistaken inputs: each is BAD_USER_INPUT naming the argument, and the
generic bounds are enforced before any SQL runs (not even the viewer's)."""

import pytest
from strawberry.relay import to_base64

from ekinerja_graphql.models import Pegawai
from tests.support.graphql import admin_pusat, count_statements, data_of, run

LIST = "query($filter: PegawaiFilter) { pegawaiList(filter: $filter) { nodes { nip } } }"


@pytest.fixture
async def admin(seeded_db):
    return await admin_pusat()


def assert_bad_input(result, field: str, words: str):
    assert result.data is None or all(v is None for v in result.data.values()), result.data
    (error,) = result.errors
    assert error.extensions["code"] == "BAD_USER_INPUT", error
    assert error.extensions.get("field") == field, error.extensions
    assert words in error.message
    assert len(error.message) < 300


@pytest.mark.parametrize(("filter_", "field", "words"), [
    ({"nama": "ab\x00cd"}, "filter.nama", "NUL"),
    ({"nama": "x" * 60_000}, "filter.nama", "at most 4000 characters"),
    ({"status": ["AKTIF"] * 40_000}, "filter.status", "at most 100 items"),
    ({"golongan": ["III_A"] * 101}, "filter.golongan", "at most 100 items"),
])
async def test_generic_bounds_run_before_any_sql(admin, test_settings, filter_, field, words):
    with count_statements() as statements:
        result = await run(LIST, admin, test_settings, {"filter": filter_})
    assert_bad_input(result, field, words)
    assert statements == []


async def test_literal_arguments_are_bounded_too(admin, test_settings):
    query = '{ pegawaiList(filter: {nama: "%s"}) { nodes { nip } } }' % ("y" * 5000)
    with count_statements() as statements:
        result = await run(query, admin, test_settings)
    assert_bad_input(result, "filter.nama", "at most 4000")
    assert statements == []


@pytest.mark.parametrize(("written", "variables", "field", "words"), [
    ("{nama: $n, includeDescendants: true}", {"n": "ab\x00cd"}, "filter.nama", "NUL"),
    ('{nama: "%s", unitId: $u}' % ("y" * 5000), {"u": None}, "filter.nama", "at most 4000"),
    ("{status: [" + ", ".join(["$s"] * 101) + "]}", {"s": "AKTIF"}, "filter.status",
     "at most 100 items"),
    ('{nama: "ok", golongan: $g}', {"g": ["III_A"] * 101}, "filter.golongan",
     "at most 100 items"),
    ("{status: [AKTIF, $s]}", {"s": "x" * 5000}, "filter.status[1]", "at most 4000"),
])
async def test_variables_inside_literals_are_bounded(admin, test_settings, written, variables,
                                                     field, words):
    declared = {"n": "String", "u": "ID", "s": "StatusPegawai!", "g": "[Golongan!]"}
    used = ", ".join(f"${name}: {declared[name]}" for name in variables)
    query = f"query({used}) {{ pegawaiList(filter: {written}) {{ nodes {{ nip }} }} }}"
    for _ in range(2):  # the second request finds the document's sites kept
        with count_statements() as statements:
            result = await run(query, admin, test_settings, variables)
        assert_bad_input(result, field, words)
        assert statements == []


async def test_name_search_has_its_own_bounds(admin, test_settings):
    for text in ("a", "n" * 101):
        result = await run(LIST, admin, test_settings, {"filter": {"nama": text}})
        assert_bad_input(result, "filter.nama", "2 to 100 characters")


async def test_repeated_enum_values_are_deduplicated(admin, test_settings):
    data = await data_of("""query($f: PegawaiFilter) { pegawaiList(filter: $f) { totalCount } }""",
                         admin, test_settings, {"f": {"status": ["AKTIF"] * 100}})
    assert data["pegawaiList"]["totalCount"] == await Pegawai.filter(status="AKTIF").count()


@pytest.mark.parametrize("global_id", [
    to_base64("Pegawai", 2**31), to_base64("Pegawai", 2**40), to_base64("Skp", -1),
    to_base64("Skp", "1e3"), to_base64("Skp", "\u0661"), "x" * 500,
])
async def test_ids_outside_the_column_range_are_bad_input(admin, test_settings, global_id):
    result = await run("query($id: ID!) { node(id: $id) { id } }", admin, test_settings,
                       {"id": global_id})
    assert result.data == {"node": None}
    (error,) = result.errors
    assert error.extensions["code"] == "BAD_USER_INPUT" and error.extensions["field"] == "id"


async def test_one_bad_id_fails_only_its_own_item(admin, test_settings):
    good = await Pegawai.all().order_by("id").first()
    ids = [to_base64("Pegawai", good.id), to_base64("Pegawai", 2**40), "garbage",
           to_base64("Skp", 2**31 - 1)]
    query = "query($ids: [ID!]!) { me { nip } nodes(ids: $ids) { id } }"
    result = await run(query, admin, test_settings, {"ids": ids})
    assert result.data["me"]["nip"] == admin.subject
    assert result.data["nodes"] == [{"id": ids[0]}, None, None, None]
    codes = {tuple(e.path): e.extensions["code"] for e in result.errors}
    assert codes == {("nodes", 1): "BAD_USER_INPUT", ("nodes", 2): "BAD_USER_INPUT",
                     ("nodes", 3): "NOT_FOUND"}


async def test_filter_ids_are_range_checked(admin, test_settings):
    unit = to_base64("UnitOrganisasi", 2**35)
    result = await run(LIST, admin, test_settings, {"filter": {"unitId": unit}})
    assert_bad_input(result, "filter.unitId", "UnitOrganisasi")


async def test_echoed_input_is_truncated(admin, test_settings):
    result = await run('query($nip: String!) { pegawai(nip: $nip) { nip } }', admin,
                       test_settings, {"nip": "9" * 3000})
    (error,) = result.errors
    assert error.extensions["code"] == "BAD_USER_INPUT"
    assert len(str(error.formatted)) < 600
