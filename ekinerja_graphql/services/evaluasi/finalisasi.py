"""A fixed evaluation becomes FINAL when the keberatan window has passed without one (the
pejabat penilai closes it) or when a keberatan is decided (services/evaluasi/keberatan.py).
SIASN has it since penetapan (services/evaluasi/kiriman.py)."""

from datetime import UTC, date, datetime, timedelta

from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import Conflict
from ekinerja_graphql.models import Evaluasi
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.evaluasi.records import catat_riwayat, langkah, muat_evaluasi
from ekinerja_graphql.services.tukin.predikat_final import tandai_stale_evaluasi
from ekinerja_graphql.services.versioning import save_versioned


def batas_keberatan(evaluasi: Evaluasi, keberatan_days: int) -> date:
    """The last day a keberatan may be filed (days as the server's clock counts them, like
    Actor.today)."""
    return evaluasi.ditetapkan_at.astimezone().date() + timedelta(days=keberatan_days)


async def finalkan(actor: Actor, evaluasi_id: int, version: int, keberatan_days: int
                   ) -> Evaluasi:  # fmt: skip
    async with in_transaction():
        terpilih = await muat_evaluasi(evaluasi_id, Aksi.FINALKAN_EVALUASI, actor)
        evaluasi = terpilih.evaluasi
        batas = batas_keberatan(evaluasi, keberatan_days)
        if actor.today <= batas:
            raise Conflict(f"the pegawai may file a keberatan until {batas}: finalise after it",
                           current_status=evaluasi.status)  # fmt: skip
        before, dari = audit.snapshot(evaluasi), evaluasi.status
        await save_versioned(evaluasi, version, final_at=datetime.now(UTC),
                             status=langkah(dari, Aksi.FINALKAN_EVALUASI, version))
        await tandai_stale_evaluasi(evaluasi)  # tukin computed before it was final
        await catat_riwayat(actor, evaluasi, Aksi.FINALKAN_EVALUASI, dari)
        await audit.record(actor, "finalkanEvaluasi", evaluasi, pegawai_id=evaluasi.pegawai_id,
                           before=before)  # fmt: skip
    return evaluasi
