"""Loading an SKP (or a part of it) with the chain its steps are authorised against, and
recording each step in its riwayat."""

from dataclasses import dataclass

from ekinerja_graphql.domain.skp import StatusSkp
from ekinerja_graphql.domain.workflow import SETELAH_DITUTUP, Aksi, TransisiTidakSah, langkah_skp
from ekinerja_graphql.errors import Conflict, NotFound
from ekinerja_graphql.models import IndikatorKinerja, Pegawai, RencanaHasilKerja, Skp, SkpRiwayat
from ekinerja_graphql.services.access.peran import Actor, Rantai, pastikan_boleh


@dataclass(slots=True)
class SkpTerpilih:
    skp: Skp
    rantai: Rantai


async def muat_skp(skp_id: int, aksi: Aksi, actor: Actor) -> SkpTerpilih:
    """The SKP, locked for the rest of the transaction (PostgreSQL), once the caller has been
    found to hold a role that may take `aksi` and the SKP's state allows it."""
    skp = await Skp.select_for_update().get_or_none(id=skp_id)
    if skp is None:
        raise NotFound(f"Skp {skp_id} does not exist")
    unit_path = await Pegawai.filter(id=skp.pegawai_id).values_list("unit__path", flat=True)
    rantai = Rantai(
        pegawai_id=skp.pegawai_id,
        unit_path=unit_path[0],
        penilai_id=skp.pejabat_penilai_id,
        penilai_negara=skp.pejabat_penilai_negara_id is not None,
        atasan_id=skp.atasan_pejabat_penilai_id,
        atasan_negara=skp.atasan_pejabat_penilai_negara_id is not None,
    )
    pastikan_boleh(actor, aksi, rantai, f"Skp {skp_id}")
    langkah(skp, aksi)
    if skp.ditutup_pada is not None and aksi not in SETELAH_DITUTUP:
        raise Conflict(f"Skp {skp_id} was closed by a mutasi on {skp.ditutup_pada}: continue in "
                       "the SKP that followed it", current_status=skp.status)  # fmt: skip
    return SkpTerpilih(skp, rantai)


def langkah(skp: Skp, aksi: Aksi) -> StatusSkp:
    try:
        return langkah_skp(aksi, skp.status)
    except TransisiTidakSah as error:
        raise Conflict(str(error), current_status=skp.status, current_version=skp.version) from None


async def muat_rhk(rhk_id: int, aksi: Aksi, actor: Actor) -> tuple[RencanaHasilKerja, SkpTerpilih]:
    skp_id = await RencanaHasilKerja.filter(id=rhk_id).values_list("skp_id", flat=True)
    if not skp_id:
        raise NotFound(f"RencanaHasilKerja {rhk_id} does not exist")
    terpilih = await muat_skp(skp_id[0], aksi, actor)
    rhk = await RencanaHasilKerja.get_or_none(id=rhk_id)  # deleted while we waited for the lock
    if rhk is None:
        raise NotFound(f"RencanaHasilKerja {rhk_id} does not exist")
    return rhk, terpilih


async def muat_indikator(
    indikator_id: int, aksi: Aksi, actor: Actor
) -> tuple[IndikatorKinerja, SkpTerpilih]:
    skp_id = await IndikatorKinerja.filter(id=indikator_id).values_list("rhk__skp_id", flat=True)
    if not skp_id:
        raise NotFound(f"IndikatorKinerja {indikator_id} does not exist")
    terpilih = await muat_skp(skp_id[0], aksi, actor)
    indikator = await IndikatorKinerja.get_or_none(id=indikator_id)  # deleted meanwhile
    if indikator is None:
        raise NotFound(f"IndikatorKinerja {indikator_id} does not exist")
    return indikator, terpilih


async def catat_riwayat(
    actor: Actor, skp: Skp, aksi: Aksi, dari: StatusSkp | None, catatan: str | None = None
) -> None:
    await SkpRiwayat.create(skp_id=skp.id, aksi=aksi, dari_status=dari, ke_status=skp.status,
                            oleh=actor.subject, oleh_pegawai_id=actor.pegawai_id,
                            catatan=catatan)  # fmt: skip
