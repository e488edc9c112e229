"""Migration 0004 on a database written before it: eselon codes remapped, PPPK given their
golongan, rhk_atasan RESTRICT, and on SQLite every row and index survives the table
rebuilds. Runs in a subprocess on a database of its own (SQLite file, or a scratch
PostgreSQL database beside the test one), so the suite's connections stay untouched."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import asyncpg
import pytest

from ekinerja_graphql.db import is_postgres

SCRIPT = r'''
import asyncio, json, sys
from tortoise import Tortoise, connections
from tortoise.migrations.api import migrate
from ekinerja_graphql.db import tortoise_config

OLD = [
    "INSERT INTO unit_organisasi (created_at, updated_at, id, path, depth, nama, jenis, aktif)"
    " VALUES ('2026-01-01', '2026-01-01', 1, '0000001', 0, 'Kementerian Agama', 'KEMENTERIAN',"
    " TRUE)",
    "INSERT INTO jabatan (created_at, updated_at, id, nama, jenis, kelas_jabatan, eselon, jenjang)"
    " VALUES ('2026-01-01', '2026-01-01', 1, 'Sekretaris Jenderal', 'STRUKTURAL', 17, '10', NULL),"
    " ('2026-01-01', '2026-01-01', 2, 'Rektor Universitas Negeri', 'STRUKTURAL', 16, '11', NULL),"
    " ('2026-01-01', '2026-01-01', 3, 'Direktur', 'STRUKTURAL', 15, '21', NULL),"
    " ('2026-01-01', '2026-01-01', 4, 'Guru Ahli Muda', 'FUNGSIONAL_TERTENTU', 9, NULL,"
    " 'AHLI_MUDA'),"
    " ('2026-01-01', '2026-01-01', 5, 'Operator Layanan Operasional', 'FUNGSIONAL_UMUM', 5, NULL,"
    " NULL)",
    "INSERT INTO pegawai (created_at, updated_at, version, id, nip, nama, jenis_kelamin,"
    " tanggal_lahir, jenis, golongan, status, jabatan_id, unit_id, pejabat_penilai_id) VALUES"
    " ('2026-01-01', '2026-01-01', 1, 1, '196801011990031001', 'Kepala', 'LAKI_LAKI',"
    " '1968-01-01', 'PNS', '44', 'AKTIF', 1, 1, NULL),"
    " ('2026-01-01', '2026-01-01', 1, 2, '199312282025212001', 'Guru', 'PEREMPUAN',"
    " '1993-12-28', 'PPPK', NULL, 'AKTIF', 4, 1, 1),"
    " ('2026-01-01', '2026-01-01', 1, 3, '199001012024211002', 'Operator', 'LAKI_LAKI',"
    " '1990-01-01', 'PPPK', NULL, 'AKTIF', 5, 1, 1)",
    "INSERT INTO skp (created_at, updated_at, version, id, pegawai_id, unit_id, tahun,"
    " periode_awal, periode_akhir, pendekatan, jenis_jabatan, status, dukungan_sumber_daya,"
    " skema_pertanggungjawaban, konsekuensi) VALUES"
    " ('2026-01-01', '2026-01-01', 1, 1, 1, 1, 2026, '2026-01-01', '2026-12-31', 'KUANTITATIF',"
    " 'JPT', 'DISETUJUI', '[]', '[]', '[]'),"
    " ('2026-01-01', '2026-01-01', 1, 2, 2, 1, 2026, '2026-01-01', '2026-12-31', 'KUANTITATIF',"
    " 'JF', 'DISETUJUI', '[]', '[]', '[]')",
    "INSERT INTO rencana_hasil_kerja (created_at, updated_at, version, id, skp_id, jenis, uraian,"
    " rhk_atasan_id, urutan) VALUES"
    " ('2026-01-01', '2026-01-01', 1, 1, 1, 'UTAMA', 'Meningkatnya layanan', NULL, 1),"
    " ('2026-01-01', '2026-01-01', 1, 2, 2, 'UTAMA', 'Terlaksananya pembelajaran', 1, 1)",
    "INSERT INTO evaluasi (created_at, updated_at, version, id, skp_id, pegawai_id, tahun,"
    " jenis_periode, nomor_periode, periode_awal, periode_akhir, status, unit_id, unit_nama,"
    " golongan) VALUES ('2026-04-01', '2026-04-01', 1, 1, 2, 2, 2026, 'TRIWULANAN', 1,"
    " '2026-01-01', '2026-03-31', 'DITETAPKAN', 1, 'Kementerian Agama', NULL)",
]


async def main(url):
    config = tortoise_config(url)
    await migrate(config=config, target="models.0003_admin_assignment")
    for statement in OLD:
        await connections.get("default").execute_query(statement)
    await Tortoise.close_connections()
    await migrate(config=config)
    client = connections.get("default")
    rows = lambda sql: client.execute_query_dict(sql)
    found = {
        "eselon": [r["eselon"] for r in await rows("SELECT eselon FROM jabatan ORDER BY id")],
        "golongan_pppk": [r["golongan_pppk"] for r in
                          await rows("SELECT golongan_pppk FROM pegawai ORDER BY id")],
        "evaluasi": (await rows("SELECT golongan_pppk, status_penilai FROM evaluasi"))[0],
        "skp": [r["status_penilai"] for r in await rows("SELECT status_penilai FROM skp")],
        "rhk": (await rows("SELECT count(*) AS n FROM rencana_hasil_kerja"))[0]["n"],
    }
    try:
        await client.execute_query("DELETE FROM rencana_hasil_kerja WHERE id = 1")
        found["restrict"] = False
    except Exception:
        found["restrict"] = True
    if client.capabilities.dialect == "sqlite":
        found["indexes"] = sorted(r["name"] for r in await rows(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
        found["foreign_keys"] = (await rows("PRAGMA foreign_keys"))[0]["foreign_keys"]
    await Tortoise.close_connections()
    print(json.dumps(found))


asyncio.run(main(sys.argv[1]))
'''


@pytest.fixture
def scratch_database_url():
    url = os.environ.get("EKINERJA_TEST_DATABASE_URL", "")
    if not is_postgres(url):
        with tempfile.TemporaryDirectory(prefix="ekinerja-mig-") as directory:
            yield f"sqlite://{Path(directory) / 'old.sqlite3'}"
        return
    server, _, name = url.rpartition("/")
    scratch = f"{name}_migration_0004"

    async def _admin(statement: str) -> None:
        connection = await asyncpg.connect(f"{server}/{name}")
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    import asyncio

    asyncio.run(_admin(f"DROP DATABASE IF EXISTS {scratch}"))
    asyncio.run(_admin(f"CREATE DATABASE {scratch}"))
    try:
        yield f"{server}/{scratch}"
    finally:
        asyncio.run(_admin(f"DROP DATABASE IF EXISTS {scratch}"))


def test_0004_carries_an_old_database_forward(scratch_database_url):
    done = subprocess.run([sys.executable, "-c", SCRIPT, scratch_database_url],
                          capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    # 10 (named I.a, held by the JPT Madya) -> 11; 11 (named I.b) -> 12; others unchanged.
    assert found["eselon"] == ["11", "12", "21", None, None]
    assert found["golongan_pppk"] == [None, "XI", "V"]  # Ahli Muda XI, pelaksana V
    assert found["evaluasi"] == {"golongan_pppk": "XI", "status_penilai": "ASN"}
    assert found["skp"] == ["ASN", "ASN"] and found["rhk"] == 2
    assert found["restrict"] is True
    if "indexes" in found:  # SQLite rebuilt pegawai, skp, ... and must keep their indexes
        assert found["foreign_keys"] == 1
        assert {"idx_pegawai_nama_985de6", "idx_skp_pegawai_61882f",
                "uniq_skp_pegawai_id_tahun_periode_awal"} <= set(found["indexes"])  # fmt: skip
