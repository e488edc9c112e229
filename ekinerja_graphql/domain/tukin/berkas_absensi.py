"""An attendance file (CSV: nip, tanggal, jam_masuk, jam_pulang, keterangan) read into
records, with every bad row named by line, column and reason. Minutes late and early are
derived here from the times and the working calendar."""

import csv
import re
from dataclasses import dataclass
from datetime import date, time

from ekinerja_graphql.domain.tukin.absensi import Keterangan, menit_pulang_cepat, menit_terlambat
from ekinerja_graphql.domain.tukin.bulan import TAHUN_TERAWAL
from ekinerja_graphql.domain.tukin.jadwal import JadwalKerja

KOLOM = ("nip", "tanggal", "jam_masuk", "jam_pulang", "keterangan")
# [0-9], not \d: \d also matches Arabic-Indic or full-width digits, which no NIP has and
# which date.fromisoformat and time.fromisoformat refuse.
NIP = re.compile(r"[0-9]{18}")
TANGGAL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
JAM = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?")
KETERANGAN = ", ".join(Keterangan)
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")  # a line with its end, as open(newline="")


@dataclass(frozen=True, slots=True)
class BarisSalah:
    baris: int  # line number in the file where the row starts, the header being line 1
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


def baca_berkas_absensi(text: str, jadwal: JadwalKerja, today: date, max_rows: int) -> Hasil:
    """The file's records and its bad rows; a (nip, tanggal) given twice is an error on
    the later line. Semicolon-separated files (spreadsheets in Indonesian locale) are read
    too. A quoted field may hold a newline: rows are named by the line they start on."""
    text = text.lstrip("\ufeff")
    header_line = LINE.match(text).group()
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    rows = _rows(text, delimiter)
    _, header = next(rows, (1, []))
    if isinstance(header, BarisSalah):
        return [], [BarisSalah(1, "header", header.alasan)]
    header = [name.strip().lower() for name in header]
    if sorted(header) != sorted(KOLOM):
        found = ", ".join(header) or "nothing"
        return [], [BarisSalah(1, "header", f"the columns must be exactly {', '.join(KOLOM)} "
                               f"(in any order), not {found}")]  # fmt: skip
    position = {name: header.index(name) for name in KOLOM}
    parse = _Parser(position, jadwal, today)
    errors: list[BarisSalah] = []
    by_day: dict[tuple[str, date], CatatanAbsensi] = {}  # also finds a day given twice
    count = 0
    for number, row in rows:
        if isinstance(row, BarisSalah):
            errors.append(row)
            continue
        if not any(cell.strip() for cell in row):
            continue
        count += 1
        if count > max_rows:
            errors.append(BarisSalah(number, "", f"the file holds more than {max_rows} rows; "
                                     "split it by month or unit"))  # fmt: skip
            break
        record = parse(number, row, errors)
        if record is None:
            continue
        key = (record.nip, record.tanggal)
        if key in by_day:
            errors.append(BarisSalah(number, "tanggal", f"NIP {record.nip} on {record.tanggal} "
                                     f"is already on line {by_day[key].baris}"))  # fmt: skip
            continue
        by_day[key] = record
    return list(by_day.values()), errors


def _rows(text: str, delimiter: str):
    """(line the record starts on, its cells), or a BarisSalah for a record csv cannot
    read (a field over csv's size limit, …): a bad file is reported, never raised."""
    # Lines made one at a time (io.StringIO would hold the text again, at 4 bytes a char),
    # ends kept so that csv reads a quoted newline as part of its field.
    lines = (match.group() for match in LINE.finditer(text) if match.end() > match.start())
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        start = reader.line_num + 1  # line_num is the line the last record ended on
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield start, BarisSalah(start, "", f"not readable as CSV: {error}")
            continue
        yield start, row


class _Parser:
    """One row into a record. The NIPs, dates and times a file repeats on every row are
    shared between its records rather than held once per row."""

    def __init__(self, position: dict[str, int], jadwal: JadwalKerja, today: date):
        self.position, self.jadwal, self.today = position, jadwal, today
        self.nips: dict[str, str] = {}
        self.dates: dict[str, date] = {}
        self.times: dict[str, time] = {}

    def __call__(self, number: int, row: list[str],
                 errors: list[BarisSalah]) -> CatatanAbsensi | None:  # fmt: skip
        if len(row) != len(KOLOM):
            errors.append(BarisSalah(number, "", f"{len(row)} columns; {len(KOLOM)} are required"))
            return None
        cell = {name: row[index].strip() for name, index in self.position.items()}
        before = len(errors)
        nip = cell["nip"].lstrip("'")  # spreadsheets keep a NIP as text behind an apostrophe
        if NIP.fullmatch(nip):
            nip = self.nips.setdefault(nip, nip)
        else:
            errors.append(BarisSalah(number, "nip", "an 18-digit NIP is required"))
        tanggal = self._tanggal(number, cell["tanggal"], errors)
        keterangan = None
        name = cell["keterangan"]
        if name.isascii() and name.upper() in Keterangan.__members__:  # "hadır".upper() is HADIR
            keterangan = Keterangan(name.upper())
        else:
            errors.append(BarisSalah(number, "keterangan", f"one of {KETERANGAN}"))
        masuk = self._jam(number, "jam_masuk", cell["jam_masuk"], errors)
        pulang = self._jam(number, "jam_pulang", cell["jam_pulang"], errors)
        if masuk and pulang and pulang <= masuk:
            errors.append(BarisSalah(number, "jam_pulang", "must be after jam_masuk"))
        if len(errors) > before:
            return None
        late = early = None
        hours = self.jadwal.jam(tanggal)
        if keterangan is Keterangan.HADIR and hours is not None:
            late = menit_terlambat(masuk, hours[0]) if masuk else None
            early = menit_pulang_cepat(pulang, hours[1]) if pulang else None
        return CatatanAbsensi(number, nip, tanggal, keterangan, masuk, pulang, late, early)

    def _tanggal(self, number: int, text: str, errors: list[BarisSalah]) -> date | None:
        if text in self.dates:
            return self.dates[text]
        try:
            if not TANGGAL.fullmatch(text):
                raise ValueError
            value = date.fromisoformat(text)
        except ValueError:
            errors.append(BarisSalah(number, "tanggal", "a date as YYYY-MM-DD is required"))
            return None
        if not date(TAHUN_TERAWAL, 1, 1) <= value <= self.today:
            errors.append(BarisSalah(number, "tanggal", f"must be from {TAHUN_TERAWAL}-01-01 "
                                     f"to today ({self.today}), not {value}"))  # fmt: skip
            return None
        return self.dates.setdefault(text, value)

    def _jam(self, number: int, column: str, text: str,
             errors: list[BarisSalah]) -> time | None:  # fmt: skip
        if not text:
            return None
        if text not in self.times:
            if not JAM.fullmatch(text):
                errors.append(BarisSalah(number, column, "empty, or a time as HH:MM or HH:MM:SS"))
                return None
            self.times[text] = time.fromisoformat(text)
        return self.times[text]
