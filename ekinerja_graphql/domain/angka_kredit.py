"""Angka kredit of a jabatan fungsional from its predikat kinerja (PermenPANRB 1/2023,
spec/domain.md §4 [C]): AK = bulan/12 × persen(predikat) × koefisien_tahunan(jenjang)."""

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ekinerja_graphql.domain.jabatan import Jenjang
from ekinerja_graphql.domain.periode import Periode
from ekinerja_graphql.domain.predikat import Predikat

PERSEN_PREDIKAT = {
    Predikat.SANGAT_BAIK: 150,
    Predikat.BAIK: 100,
    Predikat.BUTUH_PERBAIKAN: 75,
    Predikat.KURANG: 50,
    Predikat.SANGAT_KURANG: 25,
}

# Angka kredit of a full year rated BAIK. Ahli Pertama to Ahli Madya [C]; Ahli Utama and the
# keterampilan jenjang [S], so kept as a table (equal to ref/siasn_koefisien.csv).
KOEFISIEN_TAHUNAN = {
    Jenjang.AHLI_PERTAMA: Decimal("12.5"),
    Jenjang.AHLI_MUDA: Decimal("25"),
    Jenjang.AHLI_MADYA: Decimal("37.5"),
    Jenjang.AHLI_UTAMA: Decimal("50"),
    Jenjang.PEMULA: Decimal("3.75"),
    Jenjang.TERAMPIL: Decimal("5"),
    Jenjang.MAHIR: Decimal("12.5"),
    Jenjang.PENYELIA: Decimal("25"),
}

# [D] 3 decimal places, half up: SIASN shows angka kredit with 3 decimals.
TEMPAT_DESIMAL = Decimal("0.001")


def angka_kredit(predikat: Predikat, jenjang: Jenjang, bulan: int) -> Decimal:
    """The angka kredit earned by `bulan` months (1..12) rated `predikat` in `jenjang`."""
    if isinstance(bulan, bool) or not isinstance(bulan, int) or not 1 <= bulan <= 12:
        raise ValueError(f"bulan must be a whole number from 1 to 12, not {bulan!r}")
    # The product is exact; the one division (by 1200) is rounded at 28 digits, far below the
    # 0.001 step, and a value exactly half way (a short decimal) divides exactly: the
    # quantize below rounds the true value.
    hasil = Decimal(bulan) * PERSEN_PREDIKAT[predikat] * KOEFISIEN_TAHUNAN[jenjang] / 1200
    return hasil.quantize(TEMPAT_DESIMAL, rounding=ROUND_HALF_UP)


def bulan_dinilai(periode: Periode, awal: date, akhir: date) -> int:
    """How many calendar months of `periode` the SKP running from `awal` to `akhir` (both
    included) counts; 0 when none."""
    if akhir < awal:
        raise ValueError(f"akhir {akhir} is before awal {awal}")
    # [D] A month counts for the SKP that covers its last day: a CPNS appointed on 15 March
    # earns March, and of two SKPs split by a mutasi on 15 February only the second earns
    # February, so no month is counted twice.
    mulai = max(awal, periode.awal)
    selesai = min(akhir, periode.akhir)
    if mulai > selesai:
        return 0
    first = (mulai.year, mulai.month)
    last = (selesai.year, selesai.month)
    months = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if selesai.day < calendar.monthrange(*last)[1]:
        months -= 1  # the last month's last day is not the SKP's
    return months
