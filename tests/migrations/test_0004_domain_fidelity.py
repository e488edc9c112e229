"""Migration 0004 on databases written before it: real data carried forward (eselon codes
remapped, PPPK given their golongan, rhk_atasan RESTRICT, on SQLite every row and every
index the models ask for kept through the table rebuilds), a database of the old seed
refused untouched, and the way back. Each case runs in a subprocess on a database of its
own (an SQLite file, or a scratch PostgreSQL database beside the test one), so the suite's
connections stay untouched."""

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import asyncpg
import pytest

from ekinerja_graphql.db import is_postgres

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("run_0004_case.py")


@pytest.fixture
def scratch_url():
    """A URL for a new, empty database (and one more for a reference schema on SQLite)."""
    url = os.environ.get("EKINERJA_TEST_DATABASE_URL", "")
    if not is_postgres(url):
        with tempfile.TemporaryDirectory(prefix="ekinerja-mig-") as directory:
            yield lambda name: f"sqlite://{Path(directory) / f'{name}.sqlite3'}"
        return
    server, _, database = url.rpartition("/")
    created = []

    async def admin(statement: str) -> None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    def make(name: str) -> str:
        scratch = f"{database}_mig0004_{name}"
        asyncio.run(admin(f"DROP DATABASE IF EXISTS {scratch}"))
        asyncio.run(admin(f"CREATE DATABASE {scratch}"))
        created.append(scratch)
        return f"{server}/{scratch}"

    yield make
    for scratch in created:
        asyncio.run(admin(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)"))


def run_case(case: str, *urls: str) -> dict:
    done = subprocess.run([sys.executable, str(SCRIPT), case, *urls], capture_output=True,
                          text=True, timeout=180, cwd=ROOT)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_real_data_is_carried_forward(scratch_url):
    found = run_case("forward", scratch_url("forward"), scratch_url("reference"))
    # 10 (named I.a, held by the JPT Madya) -> 11; 11 (named I.b) -> 12; others unchanged.
    assert found["eselon"] == ["11", "12", "21", None, None]
    assert found["golongan_pppk"] == [None, "XI", "V"]  # Ahli Muda XI, pelaksana V
    assert found["evaluasi"] == {"golongan_pppk": "XI", "status_penilai": "ASN"}
    assert found["skp"] == ["ASN", "ASN"] and found["rhk"] == 2
    assert found["perilaku_version"] == [1]  # later migrations carry it too
    assert found["restrict"] == "IntegrityError"
    if found["sqlite"]:  # rebuilt tables keep every index a fresh schema would have
        assert found["missing_indexes"] == [] and found["foreign_keys"] == 1
        assert ["skp", ["pegawai_id", "tahun", "periode_awal"], True] in found["indexes"]
        assert ["pegawai", ["golongan_pppk"], False] in found["indexes"]


def test_a_database_of_the_old_seed_is_refused_untouched(scratch_url):
    url = scratch_url("old_seed")
    found = run_case("old_seed", url)
    assert "seeded before it" in found["error"] and "ekinerja seed" in found["error"]
    assert found["applied"][-1] == "0003_admin_assignment"
    assert found["pejabat_negara_table"] is False and found["eselon"] == ["10"]
    # `ekinerja migrate` says so in one line and exits 1, no traceback
    cli = subprocess.run([sys.executable, "-c", "from ekinerja_graphql.cli import app; app()",
                          "migrate"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env={**os.environ, "DATABASE_URL": url})  # fmt: skip
    assert cli.returncode == 1, cli.stdout + cli.stderr
    assert "cannot migrate:" in cli.stdout and "Traceback" not in cli.stdout + cli.stderr


def test_the_way_back_and_forward_again(scratch_url):
    found = run_case("round_trip", scratch_url("round_trip"))
    if found["sqlite"]:  # refused before anything changes: Tortoise cannot undo it there
        assert "cannot be undone on SQLite" in found["refused"]
        assert found["after_refusal"] == {"applied": "0004_domain_fidelity", "eselon": "11"}
        return
    assert found["after_downgrade"] == {"applied": "0003_admin_assignment", "eselon": "10",
                                        "pejabat_negara_table": False}  # fmt: skip
    assert found["after_upgrade"] == {"applied": "0004_domain_fidelity", "eselon": "11"}
    assert "PPPK paruh waktu" in found["refused_with_paruh_waktu"]
