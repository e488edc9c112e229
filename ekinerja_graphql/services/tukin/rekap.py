"""A month's results of a unit subtree: totals per unit and for the whole, one query each —
the numbers the API shows and the exports must match."""

from datetime import date

from tortoise.expressions import Q
from tortoise.functions import Count, Sum

from ekinerja_graphql.models import Tukin
from ekinerja_graphql.models.unit_organisasi import in_subtree


def _month(bulan: date, path: str | None):
    query = Tukin.filter(bulan=bulan)
    return query.filter(in_subtree(path)) if path is not None else query


async def per_unit(bulan: date, path: str | None, after_unit: int | None, limit: int
                   ) -> list[dict]:  # fmt: skip
    """Units in id order after `after_unit`, each with pegawai, jumlah, provisional, stale."""
    query = _month(bulan, path)
    if after_unit is not None:
        query = query.filter(unit_id__gt=after_unit)
    return await query.annotate(
        pegawai=Count("id"), jumlah=Sum("jumlah"),
        provisional=Count("id", _filter=Q(provisional=True)),
        stale=Count("id", _filter=Q(stale=True)),
    ).group_by("unit_id").order_by("unit_id").limit(limit).values(
        "unit_id", "pegawai", "jumlah", "provisional", "stale")  # fmt: skip


async def total(bulan: date, path: str | None) -> dict:
    rows = await _month(bulan, path).annotate(pegawai=Count("id"), jumlah=Sum("jumlah")).values(
        "pegawai", "jumlah")
    row = rows[0] if rows else {"pegawai": 0, "jumlah": 0}
    return {"pegawai": row["pegawai"] or 0, "jumlah": row["jumlah"] or 0}
