"""`ekinerja tukin`: a month computed by `ekinerja worker` and followed to its end; an
attendance file imported, or refused whole naming its rows; a rule set checked before it
is stored."""

import asyncio
import os
import subprocess
import sys
from datetime import date

import pytest

from ekinerja_graphql import defaults
from ekinerja_graphql.models import Absensi, AturanTukin, Pegawai, Tukin, TukinRun
from ekinerja_graphql.services.tukin.masukan import STATUS_DIHITUNG
from tests.services.tukin.support import berkas, bulan_penuh
from tests.support.worker_process import start_worker, stop


@pytest.fixture
async def env(seeded_db, redis_settings, tmp_path):
    yield {**os.environ, "REDIS_URL": redis_settings.redis_url,
           "EKINERJA_DATABASE_URL": redis_settings.resolved_database_url,
           "EKINERJA_DATA_DIR": str(tmp_path), "EKINERJA_JWT_SECRET": "k" * 40,
           "EKINERJA_TUKIN_BATCH_PEGAWAI": "50", "COLUMNS": "250"}  # fmt: skip
    for model in (Absensi, Tukin, TukinRun, AturanTukin):
        await model.all().delete()


def ekinerja(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ekinerja_graphql", *args], env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


async def test_hitung_runs_the_month_in_a_worker_and_reports_it(env, tmp_path):
    worker = await asyncio.to_thread(start_worker, env, tmp_path / "worker.log")
    try:
        done = await asyncio.to_thread(ekinerja, env, "tukin", "hitung", "--bulan", "2026-10")
    finally:
        await asyncio.to_thread(stop, worker)
    assert done.returncode == 0, done.stderr
    employed = await Pegawai.filter(status__in=STATUS_DIHITUNG).count()
    run = await TukinRun.get()
    assert f"SUCCEEDED TukinRun {run.id}: {employed} pegawai in {run.batches} batches" in (
        done.stderr.replace("\n", " "))  # fmt: skip
    assert run.requested_by.startswith("cli:") and run.batches > 1
    assert await Tukin.all().count() == employed
    bad = await asyncio.to_thread(ekinerja, env, "tukin", "hitung", "--bulan", "2026-13")
    assert bad.returncode == 2 and "--bulan" in bad.stderr


async def test_impor_absensi_imports_a_file_or_names_every_bad_row(env, tmp_path):
    people = await Pegawai.filter(status="AKTIF").order_by("id").limit(2)
    good = tmp_path / "oktober.csv"
    good.write_bytes(berkas(*bulan_penuh(people[0].nip), *bulan_penuh(people[1].nip)))
    done = await asyncio.to_thread(ekinerja, env, "tukin", "impor-absensi", str(good))
    assert done.returncode == 0, done.stderr
    assert "imported 44 rows for 2 pegawai (2026-10); 0 replaced" in done.stderr.replace(
        "\n", " ")  # fmt: skip
    bad = tmp_path / "salah.csv"
    bad.write_bytes(berkas(f"{people[0].nip},2026-10-01,07:30,16:00,HADIR",
                           "123,2026-10-01,07:30,16:00,HADIR",
                           f"{people[0].nip},2026-10-02,07:30,16:00,LIBUR"))  # fmt: skip
    refused = await asyncio.to_thread(ekinerja, env, "tukin", "impor-absensi", str(bad))
    assert refused.returncode == 1
    assert "line 3, nip: an 18-digit NIP is required" in refused.stderr
    assert "line 4, keterangan: one of HADIR" in refused.stderr
    assert await Absensi.all().count() == 44


async def test_aturan_unggah_checks_the_file_before_storing_it(env, tmp_path):
    broken = tmp_path / "aturan.toml"
    broken.write_text(defaults.aturan_tukin().replace("cpns_persen = 80", "cpns_persen = 180"))
    refused = await asyncio.to_thread(ekinerja, env, "tukin", "aturan", "unggah", str(broken))
    assert refused.returncode == 1
    assert "cpns_persen: must be from 0 to 100, not 180" in refused.stderr
    good = tmp_path / "aturan-2027.toml"
    good.write_text(defaults.aturan_tukin().replace("berlaku_mulai = 2019-01-01",
                                                    "berlaku_mulai = 2027-01-01"))  # fmt: skip
    stored = await asyncio.to_thread(ekinerja, env, "tukin", "aturan", "unggah", str(good))
    assert stored.returncode == 0, stored.stderr
    versions = await AturanTukin.all().order_by("id").values_list("berlaku_mulai", flat=True)
    assert versions == [date(2019, 1, 1), date(2027, 1, 1)]  # the shipped default first
    listed = await asyncio.to_thread(ekinerja, env, "tukin", "aturan", "daftar")
    assert listed.returncode == 0 and "2027-01-01" in listed.stdout
