"""A month's tukin of a unit subtree for the bendahara, as XLSX (a summary sheet, then one sheet
per satker) and as CSV: the same rows, in the same order, with the numbers of the rekap.

Reading. A plan first: the rekap's own per-unit GROUP BY (`rekap.per_unit`, so the totals are
the API's by construction) and the subtree's units in path order, from which every unit gets
its satker. Then the rows, in chunks of at most `CHUNK_ROWS`: consecutive units are grouped
until their counts would pass the bound and read with `unit_id IN (…)`; a unit bigger than a
chunk alone is read by keyset on NIP. Never OFFSET. Memory holds the plan (a few numbers per
unit) and one chunk — it does not grow with the number of pegawai.

Order. Satker in path order; within a satker, its units in path order; within a unit, NIP.
That is unit-path then NIP order per satker: a satker's inner units are not contiguous in
path order (a Kanwil's bidang with a higher id than one of its Kankemenag come after the
Kankemenag's subtree), and a satker's rows must be together to fill its sheet in one go.
The CSV uses the same order, so both files list the same rows the same way.

Consistency. On PostgreSQL the plan and every chunk are read in one REPEATABLE READ, READ
ONLY transaction: a computation committing during an export can neither put a pegawai who
changed unit in twice nor make a sheet disagree with the summary. On SQLite (the embedded,
single-process default) a transaction would hold the one shared connection for the whole
export, so the reads are not wrapped; an export there reflects commits made during it.
"""

import asyncio
import csv
import io
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from tortoise import connections
from tortoise.transactions import in_transaction
from xlsxwriter import Workbook

from ekinerja_graphql.domain.nama import format_nama_lengkap
from ekinerja_graphql.domain.organisasi import JenisUnit, ancestor_ids
from ekinerja_graphql.domain.tukin.bulan import format_bulan
from ekinerja_graphql.models import Tukin, UnitOrganisasi
from ekinerja_graphql.models.unit_organisasi import in_subtree
from ekinerja_graphql.services.tukin import rekap

CHUNK_ROWS = 2_000  # rows per query, and so per piece of CSV and per write to the workbook
ALL_UNITS = 2**31 - 1  # rekap.per_unit pages; an export wants every unit
SELURUH = "Seluruh Kementerian"

# Design decision: a satker (the paying unit with its own bendahara) is the nearest
# ancestor-or-self unit that is not one of these units inside a satker. So an eselon I unit,
# a Kanwil, a Kankemenag, a perguruan tinggi, a madrasah, a KUA or a balai is a satker, and a
# bagian, bidang, seksi, fakultas or jurusan belongs to the satker above it.
INNER_UNITS = frozenset({JenisUnit.UNIT_ESELON_II, JenisUnit.UNIT_ESELON_III,
                         JenisUnit.UNIT_ESELON_IV, JenisUnit.FAKULTAS, JenisUnit.JURUSAN})

# (heading, width in characters, kind): the columns of a satker sheet and of the CSV, which
# starts with the satker's name.
COLUMNS = (("NIP", 20, "text"), ("Nama", 38, "text"), ("Unit", 40, "text"),
           ("Jenis", 11, "text"), ("Kelas", 7, "int"), ("Tukin bulan (Rp)", 16, "sen"),
           ("Dibayar (%)", 11, "persen"), ("Potongan (%)", 12, "persen"),
           ("Jumlah (Rp)", 16, "rupiah"), ("Provisional", 11, "text"), ("Stale", 7, "text"),
           ("Versi aturan", 12, "int"))  # fmt: skip
JUMLAH, PROVISIONAL, STALE = 8, 9, 10  # their indexes
YA, TIDAK = "ya", "tidak"
_ROW_FIELDS = ("unit_id", "jenis", "kelas", "jumlah", "tukin_bulan", "persen_dibayar",
               "potongan_persen", "provisional", "stale", "aturan_id")  # fmt: skip
_PEGAWAI_FIELDS = {"nip": "pegawai__nip", "nama": "pegawai__nama",
                   "gelar_depan": "pegawai__gelar_depan",
                   "gelar_belakang": "pegawai__gelar_belakang"}  # fmt: skip


@dataclass(slots=True)
class Satker:
    id: int
    nama: str
    path: str
    unit_ids: list[int] = field(default_factory=list)  # its units with results, path order
    pegawai: int = 0
    jumlah: int = 0
    provisional: int = 0
    stale: int = 0
    lembar: str = ""  # its sheet's name


@dataclass(slots=True)
class Rencana:
    """What an export holds: the satker in order, and per unit its name and result count."""

    bulan: date
    judul: str  # the subtree's root, or SELURUH
    satker: list[Satker]
    unit_nama: dict[int, str]
    unit_pegawai: dict[int, int]
    satker_unit: dict[int, int]  # unit id → index in `satker`

    def unit_order(self) -> list[int]:
        return [unit for satker in self.satker for unit in satker.unit_ids]

    @property
    def pegawai(self) -> int:
        return sum(s.pegawai for s in self.satker)

    @property
    def jumlah(self) -> int:
        return sum(s.jumlah for s in self.satker)


async def nama_unit(path: str | None) -> str:
    if path is None:
        return SELURUH
    names = await UnitOrganisasi.filter(path=path).values_list("nama", flat=True)
    return names[0] if names else path


@asynccontextmanager
async def snapshot():
    """One consistent view of the data for every read inside (PostgreSQL; see the top)."""
    if connections.get("default").capabilities.dialect != "postgres":
        yield
        return
    async with in_transaction() as connection:
        await connection.execute_script(
            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


async def ekspor_xlsx(bulan: date, path: str | None, tujuan: Path,
                      chunk_rows: int | None = None) -> None:  # fmt: skip
    """Writes the month's workbook of the subtree at `path` (None: all) to `tujuan`."""
    async with snapshot():
        await tulis_xlsx(await rencana(bulan, path), tujuan, chunk_rows)


async def ekspor_csv(bulan: date, path: str | None, chunk_rows: int | None = None
                     ) -> AsyncIterator[bytes]:  # fmt: skip
    """The month's CSV of the subtree in pieces: the header once the plan is read, then one
    piece per chunk of rows as it is read. Iterate it whole in one task (the snapshot's
    transaction is entered and left there)."""
    async with snapshot():
        plan = await rencana(bulan, path)
        yield csv_kepala()
        async for chunk in baris(plan, chunk_rows):
            yield csv_baris(plan, chunk)


async def rencana(bulan: date, path: str | None) -> Rencana:
    counts = await rekap.per_unit(bulan, path, None, ALL_UNITS)
    units = UnitOrganisasi.all() if path is None else UnitOrganisasi.filter(
        in_subtree(path, "path"))  # fmt: skip
    rows = await units.order_by("path").values("id", "path", "nama", "jenis")
    above = ancestor_ids(path) if path is not None else []
    if above:  # an inner unit's satker may be above the subtree
        rows = await UnitOrganisasi.filter(id__in=above).order_by("path").values(
            "id", "path", "nama", "jenis") + rows  # fmt: skip
    satker_of = _satker_of(rows)
    by_id = {row["id"]: row for row in rows}
    totals = {row["unit_id"]: row for row in counts}
    per_satker: dict[int, Satker] = {}
    for row in rows:  # path order
        total = totals.get(row["id"])
        if total is None:
            continue
        head = by_id[satker_of[row["id"]]]
        satker = per_satker.setdefault(head["id"], Satker(head["id"], head["nama"], head["path"]))
        satker.unit_ids.append(row["id"])
        satker.pegawai += total["pegawai"]
        satker.jumlah += int(total["jumlah"] or 0)
        satker.provisional += total["provisional"]
        satker.stale += total["stale"]
    ordered = sorted(per_satker.values(), key=lambda s: s.path)
    _name_sheets(ordered)
    return Rencana(
        bulan=bulan, judul=_judul(path, rows), satker=ordered,
        unit_nama={row["id"]: row["nama"] for row in rows},
        unit_pegawai={unit: total["pegawai"] for unit, total in totals.items()},
        satker_unit={u: i for i, s in enumerate(ordered) for u in s.unit_ids},
    )


def _judul(path: str | None, rows: list[dict]) -> str:
    if path is None:
        return SELURUH
    return next((row["nama"] for row in rows if row["path"] == path), path)


def _satker_of(rows: list[dict]) -> dict[int, int]:
    """Unit id → its satker's id, for rows in path order (parents before children). A unit
    with no satker above it (an inner unit at the top: unexpected data) is its own."""
    satker: dict[int, int] = {}
    for row in rows:
        parents = ancestor_ids(row["path"])
        parent = satker.get(parents[-1]) if parents else None
        inner = row["jenis"] in INNER_UNITS
        satker[row["id"]] = parent if inner and parent is not None else row["id"]
    return satker


async def baris(rencana: Rencana, chunk_rows: int | None = None) -> AsyncIterator[list[dict]]:
    """The rows in the plan's order, in lists of at most `chunk_rows` (CHUNK_ROWS)."""
    limit = chunk_rows or CHUNK_ROWS
    rank = {unit: i for i, unit in enumerate(rencana.unit_order())}
    group: list[int] = []
    size = 0
    for unit in rank:
        count = rencana.unit_pegawai[unit]
        if group and size + count > limit:
            yield await _group_rows(rencana.bulan, group, rank)
            group, size = [], 0
        if count > limit:
            async for chunk in _big_unit_rows(rencana.bulan, unit, limit):
                yield chunk
            continue
        group.append(unit)
        size += count
    if group:
        yield await _group_rows(rencana.bulan, group, rank)


async def _group_rows(bulan: date, units: list[int], rank: dict[int, int]) -> list[dict]:
    rows = await Tukin.filter(bulan=bulan, unit_id__in=units).order_by("pegawai__nip").values(
        *_ROW_FIELDS, **_PEGAWAI_FIELDS)  # fmt: skip
    rows.sort(key=lambda row: rank[row["unit_id"]])  # stable: NIP order within a unit
    return rows


async def _big_unit_rows(bulan: date, unit: int, limit: int) -> AsyncIterator[list[dict]]:
    after = ""
    while True:
        rows = await Tukin.filter(bulan=bulan, unit_id=unit, pegawai__nip__gt=after).order_by(
            "pegawai__nip").limit(limit).values(*_ROW_FIELDS, **_PEGAWAI_FIELDS)  # fmt: skip
        if rows:
            yield rows
        if len(rows) < limit:
            return
        after = rows[-1]["nip"]


def nilai(row: dict, unit_nama: dict[int, str]) -> tuple:
    """A row's cells, in COLUMNS order (Decimal and int kept as numbers)."""
    nama = format_nama_lengkap(row["nama"], row["gelar_depan"], row["gelar_belakang"])
    return (row["nip"], nama, unit_nama.get(row["unit_id"], str(row["unit_id"])),
            str(row["jenis"]), row["kelas"], Decimal(row["tukin_bulan"]),
            Decimal(row["persen_dibayar"]), Decimal(row["potongan_persen"]), int(row["jumlah"]),
            YA if row["provisional"] else TIDAK, YA if row["stale"] else TIDAK,
            row["aturan_id"])  # fmt: skip


# Sheet names: at most 31 UTF-16 units, none of []:*?/\, not starting or ending with an
# apostrophe, unique ignoring case. Long common words are shortened first so that the many
# "Kantor Urusan Agama Kecamatan …" stay apart after truncation.
SHEET_NAME_LENGTH = 31
RINGKASAN = "Ringkasan"
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_SHORTER = (("Kantor Wilayah Kementerian Agama", "Kanwil Kemenag"),
            ("Kantor Kementerian Agama", "Kankemenag"), ("Kantor Urusan Agama", "KUA"),
            ("Universitas Islam Negeri", "UIN"), ("Institut Agama Islam Negeri", "IAIN"),
            ("Sekolah Tinggi Agama Islam Negeri", "STAIN"),
            ("Madrasah Ibtidaiyah Negeri", "MIN"), ("Madrasah Tsanawiyah Negeri", "MTsN"),
            ("Madrasah Aliyah Negeri", "MAN"), ("Direktorat Jenderal", "Ditjen"),
            ("Sekretariat Jenderal", "Setjen"), ("Provinsi", "Prov."),
            ("Kabupaten", "Kab."), ("Kecamatan", "Kec."))  # fmt: skip


def nama_lembar(nama: str, taken: set[str]) -> str:
    """A valid sheet name for `nama` not in `taken` (lower-cased names); adds it there."""
    for long, short in _SHORTER:
        nama = nama.replace(long, short)
    base = " ".join(_FORBIDDEN_IN_SHEET_NAME.sub(" ", nama).split()).strip("'").strip()
    base = base or "Satker"
    number = 1
    while True:
        suffix = f" ({number})" if number > 1 else ""
        name = _cut(base, SHEET_NAME_LENGTH - len(suffix)).rstrip().rstrip("'") + suffix
        if name.lower() not in taken:
            taken.add(name.lower())
            return name
        number += 1


def _cut(text: str, units: int) -> str:
    """The longest prefix of `text` of at most `units` UTF-16 code units (Excel counts so)."""
    used = 0
    for index, character in enumerate(text):
        used += 2 if ord(character) > 0xFFFF else 1
        if used > units:
            return text[:index]
    return text


def _name_sheets(satker: list[Satker]) -> None:
    taken = {RINGKASAN.lower()}
    for one in satker:
        one.lembar = nama_lembar(one.nama, taken)


# XLSX. XlsxWriter's constant_memory mode keeps one row in memory and writes each sheet's rows
# to a temporary file, in row order; so the summary cannot be written after the satker sheets
# have been read through. The plan already holds every satker's totals (from the GROUP BY), so
# the summary sheet is written first, complete, and then each satker's sheet as its rows come;
# each sheet's totals row sums the rows written on it, which in the snapshot are the same rows
# the GROUP BY counted. XlsxWriter is synchronous: every step that writes runs in a worker
# thread (asyncio.to_thread), one at a time, while the reads stay on the event loop.

_HEADER_ROW = 2  # a title, a blank row (Ringkasan: the time of the export), the header


async def tulis_xlsx(rencana: Rencana, tujuan: Path, chunk_rows: int | None = None) -> None:
    """Writes the workbook to `tujuan`; XlsxWriter's temporary files go beside it."""
    buku = _Buku(rencana, tujuan)
    try:
        await asyncio.to_thread(buku.ringkasan)
        async for chunk in baris(rencana, chunk_rows):
            await asyncio.to_thread(buku.tulis, chunk)
        await asyncio.to_thread(buku.selesai)
    finally:
        buku.tutup_berkas()


class _Buku:
    def __init__(self, rencana: Rencana, tujuan: Path) -> None:
        self.rencana = rencana
        self.workbook = Workbook(str(tujuan), {"constant_memory": True,
                                               "tmpdir": str(tujuan.parent)})  # fmt: skip
        add = self.workbook.add_format
        self.judul = add({"bold": True, "font_size": 13})
        self.kepala = add({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                           "valign": "top"})  # fmt: skip
        self.kinds = {"text": None, "int": None, "rupiah": add({"num_format": "#,##0"}),
                      "sen": add({"num_format": "#,##0.00"}),
                      "persen": add({"num_format": "0.000"})}  # fmt: skip
        self.total = add({"bold": True, "top": 1})
        self.total_rupiah = add({"bold": True, "top": 1, "num_format": "#,##0"})
        self.sheet = None
        self.opened = 0  # satker sheets begun
        self.row = 0
        self.sums = [0, 0, 0, 0]  # pegawai, jumlah, provisional, stale of the open sheet

    def ringkasan(self) -> None:
        """The first sheet: per satker its sheet, pegawai, jumlah, provisional, stale."""
        rencana = self.rencana
        sheet = self.workbook.add_worksheet(RINGKASAN)
        headings = (("No", 6), ("Satker", 50), ("Lembar", 32), ("Pegawai", 10),
                    ("Jumlah (Rp)", 18), ("Provisional", 12), ("Stale", 8))  # fmt: skip
        for column, (_, width) in enumerate(headings):
            sheet.set_column(column, column, width)
        sheet.write_string(0, 0, f"Tunjangan kinerja {format_bulan(rencana.bulan)} — "
                           f"{rencana.judul}", self.judul)  # fmt: skip
        sheet.write_string(1, 0, f"Diekspor {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
        for column, (heading, _) in enumerate(headings):
            sheet.write_string(_HEADER_ROW, column, heading, self.kepala)
        row = _HEADER_ROW
        rupiah = self.kinds["rupiah"]
        for number, satker in enumerate(rencana.satker, 1):
            row += 1
            sheet.write_number(row, 0, number)
            sheet.write_string(row, 1, satker.nama)
            sheet.write_string(row, 2, satker.lembar)
            sheet.write_number(row, 3, satker.pegawai)
            sheet.write_number(row, 4, satker.jumlah, rupiah)
            sheet.write_number(row, 5, satker.provisional)
            sheet.write_number(row, 6, satker.stale)
        row += 1
        sheet.write_string(row, 0, "Jumlah", self.total)
        for column in (1, 2):
            sheet.write_blank(row, column, None, self.total)
        sheet.write_number(row, 3, rencana.pegawai, self.total)
        sheet.write_number(row, 4, rencana.jumlah, self.total_rupiah)
        sheet.write_number(row, 5, sum(s.provisional for s in rencana.satker), self.total)
        sheet.write_number(row, 6, sum(s.stale for s in rencana.satker), self.total)
        sheet.freeze_panes(_HEADER_ROW + 1, 0)
        _release(sheet)

    def tulis(self, rows: list[dict]) -> None:
        rencana = self.rencana
        for row in rows:
            self._open_up_to(rencana.satker_unit[row["unit_id"]])
            cells = nilai(row, rencana.unit_nama)
            self.row += 1
            for column, (value, (_, _, kind)) in enumerate(zip(cells, COLUMNS, strict=True)):
                self._cell(column, value, kind)
            self.sums[0] += 1
            self.sums[1] += cells[JUMLAH]
            self.sums[2] += cells[PROVISIONAL] == YA
            self.sums[3] += cells[STALE] == YA

    def _cell(self, column: int, value, kind: str) -> None:
        if value is None:
            return
        if kind == "text":  # never a number or a formula: NIP keeps its 18 digits
            self.sheet.write_string(self.row, column, value)
        else:
            self.sheet.write_number(self.row, column, value, self.kinds[kind])

    def _open_up_to(self, index: int) -> None:
        """Begins satker sheets up to `index` (one without rows still gets its sheet)."""
        while self.opened <= index:
            self._close_sheet()
            satker = self.rencana.satker[self.opened]
            sheet = self.sheet = self.workbook.add_worksheet(satker.lembar)
            for column, (_, width, _) in enumerate(COLUMNS):
                sheet.set_column(column, column, width)
            sheet.write_string(0, 0, f"{satker.nama} — tunjangan kinerja "
                               f"{format_bulan(self.rencana.bulan)}", self.judul)  # fmt: skip
            for column, (heading, _, _) in enumerate(COLUMNS):
                sheet.write_string(_HEADER_ROW, column, heading, self.kepala)
            sheet.freeze_panes(_HEADER_ROW + 1, 0)
            self.row = _HEADER_ROW
            self.sums = [0, 0, 0, 0]
            self.opened += 1

    def _close_sheet(self) -> None:
        """The open sheet's totals row: pegawai in the Nama column, then the sums."""
        sheet = self.sheet
        if sheet is None:
            return
        last = self.row
        self.row += 1
        sheet.write_string(self.row, 0, "Jumlah", self.total)
        sheet.write_number(self.row, 1, self.sums[0], self.total)
        for column in range(2, len(COLUMNS)):
            sheet.write_blank(self.row, column, None, self.total)
        sheet.write_number(self.row, JUMLAH, self.sums[1], self.total_rupiah)
        sheet.write_number(self.row, PROVISIONAL, self.sums[2], self.total)
        sheet.write_number(self.row, STALE, self.sums[3], self.total)
        if last > _HEADER_ROW:
            sheet.autofilter(_HEADER_ROW, 0, last, len(COLUMNS) - 1)
        _release(sheet)
        self.sheet = None

    def selesai(self) -> None:
        self._open_up_to(len(self.rencana.satker) - 1)
        self._close_sheet()
        self.workbook.close()

    def tutup_berkas(self) -> None:
        """After a failure: closes every sheet's temporary file (the caller removes them)."""
        if not self.workbook.fileclosed:
            for sheet in self.workbook.worksheets():
                _release(sheet)


def _release(sheet) -> None:
    """Closes a finished sheet's temporary file. constant_memory keeps one open per sheet
    until the workbook closes — thousands of satker would exhaust the process's file
    descriptors. `_opt_close` is XlsxWriter's own step for this (close() calls it; the
    packager reopens the file to assemble the sheet); it is private, hence the guard."""
    close = getattr(sheet, "_opt_close", None)
    if close is not None and getattr(sheet, "row_data_fh", None) is not None:
        close()


# CSV: plain comma-separated with a header, UTF-8 with a BOM (so Excel in an Indonesian
# locale reads the encoding right), the satker's name, then COLUMNS. Decimals with a point.
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_kepala() -> bytes:
    return (BOM + _csv_lines([("Satker", *(heading for heading, _, _ in COLUMNS))])).encode()


def csv_baris(rencana: Rencana, rows: list[dict]) -> bytes:
    satker = rencana.satker
    return _csv_lines(
        (satker[rencana.satker_unit[row["unit_id"]]].nama, *nilai(row, rencana.unit_nama))
        for row in rows).encode()  # fmt: skip


def _csv_lines(rows: Iterable[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(tuple(_csv_cell(value) for value in row) for row in rows)
    return buffer.getvalue()


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # a name read as a formula by a spreadsheet (CSV injection)
    return str(value)
