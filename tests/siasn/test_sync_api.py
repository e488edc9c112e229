"""Sync runs through GraphQL: ADMIN_PUSAT starts one (schema/operations), a real worker
runs it against the simulator, and the report reads back; everyone else is refused; a
second start while one runs is CONFLICT; a queue that cannot be reached is a 503."""

import asyncio

import dramatiq
from strawberry.relay import to_base64

from ekinerja_graphql.models import Pegawai, SyncKind, SyncRun
from ekinerja_graphql.services.sinkronisasi import runs
from tests.siasn.conftest import AS_OF
from tests.support.graphql import admin_pusat, operation, principal, run
from tests.support.workers import drain
from workers.broker import build_broker, use_broker

START = operation("MulaiSinkronisasi")
REPORT = operation("SyncRun")

async def test_admin_pusat_starts_a_run_and_reads_its_report(
    seeded_like_simulator, siasn_worker, simulator, test_settings
):
    kanwil = next(u for u in simulator.data.unor.values()
                  if u["NamaUnor"].startswith("Kantor Wilayah"))  # fmt: skip
    old_name = kanwil["NamaUnor"]
    simulator.data.rename_unor(kanwil["Id"], "Kantor Wilayah Provinsi Contoh")
    admin = await admin_pusat()
    started = await run(START, admin, test_settings, {"kind": "PULL_UNOR"})
    assert started.errors is None, started.errors
    assert started.data["mulaiSinkronisasi"]["status"] == "RUNNING"
    await asyncio.to_thread(drain, siasn_worker)
    report = await run(REPORT, admin, test_settings,
                       {"id": started.data["mulaiSinkronisasi"]["id"]})  # fmt: skip
    assert report.errors is None, report.errors
    found = report.data["syncRun"]
    assert (found["status"], found["updatedCount"], found["failedCount"]) == (
        "SUCCEEDED", 1, 0)
    (difference,) = [edge["node"] for edge in found["differences"]["edges"]]
    assert (difference["code"], difference["old"], difference["new"]) == (
        "UNOR_RENAMED", old_name, "Kantor Wilayah Provinsi Contoh")


async def test_a_full_pegawai_sync_reports_a_retirement_quarantine_and_progress(
    seeded_like_simulator, siasn_worker, simulator, test_settings
):
    data = simulator.data
    retired, bad = sorted(nip for nip, p in data.pns.items() if p["kedudukanPnsId"] == "01")[:2]
    data.retire(retired, AS_OF)
    data.pns[bad]["tglLahir"] = "31-02-1990"
    admin = await admin_pusat()
    started = await run(START, admin, test_settings, {"kind": "PULL_FULL"})
    assert started.errors is None, started.errors
    await asyncio.to_thread(drain, siasn_worker)
    report = await run(REPORT, admin, test_settings,
                       {"id": started.data["mulaiSinkronisasi"]["id"]})  # fmt: skip
    found = report.data["syncRun"]
    assert (found["kind"], found["status"], found["deactivatedCount"],
            found["quarantinedCount"], found["unchangedCount"]) == (
        "PULL_FULL", "SUCCEEDED", 1, 1, len(data.pns) - 2)  # fmt: skip
    (difference,) = [edge["node"] for edge in found["differences"]["edges"]]
    assert (difference["code"], difference["old"], difference["new"]) == (
        "PEGAWAI_DEACTIVATED", "AKTIF", "PENSIUN")
    (quarantined,) = [edge["node"] for edge in found["quarantined"]["edges"]]
    assert quarantined["source"] == f"data-utama {bad}"
    assert "tglLahir" in quarantined["reason"]


async def test_others_are_refused_and_a_running_kind_is_conflict(seeded_like_simulator,
                                                                 test_settings):
    pegawai = await Pegawai.filter(status="AKTIF").order_by("id").offset(20).first()
    refused = await run(START, principal(pegawai.nip), test_settings, {"kind": "PULL_UNOR"})
    assert refused.errors[0].extensions["code"] == "FORBIDDEN"
    listed = await run("{ syncRuns { totalCount } }", principal(pegawai.nip), test_settings)
    assert listed.errors[0].extensions["code"] == "FORBIDDEN"
    going = await runs.mulai(SyncKind.PULL_UNOR)
    conflict = await run(START, await admin_pusat(), test_settings, {"kind": "PULL_UNOR"})
    assert conflict.errors[0].extensions == {"code": "CONFLICT", "syncRunId": going.id}
    not_a_run = await run(START, await admin_pusat(), test_settings, {"kind": "PUSH_EVALUASI"})
    assert not_a_run.errors[0].extensions == {"code": "BAD_USER_INPUT", "field": "kind"}
    assert await SyncRun.all().count() == 1


async def test_a_queue_out_of_reach_is_unavailable_and_the_run_failed(seeded_like_simulator,
                                                                      test_settings):
    previous = dramatiq.get_broker()
    use_broker(build_broker(test_settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}),
                            namespace="unreachable"))  # fmt: skip
    try:
        result = await run(START, await admin_pusat(), test_settings, {"kind": "PULL_UNOR"})
    finally:
        use_broker(previous)
    assert result.errors[0].extensions["code"] == "SERVICE_UNAVAILABLE"
    (failed,) = await SyncRun.all()
    assert (failed.status, failed.active_key) == ("FAILED", None)
    node = await run('query ($id: ID!) { node(id: $id) { ... on SyncRun { status } } }',
                     await admin_pusat(), test_settings,
                     {"id": to_base64("SyncRun", failed.id)})  # fmt: skip
    assert node.data == {"node": {"status": "FAILED"}}
