"""The SKP workflow (spec/domain.md §2): DRAFT -ajukan-> DIAJUKAN -setujui-> DISETUJUI, or
-kembalikan(catatan)-> DRAFT; DISETUJUI -revisi-> DRAFT. Each step checks who takes it
(§8), the state and the version, and leaves a riwayat entry and an audit entry."""

from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.skp import (
    IndikatorRencana,
    RhkRencana,
    StatusSkp,
    masalah_pengajuan,
)
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput
from ekinerja_graphql.models import IndikatorKinerja, RencanaHasilKerja, Skp
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.skp.records import catat_riwayat, langkah, muat_skp
from ekinerja_graphql.services.versioning import save_versioned

PANJANG_CATATAN = 2000
NAMA_MUTASI = {Aksi.AJUKAN_SKP: "ajukanSkp", Aksi.SETUJUI_SKP: "setujuiSkp",
               Aksi.KEMBALIKAN_SKP: "kembalikanSkp", Aksi.REVISI_SKP: "revisiSkp"}  # fmt: skip


async def ajukan(actor: Actor, skp_id: int, version: int) -> Skp:
    return await _langkah(actor, skp_id, version, Aksi.AJUKAN_SKP, None)


async def setujui(actor: Actor, skp_id: int, version: int) -> Skp:
    return await _langkah(actor, skp_id, version, Aksi.SETUJUI_SKP, None)


async def kembalikan(actor: Actor, skp_id: int, version: int, catatan: str) -> Skp:
    """Returned to the pegawai with a note saying what to change."""
    return await _langkah(actor, skp_id, version, Aksi.KEMBALIKAN_SKP, _catatan(catatan))


async def revisi(actor: Actor, skp_id: int, version: int, catatan: str) -> Skp:
    """An approved SKP reopened for a change (the approval is asked again)."""
    return await _langkah(actor, skp_id, version, Aksi.REVISI_SKP, _catatan(catatan))


def _catatan(catatan: str) -> str:
    catatan = catatan.strip()
    if not 1 <= len(catatan) <= PANJANG_CATATAN:
        raise BadUserInput("catatan", f"1 to {PANJANG_CATATAN} characters saying why")
    return catatan


async def _langkah(actor: Actor, skp_id: int, version: int, aksi: Aksi, catatan: str | None
                   ) -> Skp:  # fmt: skip
    async with in_transaction():
        skp = (await muat_skp(skp_id, aksi, actor)).skp
        if aksi is Aksi.AJUKAN_SKP:
            await _pastikan_lengkap(skp)
        before, dari = audit.snapshot(skp), skp.status
        ke = langkah(skp, aksi)
        disetujui_at = datetime.now(UTC) if ke is StatusSkp.DISETUJUI else None
        await save_versioned(skp, version, status=ke, disetujui_at=disetujui_at)
        await catat_riwayat(actor, skp, aksi, dari, catatan)
        await audit.record(actor, NAMA_MUTASI[aksi], skp, pegawai_id=skp.pegawai_id,
                           before=before)  # fmt: skip
    return skp


async def _pastikan_lengkap(skp: Skp) -> None:
    rhk_rows = await RencanaHasilKerja.filter(skp_id=skp.id).order_by("urutan", "id").values()
    indikator = await IndikatorKinerja.filter(rhk__skp_id=skp.id).values()
    by_rhk: dict[int, list[IndikatorRencana]] = {}
    for row in indikator:
        by_rhk.setdefault(row["rhk_id"], []).append(IndikatorRencana(
            row["aspek"], row["target_nilai"], row["target_satuan"], row["target_deskripsi"]))
    rencana = tuple(
        RhkRencana(row["jenis"], row["uraian"], row["rhk_atasan_id"] is not None,
                   row["perspektif"] is not None, tuple(by_rhk.get(row["id"], ())))
        for row in rhk_rows
    )  # fmt: skip
    problems = masalah_pengajuan(skp.pendekatan, skp.jenis_jabatan, rencana)
    if problems:
        raise BadUserInput("id", "an SKP ready to submit: " + "; ".join(problems),
                           problems=problems)  # fmt: skip
