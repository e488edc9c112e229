"""The tukin rule set file (spec/domain.md §5): the shipped default holds Perpres 130/2018 and
the spec's defaults, every default without a Kemenag rule is labelled [CFG], and an invalid
file is refused with every problem named by its key path. Each invalid file below is the
default with one change."""

import re
import tomllib
from decimal import Decimal

import pytest

from ekinerja_graphql import defaults
from ekinerja_graphql.domain.kepegawaian import STATUS_TANPA_TUKIN
from ekinerja_graphql.domain.predikat import Predikat
from ekinerja_graphql.domain.tukin.absensi import Braket, Keterangan
from ekinerja_graphql.domain.tukin.aturan import Hukuman, TingkatHukuman, muat_aturan
from ekinerja_graphql.domain.tukin.validasi import BerkasTidakValid

TEKS = defaults.aturan_tukin()
ATURAN = muat_aturan(TEKS)

# spec/domain.md §5, "Base amount by kelas jabatan (Rp/month, Perpres 130/2018)".
PERPRES_130_2018 = {
    17: 29_085_000, 16: 20_695_000, 15: 14_721_000, 14: 11_670_000, 13: 8_562_000,
    12: 7_271_000, 11: 5_183_000, 10: 4_551_000, 9: 3_781_000, 8: 3_319_000, 7: 2_928_000,
    6: 2_702_000, 5: 2_493_000, 4: 2_350_000, 3: 2_216_000, 2: 2_089_000, 1: 1_968_000,
}
ALLOWED_TOP = ("batas_potongan_persen, berlaku_mulai, besaran_kelas, bonus_sangat_baik, "
               "cpns_persen, hukuman_disiplin, keterangan, kinerja_per_predikat, komponen, "
               "nama, pembulatan, pulang_cepat, status_tidak_dibayar, terlambat, "
               "tunjangan_profesi")


def ubah(lama: str, baru: str) -> str:
    """The default text with one change."""
    assert TEKS.count(lama) == 1, f"{lama!r} must occur once in the default"
    return TEKS.replace(lama, baru)


def masalah(teks: str) -> list[tuple[str, str]]:
    with pytest.raises(BerkasTidakValid) as info:
        muat_aturan(teks)
    return [(problem.path, problem.message) for problem in info.value.problems]


# The shipped default -------------------------------------------------------------------

def test_the_default_holds_the_perpres_130_2018_table_for_all_17_kelas():
    assert ATURAN.besaran_kelas == {kelas: Decimal(rp) for kelas, rp in PERPRES_130_2018.items()}
    assert ATURAN.besaran(7) == 2_928_000


def test_the_default_names_itself_and_governs_from_january_2019():
    assert ATURAN.nama == "Perpres 130/2018 dan PMA 11/2019 (bawaan)"
    assert ATURAN.berlaku_mulai.isoformat() == "2019-01-01"


def test_the_default_lateness_and_early_leave_brackets_are_the_kemenag_ones():
    brackets = (Braket(30, Decimal("0.5")), Braket(60, Decimal(1)),
                Braket(90, Decimal("1.25")), Braket(None, Decimal("1.5")))
    assert ATURAN.terlambat == brackets
    assert ATURAN.pulang_cepat == brackets


def test_the_default_cfg_values_are_the_spec_defaults():
    assert (ATURAN.kinerja_persen, ATURAN.kehadiran_persen) == (60, 40)
    assert ATURAN.kinerja_per_predikat == {
        Predikat.SANGAT_BAIK: 100, Predikat.BAIK: 100, Predikat.BUTUH_PERBAIKAN: 90,
        Predikat.KURANG: 85, Predikat.SANGAT_KURANG: 80,
    }
    assert ATURAN.kinerja_tanpa_evaluasi == 65
    assert ATURAN.potongan_per_hari[Keterangan.TK] == 3
    assert ATURAN.potongan_per_hari[Keterangan.CUTI_BESAR] == Decimal("1.5")
    assert ATURAN.potongan_per_hari[Keterangan.CUTI_MELAHIRKAN] == Decimal("1.5")
    assert ATURAN.potongan_per_hari[Keterangan.CUTI_TAHUNAN] == 0
    assert ATURAN.cpns_persen == 80
    assert ATURAN.batas_potongan_persen == 100
    assert ATURAN.pembulatan == "HALF_UP"


@pytest.mark.parametrize(("tingkat", "low", "high"), [
    (TingkatHukuman.RINGAN, 20, 30), (TingkatHukuman.SEDANG, 40, 50),
    (TingkatHukuman.BERAT, 60, 100),
])
def test_the_default_hukuman_disiplin_lies_in_the_spec_range(tingkat, low, high):
    assert low <= ATURAN.hukuman[tingkat].persen <= high


def test_the_default_hukuman_disiplin_table():
    assert ATURAN.hukuman == {
        TingkatHukuman.RINGAN: Hukuman(Decimal(20), 3),
        TingkatHukuman.SEDANG: Hukuman(Decimal(40), 6),
        TingkatHukuman.BERAT: Hukuman(Decimal(60), 12),
    }


def test_the_default_does_not_pay_the_statuses_the_spec_names():
    # spec §5 "Not paid": CLTN, suspended, MPP, uang tunggu, tugas belajar; the same set the
    # kepegawaian domain keeps.
    assert ATURAN.status_tidak_dibayar == STATUS_TANPA_TUKIN
    assert ATURAN.keterangan_tidak_dibayar == {Keterangan.CLTN, Keterangan.TUGAS_BELAJAR}


def test_the_default_offsets_tunjangan_profesi_and_pays_the_bonus_in_january():
    assert ATURAN.kurangi_tunjangan_profesi
    assert ATURAN.bonus_sangat_baik_persen == 50
    assert ATURAN.bonus_sangat_baik_bulan == 1


# Labels in the default file ------------------------------------------------------------

LINES = TEKS.splitlines()
TABLES = {key for key, value in tomllib.loads(TEKS).items() if isinstance(value, dict)}


def _comments(index: int) -> str:
    """The comment on line `index` and the comment block directly above it."""
    text = LINES[index].partition("#")[2]
    above = index - 1
    while above >= 0 and LINES[above].lstrip().startswith("#"):
        text = LINES[above] + "\n" + text
        above -= 1
    return text


def _line_of(pattern: str, start: int = 0, stop: int | None = None) -> int:
    stop = len(LINES) if stop is None else stop
    found = [i for i in range(start, stop) if re.match(pattern, LINES[i])]
    assert len(found) == 1, pattern
    return found[0]


def label(path: str) -> str:
    """What a reader sees about a key: its own comments, and its [table]'s."""
    table, _, key = path.partition(".")
    first_table = next(i for i, line in enumerate(LINES) if line.startswith("["))
    if not key:
        if table in TABLES:
            return _comments(_line_of(rf"^\[{table}\]"))
        return _comments(_line_of(rf"^{table}\s*=", 0, first_table))
    header = _line_of(rf"^\[{table}\]")
    end = next((i for i in range(header + 1, len(LINES)) if LINES[i].startswith("[")),
               len(LINES))
    return _comments(_line_of(rf"^{re.escape(key)}\s*=", header + 1, end)) + _comments(header)


def _every_rule() -> list[str]:
    paths = []
    for key, value in tomllib.loads(TEKS).items():
        if isinstance(value, dict):
            paths += [f"{key}.{inner}" for inner in value]
        elif key not in ("nama", "berlaku_mulai"):  # what the file is, not a rule
            paths.append(key)
    return paths


@pytest.mark.parametrize("path", [
    "komponen", "komponen.kinerja_persen", "komponen.kehadiran_persen",
    "kinerja_per_predikat", "kinerja_per_predikat.tanpa_evaluasi_final",
    "keterangan.TK", "keterangan.CUTI_BESAR", "keterangan.CUTI_MELAHIRKAN",
    "keterangan.CUTI_TAHUNAN", "keterangan.CUTI_SAKIT", "keterangan.CUTI_ALASAN_PENTING",
    "hukuman_disiplin", "hukuman_disiplin.RINGAN", "cpns_persen", "batas_potongan_persen",
    "pembulatan", "bonus_sangat_baik.bulan_bayar",
])
def test_every_default_without_a_kemenag_rule_is_labelled_cfg(path):
    assert "[CFG" in label(path)


@pytest.mark.parametrize(("path", "tag"), [
    ("besaran_kelas", "[C]"), ("besaran_kelas.7", "[C]"), ("terlambat", "[S]"),
    ("pulang_cepat", "[S]"), ("status_tidak_dibayar", "[S]"), ("tunjangan_profesi", "[S]"),
    ("keterangan.CLTN", "[S]"), ("keterangan.TUGAS_BELAJAR", "[S]"),
    ("bonus_sangat_baik.persen_selisih_kelas", "[S]"),
])
def test_the_kemenag_rules_carry_their_source_label(path, tag):
    assert tag in label(path)


@pytest.mark.parametrize("path", [
    path
    for path in _every_rule()
    if path != "keterangan.HADIR"  # a day present costs nothing: not a rule to source
])
def test_every_rule_in_the_default_carries_a_label(path):
    assert re.search(r"\[(C|S|CFG)[\]:]", label(path)), path


# Invalid files: each problem named by its key path -------------------------------------

def test_a_file_that_is_not_toml_is_refused_with_the_parser_s_place():
    [(path, message)] = masalah(ubah('nama = "Perpres', 'nama = = "Perpres'))
    assert path == ""
    assert message.startswith("not TOML: ") and "line 8" in message


@pytest.mark.parametrize(("lama", "path", "message"), [
    ("cpns_persen = 80             # [CFG] a CPNS is paid this share of the base\n",
     "cpns_persen", "a number from 0 to 100 is required"),
    ('pembulatan = "HALF_UP"\n', "pembulatan", "a non-empty string is required"),
    ("\nKURANG = 85\n", "kinerja_per_predikat.KURANG", "a number from 0 to 100 is required"),
    ("TK = 3                      # [CFG] Kemenag's earlier PMA 49/2014\n",
     "keterangan.TK", "a number from 0 to 100 is required"),
    ("bulan_bayar = 1\n", "bonus_sangat_baik.bulan_bayar",
     "a whole number from 1 to 12 is required"),
    ("berlaku_mulai = 2019-01-01\n", "berlaku_mulai",
     "a date (YYYY-MM-DD, unquoted) is required"),
])
def test_a_missing_key_is_named(lama, path, message):
    baru = "\n\n" if lama.startswith("\n") else ""
    assert masalah(ubah(lama, baru)) == [(path, message)]


@pytest.mark.parametrize(("lama", "baru", "path"), [
    ("nama = ", "tunjangan_pangan = 0\nnama = ", "tunjangan_pangan"),
    ("HADIR = 0\n", "HADIR = 0\nIZIN = 0\n", "keterangan.IZIN"),
    ("RINGAN = { persen = 20, bulan = 3 }", "RINGAN = { persen = 20, bulan = 3, hari = 1 }",
     "hukuman_disiplin.RINGAN.hari"),
])
def test_an_unknown_key_is_named_with_the_keys_allowed_there(lama, baru, path):
    [(where, message)] = masalah(ubah(lama, baru))
    assert where == path
    assert message.startswith("unknown key; allowed: ")


def test_an_unknown_top_level_key_lists_every_allowed_key():
    assert masalah(ubah("nama = ", "tunjangan_pangan = 0\nnama = ")) == [
        ("tunjangan_pangan", f"unknown key; allowed: {ALLOWED_TOP}")]


def test_kelas_18_is_refused():
    assert masalah(ubah("17 = 29_085_000\n", "18 = 31_000_000\n17 = 29_085_000\n")) == [
        ("besaran_kelas.18", "a kelas jabatan from 1 to 17 is required")]


def test_a_missing_kelas_is_named():
    assert masalah(ubah("\n13 = 8_562_000\n", "\n")) == [("besaran_kelas", "kelas 13 missing")]


def test_an_amount_that_falls_as_the_kelas_rises_is_refused():
    # kelas 8 below kelas 7 (2,928,000)
    assert masalah(ubah("8 = 3_319_000", "8 = 2_900_000")) == [
        ("besaran_kelas.8", "must not be below kelas 7's (2928000): amounts do not fall as the "
         "kelas rises")]


def test_an_amount_that_is_not_whole_rupiah_is_refused():
    assert masalah(ubah("7 = 2_928_000", "7 = 2_928_000.5")) == [
        ("besaran_kelas.7", "whole rupiah (a number ≥ 0) is required")]


def test_kinerja_and_kehadiran_must_make_100():
    assert masalah(ubah("kehadiran_persen = 40", "kehadiran_persen = 30")) == [
        ("komponen", "kinerja_persen + kehadiran_persen must be 100, not 90")]


@pytest.mark.parametrize(("lama", "baru", "path", "message"), [
    ("cpns_persen = 80", "cpns_persen = 120", "cpns_persen", "must be from 0 to 100, not 120"),
    ("SANGAT_BAIK = 100", "SANGAT_BAIK = 150", "kinerja_per_predikat.SANGAT_BAIK",
     "must be from 0 to 100, not 150"),
    ("CUTI_BESAR = 1.5", "CUTI_BESAR = 100.5", "keterangan.CUTI_BESAR",
     "must be from 0 to 100, not 100.5"),
    ("BERAT = { persen = 60", "BERAT = { persen = -60", "hukuman_disiplin.BERAT.persen",
     "must be from 0 to 100, not -60"),
])
def test_a_percentage_outside_0_to_100_is_refused(lama, baru, path, message):
    assert masalah(ubah(lama, baru)) == [(path, message)]


def test_bracket_limits_must_increase():
    lama = "terlambat = [\n    { sampai_menit = 30, persen = 0.5 },\n    { sampai_menit = 60,"
    baru = "terlambat = [\n    { sampai_menit = 30, persen = 0.5 },\n    { sampai_menit = 30,"
    assert masalah(ubah(lama, baru)) == [
        ("terlambat[1].sampai_menit", "a whole number from 31 to 1440 is required")]


def test_the_last_bracket_must_be_open():
    lama = "    { sampai_menit = 90, persen = 1.25 },\n    { persen = 1.5 },\n]\n\n# Early"
    baru = ("    { sampai_menit = 90, persen = 1.25 },\n    { sampai_menit = 120, persen = 1.5 },"
            "\n]\n\n# Early")
    assert masalah(ubah(lama, baru)) == [
        ("terlambat[3].sampai_menit",
         "the last bracket is open: beyond the previous one, and a missing time")]


def test_berlaku_mulai_must_be_the_first_day_of_a_month():
    assert masalah(ubah("berlaku_mulai = 2019-01-01", "berlaku_mulai = 2019-01-02")) == [
        ("berlaku_mulai", "must be the first day of a month (a month is computed with one "
                          "rule set)")]


def test_an_unknown_status_is_named_by_its_place_in_the_list():
    [(path, message)] = masalah(ubah('"TUGAS_BELAJAR"]', '"TUGAS_BELAJAR", "CUTI"]'))
    assert path == "status_tidak_dibayar[5]"
    assert message == ("one of AKTIF, CLTN, DIBERHENTIKAN_SEMENTARA, UANG_TUNGGU, MPP, "
                       "TUGAS_BELAJAR, PENSIUN, MENINGGAL, NONAKTIF, not 'CUTI'")


def test_an_unknown_pembulatan_is_refused_with_the_choices():
    assert masalah(ubah('pembulatan = "HALF_UP"', 'pembulatan = "TRUNCATE"')) == [
        ("pembulatan", "one of HALF_UP, HALF_EVEN, DOWN, UP, not 'TRUNCATE'")]


def test_an_unknown_tunjangan_profesi_rule_is_refused_with_the_choices():
    assert masalah(ubah('tunjangan_profesi = "KURANGI"', 'tunjangan_profesi = "POTONG"')) == [
        ("tunjangan_profesi", "one of KURANGI, ABAIKAN, not 'POTONG'")]


def test_several_problems_are_reported_at_once():
    teks = (TEKS.replace("17 = 29_085_000\n", "18 = 31_000_000\n17 = 29_085_000\n")
            .replace("cpns_persen = 80", "cpns_persen = 120")
            .replace('pembulatan = "HALF_UP"', 'pembulatan = "TRUNCATE"'))
    with pytest.raises(BerkasTidakValid) as info:
        muat_aturan(teks)
    assert {problem.path for problem in info.value.problems} == {
        "besaran_kelas.18", "cpns_persen", "pembulatan"}
    assert str(info.value).startswith("the rule set is not valid: ")
    assert "besaran_kelas.18: a kelas jabatan from 1 to 17 is required" in str(info.value)
    assert "cpns_persen: must be from 0 to 100, not 120" in str(info.value)


def test_a_percentage_that_is_not_a_number_is_refused():
    assert masalah(ubah("TK = 3 ", "TK = nan ")) == [
        ("keterangan.TK", "a number from 0 to 100 is required")]
