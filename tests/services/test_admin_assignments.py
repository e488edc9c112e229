"""The admin assignment table: grants are checked, periods never overlap, revocations keep
history, the database refuses impossible rows, and admins can read it over GraphQL."""

import asyncio
import dataclasses
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from tortoise.exceptions import IntegrityError, OperationalError

from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.models import AdminAssignment, Pegawai, UnitOrganisasi
from ekinerja_graphql.services.admin_assignments import (
    AdminGrant,
    AssignmentRefused,
    grant_admin,
    list_admin_assignments,
    revoke_admin,
)
from tests.support.graphql import principal, run

TODAY = date.today()


@pytest.fixture
async def pegawai_and_unit(seeded_db):
    pegawai = await Pegawai.filter(status="AKTIF").order_by("-id").first()
    unit = await UnitOrganisasi.filter(jenis="KANKEMENAG").order_by("id").first()
    yield pegawai, unit
    await AdminAssignment.filter(pegawai_id=pegawai.id).delete()


@pytest.mark.parametrize(("change", "complaint"), [
    ({"role": Peran.PENILAI}, "role: must be one of ADMIN_PUSAT, ADMIN_UNIT"),
    ({"unit_id": None}, "unit: ADMIN_UNIT needs the unit"),
    ({"role": Peran.ADMIN_PUSAT}, "unit: ADMIN_PUSAT administers everything"),
    ({"valid_until": TODAY - timedelta(days=1)}, "valid_until: must not be before valid_from"),
    ({"subject": "199001012015031999"}, "subject: '199001012015031999' is neither"),
    ({"unit_id": 2**31 - 1}, "unit: no unit organisasi with id"),
    ({"granted_by": " "}, "granted_by"),
])
async def test_impossible_grants_are_refused_with_the_part_named(pegawai_and_unit, change,
                                                                 complaint):
    pegawai, unit = pegawai_and_unit
    grant = AdminGrant(pegawai.nip, Peran.ADMIN_UNIT, unit.id, TODAY, None, "test")
    with pytest.raises(AssignmentRefused, match=complaint):
        await grant_admin(dataclasses.replace(grant, **change), frozenset())
    assert not await AdminAssignment.exists(pegawai_id=pegawai.id)


async def test_overlapping_periods_are_refused_and_revocation_keeps_history(pegawai_and_unit):
    pegawai, unit = pegawai_and_unit
    grant = AdminGrant(pegawai.nip, Peran.ADMIN_UNIT, unit.id, TODAY, TODAY + timedelta(days=30),
                       "test")
    first = await grant_admin(grant, frozenset())
    later = AdminGrant(pegawai.nip, Peran.ADMIN_UNIT, unit.id, TODAY + timedelta(days=10), None,
                       "test")
    with pytest.raises(AssignmentRefused, match="already covers"):
        await grant_admin(later, frozenset())
    after = AdminGrant(pegawai.nip, Peran.ADMIN_UNIT, unit.id, TODAY + timedelta(days=31), None,
                       "test")
    await grant_admin(after, frozenset())
    revoked = await revoke_admin(first.id, "auditor")
    assert revoked.revoked_by == "auditor" and revoked.revoked_at is not None
    with pytest.raises(AssignmentRefused, match="already revoked"):
        await revoke_admin(first.id, "auditor")
    active = [row["id"] for row in await list_admin_assignments(TODAY)]
    assert first.id not in active
    assert first.id in [row["id"] for row in await list_admin_assignments()]


@pytest.mark.parametrize("values", [
    {"role": "ADMIN_UNIT", "unit_id": None},
    {"role": "ADMIN_PUSAT"},
    {"service_account": "also-a-service"},
    {"valid_until": TODAY - timedelta(days=3)},
])
async def test_the_database_refuses_impossible_rows(pegawai_and_unit, values):
    """The CHECK constraints hold for writes that bypass the service (bulk loads, SQL)."""
    pegawai, unit = pegawai_and_unit
    row = {"pegawai_id": pegawai.id, "role": "ADMIN_UNIT", "unit_id": unit.id,
           "valid_from": TODAY, "granted_by": "test", **values}
    with pytest.raises((IntegrityError, OperationalError)):
        await AdminAssignment.bulk_create([AdminAssignment(**row)])


async def test_admins_read_assignments_in_their_scope_only(seeded_db, test_settings):
    from ekinerja_graphql.services.demo_accounts import find_demo_accounts

    accounts = {a.role: a for a in await find_demo_accounts()}
    query = """query($day: Date) { adminAssignments(activeOn: $day) { totalCount
        nodes { role pegawai { nip } unit { id } } } }"""
    variables = {"day": TODAY.isoformat()}
    everything = await run(query, principal(accounts[Peran.ADMIN_PUSAT].nip), test_settings,
                           variables)
    assert everything.errors is None
    roles = {(n["role"], n["pegawai"]["nip"]) for n in everything.data["adminAssignments"]["nodes"]}
    assert roles >= {("ADMIN_PUSAT", accounts[Peran.ADMIN_PUSAT].nip),
                     ("ADMIN_UNIT", accounts[Peran.ADMIN_UNIT].nip)}
    unit_admin = await run(query, principal(accounts[Peran.ADMIN_UNIT].nip), test_settings,
                           variables)
    nodes = unit_admin.data["adminAssignments"]["nodes"]
    assert [n["role"] for n in nodes] == ["ADMIN_UNIT"]  # its own; not the ministry-wide one
    plain = await run(query, principal(accounts[Peran.PEGAWAI].nip), test_settings, variables)
    assert plain.errors[0].extensions["code"] == "FORBIDDEN"
    assert plain.data == {"adminAssignments": None}


async def test_the_cli_grants_lists_and_revokes(pegawai_and_unit, test_settings, tmp_path):
    """`ekinerja admin` in a process of its own, on the test database."""
    pegawai, unit = pegawai_and_unit
    env = {**os.environ, "DATABASE_URL": test_settings.resolved_database_url,
           "EKINERJA_DATA_DIR": str(tmp_path), "COLUMNS": "250"}

    async def ekinerja(*arguments: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "ekinerja_graphql", "admin", *arguments]
        return await asyncio.to_thread(subprocess.run, command, env=env, capture_output=True,
                                       text=True, timeout=120)

    refused = await ekinerja("grant", pegawai.nip, "--role", "ADMIN_PUSAT", "--unit",
                             str(unit.id))
    assert refused.returncode == 1 and "ADMIN_PUSAT administers everything" in refused.stdout
    granted = await ekinerja("grant", pegawai.nip, "--role", "ADMIN_UNIT", "--unit",
                             str(unit.id), "--by", "199001012015031001")
    assert granted.returncode == 0, granted.stdout + granted.stderr
    assignment = await AdminAssignment.get(pegawai_id=pegawai.id)
    assert (assignment.role, assignment.unit_id, assignment.granted_by) == (
        Peran.ADMIN_UNIT, unit.id, "199001012015031001")
    listed = await ekinerja("list")
    assert pegawai.nip in listed.stdout and unit.nama[:20] in listed.stdout
    revoked = await ekinerja("revoke", str(assignment.id))
    assert revoked.returncode == 0, revoked.stdout
    await assignment.refresh_from_db()
    assert assignment.revoked_at is not None and assignment.revoked_by.startswith("cli:")
    assert pegawai.nip not in (await ekinerja("list")).stdout
    assert pegawai.nip in (await ekinerja("list", "--all")).stdout
