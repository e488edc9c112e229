"""Late inputs: a month already computed for a pegawai is marked stale when something it
was computed from changes (attendance, a predikat, a hukuman, a status period); stale
months are recomputed by the workers (services/tukin/hitung.py)."""

from collections import defaultdict
from datetime import date

from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.models import Tukin

CHUNK = 1000


async def tandai_stale(pairs: set[tuple[int, date]]) -> int:
    """Marks the results of these (pegawai id, month) pairs stale; returns how many."""
    by_month: dict[date, list[int]] = defaultdict(list)
    for pegawai_id, bulan in pairs:
        by_month[bulan].append(pegawai_id)
    marked = 0
    for bulan, ids in by_month.items():
        ids.sort()
        for start in range(0, len(ids), CHUNK):
            marked += await Tukin.filter(bulan=bulan, pegawai_id__in=ids[start:start + CHUNK],
                                         stale=False).update(stale=True)  # fmt: skip
    return marked


async def tandai_stale_sejak(pegawai_id: int, mulai: date, selesai: date | None) -> int:
    """Marks a pegawai's computed months from `mulai`'s month to `selesai`'s (or on)."""
    query = Tukin.filter(pegawai_id=pegawai_id, bulan__gte=mulai.replace(day=1), stale=False)
    if selesai is not None:
        query = query.filter(bulan__lte=selesai)
    return await query.update(stale=True)


async def tandai_stale_evaluasi(evaluasi) -> int:
    """An evaluation became FINAL (or its predikat changed): the months it covers, or for
    an annual one the following year (its SANGAT_BAIK bonus)."""
    if evaluasi.jenis_periode is JenisPeriode.TAHUNAN:
        return await tandai_stale_sejak(evaluasi.pegawai_id, date(evaluasi.tahun + 1, 1, 1),
                                        date(evaluasi.tahun + 1, 12, 1))  # fmt: skip
    return await tandai_stale_sejak(evaluasi.pegawai_id, evaluasi.periode_awal,
                                    evaluasi.periode_akhir)  # fmt: skip
