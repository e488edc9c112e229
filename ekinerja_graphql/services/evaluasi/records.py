"""Loading an evaluation with the chain of its SKP, and recording its steps."""

from dataclasses import dataclass

from ekinerja_graphql.domain.evaluasi import StatusEvaluasi
from ekinerja_graphql.domain.workflow import Aksi, TransisiTidakSah, langkah_evaluasi
from ekinerja_graphql.errors import Conflict, NotFound
from ekinerja_graphql.models import Evaluasi, EvaluasiRiwayat, Pegawai, Skp
from ekinerja_graphql.services.access.peran import Actor, Rantai, pastikan_boleh


@dataclass(slots=True)
class EvaluasiTerpilih:
    evaluasi: Evaluasi
    skp: Skp
    rantai: Rantai


async def rantai_skp(skp: Skp) -> Rantai:
    """The SKP's chain as it recorded it (a later mutasi does not move past evaluations)."""
    unit_path = await Pegawai.filter(id=skp.pegawai_id).values_list("unit__path", flat=True)
    return Rantai(
        pegawai_id=skp.pegawai_id,
        unit_path=unit_path[0],
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
    rantai = await rantai_skp(skp)
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
    await EvaluasiRiwayat.create(
        evaluasi_id=evaluasi.id, aksi=aksi, dari_status=dari, ke_status=evaluasi.status,
        oleh=actor.subject, oleh_pegawai_id=actor.pegawai_id, catatan=catatan,
    )
