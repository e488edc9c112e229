"""The schema's extensions, in order: errors outermost, then limits, caches and cost."""

from collections.abc import Callable, Iterator
from functools import partial

from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

from ekinerja_graphql.api.errors import ErrorCodes
from ekinerja_graphql.api.limits import QueryCostLimit
from ekinerja_graphql.config import Settings

CACHED_DOCUMENTS = 512


class SafeParserCache(ParserCache):
    """ParserCache that leaves syntax errors to Strawberry's own parse step.

    ParserCache raises them while entering the parse hook, outside Strawberry's
    try block, so they escape `on_operation` (and ErrorCodes) entirely.
    """

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        try:
            context.graphql_document = self.cached_parse_document(
                context.query, **context.parse_options
            )
        except GraphQLError:
            context.graphql_document = None  # re-parsed, and reported, by Strawberry
        yield


def schema_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """Factories for `strawberry.Schema(extensions=...)`; Strawberry builds them per request."""
    # The depth and alias rules are built once, not per request as QueryDepthLimiter and
    # MaxAliasesLimiter do: ValidationCache keys on the rule classes, so fresh classes
    # would make every request a cache miss.
    limit_rules = [
        depth_rule(settings.max_query_depth, should_ignore=None),
        aliases_rule(settings.max_aliases),
    ]
    return [
        # First, so its on_operation exits last and sees every other extension's errors.
        ErrorCodes,
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        partial(AddValidationRules, limit_rules),
        partial(SafeParserCache, maxsize=CACHED_DOCUMENTS),
        partial(ValidationCache, maxsize=CACHED_DOCUMENTS),
        partial(
            QueryCostLimit,
            maximum=settings.max_query_cost,
            default_page_size=settings.default_page_size,
            max_page_size=settings.max_page_size,
        ),
    ]
