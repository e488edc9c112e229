"""The organisation predikat of units and the distribution curve it asks of the pegawai's
predikat: types, the curve query and the mutations of the leader one level up."""

from datetime import datetime

import strawberry
from strawberry import relay

from ekinerja_graphql.api.actor import actor_of
from ekinerja_graphql.api.enums import CapaianOrganisasi, JenisPeriode, KodePelanggaran, Predikat
from ekinerja_graphql.api.errors import Forbidden, NotFound
from ekinerja_graphql.api.ids import decode_id
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.organisasi.dataloaders import PREDIKAT_ORGANISASI_BY_ID, UNIT_BY_ID
from ekinerja_graphql.api.pegawai.dataloaders import PEGAWAI_BY_ID
from ekinerja_graphql.api.rows import build, maker, row_of
from ekinerja_graphql.services import organisasi_predikat
from ekinerja_graphql.services.skp.pelaksanaan import periode_dari


@strawberry.type(description="The capaian of a unit for a period, set by the leader one level "
                 "up; an override lets penetapan go ahead where the curve is not met")
class PredikatOrganisasi(relay.Node):
    id: relay.NodeID[int]
    tahun: int
    jenis_periode: JenisPeriode
    nomor_periode: int
    predikat: CapaianOrganisasi
    catatan: str | None
    ditetapkan_oleh: str
    override_alasan: str | None
    override_oleh: str | None
    override_at: datetime | None
    version: int
    unit_id: strawberry.Private[int]


async def load_predikat_organisasi(info: strawberry.Info, key: int, what: str
                                   ) -> PredikatOrganisasi:  # fmt: skip
    """node(id): for whoever may read the unit's curve, through the request's loaders."""
    row = await loader(info, PREDIKAT_ORGANISASI_BY_ID).load(key)
    if row is None:
        raise NotFound(f"{what} does not exist")
    unit = await loader(info, UNIT_BY_ID).load(row["unit_id"])
    head = await loader(info, PEGAWAI_BY_ID).load(unit["pemimpin_id"] or 0)
    rantai = organisasi_predikat.rantai_pimpinan(unit["path"], head)
    if not organisasi_predikat.boleh_membaca(actor_of(info), rantai):
        raise Forbidden(f"{what} is for the unit's head, the leader one level up and admins "
                        "over it")  # fmt: skip
    return build(info, PredikatOrganisasi, row)


@strawberry.type
class JumlahPredikat:
    predikat: Predikat
    jumlah: int


@strawberry.type(description="A rule of the curve the distribution breaks, in plain words")
class PelanggaranKurva:
    kode: KodePelanggaran
    predikat: list[Predikat]
    batas: int = strawberry.field(description="Most allowed, or fewest needed, people")
    jumlah: int
    pesan: str


@strawberry.type(description="The curve of the unit that governs a unit for a period (itself or "
                 "its nearest parent with an organisation predikat)")
class KurvaDistribusi:
    unit_id: relay.GlobalID
    predikat_organisasi: PredikatOrganisasi | None
    jumlah: list[JumlahPredikat]
    pelanggaran: list[PelanggaranKurva]
    boleh_ditetapkan: bool = strawberry.field(
        description="Penetapan may go ahead: the curve is met, or an override is recorded"
    )


@strawberry.type
class PredikatOrganisasiQuery:
    @strawberry.field(description="For the unit's head, the leader one level up and admins")
    async def kurva_distribusi(self, info: strawberry.Info, unit_id: relay.GlobalID, tahun: int,
                               jenis_periode: JenisPeriode, nomor_periode: int
                               ) -> KurvaDistribusi | None:  # fmt: skip
        settings = info.context.settings
        periode = periode_dari(tahun, jenis_periode, nomor_periode, settings.evaluation_period,
                               "periode")  # fmt: skip
        unit = decode_id(unit_id, "UnitOrganisasi", "unitId")
        laporan = await organisasi_predikat.kurva(actor_of(info), unit, periode, settings)
        row = laporan.predikat_organisasi
        info.context.budget.spend(1 + len(laporan.jumlah) + len(laporan.pelanggaran))
        return KurvaDistribusi(
            unit_id=relay.GlobalID("UnitOrganisasi", str(laporan.unit_id)),
            predikat_organisasi=maker(PredikatOrganisasi)(row_of(row)) if row else None,
            jumlah=[JumlahPredikat(predikat=p, jumlah=n) for p, n in laporan.jumlah.items()],
            pelanggaran=[PelanggaranKurva(kode=p.kode, predikat=list(p.predikat), batas=p.batas,
                                          jumlah=p.jumlah, pesan=p.pesan)
                         for p in laporan.pelanggaran],  # fmt: skip
            boleh_ditetapkan=laporan.boleh_ditetapkan,
        )


@strawberry.type
class PredikatOrganisasiMutation:
    @strawberry.mutation(description="Sets (or, with its version, changes) the organisation "
                         "predikat of a unit for a period: the leader one level up")
    async def tetapkan_predikat_organisasi(
        self, info: strawberry.Info, unit_id: relay.GlobalID, tahun: int,
        jenis_periode: JenisPeriode, nomor_periode: int, predikat: CapaianOrganisasi,
        catatan: str | None = None, version: int | None = None,
    ) -> PredikatOrganisasi:
        periode = periode_dari(tahun, jenis_periode, nomor_periode,
                               info.context.settings.evaluation_period, "periode")  # fmt: skip
        row = await organisasi_predikat.tetapkan(
            actor_of(info), decode_id(unit_id, "UnitOrganisasi", "unitId"), periode, predikat,
            catatan, version)
        return build(info, PredikatOrganisasi, row_of(row))

    @strawberry.mutation(description="Lets penetapan go ahead although the curve is not met, "
                         "with the reason (recorded, and reported)")
    async def catat_override_kurva(self, info: strawberry.Info, id: relay.GlobalID, version: int,
                                   alasan: str) -> PredikatOrganisasi:  # fmt: skip
        row = await organisasi_predikat.catat_override(
            actor_of(info), decode_id(id, "PredikatOrganisasi", "id"), version, alasan)
        return build(info, PredikatOrganisasi, row_of(row))

