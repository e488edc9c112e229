"""`ekinerja sync`: starts a SIASN sync run in the workers and follows it with a progress
bar (the same run GraphQL's mulaiSinkronisasi starts)."""

import asyncio
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ekinerja_graphql.cli.progress import follow
from ekinerja_graphql.config import Settings, get_settings
from ekinerja_graphql.db import database
from ekinerja_graphql.errors import Conflict
from ekinerja_graphql.models import SyncKind, SyncRun, SyncStatus
from ekinerja_graphql.services.sinkronisasi import rencana, runs
from ekinerja_graphql.services.sinkronisasi.daftar_nip import DaftarNipInvalid, baca_daftar_nip

console = Console(stderr=True)
MAX_FILE_BYTES = 64 * 1024 * 1024  # an export of 350,000 rows is a few MB


class Jenis(StrEnum):
    unor = "unor"
    full = "full"
    incremental = "incremental"


KIND = {Jenis.unor: SyncKind.PULL_UNOR, Jenis.full: SyncKind.PULL_FULL,
        Jenis.incremental: SyncKind.PULL_INCREMENTAL}  # fmt: skip


def sync(
    jenis: Annotated[Jenis, typer.Argument(help="unor: the unit tree; full: every NIP; "
                                           "incremental: the change feeds and stale NIPs.")],
    nips: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False, help="NIPs to sync as well: SIASN's Export Data ASN CSV "
        "or one NIP per line (how an empty database learns its pegawai).")] = None,
    paksa: Annotated[bool, typer.Option(help="Cancel a going run of the kind and start "
                                        "afresh.")] = False,
    wait: Annotated[bool, typer.Option(help="Follow the run until it ends.")] = True,
) -> None:
    """Start a SIASN sync (run by `ekinerja worker`) and follow its progress."""
    extra = _read_nips(nips) if nips else []
    if extra and jenis is Jenis.unor:
        raise typer.BadParameter("NIPs go with full or incremental", param_hint="--nips")
    settings = get_settings()
    try:
        status = asyncio.run(_start_and_follow(settings, KIND[jenis], extra, paksa, wait))
    except Conflict as going:
        console.print(f"[yellow]{going.message}[/] (follow it, or --paksa to restart)")
        raise typer.Exit(2) from None
    if status not in (SyncStatus.SUCCEEDED, SyncStatus.RUNNING):
        raise typer.Exit(1)


def _read_nips(path: Path) -> list[str]:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise typer.BadParameter(f"larger than {MAX_FILE_BYTES // 2**20} MiB", param_hint="--nips")
    try:
        return baca_daftar_nip(path.read_text(encoding="utf-8-sig", errors="replace"))
    except DaftarNipInvalid as invalid:
        raise typer.BadParameter(str(invalid), param_hint="--nips") from None


async def _start_and_follow(settings: Settings, kind: SyncKind, extra: list[str], paksa: bool,
                            wait: bool) -> SyncStatus:  # fmt: skip
    from workers.siasn import actor_for  # the broker of these settings' Redis

    async with database(settings):
        run = await runs.mulai(kind, requested_by="cli", paksa=paksa)
        if extra:
            await rencana.tambah_nip(run, extra)
        await asyncio.to_thread(actor_for(kind).send, run.id)
        console.print(f"SyncRun {run.id} ({kind}) queued for `ekinerja worker`")
        if not wait:
            return run.status
        run = await follow(SyncRun, run.id, "syncing", console)
        _report(run)
        return run.status


def _report(run: SyncRun) -> None:
    colour = "green" if run.status is SyncStatus.SUCCEEDED else "red"
    console.print(f"[{colour}]{run.status}[/] SyncRun {run.id}: {run.created_count} created, "
                  f"{run.updated_count} updated, {run.unchanged_count} unchanged, "
                  f"{run.deactivated_count} deactivated, {run.quarantined_count} quarantined, "
                  f"{run.failed_count} failed")
    if run.error_summary:
        console.print(run.error_summary)
