from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from ekinerja_graphql.api.context import loaders_of
from ekinerja_graphql.api.enums import (
    AspekIndikator,
    JenisJabatanSkp,
    JenisPeriode,
    JenisRhk,
    NilaiBerakhlak,
    Pendekatan,
    PerspektifJpt,
    StatusSkp,
)
from ekinerja_graphql.api.types.organisasi import Jabatan, UnitOrganisasi
from ekinerja_graphql.api.types.owner import ensure_owner_visible, visible_owner_ids
from ekinerja_graphql.api.types.pegawai import Pegawai, load_visible_pegawai
from ekinerja_graphql.api.types.rows import from_optional_row, from_row
from ekinerja_graphql.domain.skp import NAMA_BERAKHLAK

if TYPE_CHECKING:
    from ekinerja_graphql.api.types.evaluasi import Evaluasi

EvaluasiRef = Annotated["Evaluasi", strawberry.lazy("ekinerja_graphql.api.types.evaluasi")]


@strawberry.type(description="Realisasi of one indicator in one period, with evidence links")
class Realisasi(relay.Node):
    id: relay.NodeID[int]
    jenis_periode: JenisPeriode
    nomor_periode: int
    nilai: Decimal | None
    deskripsi: str | None
    bukti: list[str]
    version: int
    updated_at: datetime


@strawberry.type(description="Indikator kinerja of an RHK, with its target")
class IndikatorKinerja(relay.Node):
    id: relay.NodeID[int]
    aspek: AspekIndikator
    uraian: str
    target_nilai: Decimal | None
    target_satuan: str | None
    target_deskripsi: str | None = strawberry.field(description="Target when KUALITATIF")
    urutan: int
    version: int

    @strawberry.field
    async def realisasi(self, info: strawberry.Info) -> list[Realisasi]:
        rows = await loaders_of(info).realisasi_by_indikator.load(self.id)
        return [from_row(Realisasi, row) for row in rows]


@strawberry.type(description="Rencana Hasil Kerja: a node of the pohon kinerja")
class RencanaHasilKerja(relay.Node):
    id: relay.NodeID[int]
    jenis: JenisRhk
    uraian: str
    perspektif: PerspektifJpt | None = strawberry.field(description="JPT only")
    urutan: int
    version: int
    skp_id: strawberry.Private[int]
    rhk_atasan_id: strawberry.Private[int | None]
    pegawai_id: strawberry.Private[int]

    @strawberry.field
    async def skp(self, info: strawberry.Info) -> "Skp":
        return from_row(Skp, await loaders_of(info).skp.load(self.skp_id))

    @strawberry.field(description="The superior's RHK this one intervenes (cascading)")
    async def rhk_atasan(self, info: strawberry.Info) -> "RencanaHasilKerja | None":
        if self.rhk_atasan_id is None:
            return None
        row = await loaders_of(info).rhk.load(self.rhk_atasan_id)
        if row is None:
            return None
        await ensure_owner_visible(info, row["pegawai_id"], "rhkAtasan")
        return from_row(RencanaHasilKerja, row)

    @strawberry.field(description="Subordinates' RHKs that intervene this one, where visible")
    async def rhk_turunan(self, info: strawberry.Info) -> list["RencanaHasilKerja"]:
        rows = await loaders_of(info).rhk_turunan.load(self.id)
        visible = await visible_owner_ids(info, sorted({row["pegawai_id"] for row in rows}))
        return [from_row(RencanaHasilKerja, r) for r in rows if r["pegawai_id"] in visible]

    @strawberry.field
    async def indikator(self, info: strawberry.Info) -> list[IndikatorKinerja]:
        rows = await loaders_of(info).indikator_by_rhk.load(self.id)
        return [from_row(IndikatorKinerja, row) for row in rows]


@strawberry.type(description="One BerAKHLAK core value with the leader's specific expectation")
class PerilakuKerja:
    nilai: NilaiBerakhlak
    ekspektasi_khusus: str | None

    @strawberry.field
    def nama(self) -> str:
        return NAMA_BERAKHLAK[self.nilai]


@strawberry.type
class LampiranSkp:
    dukungan_sumber_daya: list[str]
    skema_pertanggungjawaban: list[str]
    konsekuensi: list[str]


@strawberry.type(description="Sasaran Kinerja Pegawai for one year and position")
class Skp(relay.Node):
    id: relay.NodeID[int]
    tahun: int
    periode_awal: date
    periode_akhir: date
    pendekatan: Pendekatan
    jenis_jabatan: JenisJabatanSkp
    status: StatusSkp
    disetujui_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime
    pegawai_id: strawberry.Private[int]
    pejabat_penilai_id: strawberry.Private[int | None]
    atasan_pejabat_penilai_id: strawberry.Private[int | None]
    jabatan_id: strawberry.Private[int | None]
    unit_id: strawberry.Private[int]
    dukungan_sumber_daya: strawberry.Private[list[str]]
    skema_pertanggungjawaban: strawberry.Private[list[str]]
    konsekuensi: strawberry.Private[list[str]]

    @strawberry.field
    def lampiran(self) -> LampiranSkp:
        return LampiranSkp(
            dukungan_sumber_daya=self.dukungan_sumber_daya,
            skema_pertanggungjawaban=self.skema_pertanggungjawaban,
            konsekuensi=self.konsekuensi,
        )

    @strawberry.field
    async def pegawai(self, info: strawberry.Info) -> Pegawai:
        return await load_visible_pegawai(info, self.pegawai_id)

    @strawberry.field
    async def pejabat_penilai(self, info: strawberry.Info) -> Pegawai | None:
        if self.pejabat_penilai_id is None:
            return None
        return await load_visible_pegawai(info, self.pejabat_penilai_id)

    @strawberry.field
    async def atasan_pejabat_penilai(self, info: strawberry.Info) -> Pegawai | None:
        if self.atasan_pejabat_penilai_id is None:
            return None
        return await load_visible_pegawai(info, self.atasan_pejabat_penilai_id)

    @strawberry.field(description="Position the SKP was drawn up for")
    async def jabatan(self, info: strawberry.Info) -> Jabatan | None:
        if self.jabatan_id is None:
            return None
        return from_optional_row(Jabatan, await loaders_of(info).jabatan.load(self.jabatan_id))

    @strawberry.field
    async def unit(self, info: strawberry.Info) -> UnitOrganisasi:
        return from_row(UnitOrganisasi, await loaders_of(info).unit.load(self.unit_id))

    @strawberry.field(description="RHK UTAMA first, then TAMBAHAN")
    async def rencana_hasil_kerja(
        self, info: strawberry.Info, jenis: JenisRhk | None = None
    ) -> list[RencanaHasilKerja]:
        rows = await loaders_of(info).rhk_by_skp.load(self.id)
        wanted = [row for row in rows if jenis is None or row["jenis"] == jenis]
        return [from_row(RencanaHasilKerja, row) for row in wanted]

    @strawberry.field(description="The seven BerAKHLAK values")
    async def perilaku_kerja(self, info: strawberry.Info) -> list[PerilakuKerja]:
        rows = await loaders_of(info).perilaku_by_skp.load(self.id)
        return [from_row(PerilakuKerja, row) for row in rows]

    @strawberry.field(description="Periodic and annual evaluations, by period")
    async def evaluasi(self, info: strawberry.Info) -> list[EvaluasiRef]:
        from ekinerja_graphql.api.types.evaluasi import Evaluasi

        rows = await loaders_of(info).evaluasi_by_skp.load(self.id)
        return [from_row(Evaluasi, row) for row in rows]

    @strawberry.field(description="The evaluation of the latest period, if any")
    async def evaluasi_terakhir(self, info: strawberry.Info) -> EvaluasiRef | None:
        from ekinerja_graphql.api.types.evaluasi import Evaluasi

        rows = await loaders_of(info).evaluasi_by_skp.load(self.id)
        return from_row(Evaluasi, rows[-1]) if rows else None
