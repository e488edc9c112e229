"""The schema's extensions, in order: errors outermost, then limits, caches, cost and the viewer."""

from collections.abc import Callable, Iterator
from functools import partial

from graphql import GraphQLError, NoSchemaIntrospectionCustomRule, parse
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.schema import validate_document

from ekinerja_graphql.api.compiled.extension import CompiledReads
from ekinerja_graphql.api.compiled.plan import PlanCache
from ekinerja_graphql.api.document_limits import shape_problem
from ekinerja_graphql.api.errors import BAD_USER_INPUT, ErrorCodes
from ekinerja_graphql.api.input_limits import InputLimits
from ekinerja_graphql.api.limits import COST_ARGUMENTS, QueryCostLimit, named_fan_outs
from ekinerja_graphql.api.lru import Lru
from ekinerja_graphql.api.viewer_loader import ViewerLoader
from ekinerja_graphql.api.walk_memo import WalkMemo
from ekinerja_graphql.config import Settings

CACHED_DOCUMENTS = 512


class BoundedParserCache(ParserCache):
    """Caches only documents up to `max_bytes`, so distinct large documents cannot grow memory;
    and leaves syntax errors to Strawberry's own parse step (raised while entering the hook,
    they would escape `on_operation` and ErrorCodes)."""

    def __init__(self, maxsize: int, max_bytes: int) -> None:
        super().__init__(maxsize=maxsize)
        self.max_bytes = max_bytes

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        parser = self.cached_parse_document if len(context.query) <= self.max_bytes else parse
        try:
            context.graphql_document = parser(context.query, **context.parse_options)
        except GraphQLError:
            context.graphql_document = None  # re-parsed, and reported, by Strawberry
        yield


class GuardedValidationCache(SchemaExtension):
    """Refuses documents whose shape would make validation slow (api/document_limits.py),
    then remembers the verdict of documents up to `max_bytes` by their text: the same text
    parses to the same document, and a text is hashed far faster than its syntax tree."""

    def __init__(self, verdicts: Lru, max_bytes: int, max_merged_fields: int) -> None:
        self.verdicts = verdicts
        self.max_bytes = max_bytes
        self.max_merged_fields = max_merged_fields

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query or ""
        if len(query) > self.max_bytes:
            problem, errors = self._verdict(context)
        else:
            key = (query, context.validation_rules)
            found = self.verdicts.get(key)
            if found is None:
                found = self.verdicts.put(key, self._verdict(context))
            problem, errors = found
        # Set before yielding: Strawberry then skips its own validation.
        context.pre_execution_errors = (
            [GraphQLError(problem, extensions={"code": BAD_USER_INPUT})]
            if problem is not None else list(errors))
        yield

    def _verdict(self, context) -> tuple[str | None, tuple[GraphQLError, ...]]:
        problem = shape_problem(context.graphql_document, self.max_merged_fields)
        if problem is not None:
            return problem, ()
        return None, tuple(validate_document(context.schema._schema, context.graphql_document,
                                             context.validation_rules))


def schema_extensions(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """Factories for `strawberry.Schema(extensions=...)`; Strawberry builds them per request."""
    # The rules are built once, not per request as QueryDepthLimiter and MaxAliasesLimiter
    # do: ValidationCache keys on the rule classes, so fresh classes would always miss.
    limit_rules = [
        depth_rule(settings.max_query_depth, should_ignore=None),
        aliases_rule(settings.max_aliases),
    ]
    if not settings.introspection:
        limit_rules.append(NoSchemaIntrospectionCustomRule)
    extensions = [
        # First, so its on_operation exits last and sees every other extension's errors.
        ErrorCodes,
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        partial(AddValidationRules, limit_rules),
        partial(BoundedParserCache, CACHED_DOCUMENTS, settings.max_cached_document_bytes),
        partial(GuardedValidationCache, Lru(CACHED_DOCUMENTS),
                settings.max_cached_document_bytes, settings.max_merged_fields),
        partial(InputLimits, settings.max_string_length, settings.max_list_length,
                memo=WalkMemo(CACHED_DOCUMENTS, settings.max_cached_document_bytes,
                              arguments=frozenset())),
        partial(
            QueryCostLimit,
            maximum=settings.max_query_cost,
            default_page_size=settings.default_page_size,
            max_page_size=settings.max_page_size,
            named=named_fan_outs(settings.evaluation_period),
            memo=WalkMemo(CACHED_DOCUMENTS, settings.max_cached_document_bytes,
                          arguments=COST_ARGUMENTS),
        ),
        # The viewer is read only for a request every limit above has accepted.
        ViewerLoader,
    ]
    if settings.compiled_reads:
        # Last: runs only what every extension above let through.
        plans = PlanCache(CACHED_DOCUMENTS)
        extensions.append(partial(CompiledReads, plans, settings.max_cached_document_bytes))
    return extensions
