"""The audit log, for admins: every change made through a mutation."""

from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.scalars import JSON
from tortoise.expressions import Q, Subquery

from ekinerja_graphql.api.connection import (
    BY_ID,
    CONNECTION_DESCRIPTION,
    Connection,
    fetch_page,
    page_request,
)
from ekinerja_graphql.api.context import viewer_of
from ekinerja_graphql.api.errors import BadUserInput, Forbidden
from ekinerja_graphql.api.ids import decode_id
from ekinerja_graphql.api.plain_values import columns
from ekinerja_graphql.api.rows import maker
from ekinerja_graphql.models import AuditLog
from ekinerja_graphql.models import Pegawai as PegawaiModel
from ekinerja_graphql.models.unit_organisasi import in_subtree

MAX_NAME = 60


@strawberry.type(description="One change: who made it, through which mutation, the record "
                 "before and after")
class AuditEntry:
    id: int
    at: datetime
    subject: str
    action: str
    object_type: str
    object_id: int | None
    before: JSON | None
    after: JSON | None
    request_id: str | None


@strawberry.type(description=CONNECTION_DESCRIPTION)
class AuditEntryConnection(Connection[AuditEntry]):
    pass


@strawberry.input(description="All given conditions must hold")
class AuditFilter:
    pegawai_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Changes to this pegawai's records")
    object_type: str | None = strawberry.field(default=None, description="e.g. Skp, Evaluasi")
    action: str | None = strawberry.field(default=None, description="A mutation, e.g. setujuiSkp")


@strawberry.type
class AuditQuery:
    @strawberry.field(description="Oldest first: every entry for ADMIN_PUSAT, those about pegawai "
                      "of its subtrees for ADMIN_UNIT, FORBIDDEN for anyone else")
    async def audit_log(self, info: strawberry.Info, first: int | None = None,
                        after: str | None = None, filter: AuditFilter | None = None
                        ) -> AuditEntryConnection | None:  # fmt: skip
        viewer = viewer_of(info)
        page = page_request(info.context.settings, BY_ID, first, after)
        if viewer.sees_everyone:
            queryset = AuditLog.all()
        elif viewer.admin_unit_paths:
            within = Q(id__in=[])
            for path in viewer.admin_unit_paths:
                within |= in_subtree(path)
            queryset = AuditLog.filter(
                pegawai_id__in=Subquery(PegawaiModel.filter(within).values("id")))
        else:
            raise Forbidden("the audit log is for ADMIN_UNIT and ADMIN_PUSAT")
        queryset = queryset.filter(_conditions(filter)) if filter else queryset
        found = await fetch_page(queryset, columns(AuditLog), BY_ID, page)
        return AuditEntryConnection.of(info, found, BY_ID, maker(AuditEntry), queryset.count)


def _conditions(filter: AuditFilter) -> Q:
    condition = Q()
    if filter.pegawai_id is not None:
        condition &= Q(pegawai_id=decode_id(filter.pegawai_id, "Pegawai", "filter.pegawaiId"))
    for name, value in (("object_type", filter.object_type), ("action", filter.action)):
        if value is not None:
            if not 1 <= len(value) <= MAX_NAME:
                raise BadUserInput(f"filter.{name}", f"1 to {MAX_NAME} characters")
            condition &= Q(**{name: value})
    return condition
