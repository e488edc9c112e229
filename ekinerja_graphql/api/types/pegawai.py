from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from ekinerja_graphql.api.context import loaders_of, viewer_of
from ekinerja_graphql.api.enums import Golongan, JenisKelamin, JenisPegawai, StatusPegawai
from ekinerja_graphql.api.errors import Forbidden, NotFound
from ekinerja_graphql.api.pagination import encode_cursor
from ekinerja_graphql.api.types.organisasi import Jabatan, UnitOrganisasi
from ekinerja_graphql.api.types.rows import from_optional_row, from_row
from ekinerja_graphql.domain.kepegawaian import PANGKAT, golongan_label

if TYPE_CHECKING:
    from ekinerja_graphql.api.types.evaluasi import Evaluasi
    from ekinerja_graphql.api.types.skp import Skp

SkpRef = Annotated["Skp", strawberry.lazy("ekinerja_graphql.api.types.skp")]
EvaluasiRef = Annotated["Evaluasi", strawberry.lazy("ekinerja_graphql.api.types.evaluasi")]


@strawberry.type(description="An ASN employee (PNS, CPNS or PPPK).")
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
    golongan: Golongan | None
    status: StatusPegawai
    tmt_cpns: date | None
    tmt_jabatan: date | None
    siasn_pns_id: str | None = strawberry.field(description="SIASN PNS orang id")
    last_synced_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime
    unit_id: strawberry.Private[int]
    jabatan_id: strawberry.Private[int | None]
    pejabat_penilai_id: strawberry.Private[int | None]
    row: strawberry.Private[dict]

    @classmethod
    def from_visible_row(cls, row: dict) -> "Pegawai":
        """Only for rows the viewer may see; personal fields stay behind `_personal`."""
        return cls(**{name: row[name] for name in _PLAIN_FIELDS}, row=row)

    @strawberry.field(description="Name with gelar, as printed on documents")
    def nama_lengkap(self) -> str:
        name = f"{self.gelar_depan} {self.nama}" if self.gelar_depan else self.nama
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name

    @strawberry.field(description="Pangkat and golongan, e.g. 'Penata Muda (III/a)'")
    def pangkat(self) -> str | None:
        if self.golongan is None:
            return None
        return f"{PANGKAT[self.golongan]} ({golongan_label(self.golongan)})"

    @strawberry.field(description="Personal: visible to the pegawai and admins only")
    def nik(self, info: strawberry.Info) -> str | None:
        return self._personal(info, "nik")

    @strawberry.field(description="Personal: visible to the pegawai and admins only")
    def alamat(self, info: strawberry.Info) -> str | None:
        return self._personal(info, "alamat")

    @strawberry.field(description="Personal: visible to the pegawai and admins only")
    def email(self, info: strawberry.Info) -> str | None:
        return self._personal(info, "email")

    @strawberry.field(description="Personal: visible to the pegawai and admins only")
    def nomor_hp(self, info: strawberry.Info) -> str | None:
        return self._personal(info, "nomor_hp")

    def _ensure_records_visible(self, info: strawberry.Info) -> None:
        if not viewer_of(info).can_see_records(self.row):
            raise Forbidden(f"the SKP and evaluations of pegawai {self.nip} are outside your scope")

    def _personal(self, info: strawberry.Info, name: str) -> str | None:
        if not viewer_of(info).can_see_personal_data(self.row):
            raise Forbidden(f"{name} is personal data: only the pegawai and admins may read it")
        return self.row[name]

    @strawberry.field
    async def unit(self, info: strawberry.Info) -> UnitOrganisasi:
        return from_row(UnitOrganisasi, await loaders_of(info).unit.load(self.unit_id))

    @strawberry.field
    async def jabatan(self, info: strawberry.Info) -> Jabatan | None:
        if self.jabatan_id is None:
            return None
        return from_optional_row(Jabatan, await loaders_of(info).jabatan.load(self.jabatan_id))

    @strawberry.field
    async def pejabat_penilai(self, info: strawberry.Info) -> "Pegawai | None":
        if self.pejabat_penilai_id is None:
            return None
        return await load_visible_pegawai(info, self.pejabat_penilai_id)

    @strawberry.field(description="Direct subordinates (those this pegawai appraises) visible "
                      "to the viewer, by name")
    async def bawahan(self, info: strawberry.Info) -> list["Pegawai"]:
        viewer = viewer_of(info)
        rows = await loaders_of(info).bawahan.load(self.id)
        return [Pegawai.from_visible_row(row) for row in rows if viewer.can_see(row)]

    @strawberry.field(description="The SKP for a year; the latest one if a mutasi split the year")
    async def skp(self, info: strawberry.Info, tahun: int) -> SkpRef | None:
        from ekinerja_graphql.api.types.skp import Skp

        self._ensure_records_visible(info)
        rows = await loaders_of(info).skp_by_pegawai.load(self.id)
        return next((from_row(Skp, row) for row in rows if row["tahun"] == tahun), None)

    @strawberry.field(description="All SKPs, newest first")
    async def skp_list(self, info: strawberry.Info) -> list[SkpRef]:
        from ekinerja_graphql.api.types.skp import Skp

        self._ensure_records_visible(info)
        return [from_row(Skp, row) for row in await loaders_of(info).skp_by_pegawai.load(self.id)]

    @strawberry.field(description="Evaluations, newest period first; optionally one year")
    async def evaluasi(self, info: strawberry.Info, tahun: int | None = None) -> list[EvaluasiRef]:
        from ekinerja_graphql.api.types.evaluasi import Evaluasi

        self._ensure_records_visible(info)
        rows = await loaders_of(info).evaluasi_by_pegawai.load(self.id)
        return [from_row(Evaluasi, r) for r in rows if tahun is None or r["tahun"] == tahun]


_PLAIN_FIELDS = (
    "id", "nip", "nip_lama", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin",
    "tanggal_lahir", "jenis", "golongan", "status", "tmt_cpns", "tmt_jabatan", "siasn_pns_id",
    "last_synced_at", "version", "created_at", "updated_at", "unit_id", "jabatan_id",
    "pejabat_penilai_id",
)


async def load_visible_pegawai(info: strawberry.Info, pegawai_id: int) -> Pegawai:
    row = await loaders_of(info).pegawai.load(pegawai_id)
    return ensure_visible(info, row, f"pegawai {pegawai_id}")


def ensure_visible(info: strawberry.Info, row: dict | None, what: str) -> Pegawai:
    if row is None:
        raise NotFound(f"{what} does not exist")
    if not viewer_of(info).can_see(row):
        raise Forbidden(f"pegawai {row['nip']} is outside what you may see")
    return Pegawai.from_visible_row(row)


@strawberry.type(name="PegawaiEdge")
class PegawaiEdge:
    cursor: str
    node: Pegawai


@strawberry.type(description="A page of pegawai; totalCount costs one COUNT and is computed "
                 "only when selected")
class PegawaiConnection:
    edges: list[PegawaiEdge]
    page_info: relay.PageInfo
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field
    async def total_count(self) -> int:
        return await self.count()

    @strawberry.field(description="The nodes without edges, for clients that need no cursors")
    def nodes(self) -> list[Pegawai]:
        return [edge.node for edge in self.edges]

    @classmethod
    def from_rows(
        cls, rows: list[dict], has_next: bool, sort_field: str,
        count: Callable[[], Awaitable[int]],
    ) -> "PegawaiConnection":
        edges = [
            PegawaiEdge(cursor=encode_cursor(row[sort_field], row["id"]),
                        node=Pegawai.from_visible_row(row))
            for row in rows
        ]
        page_info = relay.PageInfo(
            has_next_page=has_next,
            has_previous_page=False,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        )
        return cls(edges=edges, page_info=page_info, count=count)
