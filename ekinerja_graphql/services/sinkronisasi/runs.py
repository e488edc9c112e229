"""A SyncRun's life: one running run per kind and scope, a heartbeat so a run whose worker
died is resumed, progress, and its records (differences, quarantine, failures)."""

from datetime import UTC, datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from ekinerja_graphql.config import get_settings
from ekinerja_graphql.errors import Conflict
from ekinerja_graphql.models import (
    SyncDifference,
    SyncFailure,
    SyncKind,
    SyncQuarantine,
    SyncRun,
    SyncStatus,
)
from ekinerja_graphql.siasn.errors import SiasnError, SiasnPayloadInvalid


def _now() -> datetime:
    return datetime.now(UTC)


def stale_before() -> datetime:
    """A run (or batch) whose heartbeat is older than this has lost its worker."""
    return _now() - timedelta(seconds=get_settings().sync_stale_seconds)


def active_key(kind: SyncKind, scope: str) -> str:
    return f"{kind}:{scope}"


async def mulai(kind: SyncKind, scope: str = "", requested_by: str | None = None,
                paksa: bool = False) -> SyncRun:  # fmt: skip
    """A new RUNNING run, or the one already running for kind and scope: CONFLICT naming
    it while its heartbeat beats, or that run itself, to resume, once its worker has died.
    `paksa` (force) cancels a running one and starts afresh."""
    key = active_key(kind, scope)
    async with in_transaction():
        running = await SyncRun.filter(active_key=key).select_for_update().first()
        if running is not None and paksa:
            await selesai(running, SyncStatus.CANCELLED, f"restarted by {requested_by}")
        elif running is not None:
            if not _is_stale(running):
                raise Conflict(f"a {kind} run for scope {scope!r} is running: SyncRun "
                               f"{running.id}", extensions={"syncRunId": running.id})  # fmt: skip
            await denyut(running)  # resumed: the caller sends its message again
            return running
        try:
            return await SyncRun.create(kind=kind, scope=scope, status=SyncStatus.RUNNING,
                                        requested_by=requested_by, started_at=_now(),
                                        heartbeat_at=_now(), active_key=key)  # fmt: skip
        except IntegrityError:
            raise Conflict(f"a {kind} run for scope {scope!r} has just started") from None


def _is_stale(run: SyncRun) -> bool:
    return (run.heartbeat_at or run.started_at) < stale_before()


async def macet() -> list[SyncRun]:
    """RUNNING runs whose heartbeat has stopped: their worker died (the scheduler resumes
    them)."""
    return await SyncRun.filter(status=SyncStatus.RUNNING, heartbeat_at__lt=stale_before())


async def klaim(run_id: int, claimant: str) -> SyncRun | None:
    """The RUNNING run for this worker task to work on, or None: finished, or taken by a
    task whose heartbeat still beats (a message delivered twice)."""
    claimed = await SyncRun.filter(
        Q(claimed_by=None) | Q(heartbeat_at__lt=stale_before()), id=run_id,
        status=SyncStatus.RUNNING,
    ).update(claimed_by=claimant, heartbeat_at=_now())  # fmt: skip
    return await SyncRun.get(id=run_id) if claimed else None


async def lepas(run: SyncRun) -> None:
    """Gives the run back when its task fails, for a retry of the message to take."""
    await SyncRun.filter(id=run.id, claimed_by=run.claimed_by).update(claimed_by=None)


async def denyut(run: SyncRun, done: int | None = None, total: int | None = None) -> None:
    """Heartbeat and progress."""
    run.heartbeat_at = _now()
    fields = ["heartbeat_at", "updated_at"]
    if done is not None:
        run.done, fields = done, [*fields, "done"]
    if total is not None:
        run.total, fields = total, [*fields, "total"]
    await run.save(update_fields=fields)


async def selesai(run: SyncRun, status: SyncStatus, error_summary: str | None = None) -> None:
    run.status, run.finished_at, run.active_key = status, _now(), None
    run.error_summary = error_summary
    await run.save(update_fields=["status", "finished_at", "active_key", "error_summary",
                                  "created_count", "updated_count", "unchanged_count",
                                  "deactivated_count", "quarantined_count", "failed_count",
                                  "done", "total", "updated_at"])  # fmt: skip


def baris_perbedaan(run: SyncRun, code: str, object_type: str, object_id: int | None,
                    siasn_id: str | None, field: str, old: object, new: object
                    ) -> SyncDifference:  # fmt: skip
    """A difference, not yet saved (a batch writes its own in one INSERT)."""
    return SyncDifference(run_id=run.id, code=code, object_type=object_type,
                          object_id=object_id, siasn_id=siasn_id, field=field,
                          old=None if old is None else str(old),
                          new=None if new is None else str(new))  # fmt: skip


async def perbedaan(run: SyncRun, code: str, object_type: str, object_id: int | None,
                    siasn_id: str | None, field: str, old: object, new: object) -> None:
    await baris_perbedaan(run, code, object_type, object_id, siasn_id, field, old, new).save()


async def karantina(run: SyncRun, invalid: SiasnPayloadInvalid, source: str) -> None:
    run.quarantined_count += 1
    await SyncQuarantine.create(run=run, source=source[:120], reason=invalid.message,
                                payload=invalid.payload)  # fmt: skip


async def gagal(run: SyncRun, error: SiasnError, key: str | None) -> None:
    run.failed_count += 1
    await SyncFailure.create(run=run, code=error.code, penanggung=error.penanggung.value,
                             key=key, message=error.message)  # fmt: skip
