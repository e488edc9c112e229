"""Working hours and the holiday calendar (configuration, spec/domain.md §5): which days of
a month are working days and when each starts and ends, including schedules for a date
range (Ramadan)."""

from dataclasses import dataclass
from datetime import date, time

from ekinerja_graphql.domain.tukin.bulan import akhir_bulan, hari_dalam
from ekinerja_graphql.domain.tukin.validasi import BerkasTidakValid, Reader, load_toml

HARI = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")  # date.weekday() order
JamKerja = dict[int, tuple[time, time]]  # weekday → (start, end)


@dataclass(frozen=True, slots=True)
class JadwalKhusus:
    nama: str
    mulai: date
    selesai: date
    jam_kerja: JamKerja


@dataclass(frozen=True, slots=True)
class JadwalKerja:
    jam_kerja: JamKerja
    khusus: tuple[JadwalKhusus, ...]
    libur: dict[date, str]

    def jam(self, tanggal: date) -> tuple[time, time] | None:
        """The day's start and end, or None when it is not a working day."""
        if tanggal in self.libur:
            return None
        hours = self.jam_kerja
        for special in self.khusus:
            if special.mulai <= tanggal <= special.selesai:
                hours = special.jam_kerja
                break
        return hours.get(tanggal.weekday())

    def hari_kerja(self, bulan: date) -> list[date]:
        return [d for d in hari_dalam(bulan, akhir_bulan(bulan)) if self.jam(d) is not None]


def muat_jadwal(text: str) -> JadwalKerja:
    """Parses and checks a calendar file; BerkasTidakValid names every problem."""
    data = load_toml(text, "the working calendar")
    reader = Reader()
    reader.unknown(data, {"nama", "jam_kerja", "jadwal_khusus", "libur"}, "")
    jam_kerja = _jam_kerja(reader, reader.table(data, "jam_kerja", ""), "jam_kerja")
    khusus = []
    specials = data.get("jadwal_khusus", [])
    if not isinstance(specials, list):
        reader.problem("jadwal_khusus", "a list of tables ([[jadwal_khusus]]) is required")
        specials = []
    for index, item in enumerate(specials):
        path = f"jadwal_khusus[{index}]"
        if not isinstance(item, dict):
            reader.problem(path, "a table is required")
            continue
        reader.unknown(item, {"nama", "mulai", "selesai", "jam_kerja"}, path)
        special = JadwalKhusus(
            nama=reader.text(item, "nama", path),
            mulai=reader.tanggal(item, "mulai", path),
            selesai=reader.tanggal(item, "selesai", path),
            jam_kerja=_jam_kerja(reader, reader.table(item, "jam_kerja", path),
                                 f"{path}.jam_kerja"),  # fmt: skip
        )
        if special.selesai < special.mulai:
            reader.problem(f"{path}.selesai", "must not be before mulai")
        khusus.append(special)
    libur = {}
    holidays = data.get("libur", {})
    if not isinstance(holidays, dict):
        reader.problem("libur", "a table of date = name is required")
        holidays = {}
    for key, name in holidays.items():
        try:
            libur[date.fromisoformat(key)] = str(name)
        except ValueError:
            reader.problem(f"libur.{key}", "the key must be a date YYYY-MM-DD")
    if reader.problems:
        raise BerkasTidakValid("the working calendar", reader.problems)
    return JadwalKerja(jam_kerja=jam_kerja, khusus=tuple(khusus), libur=libur)


def _jam_kerja(reader: Reader, table: dict, path: str) -> JamKerja:
    reader.unknown(table, set(HARI), path)
    hours: JamKerja = {}
    for weekday, name in enumerate(HARI):
        if name not in table:
            continue
        where = f"{path}.{name}"
        value = table[name]
        if not (isinstance(value, list) and len(value) == 2):
            reader.problem(where, 'a pair ["HH:MM", "HH:MM"] (start, end) is required')
            continue
        start, end = reader.jam(value[0], f"{where}[0]"), reader.jam(value[1], f"{where}[1]")
        if end <= start:
            reader.problem(where, "the end must be after the start")
        hours[weekday] = (start, end)
    if not hours and not reader.problems:
        reader.problem(path, "at least one working day is required")
    return hours
