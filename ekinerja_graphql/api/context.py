"""Per-request context: settings, the viewer's access scope and fresh DataLoaders."""

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info

from ekinerja_graphql.api.dataloaders import Loaders
from ekinerja_graphql.api.errors import Unauthenticated
from ekinerja_graphql.auth import Principal
from ekinerja_graphql.config import Settings
from ekinerja_graphql.services.akses import Viewer, load_viewer


@dataclass
class Context:
    settings: Settings
    viewer: Viewer | None
    loaders: Loaders | None
    request: Request | None = None
    response: Response | None = None

    def require_viewer(self) -> Viewer:
        if self.viewer is None:
            raise Unauthenticated("sign in: send Authorization: Bearer <token>")
        return self.viewer

    def require_loaders(self) -> Loaders:
        self.require_viewer()
        return self.loaders


async def build_context(
    *,
    principal: Principal | None,
    settings: Settings,
    request: Request | None = None,
    response: Response | None = None,
) -> Context:
    viewer = await load_viewer(principal) if principal is not None else None
    loaders = Loaders(viewer) if viewer is not None else None
    return Context(settings, viewer, loaders, request, response)


def loaders_of(info: Info) -> Loaders:
    return info.context.require_loaders()


def viewer_of(info: Info) -> Viewer:
    return info.context.require_viewer()
