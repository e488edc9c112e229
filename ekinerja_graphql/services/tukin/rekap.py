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
    # Aggregates named apart from the model's columns (Tortoise resolves a clash forever).
    rows = await query.annotate(
        n_pegawai=Count("id"), n_jumlah=Sum("jumlah"),
        n_provisional=Count("id", _filter=Q(provisional=True)),
        n_stale=Count("id", _filter=Q(stale=True)),
    ).group_by("unit_id").order_by("unit_id").limit(limit).values(
        "unit_id", "n_pegawai", "n_jumlah", "n_provisional", "n_stale")  # fmt: skip
    return [{"unit_id": row["unit_id"], "pegawai": row["n_pegawai"],
             "jumlah": int(row["n_jumlah"] or 0), "provisional": row["n_provisional"],
             "stale": row["n_stale"]} for row in rows]  # fmt: skip


async def total(bulan: date, path: str | None) -> dict:
    # Grouped by the month every row shares: one row of totals.
    rows = await _month(bulan, path).annotate(n_pegawai=Count("id"), n_jumlah=Sum("jumlah")
                                              ).group_by("bulan").values(
        "n_pegawai", "n_jumlah")  # fmt: skip
    row = rows[0] if rows else {}
    return {"pegawai": row.get("n_pegawai") or 0, "jumlah": int(row.get("n_jumlah") or 0)}
