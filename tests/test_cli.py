"""The `ekinerja` command: schema drift check, token minting, demo accounts."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ekinerja_graphql.auth import decode_token, installation_secret
from ekinerja_graphql.cli import app
from ekinerja_graphql.config import Settings, get_settings
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


def test_token_names_the_subject_only(monkeypatch, test_settings):
    monkeypatch.setenv("EKINERJA_JWT_SECRET", test_settings.jwt_secret)
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["token", "199001012015031001"])
        assert result.exit_code == 0, result.output
        principal = decode_token(result.stdout.strip(), test_settings)
    finally:
        get_settings.cache_clear()
    assert principal.subject == "199001012015031001"


def test_token_uses_the_demo_secret_or_explains(monkeypatch, tmp_path):
    monkeypatch.delenv("EKINERJA_JWT_SECRET", raising=False)
    monkeypatch.setenv("EKINERJA_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        refused = runner.invoke(app, ["token", "199001012015031001"])
        assert refused.exit_code == 2 and "EKINERJA_JWT_SECRET" in refused.output
        secret = installation_secret(tmp_path)
        result = runner.invoke(app, ["token", "199001012015031001"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    assert decode_token(token, Settings(jwt_secret=secret)).subject == "199001012015031001"


@pytest.mark.parametrize("verb", ["serve", "worker"])
def test_serve_and_worker_refuse_to_start_without_a_key(monkeypatch, tmp_path, verb):
    monkeypatch.delenv("EKINERJA_JWT_SECRET", raising=False)
    monkeypatch.delenv("EKINERJA_JWT_PUBLIC_KEY", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env file
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, [verb])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "refusing to start" in result.output and "EKINERJA_JWT_SECRET" in result.output


async def test_demo_accounts_are_real_pegawai_in_their_roles(seeded_db):
    accounts = {account.role: account for account in await find_demo_accounts()}
    assert set(accounts) == set(Peran)

    root = await UnitOrganisasi.get(parent_id=None)
    assert root.pemimpin_id is None  # the Menteri is a pejabat negara, no pegawai
    setjen = await UnitOrganisasi.filter(jenis=JenisUnit.UNIT_ESELON_I).order_by("id").first()
    assert (await Pegawai.get(nip=accounts[Peran.ADMIN_PUSAT].nip)).id == setjen.pemimpin_id

    kanwil = await UnitOrganisasi.get(id=accounts[Peran.ADMIN_UNIT].unit_id)
    assert kanwil.jenis == JenisUnit.KANWIL
    assert (await Pegawai.get(nip=accounts[Peran.ADMIN_UNIT].nip)).id == kanwil.pemimpin_id

    pegawai = await Pegawai.get(nip=accounts[Peran.PEGAWAI].nip).select_related(
        "pejabat_penilai__pejabat_penilai"
    )
    assert not await Pegawai.exists(pejabat_penilai_id=pegawai.id)
    assert pegawai.pejabat_penilai.nip == accounts[Peran.PENILAI].nip
    assert pegawai.pejabat_penilai.pejabat_penilai.nip == accounts[Peran.ATASAN_PENILAI].nip
    admins = {accounts[Peran.ADMIN_PUSAT].nip, accounts[Peran.ADMIN_UNIT].nip}
    assert not {accounts[Peran.PENILAI].nip, accounts[Peran.ATASAN_PENILAI].nip} & admins
