"""Rating (services/evaluasi/penilaian.py, snapshot.py): the predikat comes from the matrix of
spec §4 only; each evaluation keeps a snapshot of the people and positions it was made for,
with the angka kredit of a jabatan fungsional (§4, PermenPANRB 1/2023); re-rating needs the
version; periods follow the instansi's granularity; a bad input names its field; a bulk
rating writes everything or nothing."""

from datetime import date
from decimal import Decimal

import pytest

from ekinerja_graphql.errors import CodedError
from ekinerja_graphql.models import (
    AuditLog,
    Evaluasi,
    EvaluasiRiwayat,
    Jabatan,
    Pegawai,
    Skp,
    UnitOrganisasi,
)
from ekinerja_graphql.services.evaluasi import penetapan
from ekinerja_graphql.services.evaluasi.penilaian import (
    MAKS_MASSAL,
    Penilaian,
    PenilaianDitolak,
    nilai,
    nilai_massal,
)
from ekinerja_graphql.services.skp.mutasi import Mutasi, catat_mutasi
from tests.services.evaluasi_support import (
    ATAS,
    BAWAH,
    SESUAI,
    TAHUN,
    actor,
    buat_skp,
    build_dunia,
    item,
    jejak,
    pegawai_baru,
    reload,
)

# spec §4, rows hasil kerja, columns perilaku kerja
MATRIX = {
    (ATAS, BAWAH): "KURANG", (ATAS, SESUAI): "BAIK", (ATAS, ATAS): "SANGAT_BAIK",
    (SESUAI, BAWAH): "KURANG", (SESUAI, SESUAI): "BAIK", (SESUAI, ATAS): "BAIK",
    (BAWAH, BAWAH): "SANGAT_KURANG", (BAWAH, SESUAI): "BUTUH_PERBAIKAN",
    (BAWAH, ATAS): "BUTUH_PERBAIKAN",
}  # fmt: skip
# A full year of a jabatan fungsional Ahli Pertama (koefisien 12.5) per predikat (§4):
# 12/12 × persen × 12.5 with persen 150, 100, 75, 50, 25.
AK_SETAHUN_AHLI_PERTAMA = {
    (ATAS, ATAS): ("SANGAT_BAIK", Decimal("18.75")),
    (SESUAI, SESUAI): ("BAIK", Decimal("12.5")),
    (BAWAH, SESUAI): ("BUTUH_PERBAIKAN", Decimal("9.375")),
    (SESUAI, BAWAH): ("KURANG", Decimal("6.25")),
    (BAWAH, BAWAH): ("SANGAT_KURANG", Decimal("3.125")),
}

BADUNG = "Kantor Kementerian Agama Kabupaten Badung"
DENPASAR = "Kantor Kementerian Agama Kota Denpasar"
KEPALA_KANKEMENAG = "Kepala Kantor Kementerian Agama Kabupaten/Kota"


@pytest.fixture
async def dunia(empty_db):
    return await build_dunia()


async def _refused(call, code: str, field: str | None = None) -> CodedError:
    """The call's error, after checking it wrote nothing at all."""
    before = await jejak()
    with pytest.raises(CodedError) as raised:
        await call
    assert raised.value.code == code, raised.value.message
    if field is not None:
        assert raised.value.field == field
        assert raised.value.extensions["field"] == field
    assert await jejak() == before
    return raised.value


# --- The snapshot -------------------------------------------------------------------------


async def test_a_jf_pns_evaluation_snapshots_pegawai_penilai_atasan_and_angka_kredit(dunia):
    p = await actor(dunia.p)
    evaluasi = await nilai(p, item(dunia.skp["S1"], "TRIWULANAN", 2, catatan="  Baik  "),
                           "TRIWULANAN")  # fmt: skip
    row = await reload(evaluasi)
    expected = {
        "pegawai_id": dunia.s1.id, "skp_id": dunia.skp["S1"].id, "tahun": TAHUN,
        "jenis_periode": "TRIWULANAN", "nomor_periode": 2,
        "periode_awal": date(TAHUN, 4, 1), "periode_akhir": date(TAHUN, 6, 30),
        "rating_hasil_kerja": SESUAI, "rating_perilaku_kerja": SESUAI, "predikat": "BAIK",
        "status": "DINILAI", "version": 1, "catatan": "Baik",
        "jabatan_id": dunia.s1.jabatan_id, "jabatan_nama": "Penyuluh Agama Ahli Pertama",
        "jenjang": "AHLI_PERTAMA", "unit_id": dunia.unit.id, "unit_nama": BADUNG,
        "golongan": "34", "golongan_pppk": None, "status_penilai": "ASN",
        "pejabat_penilai_id": dunia.p.id, "pejabat_penilai_nip": "197002021995031002",
        "pejabat_penilai_nama": "Kakankemenag", "pejabat_penilai_jabatan": KEPALA_KANKEMENAG,
        "pejabat_penilai_unit_nama": BADUNG, "pejabat_penilai_golongan": "34",
        "pejabat_penilai_golongan_pppk": None,
        "atasan_pejabat_penilai_id": dunia.h.id,
        "atasan_pejabat_penilai_nip": "196801011990031001",
        "atasan_pejabat_penilai_nama": "Kakanwil",
        # 3 of 12 months of Ahli Pertama (12.5 a year) at BAIK (100%): 3/12 × 1 × 12.5
        "bulan_dinilai": 3, "angka_kredit": Decimal("3.125"),
        "ditetapkan_at": None, "final_at": None,
    }  # fmt: skip
    assert {name: getattr(row, name) for name in expected} == expected

    (riwayat,) = await EvaluasiRiwayat.filter(evaluasi_id=row.id).values(
        "aksi", "dari_status", "ke_status", "oleh", "oleh_pegawai_id", "catatan")
    assert riwayat == {"aksi": "NILAI_EVALUASI", "dari_status": None, "ke_status": "DINILAI",
                       "oleh": dunia.p.nip, "oleh_pegawai_id": dunia.p.id, "catatan": "Baik"}
    (entry,) = await AuditLog.all()
    assert (entry.subject, entry.action, entry.object_type, entry.object_id, entry.pegawai_id,
            entry.request_id, entry.before) == (dunia.p.nip, "nilaiEvaluasi", "Evaluasi", row.id,
                                                dunia.s1.id, "req-uji", None)  # fmt: skip
    assert entry.after["predikat"] == "BAIK" and entry.after["angka_kredit"] == "3.125"


async def test_a_later_transfer_does_not_rewrite_the_snapshot(dunia):
    p = await actor(dunia.p)
    evaluasi = await nilai(p, item(dunia.skp["S1"], "TRIWULANAN", 1), "TRIWULANAN")
    before = await Evaluasi.filter(id=evaluasi.id).values()
    # S1 moves to Denpasar as a pelaksana on 1 July; P is promoted, H's name changes.
    admin = await actor(dunia.admin_unit)
    baru = await catat_mutasi(admin, Mutasi(dunia.s1.id, date(TAHUN, 7, 1), dunia.unit2.id,
                                            dunia.jabatan_pelaksana.id))  # fmt: skip
    await Pegawai.filter(id=dunia.s1.id).update(golongan="41")
    await Pegawai.filter(id=dunia.p.id).update(golongan="42", nama="Kakankemenag Baru")
    await UnitOrganisasi.filter(id=dunia.unit.id).update(nama="Kankemenag Badung (baru)")
    assert await Evaluasi.filter(id=evaluasi.id).values() == before
    # The old SKP's second quarter is still rated by its own chain, for the old position.
    tw2 = await reload(await nilai(p, item(dunia.skp["S1"], "TRIWULANAN", 2), "TRIWULANAN"))
    assert (tw2.jabatan_nama, tw2.jenjang, tw2.unit_id, tw2.pejabat_penilai_id,
            tw2.atasan_pejabat_penilai_id) == ("Penyuluh Agama Ahli Pertama", "AHLI_PERTAMA",
                                               dunia.unit.id, dunia.p.id, dunia.h.id)
    assert baru.unit_id == dunia.unit2.id and baru.pejabat_penilai_id == dunia.p2.id
    # ... and not beyond the day before the move.
    await _refused(nilai(p, item(dunia.skp["S1"], "TRIWULANAN", 3), "TRIWULANAN"),
                   "BAD_USER_INPUT", "input.nomorPeriode")


async def test_a_pppk_keeps_its_own_golongan_scale_and_angka_kredit(dunia):
    ahli_muda = await Jabatan.create(nama="Penyuluh Agama Ahli Muda", kelas_jabatan=9,
                                     jenis="FUNGSIONAL_TERTENTU", jenjang="AHLI_MUDA")
    pppk = await pegawai_baru(dunia.unit.id, ahli_muda.id, dunia.p, pppk="XI")
    skp = await buat_skp(pppk, penilai=dunia.p, atasan=dunia.h)
    row = await reload(await nilai(await actor(dunia.p), item(skp, "TAHUNAN", 1, ATAS, ATAS),
                                   "TRIWULANAN"))  # fmt: skip
    # 12/12 × 150% × 25 (Ahli Muda)
    assert (row.golongan, row.golongan_pppk, row.jenjang, row.bulan_dinilai, row.predikat,
            row.angka_kredit) == (None, "XI", "AHLI_MUDA", 12, "SANGAT_BAIK", Decimal("37.5"))
    assert (row.periode_awal, row.periode_akhir) == (date(TAHUN, 1, 1), date(TAHUN, 12, 31))


async def test_a_pppk_penilai_is_snapshotted_on_the_pppk_scale(dunia):
    ahli_muda = await Jabatan.create(nama="Analis Kebijakan Ahli Muda", kelas_jabatan=9,
                                     jenis="FUNGSIONAL_TERTENTU", jenjang="AHLI_MUDA")
    ketua = await pegawai_baru(dunia.unit2.id, ahli_muda.id, dunia.p2, pppk="XI")
    staf = await pegawai_baru(dunia.unit2.id, dunia.jabatan_pelaksana.id, ketua, golongan="22")
    skp = await buat_skp(staf, penilai=ketua, atasan=dunia.p2)
    row = await reload(await nilai(await actor(ketua), item(skp, "TRIWULANAN", 1),
                                   "TRIWULANAN"))  # fmt: skip
    assert (row.golongan, row.golongan_pppk, row.jenjang, row.angka_kredit) == (
        "22", None, None, None)  # a pelaksana earns no angka kredit
    assert (row.pejabat_penilai_id, row.pejabat_penilai_nip, row.pejabat_penilai_jabatan,
            row.pejabat_penilai_unit_nama, row.pejabat_penilai_golongan,
            row.pejabat_penilai_golongan_pppk) == (ketua.id, ketua.nip,
                                                   "Analis Kebijakan Ahli Muda", DENPASAR, None,
                                                   "XI")  # fmt: skip
    assert (row.atasan_pejabat_penilai_id, row.atasan_pejabat_penilai_nama) == (
        dunia.p2.id, "Kakankemenag Dua")


async def test_a_pejabat_negara_penilai_and_atasan_are_snapshotted_by_name(dunia):
    # The Menteri rates H: ADMIN_PUSAT acts for them.
    h = await reload(await nilai(await actor(dunia.admin_pusat),
                                 item(dunia.skp["H"], "TAHUNAN", 1), "TRIWULANAN"))
    assert {name: getattr(h, name) for name in (
        "status_penilai", "pejabat_penilai_id", "pejabat_penilai_nip", "pejabat_penilai_nama",
        "pejabat_penilai_jabatan", "pejabat_penilai_unit_nama", "pejabat_penilai_golongan",
        "pejabat_penilai_golongan_pppk", "atasan_pejabat_penilai_id",
        "atasan_pejabat_penilai_nip", "atasan_pejabat_penilai_nama", "jabatan_nama", "jenjang",
        "angka_kredit", "unit_nama", "golongan")} == {
        "status_penilai": "NON_ASN", "pejabat_penilai_id": None, "pejabat_penilai_nip": None,
        "pejabat_penilai_nama": "Menteri", "pejabat_penilai_jabatan": "Menteri Agama",
        "pejabat_penilai_unit_nama": "Kementerian Agama", "pejabat_penilai_golongan": None,
        "pejabat_penilai_golongan_pppk": None, "atasan_pejabat_penilai_id": None,
        "atasan_pejabat_penilai_nip": None, "atasan_pejabat_penilai_nama": None,
        "jabatan_nama": "Kepala Kantor Wilayah", "jenjang": None, "angka_kredit": None,
        "unit_nama": "Kantor Wilayah Kementerian Agama Provinsi Bali", "golongan": "34",
    }  # fmt: skip
    # H rates P, whose atasan pejabat penilai is the Menteri.
    p = await reload(await nilai(await actor(dunia.h), item(dunia.skp["P"], "TAHUNAN", 1),
                                 "TRIWULANAN"))  # fmt: skip
    assert (p.status_penilai, p.pejabat_penilai_id, p.pejabat_penilai_jabatan,
            p.pejabat_penilai_unit_nama, p.atasan_pejabat_penilai_id,
            p.atasan_pejabat_penilai_nip, p.atasan_pejabat_penilai_nama) == (
        "ASN", dunia.h.id, "Kepala Kantor Wilayah",
        "Kantor Wilayah Kementerian Agama Provinsi Bali", None, None, "Menteri")


# Koefisien tahunan of §4 (the keterampilan jenjang [S], kept as a table).
KOEFISIEN = {"AHLI_PERTAMA": "12.5", "AHLI_MUDA": "25", "AHLI_MADYA": "37.5",
             "AHLI_UTAMA": "50", "PEMULA": "3.75", "TERAMPIL": "5", "MAHIR": "12.5",
             "PENYELIA": "25"}  # fmt: skip


@pytest.mark.parametrize("jenjang", list(KOEFISIEN))
async def test_angka_kredit_of_each_jenjang(dunia, jenjang):
    jabatan = await Jabatan.create(nama=f"Pranata Uji {jenjang}", kelas_jabatan=8,
                                   jenis="FUNGSIONAL_TERTENTU", jenjang=jenjang)  # fmt: skip
    pegawai = await pegawai_baru(dunia.unit.id, jabatan.id, dunia.p)
    skp = await buat_skp(pegawai, penilai=dunia.p, atasan=dunia.h)
    year, tw4 = await nilai_massal(await actor(dunia.p), [
        item(skp, "TAHUNAN", 1, ATAS, ATAS), item(skp, "TRIWULANAN", 4, BAWAH, SESUAI)],
        "TRIWULANAN")  # fmt: skip
    koefisien = Decimal(KOEFISIEN[jenjang])
    # SANGAT_BAIK for 12 months: 12/12 × 150% × koefisien
    assert (year.jenjang, (await reload(year)).angka_kredit) == (
        jenjang, koefisien * Decimal("1.5"))
    # BUTUH_PERBAIKAN for 3 months: 3/12 × 75% × koefisien, within 3 decimals
    assert abs((await reload(tw4)).angka_kredit - koefisien * 3 / 12 * Decimal("0.75")) <= (
        Decimal("0.0005"))


async def test_an_skp_starting_mid_year_counts_only_its_months(dunia):
    penyuluh = await pegawai_baru(dunia.unit.id, dunia.s1.jabatan_id, dunia.p)
    skp = await buat_skp(penyuluh, penilai=dunia.p, atasan=dunia.h, awal=date(TAHUN, 7, 1))
    p = await actor(dunia.p)
    year = await reload(await nilai(p, item(skp, "TAHUNAN", 1), "TRIWULANAN"))
    tw3 = await reload(await nilai(p, item(skp, "TRIWULANAN", 3), "TRIWULANAN"))
    # July to December: 6/12 × 100% × 12.5; a quarter: 3/12 × 100% × 12.5
    assert (year.bulan_dinilai, year.angka_kredit) == (6, Decimal("6.25"))
    assert (tw3.bulan_dinilai, tw3.angka_kredit) == (3, Decimal("3.125"))
    await _refused(nilai(p, item(skp, "TRIWULANAN", 2), "TRIWULANAN"), "BAD_USER_INPUT",
                   "input.nomorPeriode")


async def test_angka_kredit_of_a_quarter_keeps_three_decimals(dunia):
    row = await reload(await nilai(await actor(dunia.p),
                                   item(dunia.skp["S1"], "TRIWULANAN", 1, ATAS, ATAS),
                                   "TRIWULANAN"))  # fmt: skip
    # 3/12 × 150% × 12.5 = 4.6875, kept to the column's 3 decimals
    assert row.predikat == "SANGAT_BAIK"
    assert abs(row.angka_kredit - Decimal("4.6875")) <= Decimal("0.0005")
    assert row.angka_kredit == row.angka_kredit.quantize(Decimal("0.001"))


# --- Rating -------------------------------------------------------------------------------


async def test_every_cell_of_the_matrix_gives_its_predikat(dunia):
    combos = list(MATRIX)
    items = [item(dunia.skp["S2"], "BULANAN", n, *combo) for n, combo in enumerate(combos, 1)]
    done = await nilai_massal(await actor(dunia.p), items, "BULANAN")
    assert [e.predikat for e in done] == [MATRIX[c] for c in combos]
    stored = await Evaluasi.filter(skp_id=dunia.skp["S2"].id).order_by("nomor_periode").values_list(
        "rating_hasil_kerja", "rating_perilaku_kerja", "predikat")
    assert stored == [(*combo, MATRIX[combo]) for combo in combos]


async def test_re_rating_needs_the_current_version_and_recomputes_the_angka_kredit(dunia):
    p = await actor(dunia.p)
    first = await nilai(p, item(dunia.skp["S1"], "TAHUNAN", 1), "TRIWULANAN")
    assert (first.version, first.predikat, first.angka_kredit) == (1, "BAIK", Decimal("12.5"))
    error = await _refused(nilai(p, item(dunia.skp["S1"], "TAHUNAN", 1, ATAS, ATAS),
                                 "TRIWULANAN"), "CONFLICT", "input.version")  # fmt: skip
    assert error.extensions["currentVersion"] == 1
    error = await _refused(nilai(p, item(dunia.skp["S1"], "TAHUNAN", 1, ATAS, ATAS, version=7),
                                 "TRIWULANAN"), "CONFLICT")  # fmt: skip
    assert error.extensions["currentVersion"] == 1
    version = 1
    for ratings, (predikat, angka_kredit) in AK_SETAHUN_AHLI_PERTAMA.items():
        again = await nilai(p, item(dunia.skp["S1"], "TAHUNAN", 1, *ratings, version=version),
                            "TRIWULANAN")  # fmt: skip
        row = await reload(again)
        assert (row.id, row.status, row.predikat, row.angka_kredit, row.version) == (
            first.id, "DINILAI", predikat, angka_kredit, version + 1)
        version = row.version
    riwayat = await EvaluasiRiwayat.filter(evaluasi_id=first.id).order_by("id").values_list(
        "dari_status", "ke_status")
    assert riwayat == [(None, "DINILAI")] + [("DINILAI", "DINILAI")] * 5
    audits = await AuditLog.filter(object_type="Evaluasi", object_id=first.id).order_by("id")
    assert len(audits) == 6 and audits[0].before is None
    assert (audits[-1].before["predikat"], audits[-1].after["predikat"]) == (
        "KURANG", "SANGAT_KURANG")


async def test_a_fixed_evaluation_cannot_be_rated_again(dunia, test_settings):
    p = await actor(dunia.p)
    rated = await nilai(p, item(dunia.skp["S2"], "TRIWULANAN", 1), "TRIWULANAN")
    (fixed,) = await penetapan.tetapkan(p, [(rated.id, rated.version)], test_settings)
    error = await _refused(nilai(p, item(dunia.skp["S2"], "TRIWULANAN", 1, ATAS, ATAS,
                                         version=fixed.version), "TRIWULANAN"), "CONFLICT")
    assert error.extensions["currentStatus"] == "DITETAPKAN"
    assert error.extensions["currentVersion"] == fixed.version


async def test_only_an_approved_skp_is_rated(dunia):
    await Skp.filter(id=dunia.skp["S3"].id).update(status="DIAJUKAN")
    error = await _refused(nilai(await actor(dunia.p), item(dunia.skp["S3"]), "TRIWULANAN"),
                           "CONFLICT")  # fmt: skip
    assert error.extensions["currentStatus"] == "DIAJUKAN"


@pytest.mark.parametrize("who", ["S1", "S2", "H", "P2", "ADMIN_PUSAT", "ADMIN_UNIT"])
async def test_only_the_pejabat_penilai_rates(dunia, who):
    caller = await actor(dunia.everyone[who])
    error = await _refused(nilai(caller, item(dunia.skp["S1"]), "TRIWULANAN"), "FORBIDDEN")
    assert f"Skp {dunia.skp['S1'].id}" in error.message and "PENILAI" in error.message


@pytest.mark.parametrize(("granularity", "jenis", "nomor", "awal", "akhir"), [
    ("TRIWULANAN", "TRIWULANAN", 1, (1, 1), (3, 31)),
    ("TRIWULANAN", "TRIWULANAN", 2, (4, 1), (6, 30)),
    ("TRIWULANAN", "TRIWULANAN", 4, (10, 1), (12, 31)),
    ("TRIWULANAN", "TAHUNAN", 1, (1, 1), (12, 31)),
    ("BULANAN", "BULANAN", 1, (1, 1), (1, 31)),
    ("BULANAN", "BULANAN", 2, (2, 1), (2, 28)),  # 2026 is no leap year
    ("BULANAN", "BULANAN", 12, (12, 1), (12, 31)),
    ("BULANAN", "TAHUNAN", 1, (1, 1), (12, 31)),
])
async def test_periods_follow_the_configured_granularity(dunia, test_settings, granularity,
                                                         jenis, nomor, awal, akhir):
    settings = test_settings.model_copy(update={"evaluation_period": granularity})
    row = await reload(await nilai(await actor(dunia.p), item(dunia.skp["S1"], jenis, nomor),
                                   settings.evaluation_period))  # fmt: skip
    assert (row.jenis_periode, row.nomor_periode, row.periode_awal, row.periode_akhir) == (
        jenis, nomor, date(TAHUN, *awal), date(TAHUN, *akhir))
    months = akhir[0] - awal[0] + 1
    assert row.bulan_dinilai == months
    # Ahli Pertama at BAIK: months/12 × 12.5, within the column's 3 decimals
    assert abs(row.angka_kredit - Decimal(months) * Decimal("12.5") / 12) <= Decimal("0.0005")


def test_the_default_granularity_is_quarterly(test_settings):
    assert test_settings.evaluation_period == "TRIWULANAN"


@pytest.mark.parametrize(("granularity", "jenis", "nomor", "field", "allowed"), [
    ("TRIWULANAN", "BULANAN", 1, "input.jenisPeriode", "one of TRIWULANAN, TAHUNAN"),
    ("TRIWULANAN", "SEMESTERAN", 1, "input.jenisPeriode", "one of TRIWULANAN, TAHUNAN"),
    ("BULANAN", "TRIWULANAN", 1, "input.jenisPeriode", "one of BULANAN, TAHUNAN"),
    ("TRIWULANAN", "TRIWULANAN", 5, "input.nomorPeriode", "between 1 and 4"),
    ("TRIWULANAN", "TRIWULANAN", 0, "input.nomorPeriode", "between 1 and 4"),
    ("BULANAN", "BULANAN", 13, "input.nomorPeriode", "between 1 and 12"),
    ("BULANAN", "TAHUNAN", 2, "input.nomorPeriode", "between 1 and 1"),
])
async def test_a_bad_period_names_the_field(dunia, granularity, jenis, nomor, field, allowed):
    error = await _refused(nilai(await actor(dunia.p), item(dunia.skp["S1"], jenis, nomor),
                                 granularity), "BAD_USER_INPUT", field)  # fmt: skip
    assert error.message.startswith(f"{field} must be ") and allowed in error.message


async def test_other_bad_input_names_the_field(dunia):
    p = await actor(dunia.p)
    error = await _refused(nilai(p, item(dunia.skp["S1"], catatan="x" * 2001), "TRIWULANAN"),
                           "BAD_USER_INPUT", "input.catatan")  # fmt: skip
    assert "at most 2000 characters" in error.message
    missing = Penilaian(2**31 - 1, "TRIWULANAN", 1, SESUAI, SESUAI)
    error = await _refused(nilai(p, missing, "TRIWULANAN"), "NOT_FOUND", "input.skpId")
    assert str(2**31 - 1) in error.message


# --- Bulk rating --------------------------------------------------------------------------


async def test_one_bad_item_among_many_writes_nothing_and_each_failure_is_listed(dunia):
    p = await actor(dunia.p)
    await nilai(p, item(dunia.skp["S1"], "TAHUNAN", 1), "TRIWULANAN")  # version 1 exists
    items = [item(dunia.skp[name], "TRIWULANAN", n) for name in ("S1", "S2", "S3")
             for n in (1, 2, 3, 4)]  # fmt: skip
    items[5] = item(dunia.skp["S2"], "TRIWULANAN", 5)  # no 5th quarter
    items[9] = item(dunia.skp["P"], "TRIWULANAN", 1)  # P's own SKP: H rates it
    items[11] = Penilaian(2**31 - 1, "TRIWULANAN", 1, SESUAI, SESUAI)  # no such SKP
    items.append(item(dunia.skp["S1"], "TAHUNAN", 1, ATAS, ATAS))  # exists: no version sent
    items.append(item(dunia.skp["S2"], "SEMESTERAN", 1))  # not this instansi's period
    counts = {m: await m.all().count() for m in (Evaluasi, AuditLog, EvaluasiRiwayat)}
    before = await jejak()
    with pytest.raises(PenilaianDitolak) as raised:
        await nilai_massal(p, items, "TRIWULANAN")
    assert raised.value.code == "BAD_USER_INPUT"
    assert raised.value.message == "5 of the ratings failed: nothing was written"
    assert [(e.index, e.code) for e in raised.value.errors] == [
        (5, "BAD_USER_INPUT"), (9, "FORBIDDEN"), (11, "NOT_FOUND"), (12, "CONFLICT"),
        (13, "BAD_USER_INPUT")]
    fields = {e.index: e.field for e in raised.value.errors}
    assert (fields[5], fields[11], fields[12], fields[13]) == (
        "items[5].nomorPeriode", "items[11].skpId", "items[12].version",
        "items[13].jenisPeriode")
    assert f"Skp {dunia.skp['P'].id}" in raised.value.errors[1].message
    assert {m: await m.all().count() for m in (Evaluasi, AuditLog, EvaluasiRiwayat)} == counts
    assert await jejak() == before


async def test_a_bulk_rating_writes_every_item_with_its_trail(dunia):
    items = [item(dunia.skp[name], "TRIWULANAN", n, hasil)
             for name, hasil in (("S1", ATAS), ("S2", SESUAI), ("S3", BAWAH)) for n in (1, 2)]
    done = await nilai_massal(await actor(dunia.p), items, "TRIWULANAN")
    assert [(e.skp_id, e.nomor_periode, e.predikat, e.version, e.status) for e in done] == [
        (dunia.skp[name].id, n, predikat, 1, "DINILAI")
        for name, predikat in (("S1", "BAIK"), ("S2", "BAIK"), ("S3", "BUTUH_PERBAIKAN"))
        for n in (1, 2)]  # fmt: skip
    assert await Evaluasi.all().count() == 6
    assert await EvaluasiRiwayat.filter(aksi="NILAI_EVALUASI").count() == 6
    assert await AuditLog.filter(action="nilaiEvaluasiMassal", subject=dunia.p.nip).count() == 6


async def test_a_bulk_rating_takes_at_most_100_distinct_items(dunia):
    skps = [dunia.skp[name] for name in ("S1", "S2", "S3")]
    for _ in range(5):
        staf = await pegawai_baru(dunia.unit.id, dunia.jabatan_pelaksana.id, dunia.p)
        skps.append(await buat_skp(staf, penilai=dunia.p, atasan=dunia.h))
    periods = [("BULANAN", n) for n in range(1, 13)] + [("TAHUNAN", 1)]
    items = [item(skp, jenis, nomor) for skp in skps for jenis, nomor in periods]
    assert len(items) == 104
    p = await actor(dunia.p)
    for too_many in (items[:MAKS_MASSAL + 1], []):
        error = await _refused(nilai_massal(p, too_many, "BULANAN"), "BAD_USER_INPUT", "items")
        assert error.message == "items must be 1 to 100 ratings"
    error = await _refused(nilai_massal(p, [items[0], items[1], items[0]], "BULANAN"),
                           "BAD_USER_INPUT", "items")  # fmt: skip
    assert "distinct" in error.message
    done = await nilai_massal(p, items[:MAKS_MASSAL], "BULANAN")
    assert len(done) == MAKS_MASSAL == await Evaluasi.filter(status="DINILAI").count()
    assert await EvaluasiRiwayat.all().count() == MAKS_MASSAL == await AuditLog.all().count()
