"""Runs queries on the compiled path once every limit, the cost and the viewer are settled."""

import logging
from collections.abc import AsyncIterator

from graphql import OperationType
from graphql.execution import Executor
from prometheus_client import Counter
from strawberry.extensions import SchemaExtension

from ekinerja_graphql.api.compiled.plan import Plan, PlanCache
from ekinerja_graphql.api.compiled.run import CompiledRun, NotCompilable

logger = logging.getLogger(__name__)

EXECUTIONS = Counter(
    "ekinerja_graphql_executions_total",
    "GraphQL operations executed, by executor and, for graphql-core, why",
    ["executor", "reason"],
)


class CompiledReads(SchemaExtension):
    """List it last: the extensions before it (cost limit, viewer) run first, and a result
    they set (a refusal) leaves nothing to execute."""

    def __init__(self, plans: PlanCache, max_cached_bytes: int) -> None:
        self.plans = plans
        self.max_cached_bytes = max_cached_bytes

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.result is None and context.graphql_document is not None:
            reason = await self._run(context)
            EXECUTIONS.labels("compiled" if reason is None else "graphql-core",
                              reason or "").inc()
        yield

    async def _run(self, context) -> str | None:
        """Sets the result on the compiled path, or says why graphql-core runs instead."""
        schema = context.schema
        executor = Executor.build(
            schema._schema, context.graphql_document, context.root_value, context.context,
            context.variables, context.operation_name,
        )
        if isinstance(executor, list):
            return "refused_request"  # operation or variables: graphql-core words the errors
        if executor.operation.operation != OperationType.QUERY:
            return executor.operation.operation.value
        query = context.query or ""
        if len(query) <= self.max_cached_bytes:
            plan = self.plans.plan_for(query, context.operation_name, context.graphql_document,
                                       executor.variable_values.coerced)
        else:
            plan = Plan()  # a large document's plan is used once, not kept
        budget = getattr(context.context, "budget", None)
        spent = budget.used if budget is not None else 0
        try:
            context.result = await CompiledRun(executor, plan, schema).execute()
        except NotCompilable:
            reason = "not_compilable"
        except Exception:
            logger.exception("the compiled read path failed; running graphql-core instead")
            reason = "error"
        else:
            return None
        if budget is not None:
            budget.used = spent  # graphql-core starts again from what was charged
        return reason
