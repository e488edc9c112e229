from datetime import date, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from ekinerja_graphql.api.connection import CONNECTION_DESCRIPTION, Connection
from ekinerja_graphql.api.enums import (
    Golongan,
    GolonganPppk,
    JenisKelamin,
    JenisPegawai,
    StatusPegawai,
    TugasTambahan,
)
from ekinerja_graphql.api.evaluasi.dataloaders import EVALUASI_BY_PEGAWAI_TAHUN
from ekinerja_graphql.api.limits import fan_out
from ekinerja_graphql.api.loaders import loader
from ekinerja_graphql.api.organisasi.dataloaders import (
    JABATAN_BY_ID,
    PEJABAT_NEGARA_BY_ID,
    UNIT_BY_ID,
)
from ekinerja_graphql.api.organisasi.types import Jabatan, PejabatNegara, UnitOrganisasi
from ekinerja_graphql.api.pegawai.dataloaders import BAWAHAN, PEGAWAI_BY_ID
from ekinerja_graphql.api.permissions import (
    SeesPersonalData,
    SeesRecords,
    SeesTukin,
    ensure_identity_visible,
    identities_visible,
)
from ekinerja_graphql.api.related import first, related_one
from ekinerja_graphql.api.rows import build, build_all, instance
from ekinerja_graphql.api.selection import reads
from ekinerja_graphql.api.skp.dataloaders import SKP_BY_PEGAWAI, SKP_BY_PEGAWAI_TAHUN
from ekinerja_graphql.domain.golongan import PANGKAT, golongan_label
from ekinerja_graphql.domain.kepegawaian import kedudukan_hukum
from ekinerja_graphql.domain.nama import format_nama_lengkap

if TYPE_CHECKING:
    from ekinerja_graphql.api.evaluasi.types import Evaluasi
    from ekinerja_graphql.api.skp.types import Skp
    from ekinerja_graphql.api.tukin.types import TukinBulanan

SkpRef = Annotated["Skp", strawberry.lazy("ekinerja_graphql.api.skp.types")]
EvaluasiRef = Annotated["Evaluasi", strawberry.lazy("ekinerja_graphql.api.evaluasi.types")]
TukinRef = Annotated["TukinBulanan", strawberry.lazy("ekinerja_graphql.api.tukin.types")]

# Expected sizes for the query cost (api/limits.py); the result budget catches the rest.
BAWAHAN_FAN_OUT = 300  # a kepala madrasah or a Kakanwil may rate a few hundred
SKP_LIST_FAN_OUT = 10
EVALUASI_PER_TAHUN_FAN_OUT = 16  # 12 months + the year, and a mutasi's second SKP


def _skp_type() -> type:
    from ekinerja_graphql.api.skp.types import Skp  # it imports this module

    return Skp


@strawberry.type(description="An ASN employee (PNS, CPNS or PPPK). Reached only where the "
                 "viewer may see who they are; records and personal data are fields of their "
                 "own, null with a FORBIDDEN error where the viewer may not read them.")
class Pegawai(relay.Node):
    id: relay.NodeID[int]
    nip: str = strawberry.field(description="NIP baru, 18 digits")
    nip_lama: str | None
    nama: str
    gelar_depan: str | None
    gelar_belakang: str | None
    jenis_kelamin: JenisKelamin
    tanggal_lahir: date
    jenis: JenisPegawai
    golongan: Golongan | None = strawberry.field(description="PNS and CPNS only")
    golongan_awal: Golongan | None = strawberry.field(description="At TMT CPNS")
    golongan_pppk: GolonganPppk | None = strawberry.field(description="PPPK only: their own "
                                                          "scale, never a PNS golongan")
    status: StatusPegawai
    tugas_tambahan: TugasTambahan | None = strawberry.field(
        description="Kepala KUA, kepala madrasah, rektor, ketua, dekan: held beside the "
        "jabatan fungsional, not a structural eselon"
    )
    tmt_cpns: date | None = strawberry.field(description="PPPK: TMT of the first contract")
    tmt_jabatan: date | None
    siasn_pns_id: str | None = strawberry.field(description="SIASN PNS orang id")
    last_synced_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime
    unit_id: strawberry.Private[int]
    jabatan_id: strawberry.Private[int | None]
    pejabat_penilai_id: strawberry.Private[int | None]
    pejabat_penilai_negara_id: strawberry.Private[int | None]
    row: strawberry.Private[dict]

    @classmethod
    def from_row(cls, row: dict) -> "Pegawai":
        """For rows the viewer may identify; personal fields are read from `row` when allowed."""
        attributes = dict(zip(_PLAIN_FIELDS, _plain_values(row), strict=True))
        attributes["row"] = row
        return instance(cls, attributes)

    @classmethod
    def from_columns(cls, row: dict) -> "Pegawai":
        """From a row of only the columns a query reads (api/selection.py): the object has
        those attributes only, and a field reading another would fail loudly."""
        made = object.__new__(cls)
        made.__dict__ = {name: row[name] for name in _PLAIN_FIELDS if name in row}
        made.row = row
        return made

    @strawberry.field(description="Name with gelar, as printed on documents",
                      metadata=reads("nama", "gelar_depan", "gelar_belakang"))
    def nama_lengkap(self) -> str:
        return format_nama_lengkap(self.nama, self.gelar_depan, self.gelar_belakang)

    @strawberry.field(description="SIASN kedudukanPnsId of the status (01 Aktif, 71 PPPK "
                      "Aktif, 02 CLTN, 05 uang tunggu, …); null where no source gives one",
                      metadata=reads("status", "jenis"))
    def kedudukan_hukum_id(self) -> str | None:
        return kedudukan_hukum(self.status, self.jenis)

    @strawberry.field(description="Pangkat and golongan of a PNS, e.g. 'Penata Muda "
                      "(III/a)'; null for PPPK, who have a golongan but no pangkat",
                      metadata=reads("golongan"))
    def pangkat(self) -> str | None:
        if self.golongan is None:
            return None
        return f"{PANGKAT[self.golongan]} ({golongan_label(self.golongan)})"

    @strawberry.field(description="Personal: the pegawai and admins only",
                      permission_classes=[SeesPersonalData], metadata=reads("nik"))
    def nik(self) -> str | None:
        return self.row["nik"]

    @strawberry.field(description="Personal: the pegawai and admins only",
                      permission_classes=[SeesPersonalData], metadata=reads("alamat"))
    def alamat(self) -> str | None:
        return self.row["alamat"]

    @strawberry.field(description="Personal: the pegawai and admins only",
                      permission_classes=[SeesPersonalData], metadata=reads("email"))
    def email(self) -> str | None:
        return self.row["email"]

    @strawberry.field(description="Personal: the pegawai and admins only",
                      permission_classes=[SeesPersonalData], metadata=reads("nomor_hp"))
    def nomor_hp(self) -> str | None:
        return self.row["nomor_hp"]

    @strawberry.field(description="Rp per month of tunjangan profesi (a certified guru or "
                      "dosen), offset against tukin; the pegawai and admins only",
                      permission_classes=[SeesTukin], metadata=reads("tunjangan_profesi"))
    def tunjangan_profesi(self) -> int | None:
        return self.row["tunjangan_profesi"]

    unit = related_one(UNIT_BY_ID, "unit_id", UnitOrganisasi, nullable=False)
    jabatan = related_one(JABATAN_BY_ID, "jabatan_id", Jabatan)

    @strawberry.field(description="Who appraises this pegawai; FORBIDDEN outside your scope",
                      metadata=reads("pejabat_penilai_id"))
    async def pejabat_penilai(self, info: strawberry.Info) -> "Pegawai | None":
        if self.pejabat_penilai_id is None:
            return None
        return await load_visible_pegawai(info, self.pejabat_penilai_id)

    @strawberry.field(description="The pejabat penilai when it is a pejabat negara (the "
                      "Menteri rates the eselon I heads); `pejabatPenilai` is then null",
                      metadata=reads("pejabat_penilai_negara_id"))
    async def pejabat_penilai_non_asn(self, info: strawberry.Info) -> PejabatNegara | None:
        if self.pejabat_penilai_negara_id is None:
            return None
        row = await loader(info, PEJABAT_NEGARA_BY_ID).load(self.pejabat_penilai_negara_id)
        return build(info, PejabatNegara, row)

    @strawberry.field(
        description="Direct subordinates (those this pegawai appraises) the viewer may see, "
        f"by name; counts {BAWAHAN_FAN_OUT} in the query cost: page larger teams with "
        "pegawaiList(filter: {pejabatPenilaiId})",
        metadata={**fan_out(BAWAHAN_FAN_OUT), **reads("id")},
    )
    async def bawahan(self, info: strawberry.Info) -> list["Pegawai"] | None:
        visible = identities_visible(info, await loader(info, BAWAHAN).load(self.id))
        info.context.budget.spend(len(visible))
        return [Pegawai.from_row(row) for row in visible]

    skp: SkpRef | None = related_one(
        SKP_BY_PEGAWAI_TAHUN, ("id", "tahun"), _skp_type, arguments={"tahun": int},
        pick=first, permission_classes=[SeesRecords],
        description="The SKP for a year; the latest one if a mutasi split the year")

    @strawberry.field(description=f"All SKPs, newest first; counts {SKP_LIST_FAN_OUT} in the "
                      "query cost", permission_classes=[SeesRecords],
                      metadata={**fan_out(SKP_LIST_FAN_OUT), **reads("id")})
    async def skp_list(self, info: strawberry.Info) -> list[SkpRef] | None:
        from ekinerja_graphql.api.skp.types import Skp

        return build_all(info, Skp, await loader(info, SKP_BY_PEGAWAI).load(self.id))

    @strawberry.field(description="The evaluations of a year, newest period first",
                      permission_classes=[SeesRecords],
                      metadata={**fan_out(EVALUASI_PER_TAHUN_FAN_OUT), **reads("id")})
    async def evaluasi(self, info: strawberry.Info, tahun: int) -> list[EvaluasiRef] | None:
        from ekinerja_graphql.api.evaluasi.types import Evaluasi

        rows = await loader(info, EVALUASI_BY_PEGAWAI_TAHUN).load((self.id, tahun))
        return build_all(info, Evaluasi, rows)

    @strawberry.field(description="Tunjangan kinerja of a month (YYYY-MM) with its breakdown; "
                      "null until computed. The pegawai and admins only",
                      permission_classes=[SeesTukin], metadata=reads("id"))
    async def tukin(self, info: strawberry.Info, bulan: str) -> TukinRef | None:
        from ekinerja_graphql.api.tukin.arguments import bulan_of
        from ekinerja_graphql.api.tukin.dataloaders import TUKIN_BY_PEGAWAI_BULAN
        from ekinerja_graphql.api.tukin.types import TukinBulanan

        rows = await loader(info, TUKIN_BY_PEGAWAI_BULAN).load((self.id, bulan_of(bulan)))
        if not rows:
            return None
        info.context.budget.spend(1)
        return TukinBulanan.from_row(rows[0])


_PLAIN_FIELDS = (
    "id", "nip", "nip_lama", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin",
    "tanggal_lahir", "jenis", "golongan", "golongan_awal", "golongan_pppk", "status",
    "tugas_tambahan", "tmt_cpns", "tmt_jabatan", "siasn_pns_id", "last_synced_at", "version",
    "created_at", "updated_at", "unit_id", "jabatan_id", "pejabat_penilai_id",
    "pejabat_penilai_negara_id",
)
_plain_values = itemgetter(*_PLAIN_FIELDS)


def visible_pegawai(info: strawberry.Info, row: dict | None, what: str) -> Pegawai:
    """NOT_FOUND or FORBIDDEN unless the viewer may identify the pegawai of `row`."""
    ensure_identity_visible(info, row, what)
    info.context.budget.spend(1)
    return Pegawai.from_row(row)


async def load_visible_pegawai(info: strawberry.Info, pegawai_id: int) -> Pegawai:
    row = await loader(info, PEGAWAI_BY_ID).load(pegawai_id)
    return visible_pegawai(info, row, f"pegawai {pegawai_id}")


@strawberry.type(description=CONNECTION_DESCRIPTION)
class PegawaiConnection(Connection[Pegawai]):
    pass
