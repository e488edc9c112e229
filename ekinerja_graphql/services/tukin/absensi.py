"""Importing an attendance file: all of it or nothing. Every bad row is reported (line,
column, reason); an accepted file replaces the days it gives — a corrected file imported
again changes those days, never duplicates them — and marks the months it touches stale
in the tukin results of its pegawai."""

import hashlib
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.tukin.berkas_absensi import (
    BarisSalah,
    CatatanAbsensi,
    baca_berkas_absensi,
)
from ekinerja_graphql.domain.tukin.bulan import format_bulan
from ekinerja_graphql.errors import Forbidden
from ekinerja_graphql.models import Absensi, ImporAbsensi, Pegawai
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access import SCOPE_COLUMNS, Access
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.tukin.konfigurasi import jadwal_kerja
from ekinerja_graphql.services.tukin.stale import tandai_stale

MAX_ROWS = 1_000_000  # a ministry-wide month is 7.7 million: import it by unit or by week
MAX_ERRORS_SHOWN = 1000
CHUNK = 500  # (pegawai, tanggal) pairs per statement
ADMINS_ONLY = "attendance is imported by ADMIN_UNIT (for its units) and ADMIN_PUSAT"


@dataclass(frozen=True, slots=True)
class HasilImpor:
    impor: ImporAbsensi | None  # None: rejected, nothing written
    kesalahan: list[BarisSalah]
    jumlah_kesalahan: int


async def impor_absensi(actor: Actor, nama_berkas: str, data: bytes,
                        settings: Settings) -> HasilImpor:  # fmt: skip
    if not actor.viewer.administers:
        raise Forbidden(ADMINS_ONLY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _rejected([BarisSalah(0, "", f"the file must be UTF-8 text (byte {error.start} "
                                     "is not)")])  # fmt: skip
    records, errors = baca_berkas_absensi(text.splitlines(), jadwal_kerja(settings),
                                          actor.today, MAX_ROWS)  # fmt: skip
    if not records and not errors:
        errors = [BarisSalah(0, "", "the file holds no attendance rows")]
    pegawai_ids = await _pegawai_of(actor, records, errors)
    if errors:
        return _rejected(errors)
    async with in_transaction() as connection:
        impor = await ImporAbsensi.create(using_db=connection,
            nama_berkas=nama_berkas[:255], sha256=hashlib.sha256(data).hexdigest(),
            diunggah_oleh=actor.subject, baris=len(records), diganti=0,
            pegawai=len(set(pegawai_ids.values())),
            bulan=sorted({format_bulan(r.tanggal.replace(day=1)) for r in records}),
        )
        impor.diganti = await _replace(connection, impor.id, records, pegawai_ids)
        await impor.save(update_fields=["diganti"])
        await tandai_stale({(pegawai_ids[r.nip], r.tanggal.replace(day=1)) for r in records})
        await audit.record(actor, "imporAbsensi", impor, pegawai_id=None)
    return HasilImpor(impor, [], 0)


def _rejected(errors: list[BarisSalah]) -> HasilImpor:
    errors.sort(key=lambda e: e.baris)
    return HasilImpor(None, errors[:MAX_ERRORS_SHOWN], len(errors))


async def _pegawai_of(actor: Actor, records: list[CatatanAbsensi],
                      errors: list[BarisSalah]) -> dict[str, int]:  # fmt: skip
    """NIP → pegawai id for the file's NIPs; an unknown NIP or one outside the caller's
    units is an error on each of its lines."""
    nips = sorted({r.nip for r in records})
    found: dict[str, int] = {}
    outside: set[str] = set()
    for start in range(0, len(nips), CHUNK):
        rows = await Pegawai.filter(nip__in=nips[start:start + CHUNK]).values(
            "nip", **SCOPE_COLUMNS)
        for row in rows:
            if actor.viewer.allows(Access.ADMINISTRATION, row):
                found[row["nip"]] = row["id"]
            else:
                outside.add(row["nip"])
    for record in records:
        if record.nip in outside:
            errors.append(BarisSalah(record.baris, "nip", f"pegawai {record.nip} is outside the "
                                     "units you administer"))  # fmt: skip
        elif record.nip not in found:
            errors.append(BarisSalah(record.baris, "nip", f"no pegawai has NIP {record.nip}"))
    return found


async def _replace(connection, impor_id: int, records: list[CatatanAbsensi],
                   pegawai_ids: dict[str, int]) -> int:  # fmt: skip
    """Deletes the days the file gives, then inserts them; returns how many it replaced."""
    date_type = "DATE " if connection.capabilities.dialect == "postgres" else ""
    replaced = 0
    for start in range(0, len(records), CHUNK):
        chunk = records[start:start + CHUNK]
        pairs = ", ".join(f"({pegawai_ids[r.nip]:d}, {date_type}'{r.tanggal.isoformat()}')"
                          for r in chunk)  # ints and ISO dates this module made: no user text
        replaced += (await connection.execute_query(
            f"DELETE FROM absensi WHERE (pegawai_id, tanggal) IN (VALUES {pairs})"))[0]
    await Absensi.bulk_create([
        Absensi(pegawai_id=pegawai_ids[r.nip], tanggal=r.tanggal, keterangan=r.keterangan,
                jam_masuk=_jam(r.jam_masuk), jam_pulang=_jam(r.jam_pulang),
                menit_terlambat=r.menit_terlambat, menit_pulang_cepat=r.menit_pulang_cepat,
                impor_id=impor_id)
        for r in records
    ], batch_size=2000, using_db=connection)  # fmt: skip
    return replaced


def _jam(value) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None
