"""Late inputs: a month already computed for a pegawai is marked stale when something it
was computed from changes (attendance, a predikat, a hukuman, a status period); stale
months are recomputed by the workers (services/tukin/hitung.py)."""

from collections import defaultdict
from datetime import UTC, date, datetime

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
            marked += await Tukin.filter(bulan=bulan, pegawai_id__in=ids[start:start + CHUNK]
                                         ).update(stale=True, stale_at=_now())  # fmt: skip
    return marked


async def tandai_stale_sejak(pegawai_id: int, mulai: date, selesai: date | None) -> int:
    """Marks a pegawai's computed months from `mulai`'s month to `selesai`'s (or on)."""
    query = Tukin.filter(pegawai_id=pegawai_id, bulan__gte=mulai.replace(day=1))
    if selesai is not None:
        query = query.filter(bulan__lte=selesai)
    return await query.update(stale=True, stale_at=_now())


async def tandai_stale_bulan_sejak(mulai: date) -> int:
    """Every result from `mulai`'s month on (a rule set in force from then)."""
    return await Tukin.filter(bulan__gte=mulai.replace(day=1)).update(stale=True,
                                                                       stale_at=_now())


def _now() -> datetime:
    return datetime.now(UTC)
