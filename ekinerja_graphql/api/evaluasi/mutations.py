"""Rating, penetapan, keberatan and finalisation: thin mutations over services/evaluasi."""

import strawberry
from strawberry import relay

from ekinerja_graphql.api.actor import actor_of
from ekinerja_graphql.api.enums import JenisPeriode, KeputusanKeberatan, Rating
from ekinerja_graphql.api.evaluasi.types import Evaluasi
from ekinerja_graphql.api.ids import decode_id
from ekinerja_graphql.api.rows import build, build_all, row_of
from ekinerja_graphql.services.evaluasi import finalisasi, keberatan, penetapan, penilaian
from ekinerja_graphql.services.evaluasi.keberatan import Keputusan
from ekinerja_graphql.services.evaluasi.penilaian import Penilaian, PenilaianDitolak


@strawberry.input(description="The pejabat penilai's ratings of one SKP for one period; the "
                  "predikat follows from the matrix")
class PenilaianInput:
    skp_id: relay.GlobalID
    jenis_periode: JenisPeriode
    nomor_periode: int
    rating_hasil_kerja: Rating
    rating_perilaku_kerja: Rating
    catatan: str | None = None
    version: int | None = strawberry.field(
        default=None, description="Of the evaluation of that period, to rate it again"
    )

    def penilaian(self, field: str) -> Penilaian:
        return Penilaian(decode_id(self.skp_id, "Skp", f"{field}.skpId"), self.jenis_periode,
                         self.nomor_periode, self.rating_hasil_kerja, self.rating_perilaku_kerja,
                         self.catatan, self.version)  # fmt: skip


@strawberry.input
class VersiEvaluasi:
    id: relay.GlobalID
    version: int


@strawberry.input(description="DITOLAK keeps the ratings; DITERIMA gives the new ones")
class KeputusanInput:
    keputusan: KeputusanKeberatan
    catatan: str
    rating_hasil_kerja: Rating | None = None
    rating_perilaku_kerja: Rating | None = None


@strawberry.type(description="An item of a bulk mutation that failed")
class KesalahanItem:
    index: int
    code: str
    message: str
    field: str | None


@strawberry.type(description="Either every evaluation was written (kesalahan empty) or none "
                 "was (each failing item in kesalahan)")
class NilaiMassalPayload:
    evaluasi: list[Evaluasi]
    kesalahan: list[KesalahanItem]


def _evaluasi(info: strawberry.Info, obj) -> Evaluasi:
    return build(info, Evaluasi, row_of(obj))


@strawberry.type
class EvaluasiMutation:
    @strawberry.mutation(description="Rates (or, with its version, rates again) an approved SKP "
                         "for a period: DINILAI")
    async def nilai_evaluasi(self, info: strawberry.Info, input: PenilaianInput) -> Evaluasi:
        settings = info.context.settings
        evaluasi = await penilaian.nilai(actor_of(info), input.penilaian("input"),
                                         settings.evaluation_period)  # fmt: skip
        return _evaluasi(info, evaluasi)

    @strawberry.mutation(description="Rates many bawahan at once (at most 100): all or nothing")
    async def nilai_evaluasi_massal(self, info: strawberry.Info, items: list[PenilaianInput]
                                    ) -> NilaiMassalPayload:  # fmt: skip
        items_in = [item.penilaian(f"items[{n}]") for n, item in enumerate(items)]
        try:
            done = await penilaian.nilai_massal(actor_of(info), items_in,
                                                info.context.settings.evaluation_period)
        except PenilaianDitolak as refused:
            errors = [KesalahanItem(index=e.index, code=e.code, message=e.message, field=e.field)
                      for e in refused.errors]  # fmt: skip
            return NilaiMassalPayload(evaluasi=[], kesalahan=errors)
        return NilaiMassalPayload(evaluasi=build_all(info, Evaluasi, map(row_of, done)),
                                  kesalahan=[])  # fmt: skip

    @strawberry.mutation(description="DINILAI -> DITETAPKAN, together (at most 100): refused "
                         "while the unit's distribution breaks its curve without an override")
    async def tetapkan_evaluasi(self, info: strawberry.Info, items: list[VersiEvaluasi]
                                ) -> list[Evaluasi]:  # fmt: skip
        pairs = [(decode_id(item.id, "Evaluasi", f"items[{n}].id"), item.version)
                 for n, item in enumerate(items)]  # fmt: skip
        fixed = await penetapan.tetapkan(actor_of(info), pairs, info.context.settings)
        return build_all(info, Evaluasi, map(row_of, fixed))

    @strawberry.mutation(description="The pegawai objects to a fixed predikat, within the window")
    async def ajukan_keberatan(self, info: strawberry.Info, id: relay.GlobalID, version: int,
                               alasan: str) -> Evaluasi:  # fmt: skip
        evaluasi = await keberatan.ajukan(actor_of(info), decode_id(id, "Evaluasi", "id"), version,
                                          alasan, info.context.settings.keberatan_days)
        return _evaluasi(info, evaluasi)

    @strawberry.mutation(description="The atasan pejabat penilai decides: FINAL")
    async def putuskan_keberatan(self, info: strawberry.Info, id: relay.GlobalID, version: int,
                                 input: KeputusanInput) -> Evaluasi:  # fmt: skip
        keputusan = Keputusan(input.keputusan, input.catatan, input.rating_hasil_kerja,
                              input.rating_perilaku_kerja)  # fmt: skip
        evaluasi = await keberatan.putuskan(actor_of(info), decode_id(id, "Evaluasi", "id"),
                                            version, keputusan)  # fmt: skip
        return _evaluasi(info, evaluasi)

    @strawberry.mutation(description="DITETAPKAN -> FINAL once the keberatan window has passed")
    async def finalkan_evaluasi(self, info: strawberry.Info, id: relay.GlobalID,
                                version: int) -> Evaluasi:  # fmt: skip
        evaluasi = await finalisasi.finalkan(actor_of(info), decode_id(id, "Evaluasi", "id"),
                                             version, info.context.settings.keberatan_days)
        return _evaluasi(info, evaluasi)
