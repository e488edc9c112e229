"""The `ekinerja` command: schema drift check, token minting, demo accounts."""

import shutil
from pathlib import Path

from typer.testing import CliRunner

from ekinerja_graphql.auth import decode_token
from ekinerja_graphql.cli import app
from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.domain.organisasi import JenisUnit
from ekinerja_graphql.models import Pegawai, UnitOrganisasi
from ekinerja_graphql.services.demo_accounts import find_demo_accounts

COMMITTED_SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"
runner = CliRunner()


def test_export_schema_check_passes_on_the_committed_schema():
    result = runner.invoke(app, ["export-schema", "--check", "--path", str(COMMITTED_SCHEMA)])
    assert result.exit_code == 0, result.output


def test_export_schema_check_fails_with_a_diff_on_a_changed_schema(tmp_path):
    changed = tmp_path / "schema.graphql"
    shutil.copy(COMMITTED_SCHEMA, changed)
    changed.write_text(changed.read_text() + "type Stale { id: ID! }\n")

    result = runner.invoke(app, ["export-schema", "--check", "--path", str(changed)])

    assert result.exit_code == 1
    assert "-type Stale { id: ID! }" in result.output


def test_export_schema_writes_the_sdl(tmp_path):
    target = tmp_path / "out" / "schema.graphql"
    assert runner.invoke(app, ["export-schema", "--path", str(target)]).exit_code == 0
    assert target.read_text() == COMMITTED_SCHEMA.read_text()


def test_token_carries_nip_roles_and_unit():
    result = runner.invoke(
        app, ["token", "199001012015031001", "--role", "ADMIN_UNIT", "--role", "PENILAI",
              "--unit", "42"],
    )
    assert result.exit_code == 0, result.output

    principal = decode_token(result.output.strip())

    assert principal.nip == "199001012015031001"
    assert principal.roles == {Peran.ADMIN_UNIT, Peran.PENILAI}
    assert principal.unit_id == 42


def test_token_rejects_a_unit_without_admin_unit():
    result = runner.invoke(app, ["token", "199001012015031001", "--unit", "42"])
    assert result.exit_code != 0


async def test_demo_accounts_are_real_pegawai_in_their_roles(seeded_db):
    accounts = {account.role: account for account in await find_demo_accounts()}
    assert set(accounts) == set(Peran)

    root = await UnitOrganisasi.get(parent_id=None)
    assert (await Pegawai.get(nip=accounts[Peran.ADMIN_PUSAT].nip)).id == root.pemimpin_id

    kanwil = await UnitOrganisasi.get(id=accounts[Peran.ADMIN_UNIT].unit_id)
    assert kanwil.jenis == JenisUnit.KANWIL
    assert (await Pegawai.get(nip=accounts[Peran.ADMIN_UNIT].nip)).id == kanwil.pemimpin_id

    pegawai = await Pegawai.get(nip=accounts[Peran.PEGAWAI].nip).select_related(
        "pejabat_penilai__pejabat_penilai"
    )
    assert not await Pegawai.exists(pejabat_penilai_id=pegawai.id)
    assert pegawai.pejabat_penilai.nip == accounts[Peran.PENILAI].nip
    assert pegawai.pejabat_penilai.pejabat_penilai.nip == accounts[Peran.ATASAN_PENILAI].nip
    assert pegawai.pejabat_penilai_id != root.pemimpin_id
