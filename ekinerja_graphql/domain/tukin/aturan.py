"""The tukin rule set as data (spec/domain.md §5): amounts by kelas jabatan, the split,
percentages and deductions. A new Perpres is a new rule set file, not a deploy."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ekinerja_graphql.domain.jabatan import KELAS_JABATAN_TERENDAH, KELAS_JABATAN_TERTINGGI
from ekinerja_graphql.domain.kepegawaian import StatusPegawai
from ekinerja_graphql.domain.predikat import Predikat
from ekinerja_graphql.domain.tukin.absensi import Braket, Keterangan
from ekinerja_graphql.domain.tukin.validasi import BerkasTidakValid, Reader, load_toml

MAX_MENIT = 24 * 60


class TingkatHukuman(StrEnum):
    """Hukuman disiplin by severity (PP 94/2021's three levels)."""

    RINGAN = "RINGAN"
    SEDANG = "SEDANG"
    BERAT = "BERAT"


# Rounding of the final rupiah amount (domain/tukin/hitung.py `_round`).
PEMBULATAN = ("HALF_UP", "HALF_EVEN", "DOWN", "UP")


@dataclass(frozen=True, slots=True)
class Hukuman:
    persen: Decimal  # of the month's tukin, each month it runs
    bulan: int  # months it runs when the record gives none


@dataclass(frozen=True, slots=True)
class AturanTukin:
    nama: str
    berlaku_mulai: date  # the first day of the first month it governs
    besaran_kelas: dict[int, Decimal]  # Rp per month
    kinerja_persen: Decimal  # share of the base paid for performance
    kehadiran_persen: Decimal  # share paid for attendance (disiplin)
    kinerja_per_predikat: dict[Predikat, Decimal]
    kinerja_tanpa_evaluasi: Decimal  # no final evaluation covers the month
    terlambat: tuple[Braket, ...]
    pulang_cepat: tuple[Braket, ...]
    potongan_per_hari: dict[Keterangan, Decimal]
    keterangan_tidak_dibayar: frozenset[Keterangan]  # such a day is unpaid
    status_tidak_dibayar: frozenset[StatusPegawai]
    hukuman: dict[TingkatHukuman, Hukuman]
    cpns_persen: Decimal
    batas_potongan_persen: Decimal
    pembulatan: str  # one of PEMBULATAN
    kurangi_tunjangan_profesi: bool
    bonus_sangat_baik_persen: Decimal  # of (next kelas − own kelas), for an annual SANGAT_BAIK
    bonus_sangat_baik_bulan: int  # paid in this month of the following year

    def besaran(self, kelas: int) -> Decimal:
        return self.besaran_kelas[kelas]


KEYS = {
    "nama", "berlaku_mulai", "besaran_kelas", "komponen", "kinerja_per_predikat",
    "terlambat", "pulang_cepat", "keterangan", "status_tidak_dibayar", "hukuman_disiplin",
    "cpns_persen", "batas_potongan_persen", "pembulatan", "tunjangan_profesi",
    "bonus_sangat_baik",
}  # fmt: skip


def muat_aturan(text: str) -> AturanTukin:
    """Parses and checks a rule set file; BerkasTidakValid names every problem by its key."""
    data = load_toml(text, "the rule set")
    r = Reader()
    r.unknown(data, KEYS, "")
    berlaku_mulai = r.tanggal(data, "berlaku_mulai", "")
    if berlaku_mulai.day != 1:
        r.problem("berlaku_mulai", "must be the first day of a month (a month is computed with "
                  "one rule set)")  # fmt: skip
    komponen = r.table(data, "komponen", "")
    r.unknown(komponen, {"kinerja_persen", "kehadiran_persen"}, "komponen")
    kinerja, kehadiran = (r.persen(komponen, "kinerja_persen", "komponen"),
                          r.persen(komponen, "kehadiran_persen", "komponen"))  # fmt: skip
    if komponen and kinerja + kehadiran != 100:
        r.problem("komponen", f"kinerja_persen + kehadiran_persen must be 100, not "
                  f"{kinerja + kehadiran}")  # fmt: skip
    per_predikat = r.table(data, "kinerja_per_predikat", "")
    r.unknown(per_predikat, {*Predikat, "tanpa_evaluasi_final"}, "kinerja_per_predikat")
    profesi = r.text(data, "tunjangan_profesi", "", ("KURANGI", "ABAIKAN"))
    bonus = r.table(data, "bonus_sangat_baik", "")
    keterangan = r.table(data, "keterangan", "")
    r.unknown(bonus, {"persen_selisih_kelas", "bulan_bayar"}, "bonus_sangat_baik")
    aturan = AturanTukin(
        nama=r.text(data, "nama", ""),
        berlaku_mulai=berlaku_mulai,
        besaran_kelas=_besaran(r, r.table(data, "besaran_kelas", "")),
        kinerja_persen=kinerja,
        kehadiran_persen=kehadiran,
        kinerja_per_predikat={p: r.persen(per_predikat, p, "kinerja_per_predikat")
                              for p in Predikat},  # fmt: skip
        kinerja_tanpa_evaluasi=r.persen(per_predikat, "tanpa_evaluasi_final",
                                        "kinerja_per_predikat"),  # fmt: skip
        terlambat=_brackets(r, data, "terlambat"),
        pulang_cepat=_brackets(r, data, "pulang_cepat"),
        potongan_per_hari=_per_keterangan(r, keterangan),
        keterangan_tidak_dibayar=_tidak_dibayar(keterangan),
        status_tidak_dibayar=_statuses(r, data),
        hukuman=_hukuman(r, r.table(data, "hukuman_disiplin", "")),
        cpns_persen=r.persen(data, "cpns_persen", ""),
        batas_potongan_persen=r.persen(data, "batas_potongan_persen", ""),
        pembulatan=r.text(data, "pembulatan", "", PEMBULATAN),
        kurangi_tunjangan_profesi=profesi == "KURANGI",
        bonus_sangat_baik_persen=r.persen(bonus, "persen_selisih_kelas", "bonus_sangat_baik"),
        bonus_sangat_baik_bulan=r.integer(bonus, "bulan_bayar", "bonus_sangat_baik", 1, 12),
    )
    if r.problems:
        raise BerkasTidakValid("the rule set", r.problems)
    return aturan


def _besaran(r: Reader, table: dict) -> dict[int, Decimal]:
    amounts = {}
    for key, value in table.items():
        if not (key.isdigit() and KELAS_JABATAN_TERENDAH <= int(key) <= KELAS_JABATAN_TERTINGGI):
            r.problem(f"besaran_kelas.{key}", f"a kelas jabatan from {KELAS_JABATAN_TERENDAH} "
                      f"to {KELAS_JABATAN_TERTINGGI} is required")  # fmt: skip
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            r.problem(f"besaran_kelas.{key}", "whole rupiah (a number ≥ 0) is required")
            continue
        amounts[int(key)] = Decimal(value)
    missing = [k for k in range(KELAS_JABATAN_TERENDAH, KELAS_JABATAN_TERTINGGI + 1)
               if k not in amounts and str(k) not in table]  # fmt: skip
    if table and missing:
        r.problem("besaran_kelas", f"kelas {', '.join(map(str, missing))} missing")
    ordered = sorted(amounts)
    for lower, higher in zip(ordered, ordered[1:], strict=False):
        if amounts[higher] < amounts[lower]:
            r.problem(f"besaran_kelas.{higher}", f"must not be below kelas {lower}'s "
                      f"({amounts[lower]}): amounts do not fall as the kelas rises")
    return amounts


def _brackets(r: Reader, data: dict, key: str) -> tuple[Braket, ...]:
    items = data.get(key)
    if not isinstance(items, list) or not items:
        r.problem(key, "a list of brackets ({sampai_menit, persen}, the last without "
                  "sampai_menit) is required")  # fmt: skip
        return (Braket(None, Decimal(0)),)
    brackets, previous = [], 0
    for index, item in enumerate(items):
        path = f"{key}[{index}]"
        if not isinstance(item, dict):
            r.problem(path, "a table is required")
            continue
        r.unknown(item, {"sampai_menit", "persen"}, path)
        last = index == len(items) - 1
        limit = None
        if last and "sampai_menit" in item:
            r.problem(f"{path}.sampai_menit", "the last bracket is open: beyond the previous "
                      "one, and a missing time")  # fmt: skip
        elif not last:
            limit = r.integer(item, "sampai_menit", path, previous + 1, MAX_MENIT)
            previous = limit
        brackets.append(Braket(limit, r.persen(item, "persen", path)))
    return tuple(brackets)


def _per_keterangan(r: Reader, table: dict) -> dict[Keterangan, Decimal]:
    r.unknown(table, set(Keterangan), "keterangan")
    rates = {}
    for keterangan in Keterangan:
        value = table.get(keterangan)
        if value == "TIDAK_DIBAYAR":
            rates[keterangan] = Decimal(0)
        else:
            rates[keterangan] = r.persen(table, keterangan, "keterangan")
    return rates


def _tidak_dibayar(table: dict) -> frozenset[Keterangan]:
    return frozenset(k for k in Keterangan if table.get(k) == "TIDAK_DIBAYAR")


def _statuses(r: Reader, data: dict) -> frozenset[StatusPegawai]:
    values = data.get("status_tidak_dibayar")
    if not isinstance(values, list):
        r.problem("status_tidak_dibayar", "a list of statuses is required")
        return frozenset()
    statuses = set()
    for index, value in enumerate(values):
        if value not in StatusPegawai.__members__:
            r.problem(f"status_tidak_dibayar[{index}]",
                      f"one of {', '.join(StatusPegawai)}, not {value!r}")  # fmt: skip
        else:
            statuses.add(StatusPegawai(value))
    return frozenset(statuses)


def _hukuman(r: Reader, table: dict) -> dict[TingkatHukuman, Hukuman]:
    r.unknown(table, set(TingkatHukuman), "hukuman_disiplin")
    rules = {}
    for tingkat in TingkatHukuman:
        path = f"hukuman_disiplin.{tingkat}"
        item = r.table(table, tingkat, "hukuman_disiplin")
        r.unknown(item, {"persen", "bulan"}, path)
        rules[tingkat] = Hukuman(r.persen(item, "persen", path),
                                 r.integer(item, "bulan", path, 1, 60))  # fmt: skip
    return rules
