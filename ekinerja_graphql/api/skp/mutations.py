"""SKP planning, its workflow, realisasi and umpan balik: thin mutations over services/skp.
Each is one transaction; a stale `version` is CONFLICT with the current one."""

from decimal import Decimal

import strawberry
from strawberry import relay

from ekinerja_graphql.api.actor import actor_of
from ekinerja_graphql.api.enums import (
    AspekIndikator,
    JenisPeriode,
    JenisRhk,
    NilaiBerakhlak,
    Pendekatan,
    PerspektifJpt,
)
from ekinerja_graphql.api.ids import decode_id
from ekinerja_graphql.api.rows import build, row_of
from ekinerja_graphql.api.skp.types import (
    IndikatorKinerja,
    PerilakuKerja,
    Realisasi,
    RencanaHasilKerja,
    Skp,
    UmpanBalik,
)
from ekinerja_graphql.models import Skp as SkpModel
from ekinerja_graphql.services.skp import alur, pelaksanaan, perencanaan
from ekinerja_graphql.services.skp.pelaksanaan import RealisasiMasukan
from ekinerja_graphql.services.skp.perencanaan import (
    IndikatorMasukan,
    LampiranMasukan,
    RhkMasukan,
)


@strawberry.input(description="An RHK: UTAMA ones of a JA or JF name the pejabat penilai's "
                  "RHK they intervene; only a JPT's have a perspektif")
class RhkInput:
    jenis: JenisRhk
    uraian: str
    rhk_atasan_id: relay.GlobalID | None = None
    perspektif: PerspektifJpt | None = None
    urutan: int | None = strawberry.field(default=None, description="1 to 10; last by default")

    def masukan(self) -> RhkMasukan:
        atasan = (decode_id(self.rhk_atasan_id, "RencanaHasilKerja", "input.rhkAtasanId")
                  if self.rhk_atasan_id is not None else None)  # fmt: skip
        return RhkMasukan(self.jenis, self.uraian, atasan, self.perspektif, self.urutan)


@strawberry.input(description="One indicator per aspek; KUANTITATIF SKPs give a target value "
                  "and satuan, KUALITATIF ones a target description")
class IndikatorInput:
    aspek: AspekIndikator
    uraian: str
    target_nilai: Decimal | None = None
    target_satuan: str | None = None
    target_deskripsi: str | None = None

    def masukan(self) -> IndikatorMasukan:
        return IndikatorMasukan(self.aspek, self.uraian, self.target_nilai, self.target_satuan,
                                self.target_deskripsi)  # fmt: skip


@strawberry.input
class LampiranInput:
    dukungan_sumber_daya: list[str]
    skema_pertanggungjawaban: list[str]
    konsekuensi: list[str]


@strawberry.input(description="The realisasi of one indicator in one period (of this "
                  "instansi's granularity, or the year), with evidence links")
class RealisasiInput:
    jenis_periode: JenisPeriode
    nomor_periode: int
    nilai: Decimal | None = None
    deskripsi: str | None = None
    bukti: list[str] = strawberry.field(default_factory=list, description="http(s) links")
    version: int | None = strawberry.field(
        default=None, description="Of the realisasi of that period, to change it"
    )


def _skp(info: strawberry.Info, obj) -> Skp:
    return build(info, Skp, row_of(obj))


def _rhk(info: strawberry.Info, obj, pegawai_id: int) -> RencanaHasilKerja:
    return build(info, RencanaHasilKerja, row_of(obj, pegawai_id=pegawai_id))


@strawberry.type
class SkpMutation:
    @strawberry.mutation(description="Draft your own SKP for the year, for your current position "
                         "(pejabat penilai and atasan filled from the chain)")
    async def buat_skp(self, info: strawberry.Info, tahun: int, pendekatan: Pendekatan) -> Skp:
        return _skp(info, await perencanaan.buat_skp(actor_of(info), tahun, pendekatan))

    @strawberry.mutation
    async def tambah_rhk(self, info: strawberry.Info, skp_id: relay.GlobalID, input: RhkInput
                         ) -> RencanaHasilKerja:  # fmt: skip
        skp = decode_id(skp_id, "Skp", "skpId")
        rhk = await perencanaan.tambah_rhk(actor_of(info), skp, input.masukan())
        return _rhk(info, rhk, await _owner(skp))

    @strawberry.mutation
    async def ubah_rhk(self, info: strawberry.Info, id: relay.GlobalID, version: int,
                       input: RhkInput) -> RencanaHasilKerja:  # fmt: skip
        rhk = await perencanaan.ubah_rhk(actor_of(info), decode_id(id, "RencanaHasilKerja", "id"),
                                         version, input.masukan())  # fmt: skip
        return _rhk(info, rhk, await _owner(rhk.skp_id))

    @strawberry.mutation(description="Deletes the RHK with its indicators; refused while the "
                         "RHK of bawahan cascade from it")
    async def hapus_rhk(self, info: strawberry.Info, id: relay.GlobalID, version: int) -> bool:
        await perencanaan.hapus_rhk(actor_of(info), decode_id(id, "RencanaHasilKerja", "id"),
                                    version)  # fmt: skip
        return True

    @strawberry.mutation
    async def tambah_indikator(self, info: strawberry.Info, rhk_id: relay.GlobalID,
                               input: IndikatorInput) -> IndikatorKinerja:  # fmt: skip
        indikator = await perencanaan.tambah_indikator(
            actor_of(info), decode_id(rhk_id, "RencanaHasilKerja", "rhkId"), input.masukan())
        return build(info, IndikatorKinerja, row_of(indikator))

    @strawberry.mutation
    async def ubah_indikator(self, info: strawberry.Info, id: relay.GlobalID, version: int,
                             input: IndikatorInput) -> IndikatorKinerja:  # fmt: skip
        indikator = await perencanaan.ubah_indikator(
            actor_of(info), decode_id(id, "IndikatorKinerja", "id"), version, input.masukan())
        return build(info, IndikatorKinerja, row_of(indikator))

    @strawberry.mutation
    async def hapus_indikator(self, info: strawberry.Info, id: relay.GlobalID,
                              version: int) -> bool:  # fmt: skip
        await perencanaan.hapus_indikator(actor_of(info), decode_id(id, "IndikatorKinerja", "id"),
                                          version)  # fmt: skip
        return True

    @strawberry.mutation(description="The pejabat penilai's specific expectation of one "
                         "BerAKHLAK value (null clears it)")
    async def ubah_ekspektasi_khusus(self, info: strawberry.Info, skp_id: relay.GlobalID,
                                     nilai: NilaiBerakhlak, version: int,
                                     ekspektasi_khusus: str | None) -> PerilakuKerja:  # fmt: skip
        perilaku = await perencanaan.ubah_ekspektasi_khusus(
            actor_of(info), decode_id(skp_id, "Skp", "skpId"), nilai, version, ekspektasi_khusus)
        return build(info, PerilakuKerja, row_of(perilaku))

    @strawberry.mutation
    async def ubah_lampiran(self, info: strawberry.Info, skp_id: relay.GlobalID, version: int,
                            input: LampiranInput) -> Skp:  # fmt: skip
        masukan = LampiranMasukan(tuple(input.dukungan_sumber_daya),
                                  tuple(input.skema_pertanggungjawaban), tuple(input.konsekuensi))
        skp = await perencanaan.ubah_lampiran(actor_of(info), decode_id(skp_id, "Skp", "skpId"),
                                              version, masukan)  # fmt: skip
        return _skp(info, skp)

    @strawberry.mutation(description="DRAFT -> DIAJUKAN, once every RHK is complete")
    async def ajukan_skp(self, info: strawberry.Info, id: relay.GlobalID, version: int) -> Skp:
        return _skp(info, await alur.ajukan(actor_of(info), decode_id(id, "Skp", "id"), version))

    @strawberry.mutation(description="DIAJUKAN -> DISETUJUI (the pejabat penilai)")
    async def setujui_skp(self, info: strawberry.Info, id: relay.GlobalID, version: int) -> Skp:
        return _skp(info, await alur.setujui(actor_of(info), decode_id(id, "Skp", "id"), version))

    @strawberry.mutation(description="DIAJUKAN -> DRAFT with a note (the pejabat penilai)")
    async def kembalikan_skp(self, info: strawberry.Info, id: relay.GlobalID, version: int,
                             catatan: str) -> Skp:  # fmt: skip
        skp = await alur.kembalikan(actor_of(info), decode_id(id, "Skp", "id"), version, catatan)
        return _skp(info, skp)

    @strawberry.mutation(description="DISETUJUI -> DRAFT for a change, approved again after")
    async def revisi_skp(self, info: strawberry.Info, id: relay.GlobalID, version: int,
                         catatan: str) -> Skp:  # fmt: skip
        return _skp(info, await alur.revisi(actor_of(info), decode_id(id, "Skp", "id"), version,
                                            catatan))  # fmt: skip

    @strawberry.mutation(description="Records (or, with its version, changes) a realisasi")
    async def catat_realisasi(self, info: strawberry.Info, indikator_id: relay.GlobalID,
                              input: RealisasiInput) -> Realisasi:  # fmt: skip
        masukan = RealisasiMasukan(input.jenis_periode, input.nomor_periode, input.nilai,
                                   input.deskripsi, tuple(input.bukti), input.version)
        realisasi = await pelaksanaan.catat_realisasi(
            actor_of(info), decode_id(indikator_id, "IndikatorKinerja", "indikatorId"), masukan,
            info.context.settings.evaluation_period)
        return build(info, Realisasi, row_of(realisasi))

    @strawberry.mutation(description="Feedback on an RHK (the pegawai, the penilai or the "
                         "atasan)")
    async def tulis_umpan_balik(self, info: strawberry.Info, rhk_id: relay.GlobalID,
                                isi: str) -> UmpanBalik:  # fmt: skip
        umpan_balik = await pelaksanaan.tulis_umpan_balik(
            actor_of(info), decode_id(rhk_id, "RencanaHasilKerja", "rhkId"), isi)
        return build(info, UmpanBalik, row_of(umpan_balik))


async def _owner(skp_id: int) -> int:
    return (await SkpModel.filter(id=skp_id).values_list("pegawai_id", flat=True))[0]
