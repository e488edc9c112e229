"""The monthly tukin formula (spec/domain.md §5), by worked examples.

Every case below is computed on paper first, the way an auditor checks a payslip, from the
shipped default rule set and the default working calendar:

  besaran (Perpres 130/2018): kelas 2 Rp 2,089,000 · 3 Rp 2,216,000 · 5 Rp 2,493,000 ·
    7 Rp 2,928,000 · 8 Rp 3,319,000 · 9 Rp 3,781,000 · 17 Rp 29,085,000
  T (the month's tukin) = Σ besaran × paid working days ÷ the month's working days,
    × 80 % for a CPNS
  paid % = 60 × (predikat %) ÷ 100 + 40 − min(deductions, 100), never below 0
    predikat %: SANGAT_BAIK/BAIK 100, BUTUH_PERBAIKAN 90, KURANG 85, SANGAT_KURANG 80,
    no FINAL evaluation 65
    deductions per occurrence, late (TL) or early leave (PSW): 1–30 min 0.5 · 31–60 min 1 ·
    61–90 min 1.25 · over 90 min or no record 1.5; per day: TK 3, cuti besar 1.5;
    hukuman disiplin per month it runs: ringan 20, sedang 40, berat 60
  amount = T × paid % ÷ 100, rounded once, half up, to whole rupiah; − tunjangan profesi
    (never below 0); + the annual SANGAT_BAIK bonus in January.

October 2026 has 22 working days (1, 2, 5–9, 12–16, 19–23, 26–30) and no holiday.
"""

from datetime import date
from decimal import Decimal

import pytest

from ekinerja_graphql import defaults
from ekinerja_graphql.domain.kepegawaian import JenisPegawai, StatusPegawai
from ekinerja_graphql.domain.predikat import Predikat
from ekinerja_graphql.domain.tukin.absensi import Braket, Keterangan, braket_of
from ekinerja_graphql.domain.tukin.aturan import TingkatHukuman, muat_aturan
from ekinerja_graphql.domain.tukin.bulan import akhir_bulan, parse_bulan, tambah_bulan
from ekinerja_graphql.domain.tukin.hitung import (
    Baris,
    HasilTukin,
    MasukanTukin,
    PeriodeStatus,
    RingkasanAbsensi,
    Segmen,
    hitung_tukin,
)
from ekinerja_graphql.domain.tukin.jadwal import muat_jadwal

ATURAN = muat_aturan(defaults.aturan_tukin())
JADWAL = muat_jadwal(defaults.jadwal_kerja())
OKTOBER = date(2026, 10, 1)
PNS, CPNS = JenisPegawai.PNS, JenisPegawai.CPNS
SEMUA_HADIR = object()  # default attendance: every paid working day HADIR, on time


def _per_braket(menit: tuple[int | None, ...], brackets: tuple[Braket, ...]) -> tuple[int, ...]:
    counts = [0] * len(brackets)
    for value in menit:
        index = braket_of(value, brackets)
        if index is not None:
            counts[index] += 1
    return tuple(counts)


def absensi(hari_dibayar: int = 22, *, terlambat: tuple[int | None, ...] = (),
            pulang_cepat: tuple[int | None, ...] = (), **hari: int) -> RingkasanAbsensi:
    """The month's summary as the attendance import would give it: the minutes of each late
    arrival / early leave (None: no record of the time), days per keterangan other than
    HADIR; every other paid working day is HADIR."""
    counts = {Keterangan(name): days for name, days in hari.items()}
    counts[Keterangan.HADIR] = hari_dibayar - sum(counts.values())
    return RingkasanAbsensi(_per_braket(terlambat, ATURAN.terlambat),
                            _per_braket(pulang_cepat, ATURAN.pulang_cepat), counts)


def hitung(bulan: date = OKTOBER, *, kelas: int | None = 7, segmen: tuple[Segmen, ...] = (),
           jenis: JenisPegawai = PNS, predikat: Predikat | None = Predikat.BAIK,
           ringkasan: object = SEMUA_HADIR, **lain) -> HasilTukin:
    hari_kerja = tuple(JADWAL.hari_kerja(bulan))
    if ringkasan is SEMUA_HADIR:
        ringkasan = absensi(len(hari_kerja))
    masukan = MasukanTukin(
        bulan=bulan, hari_kerja=hari_kerja, jenis=jenis,
        segmen=segmen or (Segmen(bulan, akhir_bulan(bulan), kelas),),
        absensi=ringkasan, predikat=predikat, **lain,
    )
    return hitung_tukin(masukan, ATURAN)


def baris(hasil: HasilTukin, kode: str) -> Baris:
    [line] = [line for line in hasil.baris if line.kode == kode]
    return line


def semua(hasil: HasilTukin, kode: str) -> list[Baris]:
    return [line for line in hasil.baris if line.kode == kode]


def kode(hasil: HasilTukin) -> list[str]:
    return [line.kode for line in hasil.baris]


def sen(value: Decimal | None) -> Decimal:
    """A rupiah amount to two decimals, as written on paper."""
    assert value is not None
    return value.quantize(Decimal("0.01"))


def test_the_default_calendar_gives_october_2026_22_working_days():
    assert len(JADWAL.hari_kerja(OKTOBER)) == 22


# (a) ------------------------------------------------------------------------------------

def test_a_clean_month_pays_the_full_kelas_amount():
    # PNS kelas 7, predikat BAIK (FINAL), 22 of 22 days HADIR on time.
    #   T       = 2,928,000 × 22/22                = 2,928,000
    #   paid %  = 60 × 100 % + 40 − 0              = 100
    #   amount  = 2,928,000 × 100 %                = Rp 2,928,000
    hasil = hitung()
    assert hasil.jumlah == 2_928_000
    assert not hasil.provisional
    assert hasil.kelas == 7
    assert kode(hasil) == ["KELAS", "TUKIN_BULAN", "KINERJA", "KEHADIRAN", "DIBAYAR", "JUMLAH"]
    assert baris(hasil, "KELAS").rupiah == 2_928_000
    assert (baris(hasil, "TUKIN_BULAN").persen, baris(hasil, "TUKIN_BULAN").rupiah) == (
        100, 2_928_000)
    assert baris(hasil, "KINERJA").persen == 60
    assert baris(hasil, "KEHADIRAN").persen == 40
    assert (baris(hasil, "DIBAYAR").persen, baris(hasil, "DIBAYAR").rupiah) == (100, 2_928_000)
    assert baris(hasil, "JUMLAH").rupiah == 2_928_000


# (b) ------------------------------------------------------------------------------------

def test_b_lateness_in_each_bracket_and_early_leave_are_summed_then_rounded_half_up():
    # PNS kelas 9 (Rp 3,781,000), BAIK, 22 days.
    #   late:   5 min and 30 min    → 1–30 bracket,  2 × 0.5  = 1.00
    #           31 min              → 31–60,         1 × 1    = 1.00
    #           61 min              → 61–90,         1 × 1.25 = 1.25
    #           91 min + no record  → over 90,       2 × 1.5  = 3.00
    #                                                  late     6.25 %
    #   early:  1 min → 0.5; 60 min → 1                early    1.50 %
    #   deductions = 7.75 %;  paid % = 100 − 7.75 = 92.25
    #   amount = 3,781,000 × 92.25 % = 3,487,972.50 → half up → Rp 3,487,973
    hasil = hitung(kelas=9, ringkasan=absensi(terlambat=(5, 30, 31, 61, 91, None),
                                              pulang_cepat=(1, 60)))
    assert hasil.jumlah == 3_487_973
    assert [line.persen for line in semua(hasil, "TERLAMBAT")] == [-1, -1, Decimal("-1.25"), -3]
    assert [line.persen for line in semua(hasil, "PULANG_CEPAT")] == [Decimal("-0.5"), -1]
    assert hasil.potongan_persen == Decimal("7.75")
    assert baris(hasil, "DIBAYAR").persen == Decimal("92.25")
    assert baris(hasil, "DIBAYAR").rupiah == 3_487_973


# (c) ------------------------------------------------------------------------------------

def test_c_each_tk_day_costs_three_percent():
    # PNS kelas 7, BAIK; 20 days HADIR, 2 days TK (absent without leave).
    #   TK = 2 × 3 % = 6 %;  paid % = 94
    #   amount = 2,928,000 × 94 % = Rp 2,752,320
    hasil = hitung(ringkasan=absensi(TK=2))
    assert hasil.jumlah == 2_752_320
    assert baris(hasil, "TK").persen == -6
    assert baris(hasil, "DIBAYAR").persen == 94


# (d) ------------------------------------------------------------------------------------

def test_d_cuti_besar_costs_one_and_a_half_percent_a_day_and_cuti_tahunan_nothing():
    # PNS kelas 7, BAIK; 14 days HADIR, 5 days CUTI_BESAR, 3 days CUTI_TAHUNAN.
    #   cuti besar = 5 × 1.5 % = 7.5 %;  cuti tahunan = 3 × 0 % = 0;  paid % = 92.5
    #   amount = 2,928,000 × 92.5 % = Rp 2,708,400
    hasil = hitung(ringkasan=absensi(CUTI_BESAR=5, CUTI_TAHUNAN=3))
    assert hasil.jumlah == 2_708_400
    assert baris(hasil, "CUTI_BESAR").persen == Decimal("-7.5")
    assert "CUTI_TAHUNAN" not in kode(hasil)
    assert baris(hasil, "DIBAYAR").persen == Decimal("92.5")


# (e) ------------------------------------------------------------------------------------

def test_e_a_cpns_is_paid_80_percent_of_the_base_and_deductions_apply_to_that():
    # CPNS kelas 7, BAIK, one late arrival of 10 min.
    #   T       = 2,928,000 × 80 %         = 2,342,400   (CPNS line: −585,600)
    #   paid %  = 100 − 0.5                = 99.5
    #   amount  = 2,342,400 × 99.5 %       = Rp 2,330,688
    hasil = hitung(jenis=CPNS, ringkasan=absensi(terlambat=(10,)))
    assert hasil.jumlah == 2_330_688
    assert hasil.tukin_bulan == 2_342_400
    assert (baris(hasil, "CPNS").persen, baris(hasil, "CPNS").rupiah) == (80, -585_600)
    assert baris(hasil, "TUKIN_BULAN").rupiah == 2_342_400


# (f) ------------------------------------------------------------------------------------

def test_f_tugas_belajar_over_the_whole_month_pays_nothing():
    # Status TUGAS_BELAJAR since 1 September 2026, still running: all 22 working days of
    # October unpaid.  T = 2,928,000 × 0/22 = 0  → Rp 0. No SKP while on tugas belajar,
    # so no predikat; no paid day, so an empty attendance summary.
    hasil = hitung(predikat=None, ringkasan=absensi(0),
                   status=(PeriodeStatus(date(2026, 9, 1), None, StatusPegawai.TUGAS_BELAJAR),))
    assert hasil.jumlah == 0
    assert hasil.tukin_bulan == 0
    assert baris(hasil, "KELAS").rupiah == 0
    assert baris(hasil, "STATUS").uraian == "TUGAS_BELAJAR: 22 working days not paid"


@pytest.mark.parametrize("status", [
    StatusPegawai.CLTN, StatusPegawai.DIBERHENTIKAN_SEMENTARA, StatusPegawai.UANG_TUNGGU,
    StatusPegawai.MPP, StatusPegawai.TUGAS_BELAJAR,
])
def test_f_every_unpaid_status_over_the_whole_month_pays_nothing(status):
    hasil = hitung(ringkasan=absensi(0), status=(PeriodeStatus(OKTOBER, None, status),))
    assert hasil.jumlah == 0


def test_f_an_active_status_period_changes_nothing():
    hasil = hitung(status=(PeriodeStatus(date(2020, 1, 1), None, StatusPegawai.AKTIF),))
    assert hasil.jumlah == 2_928_000


def test_f_tugas_belajar_from_mid_month_is_pro_rata_by_working_days():
    # TUGAS_BELAJAR from Monday 19 October: 19–23 and 26–30 October = 10 working days
    # unpaid; 1, 2, 5–9, 12–16 October = 12 working days paid.
    #   T      = 2,928,000 × 12/22 = 35,136,000 / 22 = 1,597,090.909…
    #   amount = T × 100 %        = 1,597,090.909… → half up → Rp 1,597,091
    hasil = hitung(ringkasan=absensi(12),
                   status=(PeriodeStatus(date(2026, 10, 19), None, StatusPegawai.TUGAS_BELAJAR),))
    assert hasil.jumlah == 1_597_091
    assert sen(baris(hasil, "KELAS").rupiah) == Decimal("1597090.91")
    assert baris(hasil, "KELAS").uraian.endswith("12 of 22 working days")
    assert baris(hasil, "STATUS").uraian == "TUGAS_BELAJAR: 10 working days not paid"


def test_f_tugas_belajar_days_count_working_days_of_a_month_with_holidays():
    # March 2026: 20 working days (19 Nyepi and 20 Idul Fitri are holidays). TUGAS_BELAJAR
    # from Monday 23 March: paid 2–6, 9–13, 16–18 March = 13 days.
    #   T = 2,928,000 × 13/20 = Rp 1,903,200
    hasil = hitung(date(2026, 3, 1), ringkasan=absensi(13),
                   status=(PeriodeStatus(date(2026, 3, 23), None, StatusPegawai.TUGAS_BELAJAR),))
    assert hasil.jumlah == 1_903_200
    assert baris(hasil, "STATUS").uraian == "TUGAS_BELAJAR: 7 working days not paid"


def test_f_tugas_belajar_days_in_the_attendance_are_not_paid():
    # Status AKTIF, but the attendance file records 20–22 October TUGAS_BELAJAR (19 HADIR);
    # the caller passes those dates.
    #   T      = 2,928,000 × 19/22 = 55,632,000 / 22 = 2,528,727.2727…
    #   amount = T × 100 %         → half up → Rp 2,528,727
    # The days are unpaid, not a percentage deduction: no TUGAS_BELAJAR line.
    days = frozenset({date(2026, 10, 20), date(2026, 10, 21), date(2026, 10, 22)})
    hasil = hitung(ringkasan=absensi(TUGAS_BELAJAR=3), hari_tanpa_bayar=days)
    assert hasil.jumlah == 2_528_727
    assert baris(hasil, "KETERANGAN_TIDAK_DIBAYAR").uraian == (
        "3 working days recorded as TUGAS_BELAJAR: not paid")
    assert "TUGAS_BELAJAR" not in kode(hasil)
    assert baris(hasil, "DIBAYAR").persen == 100


def test_f_unpaid_attendance_days_are_cut_at_their_own_kelas():
    # Kelas 8 (Rp 3,319,000) 1–15 October (11 working days), kelas 12 (Rp 7,271,000) from
    # 16 October (11 days); tugas belajar recorded 19–30 October (10 days, all in kelas 12).
    #   T = (3,319,000 × 11 + 7,271,000 × 1) / 22 = (36,509,000 + 7,271,000) / 22
    #     = 43,780,000 / 22 = 1,990,000 exactly → Rp 1,990,000 at 100 %
    days = frozenset(d for d in JADWAL.hari_kerja(OKTOBER) if d >= date(2026, 10, 19))
    segmen = (Segmen(OKTOBER, date(2026, 10, 15), 8),
              Segmen(date(2026, 10, 16), date(2026, 10, 31), 12))  # fmt: skip
    hasil = hitung(segmen=segmen, ringkasan=absensi(12, TUGAS_BELAJAR=10), hari_tanpa_bayar=days)
    assert hasil.jumlah == 1_990_000


def test_f_pro_rata_tugas_belajar_rounds_an_exact_half_up():
    # PNS kelas 5 (Rp 2,493,000), TUGAS_BELAJAR from Wednesday 14 October: paid 1, 2, 5–9,
    # 12, 13 October = 9 of 22 days. Predikat BUTUH_PERBAIKAN, one late arrival of 10 min.
    #   T       = 2,493,000 × 9/22 = 22,437,000 / 22        = 1,019,863.6363…
    #   paid %  = 60 × 90 % + 40 − 0.5                       = 93.5
    #   amount  = 22,437,000 × 93.5 / 2,200 = 2,097,859,500 / 2,200
    #           = 953,572.5 exactly  → half up → Rp 953,573
    hasil = hitung(kelas=5, predikat=Predikat.BUTUH_PERBAIKAN,
                   ringkasan=absensi(9, terlambat=(10,)),
                   status=(PeriodeStatus(date(2026, 10, 14), None, StatusPegawai.TUGAS_BELAJAR),))
    assert hasil.jumlah == 953_573


# (g) ------------------------------------------------------------------------------------

# A hukuman disiplin RINGAN imposed from September 2026; the decision gives no duration, so
# it runs the rule set's 3 months: September, October, November 2026.
PUTUSAN_RINGAN = (TingkatHukuman.RINGAN, date(2026, 9, 1), None)


def hukuman_berjalan(bulan: date, putusan: tuple) -> tuple[TingkatHukuman, ...]:
    """What a caller passes for `bulan`: the tingkat of each hukuman running in it."""
    tingkat, mulai, lama = putusan
    selesai = tambah_bulan(mulai, lama or ATURAN.hukuman[tingkat].bulan)
    return (tingkat,) if mulai <= bulan < selesai else ()


@pytest.mark.parametrize(("bulan", "jumlah", "dipotong"), [
    # October (22 working days):  2,928,000 × (100 − 20) % = Rp 2,342,400
    ("2026-10", 2_342_400, True),
    # November (21 working days, all paid, so T is still 2,928,000): Rp 2,342,400
    ("2026-11", 2_342_400, True),
    # December: the hukuman ended with November → Rp 2,928,000
    ("2026-12", 2_928_000, False),
])
def test_g_a_hukuman_disiplin_is_deducted_in_each_month_it_runs_and_not_after(
        bulan, jumlah, dipotong):
    month = parse_bulan(bulan)
    hukuman = hukuman_berjalan(month, PUTUSAN_RINGAN)
    hasil = hitung(month, ringkasan=absensi(len(JADWAL.hari_kerja(month))), hukuman=hukuman)
    assert hasil.jumlah == jumlah
    assert ("HUKUMAN_DISIPLIN" in kode(hasil)) is dipotong
    if dipotong:
        assert baris(hasil, "HUKUMAN_DISIPLIN").persen == -20


def test_g_a_hukuman_with_a_stated_duration_runs_that_many_months():
    # SEDANG for 2 months from November 2026: November and December, not January 2027.
    putusan = (TingkatHukuman.SEDANG, date(2026, 11, 1), 2)
    assert [hukuman_berjalan(parse_bulan(b), putusan) for b in
            ("2026-10", "2026-11", "2026-12", "2027-01")] == [
        (), (TingkatHukuman.SEDANG,), (TingkatHukuman.SEDANG,), ()]
    # December: 2,928,000 × (100 − 40) % = Rp 1,756,800
    assert hitung(date(2026, 12, 1), hukuman=(TingkatHukuman.SEDANG,)).jumlah == 1_756_800


# (h) ------------------------------------------------------------------------------------

def test_h_deductions_over_100_percent_are_capped_at_100_and_nothing_is_paid():
    # PNS kelas 7, BAIK; hukuman BERAT 60 %; 12 days TK = 36 %; 4 arrivals over 90 min
    # = 4 × 1.5 = 6 %.  Deductions = 60 + 36 + 6 = 102 % → capped at 100 (line: +2).
    #   paid % = 60 + 40 − 100 = 0  → Rp 0
    hasil = hitung(hukuman=(TingkatHukuman.BERAT,),
                   ringkasan=absensi(TK=12, terlambat=(95, 120, 200, None)))
    assert hasil.jumlah == 0
    assert hasil.potongan_persen == 102
    assert baris(hasil, "BATAS_POTONGAN").persen == 2
    assert baris(hasil, "HUKUMAN_DISIPLIN").persen == -60
    assert (baris(hasil, "DIBAYAR").persen, baris(hasil, "DIBAYAR").rupiah) == (0, 0)


def test_h_deductions_of_exactly_100_percent_show_no_cap_line():
    # BERAT 60 % + 12 TK days 36 % + 4 × 1–30 min late 2 % + 2 × 31–60 min early 2 % = 100 %.
    hasil = hitung(hukuman=(TingkatHukuman.BERAT,),
                   ringkasan=absensi(TK=12, terlambat=(1, 2, 3, 4), pulang_cepat=(45, 45)))
    assert hasil.potongan_persen == 100
    assert "BATAS_POTONGAN" not in kode(hasil)
    assert hasil.jumlah == 0


def test_h_the_paid_percentage_never_goes_below_zero():
    # Predikat KURANG: kinerja = 60 × 85 % = 51. BERAT 60 % + 11 TK days 33 % = 93 % (under
    # the cap).  paid % = 51 + 40 − 93 = −2 → 0 → Rp 0.
    hasil = hitung(predikat=Predikat.KURANG, hukuman=(TingkatHukuman.BERAT,),
                   ringkasan=absensi(TK=11))
    assert hasil.jumlah == 0
    assert baris(hasil, "KINERJA").persen == 51
    assert "BATAS_POTONGAN" not in kode(hasil)
    assert baris(hasil, "DIBAYAR").persen == 0


# (i) ------------------------------------------------------------------------------------

def test_i_tunjangan_profesi_larger_than_tukin_leaves_nothing():
    # JF kelas 9: tukin 3,781,000; tunjangan profesi 4,200,000 > tukin → 3,781,000 − 3,781,000
    # = Rp 0 (never below 0).
    hasil = hitung(kelas=9, tunjangan_profesi=Decimal(4_200_000))
    assert hasil.jumlah == 0
    assert baris(hasil, "DIBAYAR").rupiah == 3_781_000
    assert baris(hasil, "TUNJANGAN_PROFESI").rupiah == -3_781_000


def test_i_tunjangan_profesi_smaller_than_tukin_leaves_the_difference():
    # 3,781,000 − 2,500,000 = Rp 1,281,000
    hasil = hitung(kelas=9, tunjangan_profesi=Decimal(2_500_000))
    assert hasil.jumlah == 1_281_000
    assert baris(hasil, "TUNJANGAN_PROFESI").rupiah == -2_500_000


def test_i_tunjangan_profesi_is_offset_after_the_deductions():
    # 2 TK days: 3,781,000 × 94 % = 3,554,140;  − 2,500,000 = Rp 1,054,140
    hasil = hitung(kelas=9, ringkasan=absensi(TK=2), tunjangan_profesi=Decimal(2_500_000))
    assert hasil.jumlah == 1_054_140


# (j) ------------------------------------------------------------------------------------

def test_j_a_mid_month_kelas_change_is_pro_rata_by_working_days_and_rounded_once():
    # Kelas 7 until Tuesday 13 October, kelas 8 (Rp 3,319,000) from Wednesday 14 October.
    #   kelas 7: 1, 2, 5–9, 12, 13 Oct           =  9 days: 2,928,000 × 9/22
    #            = 26,352,000 / 22 = 1,197,818.1818…
    #   kelas 8: 14–16, 19–23, 26–30 Oct         = 13 days: 3,319,000 × 13/22
    #            = 43,147,000 / 22 = 1,961,227.2727…
    #   T       = 69,499,000 / 22                          = 3,159,045.4545…
    # Predikat BUTUH_PERBAIKAN, one late arrival of 20 min:
    #   paid %  = 60 × 90 % + 40 − 0.5                     = 93.5
    #   amount  = 69,499,000 × 93.5 / 2,200 = 6,498,156,500 / 2,200
    #           = 2,953,707.5 exactly → half up             → Rp 2,953,708
    hasil = hitung(segmen=(Segmen(OKTOBER, date(2026, 10, 13), 7),
                           Segmen(date(2026, 10, 14), date(2026, 10, 31), 8)),
                   predikat=Predikat.BUTUH_PERBAIKAN, ringkasan=absensi(terlambat=(20,)))
    assert hasil.jumlah == 2_953_708
    assert hasil.kelas == 8
    kelas_7, kelas_8 = semua(hasil, "KELAS")
    assert sen(kelas_7.rupiah) == Decimal("1197818.18")
    assert kelas_7.uraian.endswith("9 of 22 working days")
    assert sen(kelas_8.rupiah) == Decimal("1961227.27")
    assert kelas_8.uraian.endswith("13 of 22 working days")
    assert sen(hasil.tukin_bulan) == Decimal("3159045.45")
    assert baris(hasil, "KINERJA").persen == 54
    assert baris(hasil, "DIBAYAR").persen == Decimal("93.5")


def test_j_a_kelas_change_rounds_an_exact_half_up():
    # Kelas 2 (Rp 2,089,000) until Wednesday 7 October, kelas 3 (Rp 2,216,000) from
    # Thursday 8 October.
    #   kelas 2: 1, 2, 5, 6, 7 Oct = 5 days:  2,089,000 × 5  = 10,445,000
    #   kelas 3: 8 Oct–30 Oct      = 17 days: 2,216,000 × 17 = 37,672,000
    #   T       = 48,117,000 / 22                       = 2,187,136.3636…
    # Predikat BUTUH_PERBAIKAN, one late arrival of 10 min: paid % = 54 + 40 − 0.5 = 93.5
    #   amount  = 48,117,000 × 93.5 / 2,200 = 4,498,939,500 / 2,200
    #           = 2,044,972.5 exactly → half up → Rp 2,044,973
    hasil = hitung(segmen=(Segmen(OKTOBER, date(2026, 10, 7), 2),
                           Segmen(date(2026, 10, 8), date(2026, 10, 31), 3)),
                   predikat=Predikat.BUTUH_PERBAIKAN, ringkasan=absensi(terlambat=(10,)))
    assert hasil.jumlah == 2_044_973


# (k) ------------------------------------------------------------------------------------

def test_k_without_a_final_evaluation_the_kinerja_share_is_65_percent_and_provisional():
    # PNS kelas 7, no FINAL evaluation covers October, all HADIR.
    #   kinerja = 60 × 65 % = 39;  paid % = 39 + 40 = 79
    #   amount  = 2,928,000 × 79 % = Rp 2,313,120
    hasil = hitung(predikat=None)
    assert hasil.jumlah == 2_313_120
    assert hasil.provisional
    assert baris(hasil, "KINERJA").persen == 39
    assert "provisional" in baris(hasil, "KINERJA").uraian


@pytest.mark.parametrize(("predikat", "kinerja", "jumlah"), [
    # paid % = 60 × rate + 40; amount = 2,928,000 × paid %
    (Predikat.SANGAT_BAIK, 60, 2_928_000),
    (Predikat.BUTUH_PERBAIKAN, 54, 2_752_320),  # 94 %
    (Predikat.KURANG, 51, 2_664_480),  # 91 %
    (Predikat.SANGAT_KURANG, 48, 2_576_640),  # 88 %
])
def test_k_the_kinerja_share_follows_the_final_predikat(predikat, kinerja, jumlah):
    hasil = hitung(predikat=predikat)
    assert baris(hasil, "KINERJA").persen == kinerja
    assert hasil.jumlah == jumlah
    assert not hasil.provisional


# (l) ------------------------------------------------------------------------------------

def test_l_without_attendance_the_month_is_provisional_and_nothing_is_deducted_for_it():
    # No attendance imported for October: no TL/PSW/TK deduction can be counted yet.
    #   paid % = 100 → Rp 2,928,000, provisional.
    hasil = hitung(ringkasan=None)
    assert hasil.jumlah == 2_928_000
    assert hasil.provisional
    assert hasil.potongan_persen == 0
    assert "ABSENSI" in kode(hasil)


def test_l_without_attendance_a_hukuman_is_still_deducted():
    # 2,928,000 × (100 − 20) % = Rp 2,342,400, provisional.
    hasil = hitung(ringkasan=None, hukuman=(TingkatHukuman.RINGAN,))
    assert hasil.jumlah == 2_342_400
    assert hasil.provisional


# (m) ------------------------------------------------------------------------------------

def test_m_a_month_without_a_position_pays_nothing():
    hasil = hitung(kelas=None)
    assert hasil.jumlah == 0
    assert hasil.kelas is None
    assert baris(hasil, "TANPA_JABATAN").uraian.endswith("22 working days not paid")
    assert "KELAS" not in kode(hasil)


def test_m_days_without_a_position_are_not_paid():
    # No position 1–15 October (11 days), kelas 7 from 16 October (11 days).
    #   T = 2,928,000 × 11/22 = Rp 1,464,000
    hasil = hitung(segmen=(Segmen(OKTOBER, date(2026, 10, 15), None),
                           Segmen(date(2026, 10, 16), date(2026, 10, 31), 7)))
    assert hasil.jumlah == 1_464_000
    assert baris(hasil, "TANPA_JABATAN").uraian.endswith("11 working days not paid")


# (n) ------------------------------------------------------------------------------------

JANUARI_2027 = date(2027, 1, 1)


def test_n_an_annual_sangat_baik_pays_a_bonus_in_january_of_the_following_year():
    # Annual predikat 2026 SANGAT_BAIK; January 2027, kelas 7, clean month (21 working days).
    #   bonus  = 50 % × (kelas 8 − kelas 7) = 50 % × (3,319,000 − 2,928,000)
    #          = 50 % × 391,000 = 195,500
    #   amount = 2,928,000 + 195,500 = Rp 3,123,500
    hasil = hitung(JANUARI_2027, predikat_tahunan_lalu=Predikat.SANGAT_BAIK)
    assert hasil.jumlah == 3_123_500
    assert baris(hasil, "BONUS_SANGAT_BAIK").rupiah == 195_500
    assert baris(hasil, "JUMLAH").rupiah == 3_123_500


def test_n_the_bonus_is_not_paid_in_another_month():
    hasil = hitung(date(2027, 2, 1), predikat_tahunan_lalu=Predikat.SANGAT_BAIK)
    assert hasil.jumlah == 2_928_000
    assert "BONUS_SANGAT_BAIK" not in kode(hasil)


def test_n_an_annual_baik_pays_no_bonus():
    hasil = hitung(JANUARI_2027, predikat_tahunan_lalu=Predikat.BAIK)
    assert hasil.jumlah == 2_928_000
    assert "BONUS_SANGAT_BAIK" not in kode(hasil)


def test_n_kelas_17_has_no_next_kelas_so_the_bonus_is_zero():
    # Kelas 17 (Rp 29,085,000): there is no kelas 18, the difference is 0 → bonus 0.
    hasil = hitung(JANUARI_2027, kelas=17, predikat_tahunan_lalu=Predikat.SANGAT_BAIK)
    assert hasil.jumlah == 29_085_000
    assert all(line.rupiah == 0 for line in semua(hasil, "BONUS_SANGAT_BAIK"))


def test_the_same_inputs_give_the_same_rupiah():
    first = hitung(kelas=9, ringkasan=absensi(TK=1, terlambat=(45,)))
    again = hitung(kelas=9, ringkasan=absensi(TK=1, terlambat=(45,)))
    assert first == again
