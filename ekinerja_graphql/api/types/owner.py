"""Visibility of objects owned by a pegawai (SKP, RHK, evaluasi): that of their owner."""

import strawberry

from ekinerja_graphql.api.context import loaders_of, viewer_of
from ekinerja_graphql.api.errors import Forbidden


async def visible_owner_ids(info: strawberry.Info, pegawai_ids: list[int]) -> set[int]:
    viewer = viewer_of(info)
    if viewer.sees_everything:
        return set(pegawai_ids)
    rows = await loaders_of(info).pegawai.load_many(pegawai_ids)
    return {row["id"] for row in rows if row is not None and viewer.can_see_records(row)}


async def ensure_owner_visible(info: strawberry.Info, pegawai_id: int, what: str) -> None:
    viewer = viewer_of(info)
    if viewer.sees_everything:
        return
    row = await loaders_of(info).pegawai.load(pegawai_id)
    if row is None or not viewer.can_see_records(row):
        raise Forbidden(f"{what} belongs to a pegawai outside what you may see")
