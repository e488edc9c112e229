"""Cost tracks rows: no answer holds more objects than its cost (computed before execution),
lists without `first` count their fan-out, and data larger than the estimate is refused."""

import pytest
from strawberry.relay import to_base64

from ekinerja_graphql.api import limits
from ekinerja_graphql.models import Pegawai, RencanaHasilKerja, UnitOrganisasi
from tests.support.graphql import admin_pusat, count_statements, operation, run

# Cheap-looking before (a cost of 85 returned the whole 2,000-pegawai demo database:
# 53,634 objects in 7 s), now costed by their fan-out and refused before any SQL.
WHOLE_DATABASE = [
    "{ unitOrganisasiRoots { children { nama children { nama children { nama } } } } }",
    "{ me { bawahan { nip bawahan { nip skpList { tahun rencanaHasilKerja { uraian "
    "indikator { uraian realisasi { nilai } } } } } } } }",
]
NESTED = [
    "{ unitOrganisasiRoots { children { nama children { nama } } } }",
    "{ me { bawahan { nip skp(tahun: 2026) { rencanaHasilKerja { uraian "
    "indikator { uraian realisasi { nilai } } } } } } }",
    "{ pegawaiList(first: 100) { nodes { nip bawahan { nip } skp(tahun: 2026) { "
    "perilakuKerja { nilai } evaluasi { predikat } } } } }",
    "{ unitOrganisasiRoots { children { pegawai(first: 50, includeDescendants: true) { "
    "edges { cursor node { nip unit { ancestors { nama } } } } } } } }",
]


def objects_in(value) -> int:
    if isinstance(value, dict):
        return 1 + sum(objects_in(v) for v in value.values())
    if isinstance(value, list):
        return sum(objects_in(v) for v in value)
    return 0


@pytest.fixture
async def admin(seeded_db):
    return await admin_pusat()


@pytest.mark.parametrize("query", WHOLE_DATABASE)
async def test_fan_out_prices_whole_database_queries_out(admin, test_settings, query):
    with count_statements() as statements:
        result = await run(query, admin, test_settings)
    assert result.data is None and statements == []
    (error,) = result.errors
    assert error.extensions["code"] == "BAD_USER_INPUT" and "exceeds the maximum" in error.message


@pytest.mark.parametrize("query", NESTED)
async def test_objects_returned_never_exceed_the_cost(admin, test_settings, query):
    result = await run(query, admin, test_settings)
    assert result.errors is None, result.errors
    returned = objects_in(result.data)
    assert returned > 5
    assert returned <= result.extensions["cost"]["requested"]


async def test_the_client_operations_fit_their_cost(admin, test_settings):
    root = await UnitOrganisasi.get(parent_id=None)
    rhk = await RencanaHasilKerja.filter(rhk_atasan_id__isnull=False).first()
    unit_id = to_base64("UnitOrganisasi", root.id)
    pegawai = await Pegawai.filter(status="AKTIF").order_by("id").offset(5).first()
    cases = {
        "UnitKinerja": {"unitId": unit_id, "tahun": 2026},
        "UnitPegawai": {"unitId": unit_id, "tahun": 2026},
        "UnitTree": {},
        "PegawaiReport": {},
        "PegawaiByNip": {"nip": pegawai.nip},
        "PohonKinerja": {"rhkId": to_base64("RencanaHasilKerja", rhk.rhk_atasan_id)},
        "Me": {"tahun": 2026},
    }
    for name, variables in cases.items():
        result = await run(operation(name), admin, test_settings, variables)
        assert result.errors is None, (name, result.errors)
        cost = result.extensions["cost"]
        assert objects_in(result.data) <= cost["requested"] <= cost["maximum"], name


async def test_a_list_larger_than_its_estimate_is_refused_not_returned(
    admin, test_settings, monkeypatch
):
    monkeypatch.setattr(limits, "declared_fan_out", lambda definition, named: 1)
    # Named: a cost is remembered per document and variables (api/walk_memo.py), and the
    # shared schema may have priced the unnamed text with the real fan-outs before.
    query = ("query LargerThanItsEstimate { unitOrganisasiRoots { children { nama "
             "children { nama } } } }")
    result = await run(query, admin, test_settings)
    cost = result.extensions["cost"]["requested"]
    assert cost == 5  # as if every unit had one child
    assert objects_in(result.data) <= cost
    (error, *_) = result.errors
    assert error.extensions["code"] == "BAD_USER_INPUT"
    assert "more objects than this query's cost of 5" in error.message


async def test_a_relation_far_over_budget_is_not_even_read(admin, test_settings, monkeypatch):
    """The batch SELECT asks for the remaining budget plus one row, so a huge relation
    costs one small read before it is refused."""
    monkeypatch.setattr(limits, "declared_fan_out", lambda definition, named: 1)
    query = "query FarOverBudget { pegawaiList(first: 3) { nodes { bawahan { nip } } } }"
    with count_statements() as statements:
        result = await run(query, admin, test_settings)
    bawahan_reads = [s for s in statements if "LIMIT" in s and (
        '"pejabat_penilai_id" IN (SELECT value' in s or '"pejabat_penilai_id" = ANY(' in s)]
    assert bawahan_reads, statements
    assert result.errors is None or result.errors[0].extensions["code"] == "BAD_USER_INPUT"
