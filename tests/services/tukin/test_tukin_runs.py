"""Tukin runs through real dramatiq workers on a real Redis: a subtree planned as batches
of whole units, each applied once; a duplicate message changes nothing; a run is refused
while one is going and resumed once its worker died; admins only, of their units."""

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from ekinerja_graphql.errors import BadUserInput, Conflict, Forbidden
from ekinerja_graphql.models import (
    Pegawai,
    StatusBatch,
    SyncStatus,
    Tukin,
    TukinBatch,
    TukinRiwayat,
    TukinRun,
    UnitOrganisasi,
)
from ekinerja_graphql.models.unit_organisasi import in_subtree
from ekinerja_graphql.services.tukin import runs
from ekinerja_graphql.services.tukin.masukan import STATUS_DIHITUNG
from tests.services.skp_support import actor
from tests.services.tukin.support import OKTOBER, admin_pusat_actor, admin_unit_actor
from tests.support.workers import drain, running_worker


@pytest.fixture
async def clean(seeded_db):
    yield seeded_db
    for model in (Tukin, TukinRiwayat, TukinRun):
        await model.all().delete()


@pytest.fixture
def tukin_worker(redis_settings, clean):
    with running_worker(redis_settings.model_copy(update={"tukin_batch_pegawai": 40})) as worker:
        yield worker


async def test_the_whole_ministry_in_batches_of_whole_units(clean, tukin_worker):
    from workers.tukin import hitung_tukin

    run = await runs.mulai(await admin_pusat_actor(), OKTOBER, None)
    await asyncio.to_thread(hitung_tukin.send, run.id)
    await asyncio.to_thread(drain, tukin_worker, "tukin")
    run = await TukinRun.get(id=run.id)
    employed = await Pegawai.filter(status__in=STATUS_DIHITUNG).count()
    assert (run.status, run.total, run.done) == (SyncStatus.SUCCEEDED, employed, employed)
    assert run.batches > 1 and run.batches_done == run.batches and run.active_key is None
    assert await Tukin.filter(bulan=OKTOBER, run_id=run.id).count() == employed
    units = [ids for ids in await TukinBatch.filter(run_id=run.id).values_list("unit_ids",
                                                                                flat=True)]
    flat = [unit for batch in units for unit in batch]
    assert len(flat) == len(set(flat))  # a unit in one batch only

    # A duplicate message of a done batch, and of the run, changes nothing.
    from workers.tukin import hitung_tukin_batch

    await asyncio.to_thread(hitung_tukin_batch.send, run.id, 1)
    await asyncio.to_thread(hitung_tukin.send, run.id)
    await asyncio.to_thread(drain, tukin_worker, "tukin")
    assert await TukinRiwayat.all().count() == 0
    assert (await TukinRun.get(id=run.id)).done == employed


async def test_admin_unit_runs_its_subtree_only(clean, tukin_worker):
    from workers.tukin import hitung_tukin

    admin, unit_id = await admin_unit_actor()
    path = (await UnitOrganisasi.get(id=unit_id)).path
    run = await runs.mulai(admin, OKTOBER, unit_id)
    await asyncio.to_thread(hitung_tukin.send, run.id)
    await asyncio.to_thread(drain, tukin_worker, "tukin")
    inside = await Pegawai.filter(in_subtree(path), status__in=STATUS_DIHITUNG).count()
    assert await Tukin.all().count() == inside == (await TukinRun.get(id=run.id)).done
    other = await UnitOrganisasi.exclude(in_subtree(path, "path")).filter(depth=1).first()
    with pytest.raises(Forbidden):
        await runs.mulai(admin, OKTOBER, other.id)
    with pytest.raises(Forbidden):
        await runs.mulai(admin, OKTOBER, None)  # the ministry is ADMIN_PUSAT's


async def test_a_going_run_is_conflict_and_a_dead_one_is_resumed(clean):
    admin = await admin_pusat_actor()
    going = await runs.mulai(admin, OKTOBER, None)
    with pytest.raises(Conflict) as conflict:
        await runs.mulai(admin, OKTOBER, None)
    assert conflict.value.extensions["tukinRunId"] == going.id
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    await TukinRun.filter(id=going.id).update(heartbeat_at=long_ago)
    assert await runs.macet() == [going.id]
    assert (await runs.mulai(admin, OKTOBER, None)).id == going.id


async def test_a_future_month_and_the_caller_who_is_no_admin_are_refused(clean):
    admin = await admin_pusat_actor()
    with pytest.raises(BadUserInput) as future:
        await runs.mulai(admin, admin.today.replace(day=1, year=admin.today.year + 1), None)
    assert future.value.field == "bulan"
    pegawai = await Pegawai.filter(status="AKTIF").order_by("-id").first()
    with pytest.raises(Forbidden):
        await runs.mulai(await actor(pegawai), OKTOBER, pegawai.unit_id)
    assert await TukinRun.all().count() == 0


async def test_a_batch_taken_by_a_live_task_is_left_alone(clean, redis_settings):
    admin = await admin_pusat_actor()
    run = await runs.mulai(admin, OKTOBER, None)
    settings = redis_settings.model_copy(update={"tukin_batch_pegawai": 40})
    numbers = await runs.rencanakan(run.id, settings)
    await TukinBatch.filter(run_id=run.id, nomor=numbers[0]).update(
        claimed_by="another", claimed_at=datetime.now(UTC))
    assert not await runs.proses_batch(run.id, numbers[0], "me", settings)
    assert await runs.proses_batch(run.id, numbers[1], "me", settings)
    batch = await TukinBatch.get(run_id=run.id, nomor=numbers[1])
    assert batch.status is StatusBatch.DONE


async def test_a_failing_batch_is_given_back_and_past_its_attempts_fails_the_run(
        clean, redis_settings, monkeypatch):
    from ekinerja_graphql.services.tukin import runs as runs_module

    async def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(runs_module, "hitung", broken)
    settings = redis_settings.model_copy(update={"tukin_batch_pegawai": 40})
    run = await runs.mulai(await admin_pusat_actor(), OKTOBER, None)
    (first, *_) = await runs.rencanakan(run.id, settings)
    for attempt in range(1, runs.MAX_ATTEMPTS + 1):
        with pytest.raises(RuntimeError):
            await runs.proses_batch(run.id, first, f"task-{attempt}", settings)
        batch = await TukinBatch.get(run_id=run.id, nomor=first)
        assert (batch.claimed_by, batch.attempts) == (None, attempt)  # given back
    assert "batch 1: RuntimeError('disk full')" in (await TukinRun.get(id=run.id)).error_summary
    assert not await runs.proses_batch(run.id, first, "task-last", settings)
    failed = await TukinRun.get(id=run.id)
    assert (failed.status, failed.active_key) == (SyncStatus.FAILED, None)
    assert failed.error_summary.startswith(f"batch 1 failed {runs.MAX_ATTEMPTS} times; last: ")
    assert (await runs.mulai(await admin_pusat_actor(), OKTOBER, None)).id != run.id


async def test_runs_over_overlapping_units_are_conflict_and_only_ended_months_run(clean):
    admin = await admin_pusat_actor()
    kanwil = await UnitOrganisasi.filter(jenis="KANWIL").order_by("id").first()
    child = await UnitOrganisasi.filter(parent_id=kanwil.id).order_by("id").first()
    going = await runs.mulai(admin, OKTOBER, kanwil.id)
    for unit in (child.id, None):  # below it, and the whole ministry above it
        with pytest.raises(Conflict) as conflict:
            await runs.mulai(admin, OKTOBER, unit)
        assert conflict.value.extensions["tukinRunId"] == going.id
    other = await UnitOrganisasi.filter(depth=kanwil.depth).exclude(id=kanwil.id).first()
    assert (await runs.mulai(admin, OKTOBER, other.id)).id != going.id  # apart: fine
    this_month = admin.today.replace(day=1)
    with pytest.raises(BadUserInput) as current:
        await runs.mulai(admin, this_month, None)
    assert "a month that has ended" in current.value.message
    with pytest.raises(BadUserInput) as early:
        await runs.mulai(admin, date(2005, 1, 1), None)  # before any rule set
    assert early.value.field == "bulan"


async def test_two_overlapping_runs_started_at_once_are_one_run_and_a_conflict(clean):
    admin = await admin_pusat_actor()
    kanwil = await UnitOrganisasi.filter(jenis="KANWIL").order_by("id").first()
    outcomes = await asyncio.gather(runs.mulai(admin, OKTOBER, kanwil.id),
                                    runs.mulai(admin, OKTOBER, None),
                                    return_exceptions=True)  # fmt: skip
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "TukinRun"]
    assert await TukinRun.filter(status=SyncStatus.RUNNING).count() == 1
