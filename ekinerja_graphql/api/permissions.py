"""Every read check of the API, on top of the one access rule (services/access).

A pegawai object exists only for rows the viewer may identify; its records and
personal data are fields guarded by a permission, so a denied field is null with
a FORBIDDEN error at its own path and its siblings stay. Objects owned by a
pegawai (SKP, RHK, indikator, realisasi, evaluasi) reached without passing their
owner (node, rhkAtasan, rhkTurunan) are checked against the owner's row.
"""

from typing import Any

import strawberry
from strawberry.permission import BasePermission

from ekinerja_graphql.api.context import viewer_of
from ekinerja_graphql.api.errors import Forbidden, NotFound
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.pegawai.dataloaders import PEGAWAI_BY_ID
from ekinerja_graphql.services.access import (
    SCOPE_COLUMNS,
    Access,
    Viewer,
    owner_of,
    owner_scope_columns,
)


class Guard(BasePermission):
    """A read check of the row: synchronous, a bool, FORBIDDEN when refused."""

    access: Access
    reads = frozenset(SCOPE_COLUMNS)  # the columns of `source.row` the access rule checks

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return self.allows(viewer_of(info), source)

    def allows(self, viewer: Viewer, source: Any) -> bool:
        return viewer.allows(self.access, source.row)

    def on_unauthorized(self) -> None:
        raise Forbidden(self.message)


class SeesRecords(Guard):
    access = Access.RECORDS
    message = "the SKP and evaluations of this pegawai are outside your scope"


class SeesPersonalData(Guard):
    access = Access.PERSONAL_DATA
    message = "personal data: only the pegawai and admins may read it"


class SeesTukin(Guard):
    access = Access.TUKIN
    message = "tukin amounts: only the pegawai and admins may read them"


class OwnerRecords:
    """For a related field (api/related.py): its row is readable where the records of the
    pegawai it belongs to are; the row carries that pegawai's scope columns
    (services/access.owner_scope_columns), so the check needs no other read."""

    def __init__(self, what: str, path: str) -> None:
        self.what = what
        self.columns = owner_scope_columns(path)  # for the loader's `.values()`
        self.reads = frozenset(self.columns)

    def __call__(self, viewer: Viewer, row: dict) -> None:
        if not viewer.allows(Access.RECORDS, owner_of(row)):
            raise Forbidden(f"{self.what} belongs to a pegawai outside what you may see")


def ensure_identity_visible(info: strawberry.Info, row: dict | None, what: str) -> dict:
    if row is None:
        raise NotFound(f"{what} does not exist")
    if not viewer_of(info).allows(Access.IDENTITY, row):
        raise Forbidden(f"pegawai {row['nip']} is outside what you may see")
    return row


def identities_visible(info: strawberry.Info, rows: list[dict]) -> list[dict]:
    """The pegawai rows of a list the viewer may identify, in order."""
    viewer = viewer_of(info)
    return [row for row in rows if viewer.allows(Access.IDENTITY, row)]


async def records_visible_owners(info: strawberry.Info, pegawai_ids: set[int]) -> set[int]:
    viewer = viewer_of(info)
    if viewer.sees_everyone:
        return pegawai_ids
    rows = await loader(info, PEGAWAI_BY_ID).load_many(sorted(pegawai_ids))
    return {row["id"] for row in rows if row and viewer.allows(Access.RECORDS, row)}


async def ensure_records_visible(info: strawberry.Info, pegawai_id: int, what: str) -> None:
    if not await records_visible_owners(info, {pegawai_id}):
        raise Forbidden(f"{what} belongs to a pegawai outside what you may see")
