"""Per-request context: settings, who is calling, the result budget and lazy DataLoaders.

The viewer (what the caller may see) is read from the database by the ViewerLoader
extension once the document has passed every limit, so a rejected request runs no SQL.
"""

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info

from ekinerja_graphql.api.errors import Unauthenticated
from ekinerja_graphql.api.loaders import RequestLoaders
from ekinerja_graphql.api.rows import ResultBudget
from ekinerja_graphql.auth import Principal
from ekinerja_graphql.config import Settings
from ekinerja_graphql.services.access import Viewer


@dataclass
class Context:
    settings: Settings
    principal: Principal | None
    request: Request | None = None
    response: Response | None = None
    viewer: Viewer | None = None
    budget: ResultBudget = field(default_factory=ResultBudget)
    loaders: RequestLoaders | None = None

    def require_viewer(self) -> Viewer:
        if self.viewer is None:
            raise Unauthenticated("sign in: send Authorization: Bearer <token>")
        return self.viewer

    def require_loaders(self) -> RequestLoaders:
        if self.loaders is None:
            self.loaders = RequestLoaders(self.require_viewer(), self.budget)
        return self.loaders


async def build_context(
    *,
    principal: Principal | None,
    settings: Settings,
    request: Request | None = None,
    response: Response | None = None,
) -> Context:
    return Context(settings, principal, request, response)


def viewer_of(info: Info) -> Viewer:
    return info.context.require_viewer()
