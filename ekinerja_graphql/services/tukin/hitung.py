"""Computing a month for a set of pegawai and storing it: one read per kind of input, the
pure formula per pegawai, then one transaction that moves the previous results to history
and writes the new ones — so re-running a month replaces, and a batch is applied whole.
Rows are written as plain tuples (COPY on PostgreSQL): at 350,000 pegawai a model object
per result would cost more than the formula."""

from datetime import UTC, date, datetime

import orjson
from tortoise.transactions import in_transaction

from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.tukin.catatan import masukan_json, rincian_json
from ekinerja_graphql.domain.tukin.hitung import hitung_tukin
from ekinerja_graphql.services.tukin.aturan import aturan_berlaku
from ekinerja_graphql.services.tukin.konfigurasi import jadwal_kerja
from ekinerja_graphql.services.tukin.masukan import baca_masukan
from ekinerja_graphql.services.tukin.sql import ids_in, insert_rows, tanggal

COLUMNS = ("pegawai_id", "bulan", "unit_id", "jenis", "kelas", "jumlah", "tukin_bulan",
           "persen_dibayar", "potongan_persen", "provisional", "aturan_id", "run_id",
           "masukan", "rincian", "dihitung_at")  # fmt: skip
INSERTED = (*COLUMNS, "stale", "stale_at")


async def hitung(pegawai_ids: list[int], bulan: date, settings: Settings,
                 run_id: int | None = None, in_same_transaction=None) -> int:  # fmt: skip
    """Computes and stores the month of these pegawai (those still employed); returns how
    many results it wrote. `in_same_transaction(connection, written)` runs before the
    commit (a batch marks itself done there)."""
    if not pegawai_ids:
        return 0
    read_at = datetime.now(UTC)
    aturan_row, aturan = await aturan_berlaku(bulan)
    hari_kerja = tuple(jadwal_kerja(settings).hari_kerja(bulan))
    items = await baca_masukan(pegawai_ids, bulan, aturan, hari_kerja)
    now = datetime.now(UTC)
    rows = []
    for item in items:
        hasil = hitung_tukin(item.masukan, aturan)
        rows.append((
            item.pegawai_id, bulan, item.unit_id, str(item.masukan.jenis), hasil.kelas,
            hasil.jumlah, hasil.tukin_bulan, hasil.persen_dibayar, hasil.potongan_persen,
            hasil.provisional, aturan_row.id, run_id,
            orjson.dumps(masukan_json(item.masukan, aturan_row.id)).decode(),
            orjson.dumps(rincian_json(hasil)).decode(), now,
        ))  # fmt: skip
    computed = [item.pegawai_id for item in items]
    async with in_transaction() as connection:
        # An input that changed while this read keeps the new result stale (the sweep
        # computes it again); the rows are locked, so no change slips in from here.
        changed = await _changed_since(connection, bulan, computed, read_at)
        await _to_history(connection, bulan, computed, now)
        await insert_rows(connection, "tukin", INSERTED, [
            (*row, row[0] in changed, changed.get(row[0])) for row in rows])  # fmt: skip
        if in_same_transaction is not None:
            await in_same_transaction(connection, len(rows))
    return len(rows)


async def _changed_since(connection, bulan: date, pegawai_ids: list[int],
                         read_at: datetime) -> dict[int, datetime]:  # fmt: skip
    """The results marked stale after `read_at`: pegawai id → when."""
    if not pegawai_ids:
        return {}
    postgres = connection.capabilities.dialect == "postgres"
    since = "$1" if postgres else "?"
    lock = " FOR UPDATE" if postgres else ""  # SQLite writes one transaction at a time
    rows = await connection.execute_query_dict(
        f"SELECT pegawai_id, stale_at FROM tukin WHERE bulan = {tanggal(bulan, postgres)} "
        f"AND pegawai_id {ids_in(pegawai_ids)} AND stale AND stale_at >= {since}{lock}",
        [read_at if postgres else read_at.isoformat(sep=" ")])
    return {row["pegawai_id"]: row["stale_at"] for row in rows}


async def _to_history(connection, bulan: date, pegawai_ids: list[int], now: datetime) -> None:
    """Moves the month's current results of these pegawai to tukin_riwayat (on PostgreSQL
    in one statement: the rows are read once, by the DELETE that returns them)."""
    columns = ", ".join(COLUMNS)
    postgres = connection.capabilities.dialect == "postgres"
    where = f"bulan = {tanggal(bulan, postgres)} AND pegawai_id {ids_in(pegawai_ids)}"
    if postgres:
        await connection.execute_query(
            f"WITH moved AS (DELETE FROM tukin WHERE {where} RETURNING {columns}) "
            f"INSERT INTO tukin_riwayat ({columns}, diganti_at) "
            f"SELECT {columns}, $1::timestamptz FROM moved", [now])  # its successor's time
        return
    await connection.execute_query(
        f"INSERT INTO tukin_riwayat ({columns}, diganti_at) "
        f"SELECT {columns}, '{now.isoformat(sep=' ')}' FROM tukin WHERE {where}")
    await connection.execute_query(f"DELETE FROM tukin WHERE {where}")
