from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry import relay

from ekinerja_graphql.api.connection import newest_count
from ekinerja_graphql.api.enums import (
    Aksi,
    Golongan,
    GolonganPppk,
    JenisPeriode,
    JenjangJabatanFungsional,
    KeputusanKeberatan,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusPenilai,
)
from ekinerja_graphql.api.evaluasi.dataloaders import KEBERATAN_BY_EVALUASI, RIWAYAT_BY_EVALUASI
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.organisasi.dataloaders import JABATAN_BY_ID, UNIT_BY_ID
from ekinerja_graphql.api.organisasi.types import Jabatan, UnitOrganisasi
from ekinerja_graphql.api.pegawai.types import Pegawai, load_visible_pegawai
from ekinerja_graphql.api.rows import build, build_all
from ekinerja_graphql.api.skp.dataloaders import SKP_BY_ID
from ekinerja_graphql.api.skp.types import RIWAYAT_DESCRIPTION, Skp


@strawberry.type(description="One step of an evaluation: who took it, when, and why")
class EvaluasiRiwayat:
    aksi: Aksi
    dari_status: StatusEvaluasi | None = strawberry.field(description="Null when created")
    ke_status: StatusEvaluasi
    oleh: str = strawberry.field(description="NIP (or service account) of who took it")
    pada: datetime
    catatan: str | None


@strawberry.type(description="A keberatan against a fixed predikat and the atasan pejabat "
                 "penilai's final decision")
class Keberatan:
    alasan: str
    diajukan_at: datetime
    keputusan: KeputusanKeberatan | None
    catatan_keputusan: str | None
    diputus_at: datetime | None
    rating_hasil_kerja_semula: Rating
    rating_perilaku_kerja_semula: Rating
    predikat_semula: Predikat


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
    pejabat_penilai_jabatan: str | None
    pejabat_penilai_unit_nama: str | None
    pejabat_penilai_golongan: Golongan | None
    pejabat_penilai_golongan_pppk: GolonganPppk | None
    atasan_pejabat_penilai_nip: str | None
    atasan_pejabat_penilai_nama: str | None
    jenjang: JenjangJabatanFungsional | None = strawberry.field(
        description="Jabatan fungsional: the jenjang the angka kredit is counted in"
    )
    bulan_dinilai: int | None = strawberry.field(
        description="Months of the period the SKP covers (a month counts when any day is)"
    )
    angka_kredit: Decimal | None = strawberry.field(
        description="Jabatan fungsional: bulan/12 × persen(predikat) × koefisien (PermenPANRB "
        "1/2023), 3 decimals"
    )
    ditetapkan_at: datetime | None
    final_at: datetime | None
    version: int
    updated_at: datetime
    skp_id: strawberry.Private[int]
    pegawai_id: strawberry.Private[int]
    unit_id: strawberry.Private[int]
    jabatan_id: strawberry.Private[int | None]

    @strawberry.field(description=RIWAYAT_DESCRIPTION)
    async def riwayat(self, info: strawberry.Info, last: int | None = None
                      ) -> list[EvaluasiRiwayat]:  # fmt: skip
        count = newest_count(info.context.settings, last)
        rows = await loader(info, RIWAYAT_BY_EVALUASI).load((self.id, count))
        return build_all(info, EvaluasiRiwayat, rows)

    @strawberry.field(description="The pegawai's keberatan and its decision, if one was filed")
    async def keberatan(self, info: strawberry.Info) -> Keberatan | None:
        rows = await loader(info, KEBERATAN_BY_EVALUASI).load(self.id)
        return build(info, Keberatan, rows[0]) if rows else None

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
