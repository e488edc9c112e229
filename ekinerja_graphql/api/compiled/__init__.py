"""The compiled read path: a query executed from a cached plan, breadth-first.

graphql-core completes every field through its own coroutine machinery; this path
walks the plan one depth at a time, reads plain attributes straight off the
objects, and awaits the resolvers of a whole depth together, so that the same
DataLoaders batch the same statements (one per level). The answer, errors and
null propagation are graphql-core's; what the plan does not cover (mutations, an
operation or variables graphql-core must refuse, an unexpected failure) runs on graphql-core
and is counted in the `ekinerja_graphql_executions_total` metric.
"""
