from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from ekinerja_graphql.api.context import loaders_of
from ekinerja_graphql.api.dataloaders.loaders import UnitPegawaiKey
from ekinerja_graphql.api.enums import Eselon, JenisJabatan, JenisUnit, JenjangJabatanFungsional
from ekinerja_graphql.api.pagination import page_request
from ekinerja_graphql.api.types.rows import from_optional_row, from_row
from ekinerja_graphql.domain.organisasi import ancestor_ids

if TYPE_CHECKING:
    from ekinerja_graphql.api.types.pegawai import Pegawai, PegawaiConnection

PegawaiRef = Annotated["Pegawai", strawberry.lazy("ekinerja_graphql.api.types.pegawai")]
PegawaiConnectionRef = Annotated[
    "PegawaiConnection", strawberry.lazy("ekinerja_graphql.api.types.pegawai")
]


@strawberry.type(description="A position: struktural, fungsional or pelaksana, with its kelas.")
class Jabatan(relay.Node):
    id: relay.NodeID[int]
    siasn_id: str | None
    nama: str
    jenis: JenisJabatan
    kelas_jabatan: int
    eselon: Eselon | None
    jenjang: JenjangJabatanFungsional | None


@strawberry.type(description="A work unit (satker/unor) in the organisation tree.")
class UnitOrganisasi(relay.Node):
    id: relay.NodeID[int]
    siasn_id: str | None = strawberry.field(description="SIASN unor id (32-hex GUID)")
    nama: str
    nama_jabatan_pimpinan: str | None
    jenis: JenisUnit
    eselon: Eselon | None
    depth: int = strawberry.field(description="0 for the root (the ministry)")
    aktif: bool
    parent_id: strawberry.Private[int | None]
    pemimpin_id: strawberry.Private[int | None]
    path: strawberry.Private[str]

    @strawberry.field
    async def parent(self, info: strawberry.Info) -> "UnitOrganisasi | None":
        if self.parent_id is None:
            return None
        return from_optional_row(UnitOrganisasi, await loaders_of(info).unit.load(self.parent_id))

    @strawberry.field(description="From the root down to the parent.")
    async def ancestors(self, info: strawberry.Info) -> list["UnitOrganisasi"]:
        rows = await loaders_of(info).unit.load_many(ancestor_ids(self.path))
        return [from_row(UnitOrganisasi, row) for row in rows if row]

    @strawberry.field
    async def children(self, info: strawberry.Info) -> list["UnitOrganisasi"]:
        rows = await loaders_of(info).unit_children.load(self.id)
        return [from_row(UnitOrganisasi, row) for row in rows]

    @strawberry.field(description="The head of the unit; FORBIDDEN outside the viewer's scope.")
    async def pemimpin(self, info: strawberry.Info) -> PegawaiRef | None:
        from ekinerja_graphql.api.types.pegawai import load_visible_pegawai

        if self.pemimpin_id is None:
            return None
        return await load_visible_pegawai(info, self.pemimpin_id)

    @strawberry.field(description="Pegawai of this unit visible to the viewer, by name.")
    async def pegawai(
        self,
        info: strawberry.Info,
        first: int | None = None,
        after: str | None = None,
        include_descendants: bool = False,
    ) -> PegawaiConnectionRef:
        from ekinerja_graphql.api.types.pegawai import PegawaiConnection

        page = page_request(info.context.settings, first, after)
        loaders = loaders_of(info)
        rows, has_next = await loaders.unit_pegawai_page.load(
            UnitPegawaiKey(self.id, include_descendants, page)
        )
        return PegawaiConnection.from_rows(
            rows,
            has_next,
            "nama",
            lambda: loaders.visible_pegawai_count.load((self.id, include_descendants)),
        )

    @strawberry.field(description="Number of pegawai placed in the unit (all statuses).")
    async def jumlah_pegawai(self, info: strawberry.Info, include_descendants: bool = False) -> int:
        return await loaders_of(info).jumlah_pegawai.load((self.id, include_descendants))
