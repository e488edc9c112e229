"""The synthetic ministry: internal consistency, ORM round trip, determinism, loading."""

import hashlib
from collections import Counter, defaultdict
from dataclasses import astuple
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from conftest import truncate_all
from tortoise import connections

from ekinerja_graphql.domain.evaluasi import StatusEvaluasi
from ekinerja_graphql.domain.kepegawaian import JenisKelamin
from ekinerja_graphql.domain.nip import JenisNip, parse_nip
from ekinerja_graphql.domain.organisasi import child_path
from ekinerja_graphql.domain.predikat import Predikat, Rating, predikat_kinerja
from ekinerja_graphql.domain.skp import NilaiBerakhlak
from ekinerja_graphql.models import Evaluasi, IndikatorKinerja, Jabatan, Pegawai, Skp
from ekinerja_graphql.seed import SeedError, seed_database
from ekinerja_graphql.seed.organisasi import unit_counts
from ekinerja_graphql.seed.tables import TABLES


async def rows(sql: str) -> list[dict]:
    return await connections.get("default").execute_query_dict(sql)


def as_date(value) -> date:
    """SQLite hands back ISO text, PostgreSQL a date."""
    return value if isinstance(value, date) else date.fromisoformat(value)


async def test_every_nip_parses_and_agrees_with_biodata(seeded_db):
    pegawai = await rows("SELECT nip, jenis, tanggal_lahir, jenis_kelamin, tmt_cpns FROM pegawai")
    assert len(pegawai) == 300
    for row in pegawai:
        nip = parse_nip(row["nip"])
        assert nip.tanggal_lahir == as_date(row["tanggal_lahir"])
        assert nip.jenis_kelamin == JenisKelamin(row["jenis_kelamin"])
        if row["jenis"] in ("PNS", "CPNS"):
            assert nip.jenis is JenisNip.PNS and nip.tmt_cpns == as_date(row["tmt_cpns"])
        else:
            assert nip.jenis is JenisNip(row["jenis"])
            assert nip.tahun_pengangkatan == as_date(row["tmt_cpns"]).year
    assert {row["jenis"] for row in pegawai} >= {"PNS", "PPPK"}
    assert len({row["nip"] for row in pegawai}) == len(pegawai)


async def test_unit_paths_follow_parents(seeded_db):
    units = {row["id"]: row for row in await rows("SELECT * FROM unit_organisasi")}
    roots = [unit for unit in units.values() if unit["parent_id"] is None]
    assert [root["nama"] for root in roots] == ["Kementerian Agama"]
    for unit in units.values():
        parent = units.get(unit["parent_id"])
        assert unit["path"] == child_path(parent["path"] if parent else None, unit["id"])
        assert unit["depth"] == (parent["depth"] + 1 if parent else 0)
    jenis = {unit["jenis"] for unit in units.values()}
    assert {"KEMENTERIAN", "UNIT_ESELON_I", "KANWIL", "KANKEMENAG", "MADRASAH", "KUA"} <= jenis


async def test_pejabat_penilai_follows_the_hierarchy(seeded_db):
    """Every unit's head rates its staff and the heads of its child units; the Menteri,
    a pejabat negara heading the root, rates the heads below it and the staf ahli."""
    units = {row["id"]: row for row in await rows("SELECT * FROM unit_organisasi")}
    pegawai = {row["id"]: row for row in await rows("SELECT * FROM pegawai")}
    (menteri,) = await rows("SELECT * FROM pejabat_negara")
    root = next(unit for unit in units.values() if unit["parent_id"] is None)
    assert root["pemimpin_id"] is None and menteri["unit_id"] == root["id"]
    leaders = {unit["pemimpin_id"] for unit in units.values() if unit is not root}
    assert None not in leaders and len(leaders) == len(units) - 1
    for row in pegawai.values():
        unit = units[row["unit_id"]]
        rated_by = unit["pemimpin_id"]
        if row["id"] == unit["pemimpin_id"]:
            rated_by = units[unit["parent_id"]]["pemimpin_id"]
            assert row["status"] == "AKTIF"
        assert row["pejabat_penilai_id"] == rated_by
        assert row["pejabat_penilai_negara_id"] == (menteri["id"] if rated_by is None else None)


async def test_only_aktif_pegawai_have_an_skp(seeded_db):
    found = await rows(
        "SELECT p.status, count(s.id) AS n FROM pegawai p LEFT JOIN skp s ON s.pegawai_id = p.id"
        " GROUP BY p.id, p.status"
    )
    assert all(row["n"] == (1 if row["status"] == "AKTIF" else 0) for row in found)


async def test_skp_chain_matches_pegawai(seeded_db):
    found = await rows(
        "SELECT s.pejabat_penilai_id AS s_penilai, p.pejabat_penilai_id AS p_penilai,"
        " s.atasan_pejabat_penilai_id AS atasan, q.pejabat_penilai_id AS q_penilai,"
        " s.status_penilai, s.pejabat_penilai_negara_id AS s_negara,"
        " p.pejabat_penilai_negara_id AS p_negara,"
        " s.atasan_pejabat_penilai_negara_id AS atasan_negara,"
        " q.pejabat_penilai_negara_id AS q_negara"
        " FROM skp s JOIN pegawai p ON p.id = s.pegawai_id"
        " LEFT JOIN pegawai q ON q.id = p.pejabat_penilai_id"
    )
    assert {row["status_penilai"] for row in found} == {"ASN", "NON_ASN"}
    for row in found:
        assert row["s_penilai"] == row["p_penilai"]
        assert row["atasan"] == row["q_penilai"]
        assert row["s_negara"] == row["p_negara"]
        assert row["atasan_negara"] == row["q_negara"]
        assert (row["status_penilai"] == "NON_ASN") == (row["s_negara"] is not None)


async def test_ja_jf_utama_rhk_cascade_from_the_penilai_skp(seeded_db):
    found = await rows(
        "SELECT r.id, s.pejabat_penilai_id, s.tahun, a.id AS atasan_id,"
        " sa.pegawai_id AS atasan_pegawai, sa.tahun AS atasan_tahun"
        " FROM rencana_hasil_kerja r JOIN skp s ON s.id = r.skp_id"
        " LEFT JOIN rencana_hasil_kerja a ON a.id = r.rhk_atasan_id"
        " LEFT JOIN skp sa ON sa.id = a.skp_id"
        " WHERE r.jenis = 'UTAMA' AND s.jenis_jabatan IN ('JA', 'JF')"
    )
    assert found
    for row in found:
        assert row["atasan_id"] is not None, row
        assert row["atasan_pegawai"] == row["pejabat_penilai_id"]
        assert row["atasan_tahun"] == row["tahun"]


async def test_jpt_rhk_have_a_perspektif(seeded_db):
    found = await rows(
        "SELECT r.perspektif FROM rencana_hasil_kerja r JOIN skp s ON s.id = r.skp_id"
        " WHERE s.jenis_jabatan = 'JPT' AND r.jenis = 'UTAMA'"
    )
    assert found and all(row["perspektif"] for row in found)


async def test_each_skp_has_the_seven_berakhlak_values(seeded_db):
    found = await rows("SELECT skp_id, nilai FROM perilaku_kerja")
    per_skp = defaultdict(set)
    for row in found:
        per_skp[row["skp_id"]].add(row["nilai"])
    skp_count = (await rows("SELECT count(*) AS n FROM skp"))[0]["n"]
    assert len(per_skp) == skp_count
    assert all(values == set(NilaiBerakhlak) for values in per_skp.values())
    assert len(found) == 7 * skp_count


async def test_every_quantitative_rhk_has_a_kuantitas_indicator(seeded_db):
    missing = await rows(
        "SELECT r.id FROM rencana_hasil_kerja r JOIN skp s ON s.id = r.skp_id"
        " WHERE s.pendekatan = 'KUANTITATIF' AND NOT EXISTS (SELECT 1 FROM indikator_kinerja i"
        " WHERE i.rhk_id = r.id AND i.aspek = 'KUANTITAS' AND i.target_nilai IS NOT NULL)"
    )
    assert missing == []


async def test_predikat_comes_from_the_matrix(seeded_db):
    found = await rows("SELECT * FROM evaluasi")
    assert found
    for row in found:
        if row["status"] == StatusEvaluasi.DRAFT:
            assert row["predikat"] is None and row["rating_hasil_kerja"] is None
            continue
        expected = predikat_kinerja(
            Rating(row["rating_hasil_kerja"]), Rating(row["rating_perilaku_kerja"])
        )
        assert row["predikat"] == expected
    assert {row["nomor_periode"] for row in found} == {1, 2, 3}  # quarters ended by 23 Nov


async def test_evaluasi_only_for_approved_skp_with_snapshot(seeded_db):
    found = await rows(
        "SELECT e.*, s.status AS skp_status, p.nip AS penilai_nip FROM evaluasi e"
        " JOIN skp s ON s.id = e.skp_id LEFT JOIN pegawai p ON p.id = e.pejabat_penilai_id"
    )
    for row in found:
        assert row["skp_status"] == "DISETUJUI"
        assert row["unit_nama"] and row["jabatan_nama"]
        assert row["pejabat_penilai_nip"] == row["penilai_nip"]


async def test_orm_reads_seeded_rows_back(seeded_db):
    skp = await Skp.filter(status="DISETUJUI").order_by("id").first().prefetch_related("pegawai")
    assert isinstance(skp.dukungan_sumber_daya, list) and skp.dukungan_sumber_daya
    assert skp.created_at == datetime(2026, 1, 6, 2, tzinfo=UTC)
    assert skp.disetujui_at is not None and skp.disetujui_at.tzinfo is not None
    assert isinstance(skp.pegawai, Pegawai) and isinstance(skp.pegawai.tanggal_lahir, date)
    indikator = await IndikatorKinerja.filter(aspek="KUANTITAS").order_by("id").first()
    assert isinstance(indikator.target_nilai, Decimal)
    evaluasi = await Evaluasi.filter(status="DITETAPKAN").order_by("id").first()
    assert isinstance(evaluasi.predikat, Predikat)
    assert evaluasi.ditetapkan_at > datetime(2026, 4, 1, tzinfo=UTC)
    jabatan = await Jabatan.all()
    assert all(1 <= j.kelas_jabatan <= 17 for j in jabatan)


async def test_pns_and_pppk_each_have_their_own_golongan_and_the_mix_is_plausible(seeded_db):
    found = await rows("SELECT jenis, golongan, golongan_awal, golongan_pppk FROM pegawai")
    for row in found:
        if row["jenis"] in ("PPPK", "PPPK_PARUH_WAKTU"):
            assert row["golongan_pppk"] and not row["golongan"] and not row["golongan_awal"]
        else:
            assert row["golongan"] and row["golongan_awal"] and not row["golongan_pppk"]
    mix = Counter(row["jenis"] for row in found)
    assert mix["PNS"] > mix["PPPK"] > mix["CPNS"]
    snapshots = await rows("SELECT golongan, golongan_pppk FROM evaluasi")
    assert snapshots and all(row["golongan"] or row["golongan_pppk"] for row in snapshots)


async def test_summary_matches_the_database_and_sequences_continue(empty_db):
    summary = await seed_database(500, random_seed=7)
    counts = {table.name: (await rows(f"SELECT count(*) AS n FROM {table.name}"))[0]["n"]
              for table in TABLES}  # fmt: skip
    assert counts == {
        "unit_organisasi": summary.units,
        "pejabat_negara": summary.pejabat_negara,
        "jabatan": summary.jabatan,
        "pegawai": summary.pegawai,
        "skp": summary.skp,
        "rencana_hasil_kerja": summary.rhk,
        "indikator_kinerja": summary.indikator,
        "perilaku_kerja": summary.perilaku,
        "evaluasi": summary.evaluasi,
        "realisasi": summary.realisasi,
    }
    assert summary.pegawai == 500 and summary.elapsed_seconds > 0
    created = await Jabatan.create(nama="Jabatan Baru", jenis="FUNGSIONAL_UMUM", kelas_jabatan=5)
    assert created.id == summary.jabatan + 1


async def digest() -> str:
    sha = hashlib.sha256()
    for table in TABLES:
        for row in await rows(f"SELECT * FROM {table.name} ORDER BY id"):
            sha.update(repr(sorted(row.items())).encode())
    return sha.hexdigest()


async def test_same_seed_gives_identical_rows(empty_db):
    await seed_database(400, random_seed=11)
    first = await digest()
    await truncate_all()
    await seed_database(400, random_seed=11)
    assert await digest() == first
    await truncate_all()
    await seed_database(400, random_seed=12)
    assert await digest() != first


async def test_seeding_a_non_empty_database_is_refused(empty_db):
    await seed_database(300)
    with pytest.raises(SeedError, match="database already holds 300 pegawai"):
        await seed_database(300)


async def test_progress_is_reported(empty_db):
    calls = []
    await seed_database(300, progress=lambda stage, done, total: calls.append((stage, done, total)))
    stages = [stage for stage, _, _ in calls]
    assert stages[0] == "unit" and "pegawai" in stages and stages[-1] == "selesai"
    assert ("pegawai", 300, 300) in calls


def test_satker_counts_scale_to_the_ministry():
    full = unit_counts(350_000)
    assert full.kanwil == 34 and full.kankemenag == 514 and full.eselon_i == 10
    total = 1 + sum(astuple(full))  # the root plus every level of satker (not sub-units)
    assert 10_000 <= total <= 11_000
    tiny = unit_counts(300)
    assert tiny.kanwil == tiny.kankemenag == 1 and tiny.madrasah >= 1 and tiny.kua >= 1
