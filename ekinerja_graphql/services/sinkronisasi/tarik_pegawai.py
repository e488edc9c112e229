"""A pegawai run (PULL_FULL, PULL_INCREMENTAL) from start to end: the unit tree first (a
PULL_UNOR run of its own), then the plan and its batches, each sent as a message; the
task that finds the last batch done ends the run, after setting each unit's pemimpin.
Every step can be repeated: a run resumed after its worker died picks up where it was."""

import uuid
from collections.abc import Awaitable, Callable

from tortoise.functions import Count

from ekinerja_graphql.config import Settings
from ekinerja_graphql.errors import Conflict
from ekinerja_graphql.models import (
    StatusBatch,
    SyncBatch,
    SyncFailure,
    SyncKind,
    SyncRun,
    SyncStatus,
)
from ekinerja_graphql.services.sinkronisasi import rencana, runs
from ekinerja_graphql.services.sinkronisasi.unor import tarik_unor, tetapkan_pemimpin
from ekinerja_graphql.siasn.client import SiasnClient
from ekinerja_graphql.siasn.errors import SiasnError

UNOR_RUN = "unorRunId"  # cursor_before key: the PULL_UNOR run this run started

SendBatch = Callable[[int, int], Awaitable[None]]  # (run id, batch nomor)


async def jalankan(run_id: int, client: SiasnClient, settings: Settings,
                   send_batch: SendBatch) -> None:  # fmt: skip
    """The run's first task (and a resumed run's): unor, plan, batches sent."""
    run = await runs.klaim(run_id, uuid.uuid4().hex)
    if run is None:
        return  # over, or a live task has it
    try:
        if UNOR_RUN not in (run.cursor_before or {}):
            await _unor_first(run, client)
        await rencana.rencanakan(run, client, settings)
        pending = await (SyncBatch.filter(run=run, status=StatusBatch.PENDING)
                         .order_by("nomor").values_list("nomor", flat=True))  # fmt: skip
        for nomor in pending:
            await send_batch(run.id, nomor)
    finally:
        await runs.lepas(run)
    await mungkin_selesai(run_id, client)


async def _unor_first(run: SyncRun, client: SiasnClient) -> None:
    """The tree first, so new units exist for the pegawai placed in them. A ref-unor pull
    already going (fresh) is left to finish on its own."""
    unor_run_id = None
    try:
        unor_run = await runs.mulai(SyncKind.PULL_UNOR, requested_by=f"SyncRun {run.id}")
    except Conflict as going:
        unor_run_id = going.extensions.get("syncRunId")
    else:
        claimed = await runs.klaim(unor_run.id, uuid.uuid4().hex)
        if claimed is not None:
            await tarik_unor(claimed, client)
        unor_run_id = unor_run.id
    run.cursor_before = {**(run.cursor_before or {}), UNOR_RUN: unor_run_id}
    await runs.denyut(run)
    await run.save(update_fields=["cursor_before"])


async def mungkin_selesai(run_id: int, client: SiasnClient) -> bool:
    """Ends the run when no batch is pending and it is planned; True when this task did."""
    if await SyncBatch.filter(run_id=run_id, status=StatusBatch.PENDING).exists():
        return False
    run = await runs.klaim(run_id, uuid.uuid4().hex)
    if run is None:
        return False
    if run.total is None:  # not planned yet: the task planning it ends it
        await runs.lepas(run)
        return False
    try:
        await _pemimpin(run, client)
        summary = await _failure_summary(run)
        await runs.selesai(run, SyncStatus.FAILED if summary else SyncStatus.SUCCEEDED, summary)
    except BaseException:
        await runs.lepas(run)
        raise
    return True


async def _pemimpin(run: SyncRun, client: SiasnClient) -> None:
    """Heads named in ref-unor are set once their pegawai exist: after the batches."""
    try:
        parsed = await client.ref_unor()
    except SiasnError as error:
        await runs.gagal(run, error, "ref-unor (pemimpin)")
        return
    await tetapkan_pemimpin(run, parsed.items)


async def _failure_summary(run: SyncRun) -> str | None:
    rows = await (SyncFailure.filter(run=run).annotate(n=Count("id")).group_by("code")
                  .order_by("code").values_list("code", "n"))  # fmt: skip
    if not rows:
        return None
    return f"{run.failed_count} failed: " + ", ".join(f"{code} {n}" for code, n in rows)
