"""An attendance file (CSV: nip, tanggal, jam_masuk, jam_pulang, keterangan) read into
records, with every bad row named by line, column and reason. Minutes late and early are
derived here from the times and the working calendar."""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from ekinerja_graphql.domain.tukin.absensi import Keterangan, menit_pulang_cepat, menit_terlambat
from ekinerja_graphql.domain.tukin.bulan import TAHUN_TERAWAL
from ekinerja_graphql.domain.tukin.jadwal import JadwalKerja

KOLOM = ("nip", "tanggal", "jam_masuk", "jam_pulang", "keterangan")
NIP = re.compile(r"^\d{18}$")
TANGGAL = re.compile(r"^\d{4}-\d{2}-\d{2}$")
JAM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
KETERANGAN = ", ".join(Keterangan)


@dataclass(frozen=True, slots=True)
class BarisSalah:
    baris: int  # line number in the file, the header being line 1
    kolom: str
    alasan: str


@dataclass(frozen=True, slots=True)
class CatatanAbsensi:
    baris: int
    nip: str
    tanggal: date
    keterangan: Keterangan
    jam_masuk: time | None
    jam_pulang: time | None
    menit_terlambat: int | None
    menit_pulang_cepat: int | None


Hasil = tuple[list[CatatanAbsensi], list[BarisSalah]]


def baca_berkas_absensi(lines: Iterable[str], jadwal: JadwalKerja, today: date,
                        max_rows: int) -> Hasil:  # fmt: skip
    """The file's records and its bad rows; a (nip, tanggal) given twice is an error on
    the later line. Semicolon-separated files (spreadsheets in Indonesian locale) are read
    too."""
    lines = iter(lines)
    header_line = next(lines, "").lstrip("\ufeff")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = [name.strip().lower() for name in next(csv.reader([header_line], delimiter=delimiter),
                                                    [])]  # fmt: skip
    if sorted(header) != sorted(KOLOM):
        found = ", ".join(header) or "nothing"
        return [], [BarisSalah(1, "header", f"the columns must be exactly {', '.join(KOLOM)} "
                               f"(in any order), not {found}")]  # fmt: skip
    position = {name: header.index(name) for name in KOLOM}
    records, errors, seen = [], [], {}
    for number, row in enumerate(csv.reader(lines, delimiter=delimiter), start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(records) + len(errors) >= max_rows:
            errors.append(BarisSalah(number, "", f"the file holds more than {max_rows} rows; "
                                     "split it by month or unit"))  # fmt: skip
            break
        record = _record(number, row, position, jadwal, today, errors)
        if record is None:
            continue
        key = (record.nip, record.tanggal)
        if key in seen:
            errors.append(BarisSalah(number, "tanggal", f"NIP {record.nip} on {record.tanggal} "
                                     f"is already on line {seen[key]}"))  # fmt: skip
            continue
        seen[key] = number
        records.append(record)
    return records, errors


def _record(number: int, row: list[str], position: dict[str, int], jadwal: JadwalKerja,
            today: date, errors: list[BarisSalah]) -> CatatanAbsensi | None:  # fmt: skip
    if len(row) != len(KOLOM):
        errors.append(BarisSalah(number, "", f"{len(row)} columns; {len(KOLOM)} are required"))
        return None
    cell = {name: row[index].strip() for name, index in position.items()}
    before = len(errors)
    nip = cell["nip"].lstrip("'")  # spreadsheets keep a NIP as text behind an apostrophe
    if not NIP.match(nip):
        errors.append(BarisSalah(number, "nip", "an 18-digit NIP is required"))
    tanggal = _tanggal(number, cell["tanggal"], today, errors)
    keterangan = None
    if cell["keterangan"].upper() in Keterangan.__members__:
        keterangan = Keterangan(cell["keterangan"].upper())
    else:
        errors.append(BarisSalah(number, "keterangan", f"one of {KETERANGAN}"))
    masuk = _jam(number, "jam_masuk", cell["jam_masuk"], errors)
    pulang = _jam(number, "jam_pulang", cell["jam_pulang"], errors)
    if masuk and pulang and pulang <= masuk:
        errors.append(BarisSalah(number, "jam_pulang", "must be after jam_masuk"))
    if len(errors) > before:
        return None
    late = early = None
    hours = jadwal.jam(tanggal)
    if keterangan is Keterangan.HADIR and hours is not None:
        late = menit_terlambat(masuk, hours[0]) if masuk else None
        early = menit_pulang_cepat(pulang, hours[1]) if pulang else None
    return CatatanAbsensi(number, nip, tanggal, keterangan, masuk, pulang, late, early)


def _tanggal(number: int, text: str, today: date, errors: list[BarisSalah]) -> date | None:
    try:
        if not TANGGAL.match(text):
            raise ValueError
        value = date.fromisoformat(text)
    except ValueError:
        errors.append(BarisSalah(number, "tanggal", "a date as YYYY-MM-DD is required"))
        return None
    if not date(TAHUN_TERAWAL, 1, 1) <= value <= today:
        errors.append(BarisSalah(number, "tanggal", f"must be from {TAHUN_TERAWAL}-01-01 to "
                                 f"today ({today}), not {value}"))  # fmt: skip
        return None
    return value


def _jam(number: int, column: str, text: str, errors: list[BarisSalah]) -> time | None:
    if not text:
        return None
    if not JAM.match(text):
        errors.append(BarisSalah(number, column, "empty, or a time as HH:MM or HH:MM:SS"))
        return None
    return time.fromisoformat(text)
