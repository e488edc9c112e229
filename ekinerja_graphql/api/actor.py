"""The caller of a mutation as the services know them: the viewer, today's date and the
request id every change is recorded with."""

from datetime import date

import strawberry

from ekinerja_graphql.api.context import viewer_of
from ekinerja_graphql.request_id import current_request_id
from ekinerja_graphql.services.access.peran import Actor


def actor_of(info: strawberry.Info) -> Actor:
    return Actor(viewer_of(info), date.today(), current_request_id())
