"""Tukin results with their breakdown, the rekap per unit, runs, rule sets, imports."""

from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from ekinerja_graphql.api.connection import CONNECTION_DESCRIPTION, Connection, newest_count
from ekinerja_graphql.api.enums import JenisPegawai, StatusPegawai
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.organisasi.dataloaders import UNIT_BY_ID
from ekinerja_graphql.api.organisasi.types import UnitOrganisasi
from ekinerja_graphql.api.rows import build
from ekinerja_graphql.api.sinkronisasi.types import SyncStatus
from ekinerja_graphql.api.tukin.dataloaders import TUKIN_RIWAYAT
from ekinerja_graphql.domain.tukin.aturan import TingkatHukuman as TingkatHukumanModel
from ekinerja_graphql.domain.tukin.bulan import format_bulan

TingkatHukuman = strawberry.enum(TingkatHukumanModel, description="Hukuman disiplin severity")


@strawberry.type(description="One line of the breakdown: what, the percentage of the month's "
                 "tukin (T) it adds or takes, and rupiah where a line is an amount")
class BarisRincian:
    kode: str
    uraian: str
    persen: Decimal | None
    rupiah: Decimal | None


@strawberry.type(description="A result a later computation of the month replaced")
class TukinSebelumnya:
    jumlah: int
    kelas: int | None
    tukin_bulan: Decimal
    persen_dibayar: Decimal
    provisional: bool
    aturan_versi: int
    dihitung_at: datetime
    diganti_at: datetime
    rincian: list[BarisRincian]

    @classmethod
    def from_row(cls, row: dict) -> "TukinSebelumnya":
        return cls(jumlah=row["jumlah"], kelas=row["kelas"], tukin_bulan=row["tukin_bulan"],
                   persen_dibayar=row["persen_dibayar"], provisional=row["provisional"],
                   aturan_versi=row["aturan_id"], dihitung_at=row["dihitung_at"],
                   diganti_at=row["diganti_at"], rincian=_rincian(row["rincian"]))


@strawberry.type(description="A pegawai's tunjangan kinerja for a month as last computed, "
                 "with the inputs it was computed from and why it is what it is")
class TukinBulanan:
    pegawai_id: strawberry.Private[int]
    bulan_date: strawberry.Private[date]
    jenis: JenisPegawai
    kelas: int | None = strawberry.field(description="Kelas jabatan on the month's last paid day")
    jumlah: int = strawberry.field(description="Rupiah paid (PPh 21 is borne by the state)")
    tukin_bulan: Decimal = strawberry.field(description="T: the month's base after pro rata "
                                            "and the CPNS share")  # fmt: skip
    persen_dibayar: Decimal
    potongan_persen: Decimal = strawberry.field(description="Deductions as counted, before "
                                                "the cap")  # fmt: skip
    provisional: bool = strawberry.field(description="No final evaluation covers the month, or "
                                         "no attendance was imported: recomputed when they "
                                         "come")  # fmt: skip
    stale: bool = strawberry.field(description="An input changed since: being recomputed")
    aturan_versi: int = strawberry.field(description="The rule set version it used")
    dihitung_at: datetime
    masukan: JSON = strawberry.field(description="The inputs: segments of kelas, status "
                                     "periods, attendance summary, predikat, hukuman")  # fmt: skip
    rincian: list[BarisRincian]

    @strawberry.field(description="YYYY-MM")
    def bulan(self) -> str:
        return format_bulan(self.bulan_date)

    @strawberry.field(description="The newest `last` results this one replaced (the default "
                      "page size when omitted), oldest first")
    async def riwayat(self, info: strawberry.Info, last: int | None = None
                      ) -> list[TukinSebelumnya]:  # fmt: skip
        count = newest_count(info.context.settings, last)
        rows = await loader(info, TUKIN_RIWAYAT).load((self.pegawai_id, self.bulan_date, count))
        info.context.budget.spend(len(rows))
        return [TukinSebelumnya.from_row(row) for row in rows]

    @classmethod
    def from_row(cls, row: dict) -> "TukinBulanan":
        return cls(
            pegawai_id=row["pegawai_id"], bulan_date=row["bulan"], jenis=row["jenis"],
            kelas=row["kelas"], jumlah=row["jumlah"],
            tukin_bulan=row["tukin_bulan"], persen_dibayar=row["persen_dibayar"],
            potongan_persen=row["potongan_persen"], provisional=row["provisional"],
            stale=row.get("stale", False), aturan_versi=row["aturan_id"],
            dihitung_at=row["dihitung_at"], masukan=row["masukan"],
            rincian=_rincian(row["rincian"]),
        )  # fmt: skip


def _rincian(lines: list[dict]) -> list[BarisRincian]:
    return [BarisRincian(kode=line["kode"], uraian=line["uraian"],
                         persen=_decimal(line["persen"]), rupiah=_decimal(line["rupiah"]))
            for line in lines]  # fmt: skip


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


@strawberry.type(description="The month's totals of one unit (its own pegawai, not its "
                 "subunits')")
class TukinRekapUnit:
    unit_id: strawberry.Private[int]
    pegawai: int
    jumlah: Decimal = strawberry.field(description="Rupiah, summed")
    provisional: int = strawberry.field(description="Results still provisional")
    stale: int

    @strawberry.field
    async def unit(self, info: strawberry.Info) -> UnitOrganisasi:
        return build(info, UnitOrganisasi, await loader(info, UNIT_BY_ID).load(self.unit_id))


@strawberry.type(description=CONNECTION_DESCRIPTION + ". Units in id order, each with results "
                 "for the month; `jumlah` and `pegawai` total the whole subtree")
class TukinRekapConnection(Connection[TukinRekapUnit]):
    totals: strawberry.Private[object] = None  # set after `of`: () -> awaitable dict

    @strawberry.field(description="Rupiah of the whole subtree")
    async def jumlah(self) -> Decimal:
        return (await self.totals())["jumlah"]

    @strawberry.field(description="Pegawai of the whole subtree with a result")
    async def pegawai(self) -> int:
        return (await self.totals())["pegawai"]


@strawberry.type(description="A computation of a month for a unit subtree (or the ministry)")
class TukinRun(relay.Node):
    id: relay.NodeID[int]
    bulan_date: strawberry.Private[date]
    unit_id: strawberry.Private[int | None]
    status: SyncStatus
    requested_by: str | None
    total: int | None = strawberry.field(description="Pegawai to compute, once planned")
    done: int
    batches: int
    batches_done: int
    started_at: datetime | None
    finished_at: datetime | None
    heartbeat_at: datetime | None
    error_summary: str | None

    @strawberry.field(description="YYYY-MM")
    def bulan(self) -> str:
        return format_bulan(self.bulan_date)

    @strawberry.field(description="The subtree's root; null: the whole ministry")
    async def unit(self, info: strawberry.Info) -> UnitOrganisasi | None:
        if self.unit_id is None:
            return None
        return build(info, UnitOrganisasi, await loader(info, UNIT_BY_ID).load(self.unit_id))

    @classmethod
    def from_row(cls, row: dict) -> "TukinRun":
        return cls(id=row["id"], bulan_date=row["bulan"], unit_id=row["unit_id"],
                   status=row["status"], requested_by=row["requested_by"], total=row["total"],
                   done=row["done"], batches=row["batches"], batches_done=row["batches_done"],
                   started_at=row["started_at"], finished_at=row["finished_at"],
                   heartbeat_at=row["heartbeat_at"], error_summary=row["error_summary"])


@strawberry.type(description="A tukin rule set version (TOML); a month is computed with the "
                 "one of the latest berlakuMulai not after it")
class AturanTukin:
    id: int = strawberry.field(description="The version")
    nama: str
    berlaku_mulai: date
    sha256: str
    diunggah_oleh: str | None
    at: datetime
    isi: str = strawberry.field(description="The file as uploaded")


@strawberry.type(description=CONNECTION_DESCRIPTION)
class AturanTukinConnection(Connection[AturanTukin]):
    pass


@strawberry.type(description="An accepted attendance file")
class ImporAbsensi:
    id: int
    nama_berkas: str
    sha256: str
    diunggah_oleh: str | None
    baris: int = strawberry.field(description="Daily records in the file")
    diganti: int = strawberry.field(description="Of those, days that replaced an earlier record")
    pegawai: int
    bulan: list[str] = strawberry.field(description="Months touched (YYYY-MM); their results "
                                        "are marked stale and recomputed")  # fmt: skip
    at: datetime


@strawberry.type
class HukumanDisiplin:
    id: int
    pegawai_id: strawberry.Private[int]
    tingkat: TingkatHukuman
    nomor_sk: str
    tmt: date
    bulan: int = strawberry.field(description="Months it runs from tmt's month")


@strawberry.type
class PeriodeStatus:
    id: int
    pegawai_id: strawberry.Private[int]
    status: StatusPegawai
    mulai: date
    selesai: date | None
    nomor_sk: str | None
