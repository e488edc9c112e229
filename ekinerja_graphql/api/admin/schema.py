"""Root fields for admins."""

from datetime import date
from typing import Annotated

import strawberry
from tortoise.expressions import Q

from ekinerja_graphql.api.admin.types import AdminAssignment
from ekinerja_graphql.api.connection import (
    BY_ID,
    CONNECTION_DESCRIPTION,
    Connection,
    fetch_page,
    page_request,
)
from ekinerja_graphql.api.context import viewer_of
from ekinerja_graphql.api.errors import Forbidden
from ekinerja_graphql.api.plain_values import columns
from ekinerja_graphql.api.rows import maker
from ekinerja_graphql.models import AdminAssignment as AssignmentModel
from ekinerja_graphql.models.unit_organisasi import in_subtree
from ekinerja_graphql.services.admin_assignments import active_on


@strawberry.type
class AdminQuery:
    @strawberry.field(description="Admin assignments, oldest first: every one for ADMIN_PUSAT, "
                      "those inside its subtrees for ADMIN_UNIT, FORBIDDEN for anyone else")
    async def admin_assignments(
        self,
        info: strawberry.Info,
        first: int | None = None,
        after: str | None = None,
        active_on_date: Annotated[
            date | None, strawberry.argument(name="activeOn", description="Only those in force "
                                             "that day")
        ] = None,
    ) -> "AdminAssignmentConnection | None":
        viewer = viewer_of(info)
        page = page_request(info.context.settings, BY_ID, first, after)
        if viewer.sees_everyone:
            queryset = AssignmentModel.all()
        elif viewer.admin_unit_paths:
            within = Q(id__in=[])
            for path in viewer.admin_unit_paths:
                within |= in_subtree(path)
            queryset = AssignmentModel.filter(within)
        else:
            raise Forbidden("admin assignments are for ADMIN_UNIT and ADMIN_PUSAT")
        if active_on_date is not None:
            queryset = queryset.filter(active_on(active_on_date))
        found = await fetch_page(queryset, columns(AssignmentModel), BY_ID, page)
        return AdminAssignmentConnection.of(info, found, BY_ID, maker(AdminAssignment),
                                            queryset.count)


@strawberry.type(description=CONNECTION_DESCRIPTION)
class AdminAssignmentConnection(Connection[AdminAssignment]):
    pass
