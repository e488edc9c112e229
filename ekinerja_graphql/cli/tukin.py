"""`ekinerja tukin`: compute a month (followed with a progress bar), import attendance,
upload and list rule sets — the same services GraphQL's mutations call, as the operator."""

import asyncio
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ekinerja_graphql.cli.operator import operator, run_in_database
from ekinerja_graphql.cli.progress import follow
from ekinerja_graphql.config import get_settings
from ekinerja_graphql.domain.tukin.bulan import format_bulan, parse_bulan
from ekinerja_graphql.domain.tukin.validasi import BerkasTidakValid
from ekinerja_graphql.errors import CodedError
from ekinerja_graphql.models import AturanTukin, SyncStatus, TukinRun
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.access.viewer import operator_viewer

app = typer.Typer(help="Tunjangan kinerja: monthly computation, attendance, rule sets.",
                  no_args_is_help=True)  # fmt: skip
console = Console(stderr=True)
MAX_FILE_BYTES = 2 * 1024**3


def _actor() -> Actor:
    return Actor(operator_viewer(operator()), date.today())


def _bulan(text: str) -> date:
    try:
        return parse_bulan(text)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--bulan") from None


def _run(coroutine_factory):
    return run_in_database(coroutine_factory, CodedError,
                           lambda refused: f"[red]{refused.code}:[/] {refused.message}", console)


@app.command()
def hitung(
    bulan: Annotated[str, typer.Option(help="The month, YYYY-MM.")],
    unit: Annotated[int | None, typer.Option(help="A unit id: its subtree only (default: the "
                                             "whole ministry).")] = None,
    wait: Annotated[bool, typer.Option(help="Follow the run until it ends.")] = True,
) -> None:
    """Compute a month in the workers (`ekinerja worker`) and follow its progress."""
    month = _bulan(bulan)

    async def start_and_follow() -> SyncStatus:
        from ekinerja_graphql.services.tukin import runs
        from workers.tukin import hitung_tukin  # the broker of these settings' Redis

        run = await runs.mulai(_actor(), month, unit)
        try:
            await asyncio.to_thread(hitung_tukin.send, run.id)
        except Exception:  # redis' and dramatiq's connection errors alike
            await runs.gagal(run.id, "the job queue (Redis) was unreachable")
            raise
        console.print(f"TukinRun {run.id} ({format_bulan(month)}) queued for `ekinerja worker`")
        if not wait:
            return run.status
        run = await follow(TukinRun, run.id, "computing", console)
        colour = "green" if run.status is SyncStatus.SUCCEEDED else "red"
        console.print(f"[{colour}]{run.status}[/] TukinRun {run.id}: {run.done} pegawai in "
                      f"{run.batches_done} batches")  # fmt: skip
        return run.status

    if _run(start_and_follow) not in (SyncStatus.SUCCEEDED, SyncStatus.RUNNING):
        raise typer.Exit(1)


@app.command("impor-absensi")
def impor_absensi(
    berkas: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A CSV of nip, "
                                           "tanggal, jam_masuk, jam_pulang, keterangan.")],
) -> None:
    """Import an attendance file: all of it, or nothing with every bad row named."""
    if berkas.stat().st_size > MAX_FILE_BYTES:
        raise typer.BadParameter(f"larger than {MAX_FILE_BYTES // 2**20} MiB")

    async def impor():
        from ekinerja_graphql.services.tukin.absensi import impor_absensi as impor_service

        return await impor_service(_actor(), berkas.name, berkas.read_bytes(), get_settings())

    hasil = _run(impor)
    if hasil.impor is None:
        for error in hasil.kesalahan:
            where = f"line {error.baris}" + (f", {error.kolom}" if error.kolom else "")
            console.print(f"[red]{where}:[/] {error.alasan}")
        console.print(f"[red]refused:[/] {hasil.jumlah_kesalahan} bad rows, nothing imported")
        raise typer.Exit(1)
    impor = hasil.impor
    console.print(f"[green]imported[/] {impor.baris} rows for {impor.pegawai} pegawai "
                  f"({', '.join(impor.bulan)}); {impor.diganti} replaced earlier records. "
                  "Computed months are marked stale and recomputed by the workers.")


aturan_app = typer.Typer(help="Rule set versions.", no_args_is_help=True)
app.add_typer(aturan_app, name="aturan")


@aturan_app.command("unggah")
def aturan_unggah(
    berkas: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A TOML rule set "
                                           "(see ekinerja_graphql/defaults/aturan_tukin.toml).")],
) -> None:
    """Store a new rule set version, checked first."""
    from ekinerja_graphql.services.tukin.aturan import unggah_aturan

    try:
        row = _run(lambda: unggah_aturan(_actor(), berkas.read_text(encoding="utf-8")))
    except BerkasTidakValid as invalid:
        for problem in invalid.problems:
            console.print(f"[red]{problem}[/]")
        raise typer.Exit(1) from None
    console.print(f"[green]stored[/] version {row.id}: {row.nama}, from {row.berlaku_mulai}")


@aturan_app.command("daftar")
def aturan_daftar() -> None:
    """List the rule set versions (the shipped default is stored on first use)."""
    from ekinerja_graphql.services.tukin.aturan import aturan_berlaku

    async def rows():
        await aturan_berlaku(date.today().replace(day=1))
        return await AturanTukin.all().order_by("id")

    table = Table("versi", "nama", "berlaku mulai", "diunggah oleh", "at")
    for row in _run(rows):
        table.add_row(str(row.id), row.nama, str(row.berlaku_mulai), row.diunggah_oleh or "",
                      f"{row.at:%Y-%m-%d %H:%M}")
    Console().print(table)
