"""Errors resolvers raise, and the extension that gives every GraphQL error a stable code.

Codes (in `extensions.code`): BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN,
NOT_FOUND, CONFLICT, SERVICE_UNAVAILABLE (the database is down, slow or the
request ran out of time: answered with HTTP 503), INTERNAL_SERVER_ERROR.
Internal errors are logged with their traceback and request id, and reach the
client only as that id.
"""

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.relay import GlobalIDValueError
from tortoise.exceptions import IntegrityError

from ekinerja_graphql.db import database_unavailable
from ekinerja_graphql.errors import (  # noqa: F401 - re-exported for the API modules
    BAD_USER_INPUT,
    CONFLICT,
    FORBIDDEN,
    INTERNAL_SERVER_ERROR,
    NOT_FOUND,
    SERVICE_UNAVAILABLE,
    UNAUTHENTICATED,
    BadUserInput,
    CodedError,
    Conflict,
    Forbidden,
    NotFound,
    Unauthenticated,
)
from ekinerja_graphql.request_id import current_request_id, new_request_id

logger = logging.getLogger(__name__)


class ResultTooLarge(CodedError):
    code = BAD_USER_INPUT

    def __init__(self, cost: int) -> None:
        super().__init__(
            f"the result holds more objects than this query's cost of {cost} allows: "
            "ask for fewer items with `first`, or narrow the filter"
        )


class ServiceUnavailable(CodedError):
    """Not the client's fault and worth retrying: the database is down or too slow."""

    code = SERVICE_UNAVAILABLE

    def __init__(self, message: str = "the database is unavailable; retry shortly") -> None:
        super().__init__(message)


# Errors that describe the client's input even when raised inside a resolver.
_CLIENT_FACING = (GraphQLError, GlobalIDValueError)


def public_error(error: GraphQLError) -> GraphQLError:
    """The form of `error` a client may see; idempotent (coded errors pass through)."""
    original = error.original_error
    if isinstance(original, CodedError):
        return _copy(error, original.message, original.extensions)
    if original is not None and database_unavailable(original):
        logger.warning("database unavailable at %s: %r", _path(error), original)
        unavailable = ServiceUnavailable()
        return _copy(error, unavailable.message, unavailable.extensions, keep_cause=False)
    if isinstance(original, IntegrityError):
        # Two writers raced past the same check (a unique row created twice): the loser
        # reloads, as after a stale version.
        logger.warning("integrity error at %s: %r", _path(error), original)
        raced = Conflict("the data changed while you wrote it: reload and try again")
        return _copy(error, raced.message, raced.extensions, keep_cause=False)
    if "code" in error.extensions:
        return error
    if isinstance(original, _CLIENT_FACING) or (original is None and error.path is None):
        return _copy(error, error.message, {**error.extensions, "code": BAD_USER_INPUT})
    return _masked(error)


def _masked(error: GraphQLError) -> GraphQLError:
    request_id = current_request_id() or new_request_id()
    logger.error(
        "Internal error at %s: %s",
        _path(error),
        error.message,
        exc_info=error.original_error or error,
        extra={"request_id": request_id},
    )
    message = f"Internal server error (request id {request_id})"
    extensions = {"code": INTERNAL_SERVER_ERROR, "requestId": request_id}
    return _copy(error, message, extensions, keep_cause=False)


def _path(error: GraphQLError) -> str:
    return ".".join(map(str, error.path or ())) or "(request)"


def _copy(
    error: GraphQLError, message: str, extensions: dict[str, Any], keep_cause: bool = True
) -> GraphQLError:
    # A new error rather than mutating: ValidationCache shares validation errors across requests.
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error if keep_cause else None,
        extensions=extensions,
    )


class ErrorCodes(SchemaExtension):
    """Sets `extensions.code` on every error; list it first so it wraps the other extensions."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [public_error(error) for error in result.errors]
