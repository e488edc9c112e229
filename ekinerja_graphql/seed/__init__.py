"""Deterministic synthetic ministry (Kemenag-shaped) and its bulk loader.

`seed_database` fills a migrated, empty database. Generation runs in a worker
thread one batch ahead of loading, so Python and the database work at once.
"""

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from datetime import date

from ekinerja_graphql.seed.context import SeedContext
from ekinerja_graphql.seed.generator import SeedGenerator
from ekinerja_graphql.seed.loader import Loader, open_loader
from ekinerja_graphql.seed.organisasi import MIN_UNITS
from ekinerja_graphql.seed.result import SeedError, SeedSummary
from ekinerja_graphql.seed.tables import Batch

__all__ = ["SeedError", "SeedSummary", "seed_database"]

Progress = Callable[[str, int, int], None]


async def seed_database(
    pegawai_count: int,
    *,
    random_seed: int = 2026,
    tahun: int = 2026,
    as_of: date = date(2026, 11, 23),
    progress: Progress | None = None,
) -> SeedSummary:
    """Fill an empty, migrated database (Tortoise initialised) with a synthetic ministry.

    progress(stage, done, total) is called as stages advance: "unit", "pegawai", "selesai".
    """
    if pegawai_count < MIN_UNITS:
        raise SeedError(f"pegawai_count must be at least {MIN_UNITS}, got {pegawai_count}")
    started = time.perf_counter()
    report = progress or (lambda stage, done, total: None)
    counts: Counter[str] = Counter()
    async with open_loader() as loader:
        await _ensure_empty(loader)
        generator = await asyncio.to_thread(
            SeedGenerator, pegawai_count, random_seed, SeedContext(tahun, as_of)
        )
        await _load(loader, generator.master_batch(), counts)
        report("unit", counts["unit_organisasi"], counts["unit_organisasi"])
        await _load_pegawai(loader, generator, counts, report)
        await loader.set_pemimpin(generator.pemimpin())
        report("selesai", 0, 1)
        await loader.finish()
        report("selesai", 1, 1)
    return _summary(counts, time.perf_counter() - started)


async def _ensure_empty(loader: Loader) -> None:
    pegawai = await loader.count("pegawai")
    if pegawai:
        raise SeedError(
            f"database already holds {pegawai} pegawai; seed only fills an empty database"
        )
    units = await loader.count("unit_organisasi")
    if units:
        raise SeedError(f"database already holds {units} units; seed only fills an empty database")


async def _load_pegawai(loader: Loader, generator: SeedGenerator, counts, report) -> None:
    """Load batch n while the worker thread generates batch n + 1."""
    chunks = generator.chunks()
    batch = await asyncio.to_thread(next, chunks, None)
    while batch is not None:
        batch, _ = await asyncio.gather(
            asyncio.to_thread(next, chunks, None), _load(loader, batch, counts)
        )
        report("pegawai", counts["pegawai"], generator.pegawai_count)


async def _load(loader: Loader, batch: Batch, counts: Counter[str]) -> None:
    await loader.load(batch)
    for table, rows in batch.in_load_order():
        counts[table.name] += len(rows)


def _summary(counts: Counter[str], elapsed: float) -> SeedSummary:
    return SeedSummary(
        units=counts["unit_organisasi"],
        pejabat_negara=counts["pejabat_negara"],
        jabatan=counts["jabatan"],
        pegawai=counts["pegawai"],
        skp=counts["skp"],
        rhk=counts["rencana_hasil_kerja"],
        indikator=counts["indikator_kinerja"],
        perilaku=counts["perilaku_kerja"],
        realisasi=counts["realisasi"],
        evaluasi=counts["evaluasi"],
        elapsed_seconds=round(elapsed, 3),
    )
