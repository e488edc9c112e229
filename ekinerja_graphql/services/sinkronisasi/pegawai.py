"""One batch of a pegawai run: each NIP read from SIASN's data-utama, then the batch applied
in one transaction that also marks it DONE, so a batch is applied once however often its
message arrives. SIASN decides identity, position, rank, unit and status
(domain/siasn_pegawai.py); a pegawai SIASN no longer knows, or who retired or died, is
deactivated, never deleted. Every NIP ends as exactly one of created, updated, unchanged,
deactivated, quarantined or failed: nothing is lost silently."""

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.kepegawaian import StatusPegawai
from ekinerja_graphql.domain.nip import InvalidNip, parse_nip
from ekinerja_graphql.domain.siasn_pegawai import (
    DEACTIVATED,
    KODE_PERBEDAAN,
    TIDAK_AKTIF,
    perubahan,
)
from ekinerja_graphql.domain.tukin.bulan import tambah_bulan
from ekinerja_graphql.models import (
    Pegawai,
    StatusBatch,
    SyncBatch,
    SyncDifference,
    SyncRun,
    SyncStatus,
)
from ekinerja_graphql.services.sinkronisasi import runs
from ekinerja_graphql.services.sinkronisasi.data_utama import Lokal, siasn_fields, text
from ekinerja_graphql.services.tukin.stale import tandai_stale_sejak
from ekinerja_graphql.siasn.client import SiasnClient
from ekinerja_graphql.siasn.errors import (
    Penanggung,
    SiasnAuthRejected,
    SiasnError,
    SiasnPayloadInvalid,
)
from ekinerja_graphql.siasn.models import DataUtama

PEGAWAI = "Pegawai"


class PegawaiTidakAdaDiSiasn(SiasnError):
    code = "PEGAWAI_NOT_IN_SIASN"
    penanggung = Penanggung.ADMIN_INSTANSI_SIASN


class SiasnIdBentrok(SiasnError):
    """Two NIPs with one SIASN id (a PPPK appointed PNS gets a new NIP, say)."""

    code = "PEGAWAI_SIASN_ID_CONFLICT"
    penanggung = Penanggung.ADMIN_UNIT


# --- Reading -------------------------------------------------------------------------------

Bacaan = DataUtama | None | SiasnError  # None: SIASN does not know the NIP


async def _baca(client: SiasnClient, nip: str) -> Bacaan:
    try:
        found = await client.data_utama(nip)
        # SIASN answers 404 code 0 now and then for a record it holds: a pegawai is taken
        # as gone only when asked twice [G].
        return found if found is not None else await client.data_utama(nip)
    except SiasnError as error:
        return error


# --- Applying ------------------------------------------------------------------------------


@dataclass
class _Hasil:
    """What a batch did, written with it."""

    counts: Counter = field(default_factory=Counter)
    differences: list[SyncDifference] = field(default_factory=list)
    synced: list[int] = field(default_factory=list)  # refreshed without a change


async def proses_batch(run_id: int, nomor: int, client: SiasnClient, claimant: str) -> bool:
    """Reads and applies batch `nomor` of the run. False when there was nothing to do:
    the batch is done, taken by a live task, or its run is over."""
    batch = await _klaim(run_id, nomor, claimant)
    if batch is None or not await SyncRun.filter(id=run_id, status=SyncStatus.RUNNING).exists():
        return False  # a cancelled run's batches are not read
    nips = list(batch.nips)
    bacaan = dict(zip(nips, await asyncio.gather(*(_baca(client, nip) for nip in nips)),
                      strict=True))  # fmt: skip
    refused = next((b for b in bacaan.values() if isinstance(b, SiasnAuthRejected)), None)
    if refused is not None:  # every later call would be refused too: the run stops
        run = await SyncRun.get(id=run_id)
        await runs.gagal(run, refused, "data-utama")
        await runs.selesai(run, SyncStatus.FAILED, f"{refused.code}: {refused.message}")
        return True
    async with in_transaction():
        run = await SyncRun.get(id=run_id)
        # The checkpoint first: a second task that took the batch over finds it done.
        finished = await SyncBatch.filter(id=batch.id, status=StatusBatch.PENDING,
                                          claimed_by=claimant).update(
            status=StatusBatch.DONE, done_at=datetime.now(UTC))  # fmt: skip
        if not finished or run.status is not SyncStatus.RUNNING:
            return False
        hasil = await _terapkan(run, bacaan)
        await SyncDifference.bulk_create(hasil.differences, batch_size=500)
        if hasil.synced:
            await Pegawai.filter(id__in=hasil.synced).update(last_synced_at=datetime.now(UTC))
        await SyncRun.filter(id=run_id).update(
            done=F("done") + len(nips), heartbeat_at=datetime.now(UTC),
            **{f"{name}_count": F(f"{name}_count") + n for name, n in hasil.counts.items()})
    return True


async def _klaim(run_id: int, nomor: int, claimant: str) -> SyncBatch | None:
    claimed = await SyncBatch.filter(
        Q(claimed_by=None) | Q(claimed_at__lt=runs.stale_before()), run_id=run_id,
        nomor=nomor, status=StatusBatch.PENDING,
    ).update(claimed_by=claimant, claimed_at=datetime.now(UTC))  # fmt: skip
    return await SyncBatch.get(run_id=run_id, nomor=nomor) if claimed else None


async def _terapkan(run: SyncRun, bacaan: dict[str, Bacaan]) -> _Hasil:
    hasil = _Hasil()
    found = [item for item in bacaan.values() if isinstance(item, DataUtama)]
    lokal = await Lokal.load(list(bacaan), found)
    seen_ids: set[str] = set()
    for nip, item in bacaan.items():
        if isinstance(item, SiasnPayloadInvalid):
            await runs.karantina(run, item, f"data-utama {nip}")
            hasil.counts["quarantined"] += 1
        elif isinstance(item, SiasnError):
            await runs.gagal(run, item, nip)
            hasil.counts["failed"] += 1
        elif item is None:
            await _hilang(run, nip, lokal, hasil)
        elif item.nip_baru != nip:  # an answer about someone else is not applied to anyone
            await runs.karantina(run, SiasnPayloadInvalid(
                f"data-utama {nip} answered for NIP {item.nip_baru}",
                item.model_dump(by_alias=True, mode="json")), f"data-utama {nip}")  # fmt: skip
            hasil.counts["quarantined"] += 1
        elif item.id in seen_ids or _held_by_other(item, lokal):
            await runs.gagal(run, SiasnIdBentrok(
                f"{nip}: SIASN id {item.id} is held by another NIP"), nip)  # fmt: skip
            hasil.counts["failed"] += 1
        else:
            seen_ids.add(item.id)
            await _rekonsiliasi(run, item, lokal, hasil)
    return hasil


def _held_by_other(item: DataUtama, lokal: Lokal) -> bool:
    holder = lokal.by_siasn_id.get(item.id)
    return holder is not None and holder.nip != item.nip_baru


async def _hilang(run: SyncRun, nip: str, lokal: Lokal, hasil: _Hasil) -> None:
    """SIASN does not know the NIP: a local pegawai is deactivated; any other NIP (from a
    feed or a file) is reported."""
    pegawai = lokal.by_nip.get(nip)
    if pegawai is None:
        await runs.gagal(run, PegawaiTidakAdaDiSiasn(f"{nip} is not in SIASN"), nip)
        hasil.counts["failed"] += 1
        return
    if pegawai.status in TIDAK_AKTIF:
        hasil.synced.append(pegawai.id)
        hasil.counts["unchanged"] += 1
        return
    hasil.differences.append(runs.baris_perbedaan(
        run, "PEGAWAI_NOT_IN_SIASN", PEGAWAI, pegawai.id, pegawai.siasn_pns_id, "status",
        pegawai.status, StatusPegawai.NONAKTIF))  # fmt: skip
    pegawai.status = StatusPegawai.NONAKTIF
    await _simpan(pegawai, ["status"])
    hasil.counts["deactivated"] += 1


async def _rekonsiliasi(run: SyncRun, item: DataUtama, lokal: Lokal, hasil: _Hasil) -> None:
    pegawai = lokal.by_nip.get(item.nip_baru)
    target, problems = siasn_fields(item, pegawai, lokal)
    for problem in problems:
        await runs.gagal(run, problem, item.nip_baru)
    if pegawai is None:
        await _baru(run, item, target, lokal, hasil, problems)
        return
    old = {name: getattr(pegawai, name) for name in KODE_PERBEDAAN}
    changes = perubahan(old, target)
    if pegawai.siasn_pns_id != item.id:
        changes.append(("PEGAWAI_IDENTITAS_CHANGED", "siasn_pns_id", pegawai.siasn_pns_id,
                        item.id))  # fmt: skip
        target["siasn_pns_id"] = item.id
    for code, name, before, after in changes:
        setattr(pegawai, name, target[name])
        hasil.differences.append(runs.baris_perbedaan(
            run, code, PEGAWAI, pegawai.id, item.id, name, lokal.shown(name, before),
            lokal.shown(name, after)))  # fmt: skip
    if changes:
        await _simpan(pegawai, [name for _, name, _, _ in changes])
    else:
        hasil.synced.append(pegawai.id)
    if problems:
        hasil.counts["failed"] += 1
    elif any(code == DEACTIVATED for code, *_ in changes):
        hasil.counts["deactivated"] += 1
    else:
        hasil.counts["updated" if changes else "unchanged"] += 1


async def _baru(run: SyncRun, item: DataUtama, target: dict[str, object], lokal: Lokal,
                hasil: _Hasil, problems: list[SiasnError]) -> None:  # fmt: skip
    """A NIP SIASN holds and we do not: a new pegawai, when its unit is known."""
    if "unit_id" not in target:
        hasil.counts["failed"] += 1  # its unit's failure is recorded: nowhere to put them
        return
    try:
        nip = parse_nip(item.nip_baru, plausible=False)
    except InvalidNip as error:
        await runs.karantina(run, SiasnPayloadInvalid(f"data-utama {item.nip_baru}: {error}",
                                                      item.model_dump(by_alias=True,
                                                                      mode="json")),
                             f"data-utama {item.nip_baru}")  # fmt: skip
        hasil.counts["quarantined"] += 1
        return
    target.setdefault("tanggal_lahir", nip.tanggal_lahir)
    target.setdefault("status", StatusPegawai.AKTIF)  # a hire whose kedudukan is unmapped
    pegawai = await Pegawai.create(
        nip=item.nip_baru, jenis_kelamin=nip.jenis_kelamin, siasn_pns_id=item.id,
        email=text(item.email, 255), alamat=item.alamat or None,
        nomor_hp=text(item.no_hp, 20), last_synced_at=datetime.now(UTC), **target)  # fmt: skip
    lokal.by_nip[pegawai.nip] = pegawai
    hasil.differences.append(runs.baris_perbedaan(run, "PEGAWAI_ADDED", PEGAWAI, pegawai.id,
                                                  item.id, "nip", None, pegawai.nip))
    hasil.counts["failed" if problems else "created"] += 1


TUKIN_INPUTS = frozenset({"status", "jenis", "jabatan_id", "unit_id"})


async def _simpan(pegawai: Pegawai, fields: list[str]) -> None:
    """Saves what SIASN changed, as refreshed now, bumping the version (a concurrent edit
    by a user then meets a stale version)."""
    pegawai.last_synced_at = datetime.now(UTC)
    pegawai.version += 1
    await pegawai.save(update_fields=[*fields, "last_synced_at", "version", "updated_at"])
    if TUKIN_INPUTS.intersection(fields):
        # SIASN gives no date the change took effect: the months still being paid (last
        # month's tukin is pulled by the 5th, KMA 1651/2025) are computed again. [D]
        await tandai_stale_sejak(pegawai.id, tambah_bulan(date.today().replace(day=1), -1),
                                 None)  # fmt: skip
