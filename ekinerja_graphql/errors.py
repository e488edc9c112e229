"""Errors with a stable code, raised by services and resolvers alike (the API turns them
into GraphQL errors with `extensions.code`, api/errors.py).

Codes: BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT,
SERVICE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
"""

from typing import Any

BAD_USER_INPUT = "BAD_USER_INPUT"
UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"
NOT_FOUND = "NOT_FOUND"
CONFLICT = "CONFLICT"
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class CodedError(Exception):
    code = INTERNAL_SERVER_ERROR

    def __init__(
        self, message: str, *, field: str | None = None, extensions: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extensions or {}

    @property
    def extensions(self) -> dict[str, Any]:
        # graphql-core copies an original error's `extensions` into the GraphQLError.
        located = {"field": self.field} if self.field else {}
        return {"code": self.code, **located, **self.extra}


class BadUserInput(CodedError):
    """`allowed` completes "<field> must be ...", e.g. "between 0 and 100" or "one of A, B"."""

    code = BAD_USER_INPUT
    MAX_DETAIL = 200  # details may echo the input: never all of it

    def __init__(self, field: str, allowed: str, **extensions: Any) -> None:
        shown = {k: v[: self.MAX_DETAIL] if isinstance(v, str) else v
                 for k, v in extensions.items()}
        super().__init__(f"{field} must be {allowed}", field=field, extensions=shown)


class Unauthenticated(CodedError):
    code = UNAUTHENTICATED

    def __init__(self, message: str = "sign in: send Authorization: Bearer <token>") -> None:
        super().__init__(message)


class Forbidden(CodedError):
    code = FORBIDDEN


class NotFound(CodedError):
    code = NOT_FOUND


class Conflict(CodedError):
    code = CONFLICT

    def __init__(
        self,
        message: str,
        *,
        current_version: int | None = None,
        current_status: str | None = None,
        **kwargs: Any,
    ):
        """An impossible step or a stale write: carries the object's current version and
        status, so the client can reload and retry."""
        super().__init__(message, **kwargs)
        current = {"currentVersion": current_version, "currentStatus": current_status}
        self.extra = {**self.extra, **{k: v for k, v in current.items() if v is not None}}
