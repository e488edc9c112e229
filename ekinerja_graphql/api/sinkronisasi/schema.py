"""Sync runs for the admins of the whole ministry: list and read them, start one."""


import strawberry
from strawberry import relay

from ekinerja_graphql.api.actor import actor_of
from ekinerja_graphql.api.connection import (
    CONNECTION_DESCRIPTION,
    Connection,
)
from ekinerja_graphql.api.context import viewer_of
from ekinerja_graphql.api.errors import BadUserInput, Forbidden, NotFound, ServiceUnavailable
from ekinerja_graphql.api.ids import decode_id
from ekinerja_graphql.api.plain_values import columns
from ekinerja_graphql.api.queue import send
from ekinerja_graphql.api.rows import build, row_of
from ekinerja_graphql.api.sinkronisasi.types import (
    KirimanSiasn,
    KirimanSiasnConnection,
    StatusKiriman,
    SyncKind,
    SyncRun,
    page_by_id,
)
from ekinerja_graphql.models import SiasnOutbox, SyncStatus
from ekinerja_graphql.models import SyncKind as SyncKindModel
from ekinerja_graphql.models import SyncRun as SyncRunRow
from ekinerja_graphql.services.sinkronisasi import kirim, runs

# The kinds a run can be started of (PUSH_EVALUASI is the outbox, not a run).
AVAILABLE = (SyncKindModel.PULL_UNOR, SyncKindModel.PULL_FULL, SyncKindModel.PULL_INCREMENTAL)
READERS = "sync runs are for ADMIN_PUSAT"


@strawberry.type(description=CONNECTION_DESCRIPTION)
class SyncRunConnection(Connection[SyncRun]):
    pass


def _ensure_admin_pusat(info: strawberry.Info) -> None:
    if not viewer_of(info).sees_everyone:
        raise Forbidden(READERS)


async def load_sync_run(info: strawberry.Info, key: int, what: str) -> SyncRun:
    """node(id) and syncRun(id)."""
    _ensure_admin_pusat(info)
    row = await SyncRunRow.filter(id=key).first().values(**columns(SyncRunRow))
    if row is None:
        raise NotFound(f"{what} does not exist")
    return build(info, SyncRun, row)


@strawberry.type
class SinkronisasiQuery:
    @strawberry.field(description="Oldest first; ADMIN_PUSAT only")
    async def sync_runs(self, info: strawberry.Info, first: int | None = None,
                        after: str | None = None, kind: SyncKind | None = None
                        ) -> SyncRunConnection:  # fmt: skip
        _ensure_admin_pusat(info)
        queryset = SyncRunRow.filter(kind=kind) if kind else SyncRunRow.all()
        return await page_by_id(info, queryset, first, after, SyncRun, SyncRunConnection)

    @strawberry.field(description="The SIASN outbox, oldest first; ADMIN_PUSAT only")
    async def kiriman_siasn(self, info: strawberry.Info, first: int | None = None,
                            after: str | None = None, status: StatusKiriman | None = None
                            ) -> KirimanSiasnConnection:  # fmt: skip
        _ensure_admin_pusat(info)
        queryset = SiasnOutbox.filter(status=status) if status else SiasnOutbox.all()
        return await page_by_id(info, queryset, first, after, KirimanSiasn,
                                KirimanSiasnConnection)  # fmt: skip

    @strawberry.field(description="ADMIN_PUSAT only")
    async def sync_run(self, info: strawberry.Info, id: relay.GlobalID) -> SyncRun:
        return await load_sync_run(info, decode_id(id, "SyncRun", "id"), f"SyncRun {id}")


@strawberry.type
class SinkronisasiMutation:
    @strawberry.mutation(description="Starts a SIASN sync in the workers (ADMIN_PUSAT). "
                         "CONFLICT names the run already going for the kind and scope; a run "
                         "whose worker died is resumed and returned; `paksa` cancels a "
                         "going run and starts afresh")
    async def mulai_sinkronisasi(self, info: strawberry.Info, kind: SyncKind,
                                 scope: str = "", paksa: bool = False) -> SyncRun:  # fmt: skip
        _ensure_admin_pusat(info)
        if kind not in AVAILABLE:
            raise BadUserInput("kind", f"one of {', '.join(AVAILABLE)} ({kind} is not a run "
                               "one starts: the outbox sends evaluations by itself)")  # fmt: skip
        if scope:
            raise BadUserInput("scope", "empty: a sync covers the whole instansi")
        run = await runs.mulai(kind, scope, requested_by=actor_of(info).subject, paksa=paksa)
        await _enqueue(run)
        return build(info, SyncRun, row_of(run))


    @strawberry.mutation(description="Sends a fixed evaluation to SIASN again (a DEAD one "
                         "after fixing its cause); ADMIN_PUSAT")
    async def kirim_ulang_evaluasi(self, info: strawberry.Info, evaluasi_id: relay.GlobalID
                                   ) -> KirimanSiasn:  # fmt: skip
        _ensure_admin_pusat(info)
        key = decode_id(evaluasi_id, "Evaluasi", "evaluasiId")
        row = await kirim.kirim_ulang(key)
        if row is None:
            raise NotFound(f"Evaluasi {evaluasi_id} is not in the SIASN outbox (not fixed)")
        from workers.siasn import push_evaluasi

        await send(push_evaluasi, row.id)
        return build(info, KirimanSiasn, row_of(row))


async def _enqueue(run: SyncRunRow) -> None:
    from workers.siasn import actor_for  # the API sends; importing needs no Redis

    try:
        await send(actor_for(run.kind), run.id)
    except ServiceUnavailable:
        await runs.selesai(run, SyncStatus.FAILED, "the job queue (Redis) was unreachable")
        raise
