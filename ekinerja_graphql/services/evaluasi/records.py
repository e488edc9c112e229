"""Loading an evaluation with the chain of its SKP, and recording its steps."""

from dataclasses import dataclass

from ekinerja_graphql.domain.evaluasi import StatusEvaluasi
from ekinerja_graphql.domain.workflow import Aksi, TransisiTidakSah, langkah_evaluasi
from ekinerja_graphql.errors import Conflict, NotFound
from ekinerja_graphql.models import (
    AuditLog,
    Evaluasi,
    EvaluasiRiwayat,
    Pegawai,
    Skp,
    UnitOrganisasi,
)
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor, Rantai, pastikan_boleh
from ekinerja_graphql.services.evaluasi.snapshot import Cache


@dataclass(slots=True)
class EvaluasiTerpilih:
    evaluasi: Evaluasi
    skp: Skp
    rantai: Rantai


async def rantai_skp(skp: Skp, cache: Cache) -> Rantai:
    """The SKP's chain as it recorded it (a later mutasi does not move past evaluations);
    the pegawai's unit as it is now, for the admin grants."""
    pegawai = await cache.get(Pegawai, skp.pegawai_id)
    unit = await cache.get(UnitOrganisasi, pegawai.unit_id)
    return Rantai(
        pegawai_id=skp.pegawai_id,
        unit_path=unit.path,
        penilai_id=skp.pejabat_penilai_id,
        penilai_negara=skp.pejabat_penilai_negara_id is not None,
        atasan_id=skp.atasan_pejabat_penilai_id,
        atasan_negara=skp.atasan_pejabat_penilai_negara_id is not None,
    )


async def muat_evaluasi(evaluasi_id: int, aksi: Aksi, actor: Actor) -> EvaluasiTerpilih:
    """The evaluation, locked, once the caller may take `aksi` and its state allows it."""
    evaluasi = await Evaluasi.select_for_update().get_or_none(id=evaluasi_id)
    if evaluasi is None:
        raise NotFound(f"Evaluasi {evaluasi_id} does not exist")
    skp = await Skp.get(id=evaluasi.skp_id)
    rantai = await rantai_skp(skp, Cache())
    pastikan_boleh(actor, aksi, rantai, f"Evaluasi {evaluasi_id}")
    langkah(evaluasi.status, aksi, evaluasi.version)
    return EvaluasiTerpilih(evaluasi, skp, rantai)


def langkah(status: StatusEvaluasi | None, aksi: Aksi, version: int | None) -> StatusEvaluasi:
    try:
        return langkah_evaluasi(aksi, status)
    except TransisiTidakSah as error:
        raise Conflict(str(error), current_status=status, current_version=version) from None


async def catat_riwayat(
    actor: Actor, evaluasi: Evaluasi, aksi: Aksi, dari: StatusEvaluasi | None,
    catatan: str | None = None,
) -> None:
    await _riwayat(actor, evaluasi, aksi, dari, catatan).save()


def _riwayat(actor: Actor, evaluasi: Evaluasi, aksi: Aksi, dari: StatusEvaluasi | None,
             catatan: str | None) -> EvaluasiRiwayat:  # fmt: skip
    return EvaluasiRiwayat(
        evaluasi_id=evaluasi.id, aksi=aksi, dari_status=dari, ke_status=evaluasi.status,
        oleh=actor.subject, oleh_pegawai_id=actor.pegawai_id, catatan=catatan,
    )


class Jejak:
    """The riwayat and audit entries of a bulk step's evaluations, written at the end in one
    INSERT each (inside the step's transaction)."""

    def __init__(self, actor: Actor, action: str) -> None:
        self.actor, self.action = actor, action
        self.riwayat: list[EvaluasiRiwayat] = []
        self.audit: list[AuditLog] = []

    def catat(self, evaluasi: Evaluasi, aksi: Aksi, dari: StatusEvaluasi | None,
              catatan: str | None = None, before: dict | None = None) -> None:  # fmt: skip
        self.riwayat.append(_riwayat(self.actor, evaluasi, aksi, dari, catatan))
        self.audit.append(audit.entry(self.actor, self.action, evaluasi,
                                      pegawai_id=evaluasi.pegawai_id, before=before))

    async def tulis(self) -> None:
        if self.riwayat:
            await EvaluasiRiwayat.bulk_create(self.riwayat)
            await AuditLog.bulk_create(self.audit)
