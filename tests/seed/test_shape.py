"""The shape of a 20,000-pegawai synthetic ministry, generated in memory (no database):
spans of control, careers, SKP periods, the predikat mix, places and names."""

import statistics
from collections import Counter, defaultdict
from datetime import date

import pytest

from ekinerja_graphql import ref
from ekinerja_graphql.domain.golongan import (
    MASA_MINIMAL_FUNGSIONAL,
    MASA_MINIMAL_REGULER,
    Golongan,
    TingkatPendidikan,
    golongan_tertinggi,
)
from ekinerja_graphql.domain.jabatan import Eselon, Jenjang, golongan_pppk, golongan_sesuai
from ekinerja_graphql.domain.kepegawaian import JenisPegawai
from ekinerja_graphql.domain.nip import JenisNip, parse_nip
from ekinerja_graphql.domain.organisasi import JenisUnit
from ekinerja_graphql.seed import names
from ekinerja_graphql.seed.biodata import UMUR_HAJI
from ekinerja_graphql.seed.context import SeedContext
from ekinerja_graphql.seed.generator import SeedGenerator
from ekinerja_graphql.seed.tables import EVALUASI, JABATAN, PEGAWAI, SKP

AS_OF = date(2026, 11, 23)
PEGAWAI_COUNT = 20_000


class Generated:
    def __init__(self) -> None:
        self.generator = SeedGenerator(PEGAWAI_COUNT, 2026, SeedContext(2026, AS_OF))
        master = self.generator.master_batch()
        self.jabatan = {row[2]: dict(zip(JABATAN.columns, row, strict=True))
                        for row in master.jabatan}  # fmt: skip
        self.pejabat_negara = master.pejabat_negara
        self.pegawai, self.skp, self.evaluasi = [], [], []
        for batch in self.generator.chunks():
            self.pegawai += [dict(zip(PEGAWAI.columns, row, strict=True)) for row in batch.pegawai]
            self.skp += [dict(zip(SKP.columns, row, strict=True)) for row in batch.skp]
            self.evaluasi += [dict(zip(EVALUASI.columns, row, strict=True))
                              for row in batch.evaluasi]  # fmt: skip
        self.units = {unit.id: unit for unit in self.generator.units}
        self.by_id = {row["id"]: row for row in self.pegawai}


@pytest.fixture(scope="module")
def ministry() -> Generated:
    return Generated()


def spans(ministry) -> dict[str, list[int]]:
    """Direct bawahan of every unit head, by the kind of unit they head."""
    rated = Counter(row["pejabat_penilai_id"] for row in ministry.pegawai)
    by_kind = defaultdict(list)
    for unit_id, head in ministry.generator.leaders.items():
        unit = ministry.units[unit_id]
        kind = unit.kind if unit.kind != "SUB" else unit.jenis.value
        by_kind[kind].append(rated[head.id])
    return by_kind


# Median and largest span of control per kind of head (a Kakanwil rated 293 directly and
# a rektor up to 1,793 before sub-units; 7,030 heads of seksi and subbagian rated nobody).
SPAN_LIMITS = {
    "KUA": (5, 15, 20), "MIN": (15, 40, 60), "MTSN": (25, 60, 90), "MAN": (30, 75, 110),
    "KANKEMENAG": (15, 60, 90), "KANWIL": (15, 70, 120), "PTKN": (3, 20, 30),
    "FAKULTAS": (30, 150, 250), "UNIT_ESELON_III": (5, 40, 150), "UNIT_ESELON_IV": (3, 20, 80),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(SPAN_LIMITS))
def test_heads_rate_a_real_span_of_control(ministry, kind):
    lowest_median, highest_median, largest = SPAN_LIMITS[kind]
    found = spans(ministry)[kind]
    assert lowest_median <= statistics.median(found) <= highest_median, (kind, found)
    assert max(found) <= largest


def test_nobody_rates_more_than_the_bawahan_fan_out_and_few_heads_rate_nobody(ministry):
    every = [span for found in spans(ministry).values() for span in found]
    assert max(every) <= 300  # api/pegawai/types.py BAWAHAN_FAN_OUT
    assert sum(1 for span in every if span == 0) / len(every) < 0.02


def test_a_pns_golongan_is_reachable_from_tmt_and_fits_the_jabatan(ministry):
    checked = 0
    for row in ministry.pegawai:
        if row["jenis"] not in (JenisPegawai.PNS, JenisPegawai.CPNS):
            continue
        jabatan = ministry.jabatan[row["jabatan_id"]]
        eselon = Eselon(jabatan["eselon"]) if jabatan["eselon"] else None
        jenjang = Jenjang(jabatan["jenjang"]) if jabatan["jenjang"] else None
        fungsional = jenjang is not None
        tmt = row["tmt_cpns"]
        masa = AS_OF.year - tmt.year - ((AS_OF.month, AS_OF.day) < (tmt.month, tmt.day))
        pace = MASA_MINIMAL_FUNGSIONAL if fungsional else MASA_MINIMAL_REGULER
        awal, golongan = Golongan(row["golongan_awal"]), Golongan(row["golongan"])
        assert awal <= golongan <= golongan_tertinggi(awal, masa, pace), row
        assert golongan_sesuai(golongan, eselon, jenjang), (row, jabatan)
        checked += 1
    assert checked > PEGAWAI_COUNT * 0.6


def test_pppk_are_on_their_own_scale(ministry):
    pppk = [row for row in ministry.pegawai
            if row["jenis"] in (JenisPegawai.PPPK, JenisPegawai.PPPK_PARUH_WAKTU)]  # fmt: skip
    assert len(pppk) > PEGAWAI_COUNT * 0.15
    for row in pppk:
        assert row["golongan_pppk"] and not row["golongan"] and not row["golongan_awal"]
        jabatan = ministry.jabatan[row["jabatan_id"]]
        if jabatan["jenjang"]:  # a pelaksana's follows their (unrecorded) education
            dosen = jabatan["nama"] in ("Asisten Ahli", "Lektor", "Lektor Kepala",
                                        "Guru Besar / Profesor")  # fmt: skip
            expected = golongan_pppk(Jenjang(jabatan["jenjang"]), TingkatPendidikan.S1, dosen)
            assert row["golongan_pppk"] == expected.value, (row, jabatan)
    assert all(row["golongan"] or row["golongan_pppk"] for row in ministry.evaluasi)


def test_every_nip_is_plausible_and_of_its_kind(ministry):
    kinds = {JenisPegawai.PNS: JenisNip.PNS, JenisPegawai.CPNS: JenisNip.PNS,
             JenisPegawai.PPPK: JenisNip.PPPK,
             JenisPegawai.PPPK_PARUH_WAKTU: JenisNip.PPPK_PARUH_WAKTU}  # fmt: skip
    for row in ministry.pegawai:
        nip = parse_nip(row["nip"], today=AS_OF)
        assert nip.jenis is kinds[row["jenis"]] and nip.tanggal_lahir == row["tanggal_lahir"]
        assert nip.jenis_kelamin == row["jenis_kelamin"]
        assert nip.tahun_pengangkatan == row["tmt_cpns"].year
    assert len({row["nip"] for row in ministry.pegawai}) == PEGAWAI_COUNT


def test_no_skp_or_evaluation_before_tmt(ministry):
    skp_start = {}
    appointed_this_year = 0
    for row in ministry.skp:
        tmt = ministry.by_id[row["pegawai_id"]]["tmt_cpns"]
        assert row["periode_awal"] >= tmt
        appointed_this_year += row["periode_awal"] > date(2026, 1, 1)
        skp_start[row["id"]] = row["periode_awal"]
    assert appointed_this_year > 50  # CPNS and PPPK appointed during the year
    assert all(row["periode_akhir"] >= skp_start[row["skp_id"]] for row in ministry.evaluasi)


def test_predikat_mix_is_the_national_one_and_ratings_correlate(ministry):
    rated = [row for row in ministry.evaluasi if row["predikat"]]
    shares = {k: v / len(rated) for k, v in Counter(r["predikat"] for r in rated).items()}
    assert 0.85 <= shares["BAIK"] <= 0.91
    assert 0.09 <= shares["SANGAT_BAIK"] <= 0.13
    for lower in ("BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"):
        assert 0 < shares[lower] < 0.01
    atas = "DI_ATAS_EKSPEKTASI"
    perilaku_atas = sum(r["rating_perilaku_kerja"] == atas for r in rated) / len(rated)
    hasil_atas = [r for r in rated if r["rating_hasil_kerja"] == atas]
    given_hasil_atas = sum(r["rating_perilaku_kerja"] == atas for r in hasil_atas) / len(hasil_atas)
    assert given_hasil_atas > 3 * perilaku_atas


def test_kankemenag_are_real_kabupaten_kota_of_their_kanwil_province(ministry):
    provinsi_of = {}
    for row in ref.table("wilayah_kabkota"):
        provinsi_of[row["nama_kabkota"]] = row["nama_provinsi"]
    kankemenag = [u for u in ministry.units.values() if u.jenis is JenisUnit.KANKEMENAG]
    assert kankemenag
    for unit in kankemenag:
        kabkota = unit.nama.removeprefix("Kantor Kementerian Agama ").upper()
        provinsi = unit.parent.nama.removeprefix(
            "Kantor Wilayah Kementerian Agama Provinsi ").upper()  # fmt: skip
        assert provinsi_of[kabkota] == provinsi, unit.nama
    assert len({u.nama for u in kankemenag}) == len(kankemenag)


def test_names_come_from_the_curated_pools(ministry):
    known = {row["nama"] for table in ("nama_depan", "nama_belakang") for row in ref.table(table)}
    known |= names.NAMA_KRISTIANI | set(names.KRISTIANI_TAMBAHAN_LAKI)
    known |= set(names.KRISTIANI_TAMBAHAN_PEREMPUAN) | set(names.MARGA_TOBA_KARO)
    known |= set(names.MARGA_MANDAILING) | set(names.NAMA_BALI_LAKI)
    known |= set(names.NAMA_BALI_PEREMPUAN) | set(names.URUTAN_BALI_LAKI)
    known |= set(names.URUTAN_BALI_PEREMPUAN) | {"I", "Ni", "Ida", "Bagus", "Ayu", "Gusti"}
    tokens = Counter(token for row in ministry.pegawai for token in row["nama"].split())
    assert set(tokens) <= known
    assert not {"Violet", "Sakura", "Jessica"} & set(tokens) - names.NAMA_KRISTIANI


def test_haji_titles_only_for_muslims_old_enough(ministry):
    titled = [row for row in ministry.pegawai if row["gelar_depan"]
              and {"H.", "Hj."} & set(row["gelar_depan"].split())]  # fmt: skip
    assert titled
    for row in titled:
        age = AS_OF.year - row["tanggal_lahir"].year
        assert age >= UMUR_HAJI
        assert not row["nama"].startswith(("I ", "Ni "))  # no Balinese Hindu names
        assert not set(row["nama"].split()) & names.NAMA_KRISTIANI


def test_the_menteri_is_a_pejabat_negara_rating_the_eselon_i_heads(ministry):
    (menteri,) = ministry.pejabat_negara
    root = ministry.units[1]
    assert root.kepala.pejabat_negara and 1 not in ministry.generator.leaders
    eselon_i_heads = [ministry.generator.leaders[u.id].id for u in root.children
                      if u.jenis is JenisUnit.UNIT_ESELON_I]  # fmt: skip
    for head in eselon_i_heads:
        row = ministry.by_id[head]
        assert row["pejabat_penilai_id"] is None and row["pejabat_penilai_negara_id"] == 1
        assert ministry.jabatan[row["jabatan_id"]]["eselon"] == "11"  # I.a JPT Madya
    non_asn = [row for row in ministry.skp if row["status_penilai"] == "NON_ASN"]
    assert {row["pegawai_id"] for row in non_asn} >= set(eselon_i_heads)
    assert all(row["pejabat_penilai_negara_id"] == 1 for row in non_asn)


TUGAS_TAMBAHAN = {JenisUnit.KUA: ("KEPALA_KUA", "Penghulu"),
                  JenisUnit.MADRASAH: ("KEPALA_MADRASAH", "Guru"),
                  JenisUnit.FAKULTAS: ("DEKAN", "Dosen"),
                  JenisUnit.PERGURUAN_TINGGI: (("REKTOR", "KETUA_SEKOLAH_TINGGI"),
                                               "Dosen")}  # fmt: skip


def test_heads_with_a_tugas_tambahan_hold_their_jabatan_fungsional(ministry):
    jf = {row["siasn_jabatan_fungsional_id"]: row["kelompok_jabatan"]
          for row in ref.table("jabatan_fungsional_kemenag")}  # fmt: skip
    jf_skp = {row["pegawai_id"] for row in ministry.skp if row["jenis_jabatan"] == "JF"}
    for unit_id, head in ministry.generator.leaders.items():
        unit = ministry.units[unit_id]
        if unit.jenis not in TUGAS_TAMBAHAN:
            continue
        tugas, family = TUGAS_TAMBAHAN[unit.jenis]
        row = ministry.by_id[head.id]
        assert row["tugas_tambahan"] in tugas and unit.eselon is None
        jabatan = ministry.jabatan[row["jabatan_id"]]
        assert jf[jabatan["siasn_id"]] == family and jabatan["eselon"] is None
        assert head.id in jf_skp
