"""Recomputing the months marked stale (services/tukin/stale.py), oldest month first."""

from collections import defaultdict
from datetime import date

from ekinerja_graphql.config import Settings
from ekinerja_graphql.models import Tukin
from ekinerja_graphql.services.tukin.hitung import hitung


async def hitung_ulang_stale(settings: Settings) -> tuple[int, bool]:
    """Recomputes up to one batch of stale results; (how many, whether more remain)."""
    limit = settings.tukin_batch_pegawai
    rows = await Tukin.filter(stale=True).order_by("bulan", "pegawai_id").limit(limit + 1
                                                                                ).values(
        "bulan", "pegawai_id")  # fmt: skip
    more = len(rows) > limit
    by_month: dict[date, list[int]] = defaultdict(list)
    for row in rows[:limit]:
        by_month[row["bulan"]].append(row["pegawai_id"])
    done = 0
    for bulan, ids in by_month.items():
        done += await hitung(ids, bulan, settings)
    return done, more
