from collections import defaultdict
from collections.abc import Sequence

from ekinerja_graphql.api.loaders import (
    BatchFunction,
    LoaderSpec,
    RequestLoaders,
    by_id,
    grouped,
    newest,
)
from ekinerja_graphql.api.permissions import OwnerRecords
from ekinerja_graphql.domain.skp import URUTAN_JENIS_RHK
from ekinerja_graphql.models import (
    IndikatorKinerja,
    PerilakuKerja,
    Realisasi,
    RencanaHasilKerja,
    Skp,
    SkpRiwayat,
    UmpanBalik,
)

# Owned rows reached without their owner (node, rhkAtasan) carry the owner's pegawai_id.
SKP_BY_ID = by_id("skp", Skp)
SKP_BY_PEGAWAI = grouped("skp_by_pegawai", Skp, ("pegawai_id",), ("-tahun", "-periode_awal", "id"))
SKP_BY_PEGAWAI_TAHUN = grouped(
    "skp_by_pegawai_tahun", Skp, ("pegawai_id", "tahun"), ("-periode_awal", "id")
)
RHK_BY_ID = by_id("rhk", RencanaHasilKerja, pegawai_id="skp__pegawai_id")
# rhkAtasan: with the scope columns of its owner, checked on the row (api/permissions).
RHK_ATASAN_CHECK = OwnerRecords("rhkAtasan", "skp__pegawai")
RHK_ATASAN_BY_ID = by_id("rhk_atasan", RencanaHasilKerja, pegawai_id="skp__pegawai_id",
                         **RHK_ATASAN_CHECK.columns)
RHK_BY_SKP = grouped(
    "rhk_by_skp", RencanaHasilKerja, ("skp_id",), ("urutan", "id"),
    sort_key=lambda row: URUTAN_JENIS_RHK[row["jenis"]], pegawai_id="skp__pegawai_id",
)
RHK_TURUNAN = grouped(
    "rhk_turunan", RencanaHasilKerja, ("rhk_atasan_id",), ("id",), pegawai_id="skp__pegawai_id"
)
INDIKATOR_BY_ID = by_id("indikator", IndikatorKinerja, pegawai_id="rhk__skp__pegawai_id")
INDIKATOR_BY_RHK = grouped("indikator_by_rhk", IndikatorKinerja, ("rhk_id",), ("urutan", "id"))
PERILAKU_BY_SKP = grouped("perilaku_by_skp", PerilakuKerja, ("skp_id",), ("id",))
REALISASI_BY_ID = by_id("realisasi", Realisasi, pegawai_id="indikator__rhk__skp__pegawai_id")
REALISASI_BY_INDIKATOR = grouped(
    "realisasi_by_indikator", Realisasi, ("indikator_id",), ("jenis_periode", "nomor_periode", "id")
)
RIWAYAT_BY_SKP = newest("riwayat_by_skp", SkpRiwayat, "skp_id")
UMPAN_BALIK_BY_RHK = grouped("umpan_balik_by_rhk", UmpanBalik, ("rhk_id",), ("id",))


def _rhk_of_skp_of(loaders: RequestLoaders) -> BatchFunction:
    """(pegawai id, tahun) -> the RHK of that pegawai's open SKP of the year."""

    async def load(keys: Sequence[tuple[int, int]]) -> list[list[dict]]:
        rows = await RencanaHasilKerja.filter(
            skp__pegawai_id__in=sorted({k[0] for k in keys}),
            skp__tahun__in=sorted({k[1] for k in keys}),
            skp__ditutup_pada__isnull=True,
        ).order_by("urutan", "id").values("id", "jenis", "uraian", owner="skp__pegawai_id",
                                          tahun="skp__tahun")  # fmt: skip
        groups: dict[tuple[int, int], list[dict]] = defaultdict(list)
        for row in rows:
            groups[(row["owner"], row["tahun"])].append(row)
        return [groups.get(tuple(key), []) for key in keys]

    return load


RHK_PENILAI_TAHUN = LoaderSpec("rhk_penilai_tahun", _rhk_of_skp_of)
