"""Running a pegawai sync in-process (the actors' bodies, without a broker), and reading the
local state as SIASN should have made it."""

from datetime import date

from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.golongan import Golongan
from ekinerja_graphql.domain.kepegawaian import StatusPegawai
from ekinerja_graphql.domain.siasn_pegawai import status_dari
from ekinerja_graphql.models import Jabatan, Pegawai, SyncKind, SyncRun, UnitOrganisasi
from ekinerja_graphql.seed.context import SeedContext
from ekinerja_graphql.seed.generator import SeedGenerator
from ekinerja_graphql.seed.tables import JABATAN
from ekinerja_graphql.services.sinkronisasi import rencana, runs, tarik_pegawai
from ekinerja_graphql.services.sinkronisasi.pegawai import proses_batch
from ekinerja_graphql.siasn.formats import parse_tanggal
from ekinerja_graphql.siasn.simulator.dataset import SimulatedSiasn
from tests.conftest import SEED


async def start(kind: SyncKind, nips: list[str] | None = None) -> SyncRun:
    run = await runs.mulai(kind, requested_by="test")
    if nips:
        await rencana.tambah_nip(run, nips)
    return run


async def plan(run: SyncRun, client, settings: Settings) -> list[int]:
    """The first task's work; the batches it would have sent."""
    sent: list[int] = []

    async def send(run_id: int, nomor: int) -> None:
        sent.append(nomor)

    await tarik_pegawai.jalankan(run.id, client, settings, send)
    return sent


async def sync(kind: SyncKind, client, settings: Settings, nips: list[str] | None = None
               ) -> SyncRun:  # fmt: skip
    run = await start(kind, nips)
    for nomor in await plan(run, client, settings):
        if await proses_batch(run.id, nomor, client, "test-task"):
            await tarik_pegawai.mungkin_selesai(run.id, client)
    return await SyncRun.get(id=run.id)


async def load_jabatan_catalogue(pegawai: int, as_of: date) -> None:
    """The jabatan reference table (what an installation loads before its first sync)."""
    generator = SeedGenerator(pegawai, SEED, SeedContext(as_of.year, as_of))
    stamps = ("created_at", "updated_at")
    rows = [{k: v for k, v in zip(JABATAN.columns, row, strict=True) if k not in stamps}
            for row in generator.master_batch().jabatan]  # fmt: skip
    await Jabatan.bulk_create([Jabatan(**row) for row in rows])


def expected(data: SimulatedSiasn) -> dict[str, tuple]:
    """Per NIP, the fields SIASN decides, as the simulator holds them."""
    found = {}
    for nip, pns in data.pns.items():
        status = status_dari(pns.get("kedudukanPnsId"), parse_tanggal(pns.get("tglMeninggal")))
        golongan = pns.get("golRuangAkhirId")
        found[nip] = (pns["id"], pns["nama"], Golongan(golongan) if golongan else None,
                      status or StatusPegawai.AKTIF, pns["unorId"],
                      pns.get("jabatanStrukturalId") or pns.get("jabatanFungsionalId")
                      or pns.get("jabatanFungsionalUmumId"))  # fmt: skip
    return found


async def local_state() -> dict[str, tuple]:
    units = dict(await UnitOrganisasi.all().values_list("id", "siasn_id"))
    jabatan = dict(await Jabatan.all().values_list("id", "siasn_id"))
    return {p.nip: (p.siasn_pns_id, p.nama, p.golongan, p.status, units[p.unit_id],
                    jabatan.get(p.jabatan_id))
            for p in await Pegawai.all()}  # fmt: skip


async def pemimpin_state() -> dict[str, str | None]:
    pns = dict(await Pegawai.all().values_list("id", "siasn_pns_id"))
    return {unit.siasn_id: pns.get(unit.pemimpin_id) for unit in await UnitOrganisasi.all()}


def expected_pemimpin(data: SimulatedSiasn) -> dict[str, str | None]:
    return {unor_id: unor["PemimpinPnsId"] for unor_id, unor in data.unor.items()}


