"""`ekinerja sync`: starts a run that `ekinerja worker` carries out, follows it to its end,
and refuses a bad NIP file before anything starts."""

import asyncio
import subprocess
import sys

from ekinerja_graphql.models import SyncRun
from ekinerja_graphql.services.sinkronisasi.daftar_nip import DaftarNipInvalid, baca_daftar_nip
from tests.support.worker_process import start_worker, stop


def ekinerja(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ekinerja_graphql", *args],
                          env={**env, "COLUMNS": "250"}, capture_output=True, text=True,
                          timeout=300)  # fmt: skip


async def test_sync_full_runs_in_a_worker_and_reports_its_counts(
    seeded_like_simulator, process_env, simulator, tmp_path
):
    env = {**process_env, "EKINERJA_SIASN_REQUESTS_PER_SECOND": "1000"}
    worker = await asyncio.to_thread(start_worker, env, tmp_path / "worker.log")
    try:
        done = await asyncio.to_thread(ekinerja, env, "sync", "full")
    finally:
        await asyncio.to_thread(stop, worker)
    assert done.returncode == 0, done.stderr
    pegawai = len(simulator.data.pns)
    assert (f"SUCCEEDED SyncRun 1: 0 created, 0 updated, {pegawai} unchanged, 0 deactivated, "
            "0 quarantined, 0 failed") in done.stderr
    run = await SyncRun.get(id=1)  # run 2 is its ref-unor pull
    assert (run.kind, run.requested_by, run.done, run.total) == (
        "PULL_FULL", "cli", pegawai, pegawai)  # fmt: skip


async def test_a_bad_nip_file_is_refused_whole_naming_its_lines(
    empty_db, process_env, tmp_path
):
    bad = tmp_path / "export.csv"
    bad.write_text("No;NIP BARU;Nama\n1;199001012015011001;A\n2;19900101;B\n3;x;C\n")
    refused = await asyncio.to_thread(ekinerja, process_env, "sync", "full", "--nips", str(bad))
    assert refused.returncode == 2
    assert "line 3: '19900101' is not an 18-digit NIP" in refused.stderr
    assert "line 4: 'x'" in refused.stderr
    assert await SyncRun.all().count() == 0
    unor = await asyncio.to_thread(ekinerja, process_env, "sync", "unor", "--nips", str(bad))
    assert unor.returncode == 2


def test_nip_files_are_an_export_csv_or_one_nip_per_line():
    export = "NIP BARU,NAMA\n'199001012015011001,A\n199001012015011001,A\n198001012005012002,B\n"
    assert baca_daftar_nip(export) == ["199001012015011001", "198001012005012002"]
    assert baca_daftar_nip("199001012015011001\n\n198001012005012002\n") == [
        "199001012015011001", "198001012005012002"]  # fmt: skip
    for text, reason in (("NAMA,UNIT\nA,B\n", "no NIP column"), ("", "no NIP column"),
                         ("NIP\n", "holds no NIP")):  # fmt: skip
        try:
            baca_daftar_nip(text)
        except DaftarNipInvalid as invalid:
            assert reason in str(invalid)
        else:
            raise AssertionError(f"{text!r} accepted")
