"""A workflow history of any length is readable: `riwayat` shows its newest `last` steps,
oldest first, picked in SQL, and costs what it asks for."""

import pytest
from strawberry.relay import to_base64

from ekinerja_graphql.domain.evaluasi import StatusEvaluasi
from ekinerja_graphql.domain.skp import StatusSkp
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.models import Evaluasi, EvaluasiRiwayat, Skp, SkpRiwayat
from tests.support.graphql import admin_pusat, count_statements, run

LONG = 140  # returned and submitted 70 times: more than any page may hold

QUERY = """query ($a: ID!, $b: ID!, $e: ID!, $last: Int) {
  a: node(id: $a) { ... on Skp { riwayat(last: $last) { aksi catatan } } }
  b: node(id: $b) { ... on Skp { riwayat(last: $last) { aksi catatan } } }
  e: node(id: $e) { ... on Evaluasi { riwayat(last: $last) { aksi catatan } } }
}"""


@pytest.fixture
async def histories(seeded_db):
    long_skp, short_skp = await Skp.all().order_by("id").limit(2)
    evaluasi = await Evaluasi.filter(skp_id=long_skp.id).first()
    await SkpRiwayat.bulk_create([
        SkpRiwayat(skp_id=long_skp.id, oleh="test", catatan=str(n),
                   aksi=Aksi.AJUKAN_SKP if n % 2 else Aksi.KEMBALIKAN_SKP,
                   dari_status=StatusSkp.DRAFT, ke_status=StatusSkp.DIAJUKAN)
        for n in range(LONG)
    ])  # fmt: skip
    await SkpRiwayat.bulk_create([
        SkpRiwayat(skp_id=short_skp.id, oleh="test", catatan=f"short {n}", aksi=Aksi.BUAT_SKP,
                   ke_status=StatusSkp.DRAFT)
        for n in range(3)
    ])  # fmt: skip
    await EvaluasiRiwayat.bulk_create([
        EvaluasiRiwayat(evaluasi_id=evaluasi.id, oleh="test", catatan=str(n),
                        aksi=Aksi.NILAI_EVALUASI, ke_status=StatusEvaluasi.DINILAI)
        for n in range(LONG)
    ])  # fmt: skip
    return {"a": to_base64("Skp", long_skp.id), "b": to_base64("Skp", short_skp.id),
            "e": to_base64("Evaluasi", evaluasi.id)}  # fmt: skip


def notes(data: dict, alias: str) -> list[str]:
    return [step["catatan"] for step in data[alias]["riwayat"]]


async def test_the_newest_steps_oldest_first(histories, test_settings):
    admin = await admin_pusat()
    result = await run(QUERY, admin, test_settings, histories)
    assert result.errors is None, result.errors
    page = test_settings.default_page_size
    expected = [str(n) for n in range(LONG - page, LONG)]
    assert notes(result.data, "a") == expected
    assert notes(result.data, "e") == expected
    assert notes(result.data, "b") == ["short 0", "short 1", "short 2"]

    result = await run(QUERY, admin, test_settings, {**histories, "last": 100})
    assert result.errors is None, result.errors
    assert notes(result.data, "a") == [str(n) for n in range(LONG - 100, LONG)]
    assert len(notes(result.data, "b")) == 3

    result = await run(QUERY, admin, test_settings, {**histories, "last": 0})
    assert notes(result.data, "a") == [] and notes(result.data, "e") == []


async def test_the_cost_follows_last_and_one_statement_reads_a_batch(histories, test_settings):
    admin = await admin_pusat()
    with count_statements() as statements:
        result = await run(QUERY, admin, test_settings, {**histories, "last": 50})
    assert result.errors is None, result.errors
    reads = [s for s in statements if "skp_riwayat" in s]
    assert len(reads) == 1 and "ROW_NUMBER()" in reads[0]
    # Two SKP histories of 50 steps, an evaluation's of 50, two fields each, plus the nodes.
    assert result.extensions["cost"]["requested"] >= 3 * 50 * 2


@pytest.mark.parametrize("last", [101, -1])
async def test_last_out_of_range_is_bad_input(histories, test_settings, last):
    result = await run(QUERY, await admin_pusat(), test_settings, {**histories, "last": last})
    assert result.data is None
    assert len(result.errors) == 3  # one per field that asks
    for error in result.errors:
        assert error.extensions == {"code": "BAD_USER_INPUT", "field": "last"}
