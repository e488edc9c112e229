from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from ekinerja_graphql.api.connection import CONNECTION_NODES, page_request
from ekinerja_graphql.api.context import viewer_of
from ekinerja_graphql.api.enums import Eselon, JenisJabatan, JenisUnit, JenjangJabatanFungsional
from ekinerja_graphql.api.limits import fan_out
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.organisasi.dataloaders import (
    PEJABAT_NEGARA_BY_UNIT,
    UNIT_BY_ID,
    UNIT_CHILDREN,
)
from ekinerja_graphql.api.pegawai.dataloaders import pegawai_fields
from ekinerja_graphql.api.pegawai.sorts import BY_NAMA
from ekinerja_graphql.api.pegawai.unit_pegawai import (
    JUMLAH_PEGAWAI,
    UNIT_PEGAWAI_COUNT,
    UNIT_PEGAWAI_PAGES,
    UnitPageKey,
    UnitScope,
)
from ekinerja_graphql.api.plain_values import narrowed
from ekinerja_graphql.api.rows import build, build_all
from ekinerja_graphql.api.selection import attributes_read
from ekinerja_graphql.domain.nama import format_nama_lengkap
from ekinerja_graphql.domain.organisasi import ancestor_ids
from ekinerja_graphql.services.access import Access

if TYPE_CHECKING:
    from ekinerja_graphql.api.pegawai.types import Pegawai, PegawaiConnection

PegawaiRef = Annotated["Pegawai", strawberry.lazy("ekinerja_graphql.api.pegawai.types")]
PegawaiConnectionRef = Annotated[
    "PegawaiConnection", strawberry.lazy("ekinerja_graphql.api.pegawai.types")
]

# Expected sizes for the query cost (api/limits.py); the result budget catches the rest.
CHILDREN_FAN_OUT = 100
ANCESTORS_FAN_OUT = 8


@strawberry.type(description="A position: struktural, fungsional or pelaksana, with its kelas.")
class Jabatan(relay.Node):
    id: relay.NodeID[int]
    siasn_id: str | None
    nama: str
    jenis: JenisJabatan
    kelas_jabatan: int
    eselon: Eselon | None
    jenjang: JenjangJabatanFungsional | None


@strawberry.type(description="A pejabat negara heading a unit without being an ASN (the "
                 "Menteri): no NIP, no SKP, no golongan. Public, like the units.")
class PejabatNegara(relay.Node):
    id: relay.NodeID[int]
    nama: str
    gelar_depan: str | None
    gelar_belakang: str | None
    jabatan: str
    mulai: date
    selesai: date | None = strawberry.field(description="Null while in office")

    @strawberry.field(description="Name with gelar, as printed on documents")
    def nama_lengkap(self) -> str:
        return format_nama_lengkap(self.nama, self.gelar_depan, self.gelar_belakang)


@strawberry.type(description="A work unit (satker/unor) in the organisation tree; units and "
                 "head counts are open to every signed-in user.")
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
        return build(info, UnitOrganisasi, await loader(info, UNIT_BY_ID).load(self.parent_id))

    @strawberry.field(description=f"From the root down to the parent; counts "
                      f"{ANCESTORS_FAN_OUT} in the query cost",
                      metadata=fan_out(ANCESTORS_FAN_OUT))
    async def ancestors(self, info: strawberry.Info) -> list["UnitOrganisasi"]:
        rows = await loader(info, UNIT_BY_ID).load_many(ancestor_ids(self.path))
        return build_all(info, UnitOrganisasi, (row for row in rows if row))

    @strawberry.field(description=f"By name; counts {CHILDREN_FAN_OUT} in the query cost",
                      metadata=fan_out(CHILDREN_FAN_OUT))
    async def children(self, info: strawberry.Info) -> list["UnitOrganisasi"] | None:
        return build_all(info, UnitOrganisasi, await loader(info, UNIT_CHILDREN).load(self.id))

    @strawberry.field(description="The head of the unit; FORBIDDEN outside the viewer's scope")
    async def pemimpin(self, info: strawberry.Info) -> PegawaiRef | None:
        # Imported here: the pegawai types import this module.
        from ekinerja_graphql.api.pegawai.types import load_visible_pegawai

        if self.pemimpin_id is None:
            return None
        return await load_visible_pegawai(info, self.pemimpin_id)

    @strawberry.field(description="The head when it is a pejabat negara rather than an ASN "
                      "(the Menteri heads the ministry); `pemimpin` is then null")
    async def pemimpin_non_asn(self, info: strawberry.Info) -> PejabatNegara | None:
        rows = await loader(info, PEJABAT_NEGARA_BY_UNIT).load(self.id)
        in_office = next((row for row in rows if row["selesai"] is None), None)
        return build(info, PejabatNegara, in_office)

    @strawberry.field(description="Pegawai of this unit whose records the viewer may see, "
                      "by name")
    async def pegawai(
        self,
        info: strawberry.Info,
        first: int | None = None,
        after: str | None = None,
        include_descendants: bool = False,
    ) -> PegawaiConnectionRef:
        from ekinerja_graphql.api.pegawai.types import Pegawai, PegawaiConnection

        scope = UnitScope(self.id, include_descendants)
        page = page_request(info.context.settings, BY_NAMA, first, after)
        read = attributes_read(info, *CONNECTION_NODES)
        fields = narrowed(pegawai_fields(), read, "id", BY_NAMA.column)
        found = await loader(info, UNIT_PEGAWAI_PAGES).load(
            UnitPageKey(scope, page, tuple(fields.items())))
        # For a viewer who sees every pegawai, what they may see is the head count: one read.
        sees_all = viewer_of(info).condition(Access.RECORDS) is None
        count = loader(info, JUMLAH_PEGAWAI if sees_all else UNIT_PEGAWAI_COUNT)
        make_node = Pegawai.from_row if read is None else Pegawai.from_columns
        return PegawaiConnection.of(info, found, BY_NAMA, make_node, lambda: count.load(scope))

    @strawberry.field(description="Number of pegawai placed in the unit (all statuses): a head "
                      "count, open to every signed-in user")
    async def jumlah_pegawai(self, info: strawberry.Info, include_descendants: bool = False) -> int:
        return await loader(info, JUMLAH_PEGAWAI).load(UnitScope(self.id, include_descendants))


