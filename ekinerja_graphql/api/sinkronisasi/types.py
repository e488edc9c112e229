"""SIASN sync runs as GraphQL types: progress, counts, and what a run found different, set
aside (quarantine) or could not take (failures, with who can fix them)."""

from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.scalars import JSON
from tortoise.queryset import QuerySet

from ekinerja_graphql.api.connection import (
    BY_ID,
    CONNECTION_DESCRIPTION,
    Connection,
    fetch_page,
    page_request,
)
from ekinerja_graphql.api.plain_values import columns
from ekinerja_graphql.api.rows import maker
from ekinerja_graphql.models import JenisKiriman as JenisKirimanModel
from ekinerja_graphql.models import StatusKiriman as StatusKirimanModel
from ekinerja_graphql.models import SyncDifference as DifferenceRow
from ekinerja_graphql.models import SyncFailure as FailureRow
from ekinerja_graphql.models import SyncKind as SyncKindModel
from ekinerja_graphql.models import SyncQuarantine as QuarantineRow
from ekinerja_graphql.models import SyncStatus as SyncStatusModel
from ekinerja_graphql.siasn.errors import Penanggung as PenanggungModel

SyncKind = strawberry.enum(SyncKindModel, description="What a run reconciles")
SyncStatus = strawberry.enum(SyncStatusModel)
Penanggung = strawberry.enum(PenanggungModel, description="Who can fix a failure: NOBODY "
                             "(transient, a later run succeeds), OPERATOR (our configuration "
                             "or credentials), ADMIN_INSTANSI_SIASN (the agency's data in "
                             "SIASN), ADMIN_UNIT (our local data)")  # fmt: skip


@strawberry.type(description="A field SIASN held otherwise than we did; the run applied it")
class SyncDifference:
    id: int
    code: str
    object_type: str
    object_id: int | None
    siasn_id: str | None
    field: str
    old: str | None
    new: str | None
    at: datetime


@strawberry.type(description="A SIASN payload that did not parse, kept whole")
class SyncQuarantine:
    id: int
    source: str
    reason: str
    payload: JSON | None
    at: datetime


@strawberry.type(description="An item the run could not take")
class SyncFailure:
    id: int
    code: str
    penanggung: Penanggung
    key: str | None
    message: str
    at: datetime


@strawberry.type(description=CONNECTION_DESCRIPTION)
class SyncDifferenceConnection(Connection[SyncDifference]):
    pass


@strawberry.type(description=CONNECTION_DESCRIPTION)
class SyncQuarantineConnection(Connection[SyncQuarantine]):
    pass


@strawberry.type(description=CONNECTION_DESCRIPTION)
class SyncFailureConnection(Connection[SyncFailure]):
    pass


@strawberry.type(description="One run of a SIASN sync (admins of the whole ministry)")
class SyncRun(relay.Node):
    id: relay.NodeID[int]
    kind: SyncKind
    scope: str
    status: SyncStatus
    requested_by: str | None
    started_at: datetime | None
    finished_at: datetime | None
    heartbeat_at: datetime | None
    total: int | None = strawberry.field(description="Items to go through, once known")
    done: int
    created_count: int
    updated_count: int
    unchanged_count: int
    deactivated_count: int
    quarantined_count: int
    failed_count: int
    error_summary: str | None

    @strawberry.field(description="Oldest first")
    async def differences(self, info: strawberry.Info, first: int | None = None,
                          after: str | None = None) -> SyncDifferenceConnection:  # fmt: skip
        rows = DifferenceRow.filter(run_id=self.id)
        return await page_by_id(info, rows, first, after, SyncDifference, SyncDifferenceConnection)

    @strawberry.field(description="Oldest first")
    async def quarantined(self, info: strawberry.Info, first: int | None = None,
                          after: str | None = None) -> SyncQuarantineConnection:  # fmt: skip
        rows = QuarantineRow.filter(run_id=self.id)
        return await page_by_id(info, rows, first, after, SyncQuarantine, SyncQuarantineConnection)

    @strawberry.field(description="Oldest first")
    async def failures(self, info: strawberry.Info, first: int | None = None,
                       after: str | None = None) -> SyncFailureConnection:  # fmt: skip
        rows = FailureRow.filter(run_id=self.id)
        return await page_by_id(info, rows, first, after, SyncFailure, SyncFailureConnection)


async def page_by_id(info: strawberry.Info, queryset: QuerySet, first: int | None,
                     after: str | None, node_type: type, connection_type: type):  # fmt: skip
    """A keyset page of the queryset's rows, oldest first, as `connection_type`."""
    page = page_request(info.context.settings, BY_ID, first, after)
    found = await fetch_page(queryset, columns(queryset.model), BY_ID, page)
    return connection_type.of(info, found, BY_ID, maker(node_type), queryset.count)


StatusKiriman = strawberry.enum(StatusKirimanModel, description="PENDING and FAILED are sent "
                                "by the workers (FAILED after its backoff); DEAD waits for "
                                "kirimUlangEvaluasi")  # fmt: skip
JenisKiriman = strawberry.enum(JenisKirimanModel)


@strawberry.type(description="A fixed evaluation on its way to SIASN")
class KirimanSiasn:
    id: int
    jenis: JenisKiriman
    status: StatusKiriman
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    siasn_id: str | None = strawberry.field(description="SIASN's record id (mapData) once sent")
    updated_at: datetime
    evaluasi_id: strawberry.Private[int]

    @strawberry.field
    def evaluasi(self) -> relay.GlobalID:
        return relay.GlobalID("Evaluasi", str(self.evaluasi_id))


@strawberry.type(description=CONNECTION_DESCRIPTION)
class KirimanSiasnConnection(Connection[KirimanSiasn]):
    pass
