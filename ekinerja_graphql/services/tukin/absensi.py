"""Importing an attendance file: all of it or nothing. Every bad row is reported (line,
column, reason); an accepted file replaces the days it gives — a corrected file imported
again changes those days, never duplicates them — and marks the months it touches stale
in the tukin results of its pegawai. Rows are written as plain tuples (COPY on
PostgreSQL): a file may hold a million rows, and a model object per row would cost more
than the write."""

import asyncio
import hashlib
from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.tukin.berkas_absensi import (
    BarisSalah,
    CatatanAbsensi,
    Hasil,
    baca_berkas_absensi,
)
from ekinerja_graphql.domain.tukin.bulan import format_bulan
from ekinerja_graphql.domain.tukin.jadwal import JadwalKerja
from ekinerja_graphql.errors import Forbidden
from ekinerja_graphql.models import ImporAbsensi, Pegawai
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access import SCOPE_COLUMNS, Access
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.tukin.konfigurasi import jadwal_kerja
from ekinerja_graphql.services.tukin.sql import insert_rows
from ekinerja_graphql.services.tukin.stale import tandai_stale

# A ministry-wide month is 7.7 million rows: import it by unit. Not by week: until the
# rest of the month is imported, its working days count as TK.
MAX_ROWS = 1_000_000
MAX_ERRORS_SHOWN = 1000
NIP_CHUNK = 500  # NIPs per lookup
CHUNK = 5000  # (pegawai, tanggal) pairs per DELETE, and rows per write
COLUMNS = ("pegawai_id", "tanggal", "keterangan", "jam_masuk", "jam_pulang", "menit_terlambat",
           "menit_pulang_cepat", "impor_id")  # fmt: skip
ADMINS_ONLY = "attendance is imported by ADMIN_UNIT (for its units) and ADMIN_PUSAT"
# One reason whether or not the NIP exists elsewhere: the import must not tell an admin
# which NIPs exist outside its units.
NOT_ADMINISTERED = "no pegawai with NIP {} in the units you administer"


@dataclass(frozen=True, slots=True)
class HasilImpor:
    impor: ImporAbsensi | None  # None: rejected, nothing written
    kesalahan: list[BarisSalah]
    jumlah_kesalahan: int


async def impor_absensi(actor: Actor, nama_berkas: str, data: bytes,
                        settings: Settings) -> HasilImpor:  # fmt: skip
    if not actor.viewer.administers:
        raise Forbidden(ADMINS_ONLY)
    # Reading a million rows takes seconds: off the event loop.
    records, errors = await asyncio.to_thread(_baca, data, jadwal_kerja(settings), actor.today)
    if not records and not errors:
        errors = [BarisSalah(0, "", "the file holds no attendance rows")]
    pegawai_ids = await _pegawai_of(actor, records, errors)
    if errors:
        return _rejected(errors)
    sha256 = await asyncio.to_thread(lambda: hashlib.sha256(data).hexdigest())
    touched = await asyncio.to_thread(_pegawai_bulan, records, pegawai_ids)
    async with in_transaction() as connection:
        impor = await ImporAbsensi.create(using_db=connection,
            nama_berkas=nama_berkas[:255], sha256=sha256,
            diunggah_oleh=actor.subject, baris=len(records), diganti=0,
            pegawai=len(set(pegawai_ids.values())),
            bulan=sorted({format_bulan(bulan) for _, bulan in touched}),
        )
        impor.diganti = await _replace(connection, impor.id, records, pegawai_ids)
        await impor.save(update_fields=["diganti"])
        await tandai_stale(touched)
        await audit.record(actor, "imporAbsensi", impor, pegawai_id=None)
    return HasilImpor(impor, [], 0)


def _baca(data: bytes, jadwal: JadwalKerja, today: date) -> Hasil:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return [], [BarisSalah(0, "", f"the file must be UTF-8 text (byte {error.start} "
                               "is not)")]  # fmt: skip
    return baca_berkas_absensi(text, jadwal, today, MAX_ROWS)


def _pegawai_bulan(records: list[CatatanAbsensi],
                   pegawai_ids: dict[str, int]) -> set[tuple[int, date]]:  # fmt: skip
    """The (pegawai id, month) pairs the file touches: a pass over every record, which for
    a million of them takes long enough to keep off the event loop."""
    return {(pegawai_ids[r.nip], r.tanggal.replace(day=1)) for r in records}


def _rejected(errors: list[BarisSalah]) -> HasilImpor:
    errors.sort(key=lambda e: e.baris)
    return HasilImpor(None, errors[:MAX_ERRORS_SHOWN], len(errors))


async def _pegawai_of(actor: Actor, records: list[CatatanAbsensi],
                      errors: list[BarisSalah]) -> dict[str, int]:  # fmt: skip
    """NIP → pegawai id for the file's NIPs in the caller's units; any other NIP is an
    error on each of its lines."""
    nips = sorted({r.nip for r in records})
    found: dict[str, int] = {}
    for start in range(0, len(nips), NIP_CHUNK):
        rows = await Pegawai.filter(nip__in=nips[start:start + NIP_CHUNK]).values(
            "nip", **SCOPE_COLUMNS)
        found.update((row["nip"], row["id"]) for row in rows
                     if actor.viewer.allows(Access.ADMINISTRATION, row))  # fmt: skip
    for record in records:
        if record.nip not in found:
            errors.append(BarisSalah(record.baris, "nip", NOT_ADMINISTERED.format(record.nip)))
    return found


async def _replace(connection, impor_id: int, records: list[CatatanAbsensi],
                   pegawai_ids: dict[str, int]) -> int:  # fmt: skip
    """Deletes the days the file gives and writes its rows, a chunk at a time; returns how
    many days it replaced. The file gives each (pegawai, tanggal) once, so no chunk's
    DELETE can meet the rows of an earlier one."""
    postgres = connection.capabilities.dialect == "postgres"
    replaced = 0
    for start in range(0, len(records), CHUNK):
        rows = [(pegawai_ids[r.nip], r.tanggal, r.keterangan.value, _jam(r.jam_masuk),
                 _jam(r.jam_pulang), r.menit_terlambat, r.menit_pulang_cepat, impor_id)
                for r in records[start:start + CHUNK]]  # fmt: skip
        replaced += await _delete_days(connection, rows, postgres)
        await insert_rows(connection, "absensi", COLUMNS, rows)
    return replaced


async def _delete_days(connection, rows: list[tuple], postgres: bool) -> int:
    """Deletes the (pegawai, tanggal) of these rows; returns how many were there."""
    if postgres:
        deleted, _ = await connection.execute_query(
            "DELETE FROM absensi a USING unnest($1::int[], $2::date[]) AS x(p, t) "
            "WHERE a.pegawai_id = x.p AND a.tanggal = x.t",
            [[row[0] for row in rows], [row[1] for row in rows]])  # fmt: skip
        return deleted
    # Dates go in as date objects: Tortoise's SQLite backend registers an adapter that binds
    # them as the ISO text it stores. The pairs are read through a SELECT: against a bare
    # VALUES list SQLite scans the whole table instead of using the unique index.
    pairs = ", ".join(["(?, ?)"] * len(rows))
    deleted, _ = await connection.execute_query(
        "DELETE FROM absensi WHERE (pegawai_id, tanggal) IN "
        f"(SELECT column1, column2 FROM (VALUES {pairs}))",
        [value for row in rows for value in row[:2]])  # fmt: skip
    return deleted


def _jam(value) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None
