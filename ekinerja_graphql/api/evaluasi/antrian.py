"""A pejabat penilai's work queue."""

import strawberry

from ekinerja_graphql.api.actor import actor_of
from ekinerja_graphql.api.enums import JenisPeriode
from ekinerja_graphql.api.limits import fan_out
from ekinerja_graphql.api.rows import maker, row_of
from ekinerja_graphql.api.skp.types import Skp
from ekinerja_graphql.services.antrian import MAKS_ANTRIAN, antrian_penilai


@strawberry.type(description="A period of an approved SKP that has ended without a rating")
class PerluDinilai:
    skp: Skp
    jenis_periode: JenisPeriode
    nomor_periode: int


@strawberry.type(description=f"What waits for you as pejabat penilai (each list at most "
                 f"{MAKS_ANTRIAN})")
class AntrianPenilai:
    menunggu_persetujuan: list[Skp] = strawberry.field(
        description="SKPs submitted to you", metadata=fan_out(MAKS_ANTRIAN))
    draft_terlambat: list[Skp] = strawberry.field(
        description="SKPs of your bawahan not approved by the deadline (EKINERJA_SKP_DEADLINE)",
        metadata=fan_out(MAKS_ANTRIAN))
    perlu_dinilai: list[PerluDinilai] = strawberry.field(
        description="Ended periods of approved SKPs still to rate", metadata=fan_out(MAKS_ANTRIAN))


@strawberry.type
class AntrianQuery:
    @strawberry.field(description="Your work queue as pejabat penilai (empty lists if you rate "
                      "nobody)")
    async def antrian_penilai(self, info: strawberry.Info) -> AntrianPenilai:
        antrian = await antrian_penilai(actor_of(info), info.context.settings)
        skp = maker(Skp)
        found = antrian.menunggu_persetujuan + antrian.draft_terlambat
        info.context.budget.spend(len(found) + 2 * len(antrian.perlu_dinilai))
        return AntrianPenilai(
            menunggu_persetujuan=[skp(row_of(s)) for s in antrian.menunggu_persetujuan],
            draft_terlambat=[skp(row_of(s)) for s in antrian.draft_terlambat],
            perlu_dinilai=[PerluDinilai(skp=skp(row_of(item.skp)), jenis_periode=item.periode.jenis,
                                        nomor_periode=item.periode.nomor)
                           for item in antrian.perlu_dinilai],  # fmt: skip
        )
