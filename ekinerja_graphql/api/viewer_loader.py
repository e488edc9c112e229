"""Reads the caller's grants (services/access) after every limit, before the first resolver;
closes the request's DataLoaders after the last one."""

from collections.abc import AsyncIterator
from datetime import date

from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension

from ekinerja_graphql.api.errors import UNAUTHENTICATED
from ekinerja_graphql.services.access import load_viewer
from ekinerja_graphql.services.access.viewer import SignInRefused


class ViewerLoader(SchemaExtension):
    """List it after the limit extensions: their on_execute runs first."""

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context = execution.context
        principal = getattr(context, "principal", None)
        if execution.result is None and principal is not None and context.viewer is None:
            settings = context.settings
            try:
                context.viewer = await load_viewer(
                    principal.subject, frozenset(settings.service_accounts), date.today()
                )
            except SignInRefused as refused:
                error = GraphQLError(str(refused), extensions={"code": UNAUTHENTICATED})
                execution.result = ExecutionResult(data=None, errors=[error])
        try:
            yield
        finally:
            loaders = getattr(context, "loaders", None)
            if loaders is not None:
                loaders.close()
