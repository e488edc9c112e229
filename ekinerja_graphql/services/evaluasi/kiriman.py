"""The SIASN outbox: a fixed evaluation (DITETAPKAN, spec §4: what SIASN receives) is queued
in the transaction that fixes it, and queued again when a keberatan changes it; the SIASN
workers send each row's evaluation as it then stands."""

from ekinerja_graphql.domain.periode import JenisPeriode
from ekinerja_graphql.models import Evaluasi, JenisKiriman, SiasnOutbox, StatusKiriman


def kiriman(evaluasi: Evaluasi) -> SiasnOutbox:
    """The unsaved outbox row: skp22 for the year, kinerjaperiodik for a period."""
    jenis = (JenisKiriman.SKP22 if evaluasi.jenis_periode == JenisPeriode.TAHUNAN
             else JenisKiriman.KINERJA_PERIODIK)  # fmt: skip
    return SiasnOutbox(evaluasi_id=evaluasi.id, jenis=jenis, status=StatusKiriman.PENDING)


async def antre_ulang(evaluasi: Evaluasi) -> None:
    """Sends the evaluation again, as it now stands, whatever became of the earlier push."""
    if not await kembali_ke_antrean(evaluasi.id):
        await kiriman(evaluasi).save()


async def kembali_ke_antrean(evaluasi_id: int) -> int:
    """Puts the evaluation's outbox row back to PENDING with a clean slate (its SIASN id is
    kept, so the next push updates); how many rows, 0 or 1."""
    return await SiasnOutbox.filter(evaluasi_id=evaluasi_id).update(
        status=StatusKiriman.PENDING, attempts=0, next_attempt_at=None, last_error=None)
