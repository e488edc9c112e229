from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from ekinerja_graphql.api.connection import newest_count
from ekinerja_graphql.api.enums import (
    Aksi,
    AspekIndikator,
    JenisJabatanSkp,
    JenisPeriode,
    JenisRhk,
    NilaiBerakhlak,
    Pendekatan,
    PerspektifJpt,
    StatusPenilai,
    StatusSkp,
)
from ekinerja_graphql.api.evaluasi.dataloaders import EVALUASI_BY_SKP
from ekinerja_graphql.api.limits import PER_PERIODE, fan_out
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.organisasi.dataloaders import (
    JABATAN_BY_ID,
    PEJABAT_NEGARA_BY_ID,
    UNIT_BY_ID,
)
from ekinerja_graphql.api.organisasi.types import Jabatan, PejabatNegara, UnitOrganisasi
from ekinerja_graphql.api.pegawai.types import Pegawai, load_visible_pegawai
from ekinerja_graphql.api.permissions import records_visible_owners
from ekinerja_graphql.api.related import Argument, last, related_list, related_one
from ekinerja_graphql.api.rows import build, build_all
from ekinerja_graphql.api.skp.dataloaders import (
    INDIKATOR_BY_RHK,
    PERILAKU_BY_SKP,
    REALISASI_BY_INDIKATOR,
    RHK_ATASAN_BY_ID,
    RHK_ATASAN_CHECK,
    RHK_BY_ID,
    RHK_BY_SKP,
    RHK_PENILAI_TAHUN,
    RHK_TURUNAN,
    RIWAYAT_BY_SKP,
    SKP_BY_ID,
    UMPAN_BALIK_BY_RHK,
)
from ekinerja_graphql.domain.skp import MAKS_INDIKATOR, MAKS_UMPAN_BALIK, NAMA_BERAKHLAK

if TYPE_CHECKING:
    from ekinerja_graphql.api.evaluasi.types import Evaluasi

EvaluasiRef = Annotated["Evaluasi", strawberry.lazy("ekinerja_graphql.api.evaluasi.types")]


def _evaluasi_type() -> type:
    from ekinerja_graphql.api.evaluasi.types import Evaluasi  # it imports this module

    return Evaluasi

# Expected sizes for the query cost (api/limits.py); the result budget catches the rest.
RHK_FAN_OUT = 10
RHK_TURUNAN_FAN_OUT = 300  # as many as the penilai has bawahan
INDIKATOR_FAN_OUT = MAKS_INDIKATOR
REALISASI_FAN_OUT = PER_PERIODE  # each period of the instansi's granularity, and the year
EVALUASI_FAN_OUT = 16
PERILAKU_COUNT = len(NAMA_BERAKHLAK)
RIWAYAT_DESCRIPTION = ("The newest `last` steps of its workflow (the default page size when "
                       "omitted), oldest first")
UMPAN_BALIK_FAN_OUT = MAKS_UMPAN_BALIK


@strawberry.type(description="One step of an SKP's workflow: who took it, when, and why")
class SkpRiwayat:
    aksi: Aksi
    dari_status: StatusSkp | None = strawberry.field(description="Null when the SKP was created")
    ke_status: StatusSkp
    oleh: str = strawberry.field(description="NIP (or service account) of who took it")
    pada: datetime
    catatan: str | None


@strawberry.type(description="An RHK of the pejabat penilai, in brief: what an RHK of their "
                 "bawahan intervenes (cascading). Visible with the bawahan's SKP; the "
                 "superior's own SKP stays theirs.")
class RhkIntervensi:
    id: relay.GlobalID
    jenis: JenisRhk
    uraian: str

    @classmethod
    def of(cls, row: dict) -> "RhkIntervensi":
        return cls(id=relay.GlobalID("RencanaHasilKerja", str(row["id"])), jenis=row["jenis"],
                   uraian=row["uraian"])  # fmt: skip


@strawberry.type(description="Feedback on an RHK during the year")
class UmpanBalik:
    penulis_nama: str
    isi: str
    created_at: datetime


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

    realisasi = related_list(
        REALISASI_BY_INDIKATOR, "id", Realisasi,
        description="By period; counts the periods of a year (5 quarterly, 13 monthly, with the "
                    "year) in the query cost", metadata=fan_out(REALISASI_FAN_OUT))


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
        return build(info, Skp, await loader(info, SKP_BY_ID).load(self.skp_id))

    rhk_atasan: "RencanaHasilKerja | None" = related_one(
        RHK_ATASAN_BY_ID, "rhk_atasan_id", lambda: RencanaHasilKerja,
        check=RHK_ATASAN_CHECK,
        description="The superior's RHK this one intervenes (cascading); FORBIDDEN where the "
                    "superior's records are outside your scope")

    @strawberry.field(description="The superior's RHK this one intervenes, in brief: readable "
                      "wherever this RHK is")
    async def intervensi(self, info: strawberry.Info) -> RhkIntervensi | None:
        if self.rhk_atasan_id is None:
            return None
        row = await loader(info, RHK_BY_ID).load(self.rhk_atasan_id)
        info.context.budget.spend(1)
        return RhkIntervensi.of(row) if row else None

    @strawberry.field(description="Subordinates' RHKs that intervene this one, where visible; "
                      f"counts {RHK_TURUNAN_FAN_OUT} in the query cost",
                      metadata=fan_out(RHK_TURUNAN_FAN_OUT))
    async def rhk_turunan(self, info: strawberry.Info) -> list["RencanaHasilKerja"] | None:
        rows = await loader(info, RHK_TURUNAN).load(self.id)
        visible = await records_visible_owners(info, {row["pegawai_id"] for row in rows})
        return build_all(info, RencanaHasilKerja, (r for r in rows if r["pegawai_id"] in visible))

    umpan_balik = related_list(
        UMPAN_BALIK_BY_RHK, "id", UmpanBalik,
        description=f"Newest last; counts {UMPAN_BALIK_FAN_OUT} in the query cost",
        metadata=fan_out(UMPAN_BALIK_FAN_OUT))
    indikator = related_list(
        INDIKATOR_BY_RHK, "id", IndikatorKinerja,
        description=f"Counts {INDIKATOR_FAN_OUT} in the query cost",
        metadata=fan_out(INDIKATOR_FAN_OUT))


@strawberry.type(description="One BerAKHLAK core value with the leader's specific expectation")
class PerilakuKerja:
    nilai: NilaiBerakhlak
    ekspektasi_khusus: str | None
    version: int

    @strawberry.field
    def nama(self) -> str:
        return NAMA_BERAKHLAK[self.nilai]


@strawberry.type
class LampiranSkp:
    dukungan_sumber_daya: list[str]
    skema_pertanggungjawaban: list[str]
    konsekuensi: list[str]


def _of_jenis(rows: list[dict], jenis: JenisRhk | None = None) -> list[dict]:
    return rows if jenis is None else [row for row in rows if row["jenis"] == jenis]


@strawberry.type(description="Sasaran Kinerja Pegawai for one year and position")
class Skp(relay.Node):
    id: relay.NodeID[int]
    tahun: int
    periode_awal: date
    periode_akhir: date
    pendekatan: Pendekatan
    jenis_jabatan: JenisJabatanSkp
    status: StatusSkp
    ditutup_pada: date | None = strawberry.field(
        description="A mutasi closed the SKP on this day; the next SKP plans what follows"
    )
    status_penilai: StatusPenilai = strawberry.field(
        description="SIASN statusPenilai: NON_ASN when the penilai is a pejabat negara"
    )
    disetujui_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime
    pegawai_id: strawberry.Private[int]
    pejabat_penilai_id: strawberry.Private[int | None]
    atasan_pejabat_penilai_id: strawberry.Private[int | None]
    pejabat_penilai_negara_id: strawberry.Private[int | None]
    atasan_pejabat_penilai_negara_id: strawberry.Private[int | None]
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

    @strawberry.field(description="The penilai when statusPenilai is NON_ASN: name and "
                      "jabatan of the pejabat negara, as SIASN records them")
    async def pejabat_penilai_non_asn(self, info: strawberry.Info) -> PejabatNegara | None:
        return await _pejabat_negara(info, self.pejabat_penilai_negara_id)

    @strawberry.field(description="The atasan pejabat penilai when a pejabat negara")
    async def atasan_pejabat_penilai_non_asn(self, info: strawberry.Info) -> PejabatNegara | None:
        return await _pejabat_negara(info, self.atasan_pejabat_penilai_negara_id)

    jabatan = related_one(JABATAN_BY_ID, "jabatan_id", Jabatan,
                          description="Position the SKP was drawn up for")
    unit = related_one(UNIT_BY_ID, "unit_id", UnitOrganisasi, nullable=False)

    rencana_hasil_kerja = related_list(
        RHK_BY_SKP, "id", RencanaHasilKerja, arguments={"jenis": Argument(JenisRhk | None, None)},
        select=_of_jenis, description=f"RHK UTAMA first, then TAMBAHAN; counts {RHK_FAN_OUT} "
        "in the query cost", metadata=fan_out(RHK_FAN_OUT))

    perilaku_kerja = related_list(PERILAKU_BY_SKP, "id", PerilakuKerja,
                                  description="The seven BerAKHLAK values",
                                  metadata=fan_out(PERILAKU_COUNT))

    @strawberry.field(description=f"Periodic and annual evaluations, by period; counts "
                      f"{EVALUASI_FAN_OUT} in the query cost", metadata=fan_out(EVALUASI_FAN_OUT))
    async def evaluasi(self, info: strawberry.Info) -> list[EvaluasiRef]:
        from ekinerja_graphql.api.evaluasi.types import Evaluasi

        return build_all(info, Evaluasi, await loader(info, EVALUASI_BY_SKP).load(self.id))

    @strawberry.field(description="The RHK of the pejabat penilai's SKP of the same year that "
                      "this SKP's UTAMA RHK may intervene (rhkAtasanId); counts "
                      f"{RHK_FAN_OUT} in the query cost", metadata=fan_out(RHK_FAN_OUT))
    async def pilihan_rhk_atasan(self, info: strawberry.Info) -> list[RhkIntervensi]:
        if self.pejabat_penilai_id is None:
            return []
        rows = await loader(info, RHK_PENILAI_TAHUN).load((self.pejabat_penilai_id, self.tahun))
        info.context.budget.spend(len(rows))
        return [RhkIntervensi.of(row) for row in rows]

    @strawberry.field(description=RIWAYAT_DESCRIPTION)
    async def riwayat(self, info: strawberry.Info, last: int | None = None) -> list[SkpRiwayat]:
        count = newest_count(info.context.settings, last)
        rows = await loader(info, RIWAYAT_BY_SKP).load((self.id, count))
        return build_all(info, SkpRiwayat, rows)

    evaluasi_terakhir: EvaluasiRef | None = related_one(
        EVALUASI_BY_SKP, "id", _evaluasi_type, pick=last,
        description="The evaluation of the latest period, if any")


async def _pejabat_negara(info: strawberry.Info, pejabat_id: int | None) -> PejabatNegara | None:
    if pejabat_id is None:
        return None
    return build(info, PejabatNegara, await loader(info, PEJABAT_NEGARA_BY_ID).load(pejabat_id))
