"""A tukin run: a month for a unit subtree (or the whole ministry), planned as batches of
whole units — one message each, applied once, marked DONE in the transaction that writes
its results — with progress, and a heartbeat so a run whose worker died is resumed."""

from datetime import UTC, date, datetime, timedelta

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from ekinerja_graphql.config import Settings, get_settings
from ekinerja_graphql.domain.organisasi import is_within
from ekinerja_graphql.domain.tukin.bulan import format_bulan, tambah_bulan
from ekinerja_graphql.errors import BadUserInput, Conflict
from ekinerja_graphql.models import (
    Pegawai,
    StatusBatch,
    SyncStatus,
    TukinBatch,
    TukinRun,
    UnitOrganisasi,
)
from ekinerja_graphql.models.unit_organisasi import in_subtree
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.tukin.akses import pastikan_admin
from ekinerja_graphql.services.tukin.aturan import aturan_berlaku
from ekinerja_graphql.services.tukin.hitung import hitung
from ekinerja_graphql.services.tukin.masukan import STATUS_DIHITUNG

MAX_ATTEMPTS = 6  # a batch message and its 5 retries


def _now() -> datetime:
    return datetime.now(UTC)


def stale_before() -> datetime:
    return _now() - timedelta(seconds=get_settings().sync_stale_seconds)


async def mulai(actor: Actor, bulan: date, unit_id: int | None) -> TukinRun:
    """A new RUNNING run; CONFLICT naming a run going for this month over the same units
    (the unit, a unit above or below it), unless it is this very run and its worker died:
    then that one, to resume."""
    path = await pastikan_admin(actor.viewer, unit_id)
    this_month = actor.today.replace(day=1)
    if bulan >= this_month:  # its remaining working days would count as TK
        raise BadUserInput("bulan", f"a month that has ended (up to "
                           f"{format_bulan(tambah_bulan(this_month, -1))})")  # fmt: skip
    try:
        await aturan_berlaku(bulan)
    except LookupError as error:
        raise BadUserInput("bulan", f"a month with a rule set in force ({error})") from None
    key = f"{format_bulan(bulan)}:{unit_id or ''}"
    async with in_transaction() as connection:
        if connection.capabilities.dialect == "postgres":  # SQLite writes one at a time
            # Starts one at a time, so two overlapping runs cannot both pass the check below.
            await connection.execute_query("SELECT pg_advisory_xact_lock(hashtext('tukin-run'))")
        going = await TukinRun.filter(active_key=key).select_for_update().first()
        if going is not None:
            if (going.heartbeat_at or going.created_at) >= stale_before():
                raise Conflict(f"tukin for {format_bulan(bulan)} of this unit is being computed: "
                               f"TukinRun {going.id}", extensions={"tukinRunId": going.id})
            await denyut(going)
            return going
        await _no_overlap(bulan, path)
        try:
            run = await TukinRun.create(bulan=bulan, unit_id=unit_id, status=SyncStatus.RUNNING,
                                        requested_by=actor.subject, started_at=_now(),
                                        heartbeat_at=_now(), active_key=key)  # fmt: skip
        except IntegrityError:
            raise Conflict(f"tukin for {format_bulan(bulan)} has just been started") from None
        await audit.record(actor, "mulaiHitungTukin", run, pegawai_id=None)
    return run


async def _no_overlap(bulan: date, path: str | None) -> None:
    """Two runs over the same pegawai would write the same results at once."""
    going = await TukinRun.filter(bulan=bulan, status=SyncStatus.RUNNING).values(
        "id", unit_path="unit__path")
    for other in going:
        other_path = other["unit_path"]
        if (path is None or other_path is None or is_within(path, other_path)
                or is_within(other_path, path)):  # fmt: skip
            raise Conflict(f"tukin for {format_bulan(bulan)} is being computed for units "
                           f"that overlap these: TukinRun {other['id']}",
                           extensions={"tukinRunId": other["id"]})  # fmt: skip


async def rencanakan(run_id: int, settings: Settings) -> list[int]:
    """The run's pending batch numbers, planning them first when the run is new: the
    subtree's units in path order, packed whole into batches of about
    `tukin_batch_pegawai` pegawai."""
    run = await TukinRun.get(id=run_id)
    if run.status is not SyncStatus.RUNNING:
        return []
    async with in_transaction():
        run = await TukinRun.filter(id=run_id).select_for_update().get()
        if run.batches == 0:
            await _plan(run, settings.tukin_batch_pegawai)
    await denyut(run)
    pending = TukinBatch.filter(run_id=run_id, status=StatusBatch.PENDING)
    numbers = await pending.order_by("nomor").values_list("nomor", flat=True)
    if not numbers:
        await _mungkin_selesai(run_id)
    return list(numbers)


async def _plan(run: TukinRun, size: int) -> None:
    units = UnitOrganisasi.all()
    if run.unit_id is not None:
        path = (await UnitOrganisasi.get(id=run.unit_id)).path
        units = units.filter(in_subtree(path, "path"))
    unit_ids = await units.order_by("path").values_list("id", flat=True)
    pegawai = Pegawai.filter(status__in=STATUS_DIHITUNG)
    if run.unit_id is not None:
        pegawai = pegawai.filter(unit_id__in=unit_ids)
    counts = dict(await pegawai.annotate(n=Count("id")).group_by("unit_id").values_list(
        "unit_id", "n"))
    batches, current, filled = [], [], 0
    for unit_id in unit_ids:
        if not counts.get(unit_id):
            continue
        current.append(unit_id)
        filled += counts[unit_id]
        if filled >= size:
            batches.append((current, filled))
            current, filled = [], 0
    if current:
        batches.append((current, filled))
    await TukinBatch.bulk_create([
        TukinBatch(run_id=run.id, nomor=n, unit_ids=ids, pegawai=count)
        for n, (ids, count) in enumerate(batches, start=1)
    ])  # fmt: skip
    run.total = sum(count for _, count in batches)
    run.batches = len(batches)
    await run.save(update_fields=["total", "batches", "updated_at"])


async def proses_batch(run_id: int, nomor: int, claimant: str, settings: Settings) -> bool:
    """Computes one batch; False when it is done, or taken by a live task (a duplicate
    message), or the run is no longer going. A failure gives the batch back for the
    message's retry; past MAX_ATTEMPTS claims the run fails, naming the last error."""
    claimed = await TukinBatch.filter(
        Q(claimed_by=None) | Q(claimed_at__lt=stale_before()), run_id=run_id, nomor=nomor,
        status=StatusBatch.PENDING,
    ).update(claimed_by=claimant, claimed_at=_now(), attempts=F("attempts") + 1)  # fmt: skip
    run = await TukinRun.get(id=run_id)
    if not claimed or run.status is not SyncStatus.RUNNING:
        return False
    batch = await TukinBatch.get(run_id=run_id, nomor=nomor)
    if batch.attempts > MAX_ATTEMPTS:
        await gagal(run_id, f"batch {nomor} failed {MAX_ATTEMPTS} times; last: "
                    f"{run.error_summary or 'its worker stopped'}")  # fmt: skip
        return False
    ids = await Pegawai.filter(unit_id__in=batch.unit_ids, status__in=STATUS_DIHITUNG
                               ).order_by("id").values_list("id", flat=True)  # fmt: skip

    async def mark_done(connection, written: int) -> None:
        done = await TukinBatch.filter(id=batch.id, claimed_by=claimant,
                                       status=StatusBatch.PENDING).using_db(connection).update(
            status=StatusBatch.DONE, done_at=_now())  # fmt: skip
        if not done:
            raise Conflict("the batch was taken over while computing")  # rolls back
        await TukinRun.filter(id=run_id).using_db(connection).update(
            done=F("done") + written, batches_done=F("batches_done") + 1, heartbeat_at=_now())

    try:
        await hitung(list(ids), run.bulan, settings, run_id=run_id, in_same_transaction=mark_done)
    except Exception as error:
        await TukinBatch.filter(id=batch.id, claimed_by=claimant).update(claimed_by=None)
        await TukinRun.filter(id=run_id).update(error_summary=f"batch {nomor}: {error!r}"[:2000])
        raise
    await _mungkin_selesai(run_id)
    return True


async def _mungkin_selesai(run_id: int) -> None:
    """SUCCEEDED once every batch is done (whichever task finishes last)."""
    if await TukinBatch.filter(run_id=run_id, status=StatusBatch.PENDING).exists():
        return
    finished = await TukinRun.filter(id=run_id, status=SyncStatus.RUNNING).update(
        status=SyncStatus.SUCCEEDED, finished_at=_now(), active_key=None)
    if finished:  # a month's worth of new rows: the next run's plans need the statistics
        await connections.get("default").execute_script("ANALYZE tukin")


async def gagal(run_id: int, reason: str) -> None:
    await TukinRun.filter(id=run_id, status=SyncStatus.RUNNING).update(
        status=SyncStatus.FAILED, finished_at=_now(), active_key=None, error_summary=reason)


async def denyut(run: TukinRun) -> None:
    await TukinRun.filter(id=run.id).update(heartbeat_at=_now())


async def macet() -> list[int]:
    """RUNNING runs whose heartbeat stopped (the scheduler resumes them)."""
    return list(await TukinRun.filter(status=SyncStatus.RUNNING,
                                      heartbeat_at__lt=stale_before()).values_list(
        "id", flat=True))  # fmt: skip
