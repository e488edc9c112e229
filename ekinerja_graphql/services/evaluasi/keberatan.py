"""Keberatan (PP 30/2019): the pegawai objects to a fixed predikat within the window; the
atasan pejabat penilai decides, finally. A final evaluation is queued for SIASN."""

from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.evaluasi import KeputusanKeberatan, StatusEvaluasi
from ekinerja_graphql.domain.predikat import Rating, predikat_kinerja
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput, Conflict
from ekinerja_graphql.models import Evaluasi, Keberatan
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.evaluasi.finalisasi import batas_keberatan
from ekinerja_graphql.services.evaluasi.kiriman import antre_ulang
from ekinerja_graphql.services.evaluasi.records import catat_riwayat, langkah, muat_evaluasi
from ekinerja_graphql.services.evaluasi.snapshot import angka_kredit_of
from ekinerja_graphql.services.tukin.predikat_final import tandai_stale_evaluasi
from ekinerja_graphql.services.versioning import save_versioned

PANJANG_ALASAN = 2000


async def ajukan(actor: Actor, evaluasi_id: int, version: int, alasan: str,
                 keberatan_days: int) -> Evaluasi:  # fmt: skip
    alasan = alasan.strip()
    if not 10 <= len(alasan) <= PANJANG_ALASAN:
        raise BadUserInput("alasan", f"10 to {PANJANG_ALASAN} characters saying why")
    async with in_transaction():
        terpilih = await muat_evaluasi(evaluasi_id, Aksi.AJUKAN_KEBERATAN, actor)
        evaluasi = terpilih.evaluasi
        batas = batas_keberatan(evaluasi, keberatan_days)
        if actor.today > batas:
            raise Conflict(f"the keberatan window closed on {batas} ({keberatan_days} days after "
                           "penetapan)", current_status=evaluasi.status)  # fmt: skip
        before, dari = audit.snapshot(evaluasi), evaluasi.status
        await save_versioned(evaluasi, version, status=StatusEvaluasi.KEBERATAN)
        await Keberatan.create(
            evaluasi_id=evaluasi.id, alasan=alasan,
            rating_hasil_kerja_semula=evaluasi.rating_hasil_kerja,
            rating_perilaku_kerja_semula=evaluasi.rating_perilaku_kerja,
            predikat_semula=evaluasi.predikat,
        )
        await catat_riwayat(actor, evaluasi, Aksi.AJUKAN_KEBERATAN, dari, alasan)
        await audit.record(actor, "ajukanKeberatan", evaluasi, pegawai_id=evaluasi.pegawai_id,
                           before=before)  # fmt: skip
    return evaluasi


@dataclass(frozen=True, slots=True)
class Keputusan:
    keputusan: KeputusanKeberatan
    catatan: str
    rating_hasil_kerja: Rating | None = None  # DITERIMA: the ratings as decided
    rating_perilaku_kerja: Rating | None = None


async def putuskan(actor: Actor, evaluasi_id: int, version: int, keputusan: Keputusan
                   ) -> Evaluasi:  # fmt: skip
    catatan = keputusan.catatan.strip()
    if not 1 <= len(catatan) <= PANJANG_ALASAN:
        raise BadUserInput("input.catatan", f"1 to {PANJANG_ALASAN} characters")
    async with in_transaction():
        evaluasi = (await muat_evaluasi(evaluasi_id, Aksi.PUTUSKAN_KEBERATAN, actor)).evaluasi
        changes = _perubahan(evaluasi, keputusan)
        if changes:  # from the evaluation's own snapshot: a later mutasi does not count
            changes["angka_kredit"] = angka_kredit_of(evaluasi.jenjang, evaluasi.bulan_dinilai,
                                                      changes["predikat"])  # fmt: skip
        before, dari = audit.snapshot(evaluasi), evaluasi.status
        now = datetime.now(UTC)
        await save_versioned(evaluasi, version, **changes, final_at=now,
                             status=langkah(dari, Aksi.PUTUSKAN_KEBERATAN, version))  # fmt: skip
        await Keberatan.filter(evaluasi_id=evaluasi.id).update(
            keputusan=keputusan.keputusan, catatan_keputusan=catatan, diputus_oleh=actor.subject,
            diputus_at=now,
        )
        await tandai_stale_evaluasi(evaluasi)  # tukin computed before it was final
        if changes:  # SIASN has the predikat fixed at penetapan: send the decided one
            await antre_ulang(evaluasi)
        await catat_riwayat(actor, evaluasi, Aksi.PUTUSKAN_KEBERATAN, dari,
                            f"{keputusan.keputusan}: {catatan}")  # fmt: skip
        await audit.record(actor, "putuskanKeberatan", evaluasi, pegawai_id=evaluasi.pegawai_id,
                           before=before)  # fmt: skip
    return evaluasi


def _perubahan(evaluasi: Evaluasi, keputusan: Keputusan) -> dict:
    ratings = (keputusan.rating_hasil_kerja, keputusan.rating_perilaku_kerja)
    if keputusan.keputusan == KeputusanKeberatan.DITOLAK:
        if any(rating is not None for rating in ratings):
            raise BadUserInput("input.ratingHasilKerja", "null when the keberatan is DITOLAK "
                               "(the ratings stand)")  # fmt: skip
        return {}
    if any(rating is None for rating in ratings):
        raise BadUserInput("input.ratingHasilKerja", "given with ratingPerilakuKerja when the "
                           "keberatan is DITERIMA")  # fmt: skip
    if ratings == (evaluasi.rating_hasil_kerja, evaluasi.rating_perilaku_kerja):
        raise BadUserInput("input.ratingHasilKerja", "different from the ratings objected to, "
                           "or decide DITOLAK")  # fmt: skip
    return {"rating_hasil_kerja": ratings[0], "rating_perilaku_kerja": ratings[1],
            "predikat": predikat_kinerja(*ratings)}  # fmt: skip

