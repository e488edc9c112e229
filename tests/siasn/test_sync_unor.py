"""Pulling ref-unor into the unit tree (services/sinkronisasi/unor.py) from the simulator:
a database seeded like it finds nothing to change; an empty one gets the whole tree; a
rename, a move, a removal and a new unit are applied and recorded; what does not parse is
quarantined; one run per kind at a time."""

from datetime import timedelta

import pytest

from ekinerja_graphql.domain.organisasi import JenisUnit, child_path
from ekinerja_graphql.errors import Conflict
from ekinerja_graphql.models import (
    SyncDifference,
    SyncFailure,
    SyncKind,
    SyncQuarantine,
    SyncRun,
    UnitOrganisasi,
)
from ekinerja_graphql.services.sinkronisasi import runs
from ekinerja_graphql.services.sinkronisasi.unor import tarik_unor
from ekinerja_graphql.siasn.simulator.faults import Fault


async def pull(client) -> SyncRun:
    run = await runs.mulai(SyncKind.PULL_UNOR)
    return await tarik_unor(run, client)


async def differences(run: SyncRun) -> set[tuple[str, str, str | None, str | None]]:
    return {(d.code, d.field, d.old, d.new) for d in await SyncDifference.filter(run=run)}


async def assert_tree_consistent() -> None:
    units = {unit.id: unit for unit in await UnitOrganisasi.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id)
        assert unit.path == child_path(parent.path if parent else None, unit.id)
        assert unit.depth == (parent.depth + 1 if parent else 0)


async def test_a_database_seeded_like_siasn_is_unchanged(seeded_like_simulator, client, simulator):
    run = await pull(client)
    assert (run.status, run.active_key, run.unchanged_count, run.created_count,
            run.updated_count, run.deactivated_count) == (
        "SUCCEEDED", None, len(simulator.data.unor), 0, 0, 0)  # fmt: skip
    assert await differences(run) == set()


async def test_an_empty_database_gets_the_whole_tree_and_then_nothing_changes(
    empty_db, client, simulator
):
    run = await pull(client)
    assert (run.status, run.created_count) == ("SUCCEEDED", len(simulator.data.unor))
    await assert_tree_consistent()
    root = await UnitOrganisasi.get(parent_id=None)
    assert (root.nama, root.jenis) == ("Kementerian Agama", JenisUnit.KEMENTERIAN)
    again = await pull(client)
    assert (again.unchanged_count, again.created_count, again.updated_count) == (
        len(simulator.data.unor), 0, 0)


async def test_renames_moves_removals_and_new_units_are_applied_and_recorded(
    seeded_like_simulator, client, simulator
):
    data = simulator.data
    root_id = next(u["Id"] for u in data.unor.values() if not u["DiatasanId"])
    parents = {u["DiatasanId"] for u in data.unor.values()}
    kanwil = next(u for u in data.unor.values() if u["NamaUnor"].startswith("Kantor Wilayah"))
    subtree_root = next(u for u in data.unor.values()
                        if u["DiatasanId"] == kanwil["Id"] and u["Id"] in parents)  # fmt: skip
    leaf = next(u for u in data.unor.values() if u["Id"] not in parents
                and u["DiatasanId"] != subtree_root["Id"])  # fmt: skip
    old_name = kanwil["NamaUnor"]
    data.rename_unor(kanwil["Id"], "Kantor Wilayah Kementerian Agama Provinsi Baru")
    data.move_unor(subtree_root["Id"], root_id)
    data.remove_unor(leaf["Id"])
    new_id = data.add_unor("Madrasah Aliyah Negeri 99 Contoh", kanwil["Id"])
    run = await pull(client)
    assert (run.created_count, run.updated_count, run.deactivated_count) == (1, 2, 1)
    found = await differences(run)
    assert ("UNOR_RENAMED", "nama", old_name,
            "Kantor Wilayah Kementerian Agama Provinsi Baru") in found
    assert {code for code, *_ in found} == {"UNOR_RENAMED", "UNOR_MOVED", "UNOR_REMOVED",
                                           "UNOR_ADDED"}  # fmt: skip
    moved = await UnitOrganisasi.get(siasn_id=subtree_root["Id"])
    root = await UnitOrganisasi.get(siasn_id=root_id)
    assert (moved.parent_id, moved.depth) == (root.id, 1)
    await assert_tree_consistent()
    assert not (await UnitOrganisasi.get(siasn_id=leaf["Id"])).aktif
    added = await UnitOrganisasi.get(siasn_id=new_id)
    assert (added.jenis, added.parent_id) == (
        JenisUnit.MADRASAH, (await UnitOrganisasi.get(siasn_id=kanwil["Id"])).id)
    assert (await pull(client)).unchanged_count == len(data.unor)


async def test_an_unor_that_does_not_parse_is_quarantined_and_its_sub_units_reported(
    seeded_like_simulator, client, simulator
):
    data = simulator.data
    parents = {u["DiatasanId"] for u in data.unor.values()}
    broken = next(u for u in data.unor.values() if u["Id"] in parents and u["DiatasanId"])
    broken["NamaUnor"] = ""
    run = await pull(client)
    (kept,) = await SyncQuarantine.filter(run=run)
    assert (kept.source, kept.payload["Id"]) == ("ref-unor", broken["Id"])
    assert "NamaUnor" in kept.reason
    below, frontier = set(), {broken["Id"]}
    while frontier:
        frontier = {u["Id"] for u in data.unor.values() if u["DiatasanId"] in frontier}
        below |= frontier
    failures = await SyncFailure.filter(run=run)
    assert below and {f.key for f in failures} == below
    assert {(f.code, f.penanggung) for f in failures} == {
        ("UNOR_PARENT_UNKNOWN", "ADMIN_INSTANSI_SIASN")}
    assert (run.status, run.quarantined_count, run.deactivated_count) == (
        "FAILED", 1, 0)  # nothing removed for want of a parseable parent
    assert (await UnitOrganisasi.get(siasn_id=broken["Id"])).aktif


async def test_siasn_down_fails_the_run_as_transient(empty_db, client, simulator):
    simulator.faults.inject(*[Fault.SERVER_ERROR] * 4)
    run = await pull(client)
    (failure,) = await SyncFailure.filter(run=run)
    assert (run.status, failure.code, failure.penanggung) == (
        "FAILED", "SIASN_UNAVAILABLE", "NOBODY")
    assert await UnitOrganisasi.all().count() == 0


async def test_one_run_per_kind_and_scope_a_dead_one_resumed_and_a_forced_restart(empty_db):
    first = await runs.mulai(SyncKind.PULL_UNOR)
    with pytest.raises(Conflict) as refused:
        await runs.mulai(SyncKind.PULL_UNOR)
    assert refused.value.extra == {"syncRunId": first.id}
    other_scope = await runs.mulai(SyncKind.PULL_UNOR, scope="0000001")
    assert other_scope.id != first.id
    await SyncRun.filter(id=first.id).update(
        claimed_by="a-dead-task", heartbeat_at=runs.stale_before() - timedelta(seconds=1))
    assert [run.id for run in await runs.macet()] == [first.id]
    resumed = await runs.mulai(SyncKind.PULL_UNOR)
    assert (resumed.id, resumed.status) == (first.id, "RUNNING")
    assert await runs.klaim(first.id, "another-task") is None  # its heartbeat beats again
    restarted = await runs.mulai(SyncKind.PULL_UNOR, requested_by="admin", paksa=True)
    cancelled = await SyncRun.get(id=first.id)
    assert (cancelled.status, cancelled.active_key, restarted.status) == (
        "CANCELLED", None, "RUNNING")
    assert restarted.id != first.id
