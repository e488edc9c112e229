from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from tortoise import connections
from tortoise.expressions import RawSQL

from ekinerja_graphql.api.loaders import (
    BatchFunction,
    LoaderSpec,
    RequestLoaders,
    by_id,
    grouped,
)
from ekinerja_graphql.api.plain_values import columns
from ekinerja_graphql.models import AturanTukin, Tukin, TukinRiwayat, TukinRun
from ekinerja_graphql.services.tukin.sql import ids_in, tanggal

TUKIN_BY_PEGAWAI_BULAN = grouped("tukin_by_pegawai_bulan", Tukin, ("pegawai_id", "bulan"))
TUKIN_RUN_BY_ID = by_id("tukin_run", TukinRun, unit_path="unit__path")
ATURAN_BY_ID = by_id("aturan_tukin", AturanTukin)


def _riwayat(loaders: RequestLoaders) -> BatchFunction:
    """The newest `n` replaced results of each (pegawai, month), oldest first; keys are
    `(pegawai_id, bulan, n)`. A window picks them in SQL: a long history costs what is
    shown."""

    async def load(keys: Sequence[tuple[int, date, int]]) -> list[list[dict]]:
        groups: dict[tuple[date, int], set[int]] = defaultdict(set)
        for pegawai_id, bulan, n in keys:
            groups[(bulan, int(n))].add(int(pegawai_id))
        postgres = connections.get("default").capabilities.dialect == "postgres"
        found: dict[tuple[int, date, int], list[dict]] = defaultdict(list)
        for (bulan, n), ids in groups.items():
            # Literals are ints and a date this code made.
            newest = RawSQL(
                f'(SELECT "id" FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "pegawai_id"'
                f' ORDER BY "id" DESC) "n" FROM "tukin_riwayat" WHERE "bulan" = '
                f'{tanggal(bulan, postgres)} AND "pegawai_id" {ids_in(sorted(ids))}) "newest"'
                f' WHERE "n" <= {n})')
            rows = await TukinRiwayat.filter(id__in=newest).order_by("id").values(
                **columns(TukinRiwayat))
            for row in rows:
                found[(row["pegawai_id"], bulan, n)].append(row)
        return [found.get((int(p), b, int(n)), []) for p, b, n in keys]

    return load


TUKIN_RIWAYAT = LoaderSpec("tukin_riwayat", _riwayat)
