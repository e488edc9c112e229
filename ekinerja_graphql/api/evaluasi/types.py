from datetime import date, datetime

import strawberry
from strawberry import relay

from ekinerja_graphql.api.enums import (
    Golongan,
    GolonganPppk,
    JenisPeriode,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusPenilai,
)
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.organisasi.dataloaders import JABATAN_BY_ID, UNIT_BY_ID
from ekinerja_graphql.api.organisasi.types import Jabatan, UnitOrganisasi
from ekinerja_graphql.api.pegawai.types import Pegawai, load_visible_pegawai
from ekinerja_graphql.api.rows import build
from ekinerja_graphql.api.skp.dataloaders import SKP_BY_ID
from ekinerja_graphql.api.skp.types import Skp


@strawberry.type(description="A periodic or annual evaluation; position, unit, golongan and "
                 "pejabat penilai are as they were at the period's end")
class Evaluasi(relay.Node):
    id: relay.NodeID[int]
    tahun: int
    jenis_periode: JenisPeriode
    nomor_periode: int
    periode_awal: date
    periode_akhir: date
    rating_hasil_kerja: Rating | None
    rating_perilaku_kerja: Rating | None
    predikat: Predikat | None
    status: StatusEvaluasi
    catatan: str | None
    jabatan_nama: str | None
    unit_nama: str
    golongan: Golongan | None = strawberry.field(description="PNS and CPNS")
    golongan_pppk: GolonganPppk | None = strawberry.field(description="PPPK")
    status_penilai: StatusPenilai
    pejabat_penilai_nip: str | None
    pejabat_penilai_nama: str | None
    ditetapkan_at: datetime | None
    version: int
    updated_at: datetime
    skp_id: strawberry.Private[int]
    pegawai_id: strawberry.Private[int]
    unit_id: strawberry.Private[int]
    jabatan_id: strawberry.Private[int | None]

    @strawberry.field
    async def skp(self, info: strawberry.Info) -> Skp:
        return build(info, Skp, await loader(info, SKP_BY_ID).load(self.skp_id))

    @strawberry.field
    async def pegawai(self, info: strawberry.Info) -> Pegawai:
        return await load_visible_pegawai(info, self.pegawai_id)

    @strawberry.field(description="The unit at the period's end")
    async def unit(self, info: strawberry.Info) -> UnitOrganisasi:
        return build(info, UnitOrganisasi, await loader(info, UNIT_BY_ID).load(self.unit_id))

    @strawberry.field(description="The position at the period's end")
    async def jabatan(self, info: strawberry.Info) -> Jabatan | None:
        if self.jabatan_id is None:
            return None
        return build(info, Jabatan, await loader(info, JABATAN_BY_ID).load(self.jabatan_id))
