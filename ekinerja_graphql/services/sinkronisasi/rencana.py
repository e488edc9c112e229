"""The plan of a pegawai run: which NIPs to read from SIASN, cut into batches (spec
siasn-api §"How the sync must behave"). There is no list of all employees, so:

- PULL_FULL: every NIP of the local pegawai table, the NIPs of an "Export Data ASN" file
  when one is given, and this year's new hires (list-pengadaan);
- PULL_INCREMENTAL: the NIPs the change feeds name since the last run (list-kp by month,
  list-pensiun by TMT, list-pengadaan by year), and every pegawai not refreshed for
  `sync_stale_days`.

The plan is written once, in one transaction with its batches: a resumed run keeps it."""

from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from ekinerja_graphql.config import Settings
from ekinerja_graphql.models import Pegawai, SyncBatch, SyncKind, SyncRun, SyncStatus
from ekinerja_graphql.services.sinkronisasi import runs
from ekinerja_graphql.siasn.client import Parsed, SiasnClient
from ekinerja_graphql.siasn.errors import SiasnError

PAGE = 100
MAX_PAGES = 10_000  # a feed that never stops adding is cut here (a million items)
MAX_MONTHS = 13  # list-kp is asked month by month, back to at most a year ago
# list-pensiun by TMT: an SK is issued ahead of its TMT, and the previous run may have
# missed the last days before it [G: how far ahead BKN lists them is not documented].
PENSIUN_BEFORE, PENSIUN_AHEAD = timedelta(days=31), timedelta(days=62)
EXTRA_NIPS = "nipTambahan"  # cursor_before key of NIPs given by the starter (a CSV)


async def tambah_nip(run: SyncRun, nips: list[str]) -> None:
    """NIPs the starter gives besides the plan's own (an Export Data ASN file); read when
    the run is planned."""
    run.cursor_before = {**(run.cursor_before or {}), EXTRA_NIPS: nips}
    await run.save(update_fields=["cursor_before"])


async def rencanakan(run: SyncRun, client: SiasnClient, settings: Settings) -> None:
    if await SyncBatch.filter(run=run).exists():
        return  # planned before the worker stopped: the plan stands
    today = datetime.now(UTC).date()
    cursor = dict(run.cursor_before or {})
    nips: dict[str, None] = dict.fromkeys(cursor.pop(EXTRA_NIPS, ()))  # an ordered set
    if run.kind is SyncKind.PULL_FULL:
        since = None
        nips.update(dict.fromkeys(await Pegawai.all().order_by("id").values_list("nip", flat=True)))
        nips.update(dict.fromkeys(await _pengadaan(run, client, [today.year])))
    else:
        since = await _since(run, settings)
        nips.update(dict.fromkeys(await _kp(run, client, since.date(), today)))
        nips.update(dict.fromkeys(await _pensiun(run, client, since.date(), today)))
        years = range(since.year, today.year + 1)
        nips.update(dict.fromkeys(await _pengadaan(run, client, years)))
        nips.update(dict.fromkeys(await _stale(settings)))
    ordered = list(nips)
    size = settings.sync_batch_size
    batches = [SyncBatch(run=run, nomor=start // size, nips=ordered[start:start + size])
               for start in range(0, len(ordered), size)]  # fmt: skip
    run.cursor_before = {**cursor, "since": since.isoformat() if since else None,
                         "nips": len(ordered), "batches": len(batches)}  # fmt: skip
    run.total, run.done, run.heartbeat_at = len(ordered), 0, datetime.now(UTC)
    async with in_transaction():
        await SyncBatch.bulk_create(batches, batch_size=500)
        # No batch runs yet, so the counts the feeds added are saved as they are.
        await run.save(update_fields=["cursor_before", "total", "done", "quarantined_count",
                                      "failed_count", "heartbeat_at", "updated_at"])  # fmt: skip


async def _since(run: SyncRun, settings: Settings) -> datetime:
    """The start of the last planned pegawai run, or `sync_stale_days` ago."""
    previous = await (SyncRun.filter(kind__in=[SyncKind.PULL_FULL, SyncKind.PULL_INCREMENTAL],
                                     status__in=[SyncStatus.SUCCEEDED, SyncStatus.FAILED],
                                     total__isnull=False).exclude(id=run.id)
                      .order_by("-started_at").first())  # fmt: skip
    floor = datetime.now(UTC) - timedelta(days=settings.sync_stale_days)
    return max(previous.started_at, floor) if previous and previous.started_at else floor


async def _stale(settings: Settings) -> list[str]:
    before = datetime.now(UTC) - timedelta(days=settings.sync_stale_days)
    return await (Pegawai.filter(Q(last_synced_at__isnull=True) | Q(last_synced_at__lt=before))
                  .order_by("id").values_list("nip", flat=True))  # fmt: skip


def _months(since: date, today: date) -> list[date]:
    first = max(since.replace(day=1), _months_back(today.replace(day=1), MAX_MONTHS - 1))
    months, month = [], first
    while month <= today:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _months_back(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


async def _kp(run: SyncRun, client: SiasnClient, since: date, today: date) -> list[str]:
    nips: list[str] = []
    for periode in _months(since, today):
        nips += await _paged(run, f"list-kp-instansi {periode:%Y-%m}", lambda limit, offset,
                             p=periode: client.list_kp(p, limit, offset))  # fmt: skip
    return nips


async def _pensiun(run: SyncRun, client: SiasnClient, since: date, today: date) -> list[str]:
    awal, akhir = since - PENSIUN_BEFORE, today + PENSIUN_AHEAD
    source = f"list-pensiun-instansi {awal}..{akhir}"
    try:
        parsed = await client.list_pensiun(awal, akhir)  # not paged (spec §4)
    except SiasnError as error:
        await runs.gagal(run, error, source)
        return []
    seen: dict[str, str] = {}
    await _taken(run, parsed, source, seen)
    return list(seen.values())


async def _pengadaan(run: SyncRun, client: SiasnClient, years: Iterable[int]) -> list[str]:
    nips: list[str] = []
    for tahun in years:
        nips += await _paged(run, f"list-pengadaan-instansi {tahun}", lambda limit, offset,
                             t=tahun: client.list_pengadaan(t, limit, offset))  # fmt: skip
    return nips


async def _paged(run: SyncRun, source: str,
                 fetch: Callable[[int, int], Awaitable[Parsed]]) -> list[str]:  # fmt: skip
    """Every NIP of a limit/offset feed. SIASN's pages drift while paged, so items are
    deduplicated by their id and the paging stops at the first page adding nothing new.
    A feed that fails is reported; the NIPs it gave so far are kept."""
    seen: dict[str, str] = {}
    for page in range(MAX_PAGES):
        try:
            parsed = await fetch(PAGE, page * PAGE)
        except SiasnError as error:
            await runs.gagal(run, error, source)
            break
        before = len(seen)
        await _taken(run, parsed, source, seen)
        if len(seen) == before or len(parsed.items) + len(parsed.invalid) < PAGE:
            break
    return list(seen.values())


async def _taken(run: SyncRun, parsed: Parsed, source: str, seen: dict[str, str]) -> None:
    """Adds the feed's items to `seen` (SIASN id, or the NIP for items without one, to
    NIP) and quarantines those that do not parse."""
    for invalid in parsed.invalid:
        await runs.karantina(run, invalid, source)
    for item in parsed.items:
        seen.setdefault(_key(item), item.nip_baru)


def _key(item: BaseModel) -> str:
    return getattr(item, "id", None) or item.nip_baru
