"""Penetapan (spec/domain.md §4): the pejabat penilai fixes rated evaluations. The
distribution curve of the governing unit is checked first and blocks unless met or
overridden [D]: for TAHUNAN evaluations an organisation predikat must be set; for the
periodic ones the curve applies where one is set."""

from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.periode import JenisPeriode, Periode
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput, Conflict
from ekinerja_graphql.models import Evaluasi
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.evaluasi.records import catat_riwayat, langkah, muat_evaluasi
from ekinerja_graphql.services.organisasi_predikat import LaporanKurva, laporan_kurva
from ekinerja_graphql.services.versioning import save_versioned

MAKS_PENETAPAN = 100


async def tetapkan(actor: Actor, items: list[tuple[int, int]], settings: Settings
                   ) -> list[Evaluasi]:  # fmt: skip
    """(evaluasi id, version) pairs, fixed together or not at all."""
    if not 1 <= len(items) <= MAKS_PENETAPAN:
        raise BadUserInput("items", f"1 to {MAKS_PENETAPAN} evaluations")
    if len({evaluasi_id for evaluasi_id, _ in items}) != len(items):
        raise BadUserInput("items", "distinct evaluations")
    curves: dict[tuple[int, Periode], LaporanKurva] = {}
    fixed = []
    async with in_transaction():
        for index, (evaluasi_id, version) in enumerate(items):
            terpilih = await muat_evaluasi(evaluasi_id, Aksi.TETAPKAN_EVALUASI, actor)
            evaluasi = terpilih.evaluasi
            periode = Periode(evaluasi.tahun, evaluasi.jenis_periode, evaluasi.nomor_periode)
            key = (evaluasi.unit_id, periode)
            if key not in curves:
                curves[key] = await laporan_kurva(evaluasi.unit_id, periode, settings)
            _pastikan_kurva(curves[key], f"items[{index}]")
            before, dari = audit.snapshot(evaluasi), evaluasi.status
            await save_versioned(evaluasi, version, ditetapkan_at=datetime.now(UTC),
                                 status=langkah(dari, Aksi.TETAPKAN_EVALUASI, version))
            await catat_riwayat(actor, evaluasi, Aksi.TETAPKAN_EVALUASI, dari)
            await audit.record(actor, "tetapkanEvaluasi", evaluasi,
                               pegawai_id=evaluasi.pegawai_id, before=before)  # fmt: skip
            fixed.append(evaluasi)
    return fixed


def _pastikan_kurva(laporan: LaporanKurva, field: str) -> None:
    periode = laporan.periode
    what = f"{periode.jenis} {periode.nomor}/{periode.tahun}"
    if laporan.predikat_organisasi is None:
        if periode.jenis is JenisPeriode.TAHUNAN:
            raise Conflict(f"{field}: no organisation predikat for {what} is set for unit "
                           f"{laporan.unit_id} or above it: the leader one level up sets it "
                           "before penetapan of the annual evaluations")  # fmt: skip
        return
    if not laporan.boleh_ditetapkan:
        raise Conflict(
            f"{field}: the predikat of unit {laporan.unit_id} for {what} do not fit the curve of "
            f"a unit rated {laporan.predikat_organisasi.predikat}: "
            + " ".join(p.pesan for p in laporan.pelanggaran)
            + " Change the ratings, or record an override with the reason.",
            extensions={"violations": [p.kode.value for p in laporan.pelanggaran]},
        )
