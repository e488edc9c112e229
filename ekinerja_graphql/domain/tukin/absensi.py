"""Daily attendance: what a record says, and the minutes late or early it shows against
the day's working hours (spec/domain.md §5; brackets are in the rule set)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from enum import StrEnum


class Keterangan(StrEnum):
    """What a working day was, as an attendance file states it."""

    HADIR = "HADIR"
    TK = "TK"  # tanpa keterangan: absent without leave
    CUTI_TAHUNAN = "CUTI_TAHUNAN"
    CUTI_SAKIT = "CUTI_SAKIT"
    CUTI_BESAR = "CUTI_BESAR"
    CUTI_MELAHIRKAN = "CUTI_MELAHIRKAN"
    CUTI_ALASAN_PENTING = "CUTI_ALASAN_PENTING"
    CLTN = "CLTN"  # cuti di luar tanggungan negara
    DINAS_LUAR = "DINAS_LUAR"
    TUGAS_BELAJAR = "TUGAS_BELAJAR"


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def menit_terlambat(jam_masuk: time, mulai: time) -> int:
    """Whole minutes after the start of the day (a started minute counts: 07:30:01 is 1)."""
    late = _minutes(jam_masuk) - _minutes(mulai) + (1 if jam_masuk.second else 0)
    return max(0, late)


def menit_pulang_cepat(jam_pulang: time, selesai: time) -> int:
    """Whole minutes before the end of the day (16:59:30 against 17:00 is 1)."""
    return max(0, _minutes(selesai) - _minutes(jam_pulang))


@dataclass(frozen=True, slots=True)
class Braket:
    """Occurrences of lateness or early leave up to `sampai_menit` minutes (None: beyond the
    previous bracket, and a missing time) cost `persen` of the month's tukin each."""

    sampai_menit: int | None
    persen: object  # Decimal


def braket_of(menit: int | None, brackets: Sequence[Braket]) -> int | None:
    """Index of the bracket `menit` falls in; None for 0 minutes (on time). A missing time
    (None) falls in the last bracket."""
    if menit is None:
        return len(brackets) - 1
    if menit <= 0:
        return None
    for index, bracket in enumerate(brackets):
        if bracket.sampai_menit is None or menit <= bracket.sampai_menit:
            return index
    return len(brackets) - 1
