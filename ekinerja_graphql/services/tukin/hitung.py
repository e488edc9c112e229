"""Computing a month for a set of pegawai and storing it: one read per kind of input, the
pure formula per pegawai, then one transaction that moves the previous results to history
and writes the new ones — so re-running a month replaces, and a batch is applied whole."""

from datetime import UTC, date, datetime
from decimal import Decimal

from tortoise.transactions import in_transaction

from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.tukin.catatan import masukan_json, rincian_json
from ekinerja_graphql.domain.tukin.hitung import hitung_tukin
from ekinerja_graphql.models import Tukin
from ekinerja_graphql.services.tukin.aturan import aturan_berlaku
from ekinerja_graphql.services.tukin.konfigurasi import jadwal_kerja
from ekinerja_graphql.services.tukin.masukan import baca_masukan

SEN = Decimal("0.01")
COLUMNS = ("pegawai_id", "bulan", "unit_id", "jenis", "kelas", "jumlah", "tukin_bulan",
           "persen_dibayar", "potongan_persen", "provisional", "aturan_id", "run_id",
           "masukan", "rincian", "dihitung_at")  # fmt: skip


async def hitung(pegawai_ids: list[int], bulan: date, settings: Settings,
                 run_id: int | None = None, in_same_transaction=None) -> int:  # fmt: skip
    """Computes and stores the month of these pegawai (those still employed); returns how
    many results it wrote. `in_same_transaction(connection, written)` runs before the commit (a
    batch marks itself done there)."""
    if not pegawai_ids:
        return 0
    aturan_row, aturan = await aturan_berlaku(bulan)
    hari_kerja = tuple(jadwal_kerja(settings).hari_kerja(bulan))
    items = await baca_masukan(pegawai_ids, bulan, aturan, hari_kerja)
    now = datetime.now(UTC)
    results = []
    for item in items:
        hasil = hitung_tukin(item.masukan, aturan)
        results.append(Tukin(
            pegawai_id=item.pegawai_id, bulan=bulan, unit_id=item.unit_id,
            jenis=item.masukan.jenis, kelas=hasil.kelas, jumlah=hasil.jumlah,
            tukin_bulan=hasil.tukin_bulan.quantize(SEN), persen_dibayar=hasil.persen_dibayar,
            potongan_persen=hasil.potongan_persen, provisional=hasil.provisional,
            aturan_id=aturan_row.id, run_id=run_id,
            masukan=masukan_json(item.masukan, aturan_row.id), rincian=rincian_json(hasil),
            dihitung_at=now, stale=False,
        ))  # fmt: skip
    async with in_transaction() as connection:
        await _to_history(connection, bulan, pegawai_ids, now)
        await Tukin.bulk_create(results, batch_size=1000, using_db=connection)
        if in_same_transaction is not None:
            await in_same_transaction(connection, len(results))
    return len(results)


async def _to_history(connection, bulan: date, pegawai_ids: list[int], now: datetime) -> None:
    """Moves the month's current results of these pegawai to tukin_riwayat."""
    columns = ", ".join(COLUMNS)
    ids = ", ".join(str(int(i)) for i in pegawai_ids)
    postgres = connection.capabilities.dialect == "postgres"
    month = f"DATE '{bulan.isoformat()}'" if postgres else f"'{bulan.isoformat()}'"
    moved_at = "now()" if postgres else f"'{now.isoformat(sep=' ')}'"
    where = f"bulan = {month} AND pegawai_id IN ({ids})"
    await connection.execute_query(
        f"INSERT INTO tukin_riwayat ({columns}, diganti_at) "
        f"SELECT {columns}, {moved_at} FROM tukin WHERE {where}")
    await connection.execute_query(f"DELETE FROM tukin WHERE {where}")

