"""The monthly tukin of one pegawai: a pure function of (inputs, rule set) → amount and a
line-by-line breakdown (spec/domain.md §5).

The month's tukin T is the kelas amount of each paid working day, pro rata (a mid-month
kelas change, days without a position or in an unpaid status are not paid), times the CPNS
share. Then the percentages are summed: kinerja share × predikat percentage + kehadiran
share − deductions (lateness, early leave, days by keterangan, hukuman disiplin), the
deductions capped; T is multiplied once and rounded once; tunjangan profesi is offset.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ekinerja_graphql.domain.kepegawaian import JenisPegawai, StatusPegawai
from ekinerja_graphql.domain.predikat import Predikat
from ekinerja_graphql.domain.tukin.absensi import Keterangan
from ekinerja_graphql.domain.tukin.aturan import AturanTukin, TingkatHukuman

SERATUS = Decimal(100)
NOL = Decimal(0)


@dataclass(frozen=True, slots=True)
class Segmen:
    """A stretch of the month in one jabatan; kelas None: no position (not paid)."""

    mulai: date
    selesai: date
    kelas: int | None


@dataclass(frozen=True, slots=True)
class PeriodeStatus:
    mulai: date
    selesai: date | None  # None: still going
    status: StatusPegawai


@dataclass(frozen=True, slots=True)
class RingkasanAbsensi:
    """The month's attendance over its paid working days: occurrences per lateness and
    early-leave bracket, and days per keterangan (TK includes working days with no record)."""

    terlambat: tuple[int, ...]
    pulang_cepat: tuple[int, ...]
    hari: Mapping[Keterangan, int]


@dataclass(frozen=True, slots=True)
class MasukanTukin:
    bulan: date
    hari_kerja: tuple[date, ...]
    jenis: JenisPegawai
    segmen: tuple[Segmen, ...]
    status: tuple[PeriodeStatus, ...] = ()
    absensi: RingkasanAbsensi | None = None  # None: no attendance imported for the month
    predikat: Predikat | None = None  # of the FINAL evaluation covering the month
    hukuman: tuple[TingkatHukuman, ...] = ()  # those running in the month
    tunjangan_profesi: Decimal = NOL
    predikat_tahunan_lalu: Predikat | None = None  # FINAL annual predikat of last year
    # Working days the attendance records as unpaid (CLTN, tugas belajar by keterangan).
    hari_tanpa_bayar: frozenset[date] = frozenset()


@dataclass(frozen=True, slots=True)
class Baris:
    """One line of the breakdown: what, the percentage of T it moves, the rupiah."""

    kode: str
    uraian: str
    persen: Decimal | None = None
    rupiah: Decimal | None = None


@dataclass(frozen=True, slots=True)
class HasilTukin:
    jumlah: int  # rupiah paid
    tukin_bulan: Decimal  # T: the base after pro rata and the CPNS share
    persen_dibayar: Decimal  # of T, before tunjangan profesi
    potongan_persen: Decimal  # deductions as counted, before the cap
    kelas: int | None  # the kelas of the month's last paid day
    provisional: bool
    baris: tuple[Baris, ...] = field(default_factory=tuple)


def hitung_tukin(masukan: MasukanTukin, aturan: AturanTukin) -> HasilTukin:
    lines: list[Baris] = []
    days = masukan.hari_kerja
    unpaid_status = _unpaid_status_days(masukan, aturan)
    base = Fraction(0)  # exact until the one rounding: a pro rata x.5 rounds up, as it should
    for segmen in masukan.segmen:
        in_segment = [d for d in days if segmen.mulai <= d <= segmen.selesai]
        paid = [d for d in in_segment
                if d not in unpaid_status and d not in masukan.hari_tanpa_bayar]  # fmt: skip
        if segmen.kelas is None:
            lines.append(Baris("TANPA_JABATAN", f"{_range(segmen)}: no position, "
                               f"{len(in_segment)} working days not paid"))  # fmt: skip
            continue
        amount = aturan.besaran(segmen.kelas)
        part = Fraction(amount) * len(paid) / len(days) if days else Fraction(0)
        base += part
        lines.append(Baris("KELAS", f"kelas {segmen.kelas} (Rp {_rp(amount)}), {_range(segmen)}: "
                           f"{len(paid)} of {len(days)} working days",
                           rupiah=_shown(part)))  # fmt: skip
    for status, count in sorted(Counter(unpaid_status.values()).items()):
        lines.append(Baris("STATUS", f"{status}: {count} working days not paid"))
    absensi = masukan.absensi
    unpaid_attendance = sorted(masukan.hari_tanpa_bayar - set(unpaid_status))
    if unpaid_attendance:
        lines.append(Baris("KETERANGAN_TIDAK_DIBAYAR", f"{len(unpaid_attendance)} working days "
                           f"recorded as {_names(absensi, aturan.keterangan_tidak_dibayar)}: "
                           "not paid"))  # fmt: skip
    if masukan.jenis is JenisPegawai.CPNS:
        cpns = base * Fraction(aturan.cpns_persen) / 100
        lines.append(Baris("CPNS", f"CPNS: {aturan.cpns_persen} % of the base",
                           aturan.cpns_persen, _shown(cpns - base)))  # fmt: skip
        base = cpns
    lines.append(Baris("TUKIN_BULAN", "the month's tukin (T)", SERATUS, _shown(base)))

    kinerja_rate, final = _kinerja_rate(masukan, aturan)
    kinerja = aturan.kinerja_persen * kinerja_rate / SERATUS
    lines.append(Baris("KINERJA", _kinerja_text(masukan, aturan, kinerja_rate, final), kinerja))
    lines.append(Baris("KEHADIRAN", f"kehadiran share {aturan.kehadiran_persen} %",
                       aturan.kehadiran_persen))  # fmt: skip

    deductions = _attendance_deductions(absensi, aturan, lines)
    for tingkat in masukan.hukuman:
        rule = aturan.hukuman[tingkat]
        lines.append(Baris("HUKUMAN_DISIPLIN", f"hukuman disiplin {tingkat}", -rule.persen))
        deductions += rule.persen
    capped = min(deductions, aturan.batas_potongan_persen)
    if capped < deductions:
        lines.append(Baris("BATAS_POTONGAN", f"deductions of {deductions} % capped at "
                           f"{aturan.batas_potongan_persen} %", deductions - capped))  # fmt: skip
    percent = max(NOL, kinerja + aturan.kehadiran_persen - capped)
    paid = _round(base * Fraction(percent) / 100, aturan)
    lines.append(Baris("DIBAYAR", f"{percent} % of T", percent, Decimal(paid)))

    if aturan.kurangi_tunjangan_profesi and masukan.tunjangan_profesi > 0:
        offset = min(paid, _round(Fraction(masukan.tunjangan_profesi), aturan))
        lines.append(Baris("TUNJANGAN_PROFESI", f"tunjangan profesi Rp "
                           f"{_rp(masukan.tunjangan_profesi)} offset (never below 0)",
                           rupiah=Decimal(-offset)))  # fmt: skip
        paid -= offset
    kelas = _last_kelas(masukan, unpaid_status)
    paid += _bonus(masukan, aturan, kelas, lines)
    lines.append(Baris("JUMLAH", "paid this month", rupiah=Decimal(paid)))
    return HasilTukin(
        jumlah=int(paid), tukin_bulan=_shown(base), persen_dibayar=percent,
        potongan_persen=deductions, kelas=kelas, provisional=not final or absensi is None,
        baris=tuple(lines),
    )


def _unpaid_status_days(masukan: MasukanTukin, aturan: AturanTukin) -> dict[date, str]:
    unpaid: dict[date, str] = {}
    for period in masukan.status:
        if period.status not in aturan.status_tidak_dibayar:
            continue
        for day in masukan.hari_kerja:
            if period.mulai <= day and (period.selesai is None or day <= period.selesai):
                unpaid.setdefault(day, period.status)
    return unpaid


def _kinerja_rate(masukan: MasukanTukin, aturan: AturanTukin) -> tuple[Decimal, bool]:
    if masukan.predikat is None:
        return aturan.kinerja_tanpa_evaluasi, False
    return aturan.kinerja_per_predikat[masukan.predikat], True


def _kinerja_text(masukan: MasukanTukin, aturan: AturanTukin, rate: Decimal, final: bool) -> str:
    why = f"predikat {masukan.predikat}" if final else "no final evaluation yet (provisional)"
    return f"kinerja share {aturan.kinerja_persen} % × {rate} % ({why})"


def _attendance_deductions(absensi: RingkasanAbsensi | None, aturan: AturanTukin,
                           lines: list[Baris]) -> Decimal:  # fmt: skip
    if absensi is None:
        lines.append(Baris("ABSENSI", "no attendance imported for the month (provisional)"))
        return NOL
    total = NOL
    for kode, name, counts, brackets in (
        ("TERLAMBAT", "late", absensi.terlambat, aturan.terlambat),
        ("PULANG_CEPAT", "early leave", absensi.pulang_cepat, aturan.pulang_cepat),
    ):
        low = 1
        for count, bracket in zip(counts, brackets, strict=True):
            span = (f"{low}–{bracket.sampai_menit} min" if bracket.sampai_menit is not None
                    else f"over {low - 1} min or no record")  # fmt: skip
            if count:
                amount = bracket.persen * count
                lines.append(Baris(kode, f"{name} {span}: {count} × {bracket.persen} %",
                                   -amount))  # fmt: skip
                total += amount
            low = (bracket.sampai_menit or 0) + 1
    for keterangan, rate in aturan.potongan_per_hari.items():
        days = absensi.hari.get(keterangan, 0)
        if days and rate:
            lines.append(Baris(keterangan, f"{keterangan}: {days} days × {rate} %", -rate * days))
            total += rate * days
    return total


def _last_kelas(masukan: MasukanTukin, unpaid: Mapping[date, str]) -> int | None:
    for day in reversed(masukan.hari_kerja):
        if day in unpaid:
            continue
        for segmen in masukan.segmen:
            if segmen.mulai <= day <= segmen.selesai and segmen.kelas is not None:
                return segmen.kelas
    return None


def _bonus(masukan: MasukanTukin, aturan: AturanTukin, kelas: int | None,
           lines: list[Baris]) -> int:  # fmt: skip
    """The annual SANGAT_BAIK bonus, in its month of the following year."""
    if (masukan.predikat_tahunan_lalu is not Predikat.SANGAT_BAIK or kelas is None
            or masukan.bulan.month != aturan.bonus_sangat_baik_bulan):  # fmt: skip
        return 0
    if kelas + 1 not in aturan.besaran_kelas:
        lines.append(Baris("BONUS_SANGAT_BAIK", f"annual predikat SANGAT_BAIK of "
                           f"{masukan.bulan.year - 1}: kelas {kelas} is the highest, no next "
                           "kelas to pay the difference of", rupiah=NOL))  # fmt: skip
        return 0
    difference = aturan.besaran(kelas + 1) - aturan.besaran(kelas)
    bonus = _round(Fraction(difference) * Fraction(aturan.bonus_sangat_baik_persen) / 100, aturan)
    lines.append(Baris("BONUS_SANGAT_BAIK", f"annual predikat SANGAT_BAIK of "
                       f"{masukan.bulan.year - 1}: {aturan.bonus_sangat_baik_persen} % of "
                       f"(kelas {kelas + 1} − kelas {kelas})", rupiah=Decimal(bonus)))  # fmt: skip
    return bonus


def _round(value: Fraction, aturan: AturanTukin) -> int:
    """Whole rupiah of an exact amount, by the rule set's rounding."""
    numerator, denominator = value.numerator, value.denominator
    if aturan.pembulatan == "HALF_UP":  # half away from zero; amounts are never negative
        return (2 * numerator + denominator) // (2 * denominator)
    if aturan.pembulatan == "HALF_EVEN":
        return round(value)
    if aturan.pembulatan == "UP":
        return -(-numerator // denominator)
    return numerator // denominator  # DOWN


def _shown(value: Fraction) -> Decimal:
    """An exact amount as shown in the breakdown: to the sen."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP)


def _rp(amount: Decimal) -> str:
    return f"{int(amount):,}".replace(",", ".")


def _range(segmen: Segmen) -> str:
    return f"{segmen.mulai:%d %b}–{segmen.selesai:%d %b}"


def _names(absensi: RingkasanAbsensi | None, keterangan: frozenset[Keterangan]) -> str:
    found = sorted(k for k in keterangan if absensi and absensi.hari.get(k))
    return ", ".join(found) or ", ".join(sorted(keterangan))


def hari_dibayar(masukan: MasukanTukin, aturan: AturanTukin) -> set[date]:
    """The working days in a position, not in an unpaid status nor recorded as unpaid."""
    unpaid = _unpaid_status_days(masukan, aturan)
    return {day for day in masukan.hari_kerja
            if day not in unpaid and day not in masukan.hari_tanpa_bayar
            and any(s.mulai <= day <= s.selesai and s.kelas is not None
                    for s in masukan.segmen)}  # fmt: skip
