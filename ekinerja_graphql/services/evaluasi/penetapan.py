"""Penetapan (spec/domain.md §4): the pejabat penilai fixes rated evaluations. The
distribution curve of the governing unit is checked first and blocks unless met or
overridden [D]: for TAHUNAN evaluations an organisation predikat must be set; for the
periodic ones the curve applies where one is set."""

from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.periode import JenisPeriode, Periode
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput, Conflict, NotFound
from ekinerja_graphql.models import Evaluasi, Pegawai, SiasnOutbox, Skp, UnitOrganisasi
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor, pastikan_boleh
from ekinerja_graphql.services.evaluasi.kiriman import kiriman
from ekinerja_graphql.services.evaluasi.records import Jejak, langkah, rantai_skp
from ekinerja_graphql.services.evaluasi.snapshot import Cache
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
    jejak = Jejak(actor, "tetapkanEvaluasi")
    fixed = []
    async with in_transaction():
        rows = await Evaluasi.select_for_update().filter(id__in=[i for i, _ in items])
        by_id = {row.id: row for row in rows}
        cache = Cache()
        await cache.preload(Skp, {row.skp_id for row in rows})
        pegawai = await cache.preload(Pegawai, {row.pegawai_id for row in rows})
        await cache.preload(UnitOrganisasi, {p.unit_id for p in pegawai})
        for index, (evaluasi_id, version) in enumerate(items):
            evaluasi = by_id.get(evaluasi_id)
            if evaluasi is None:
                raise NotFound(f"Evaluasi {evaluasi_id} does not exist", field=f"items[{index}].id")
            skp = await cache.get(Skp, evaluasi.skp_id)
            pastikan_boleh(actor, Aksi.TETAPKAN_EVALUASI, await rantai_skp(skp, cache),
                           f"Evaluasi {evaluasi_id}")  # fmt: skip
            dari = evaluasi.status
            ke = langkah(dari, Aksi.TETAPKAN_EVALUASI, evaluasi.version)
            periode = Periode(evaluasi.tahun, evaluasi.jenis_periode, evaluasi.nomor_periode)
            key = (evaluasi.unit_id, periode)
            if key not in curves:
                curves[key] = await laporan_kurva(evaluasi.unit_id, periode, settings, lock=True)
            _pastikan_kurva(curves[key], f"items[{index}]")
            before = audit.snapshot(evaluasi)
            await save_versioned(evaluasi, version, ditetapkan_at=datetime.now(UTC), status=ke)
            jejak.catat(evaluasi, Aksi.TETAPKAN_EVALUASI, dari, before=before)
            fixed.append(evaluasi)
        await jejak.tulis()
        await SiasnOutbox.bulk_create([kiriman(evaluasi) for evaluasi in fixed])
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
