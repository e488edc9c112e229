"""Evaluation periods: periodic (monthly, quarterly, half-yearly) and annual."""

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class JenisPeriode(StrEnum):
    BULANAN = "BULANAN"
    TRIWULANAN = "TRIWULANAN"
    SEMESTERAN = "SEMESTERAN"
    TAHUNAN = "TAHUNAN"


MONTHS_PER_PERIODE = {
    JenisPeriode.BULANAN: 1,
    JenisPeriode.TRIWULANAN: 3,
    JenisPeriode.SEMESTERAN: 6,
    JenisPeriode.TAHUNAN: 12,
}


@dataclass(frozen=True, slots=True)
class Periode:
    tahun: int
    jenis: JenisPeriode
    nomor: int

    def __post_init__(self) -> None:
        count = 12 // MONTHS_PER_PERIODE[self.jenis]
        if not 1 <= self.nomor <= count:
            raise ValueError(f"nomor for {self.jenis} must be between 1 and {count}")

    @property
    def bulan_mulai(self) -> int:
        return (self.nomor - 1) * MONTHS_PER_PERIODE[self.jenis] + 1

    @property
    def bulan_selesai(self) -> int:
        return self.nomor * MONTHS_PER_PERIODE[self.jenis]

    @property
    def awal(self) -> date:
        return date(self.tahun, self.bulan_mulai, 1)

    @property
    def akhir(self) -> date:
        last_day = calendar.monthrange(self.tahun, self.bulan_selesai)[1]
        return date(self.tahun, self.bulan_selesai, last_day)
