"""Changes to a pegawai's own record that admins make."""

from datetime import date

import strawberry
from strawberry import relay

from ekinerja_graphql.api.actor import actor_of
from ekinerja_graphql.api.ids import decode_id
from ekinerja_graphql.api.rows import build, row_of
from ekinerja_graphql.api.skp.types import Skp
from ekinerja_graphql.services.skp.mutasi import Mutasi, catat_mutasi


@strawberry.input(description="A move to a new unit or jabatan from `tanggal` on")
class MutasiInput:
    pegawai_id: relay.GlobalID
    tanggal: date = strawberry.field(description="The first day in the new position")
    unit_id: relay.GlobalID
    jabatan_id: relay.GlobalID
    pejabat_penilai_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Default: the head of the new unit (its parent's for a head)")


@strawberry.type
class PegawaiMutation:
    @strawberry.mutation(description="Records a mutasi (ADMIN_UNIT of both units, or "
                         "ADMIN_PUSAT): the open SKP of that year closes the day before, a new "
                         "DRAFT starts on the day; returns it (null without an open SKP, or for a "
                         "pegawai who is not AKTIF)")
    async def catat_mutasi(self, info: strawberry.Info, input: MutasiInput) -> Skp | None:
        penilai = input.pejabat_penilai_id
        mutasi = Mutasi(
            pegawai_id=decode_id(input.pegawai_id, "Pegawai", "input.pegawaiId"),
            tanggal=input.tanggal,
            unit_id=decode_id(input.unit_id, "UnitOrganisasi", "input.unitId"),
            jabatan_id=decode_id(input.jabatan_id, "Jabatan", "input.jabatanId"),
            pejabat_penilai_id=(decode_id(penilai, "Pegawai", "input.pejabatPenilaiId")
                                if penilai is not None else None),  # fmt: skip
        )
        baru = await catat_mutasi(actor_of(info), mutasi)
        return build(info, Skp, row_of(baru)) if baru is not None else None
