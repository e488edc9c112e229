"""/graphql over HTTP, per the GraphQL-over-HTTP spec, on top of Strawberry's ASGI view.

POST JSON for everything, GET for queries only (405 otherwise). Responses are
`application/graphql-response+json` when the client's Accept prefers it — then a
request that fails before execution (parse, validation, limits) answers 400 —
and `application/json` otherwise, 200 for GraphQL errors. Whatever the media
type: a body over the cap is 413, a token whose subject may not sign in is 401,
and a database outage or an exhausted time budget is 503 with Retry-After.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from cross_web import HTTPException
from graphql import GraphQLError
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from ekinerja_graphql.api.body_limit import BodyLimit
from ekinerja_graphql.api.errors import (
    BAD_USER_INPUT,
    SERVICE_UNAVAILABLE,
    UNAUTHENTICATED,
    ServiceUnavailable,
    public_error,
)
from ekinerja_graphql.api.graphiql import DEFAULT_ASSETS_PATH, render_graphiql_page
from ekinerja_graphql.api.json_post import is_plain_json_post, request_data
from ekinerja_graphql.auth import InvalidToken, Principal, decode_token
from ekinerja_graphql.config import Settings
from ekinerja_graphql.db import database_unavailable
from ekinerja_graphql.request_id import RequestIdMiddleware

ContextFactory = Callable[..., Awaitable[Any]]
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
RETRY_AFTER_SECONDS = "5"


class AuthenticationFailed(HTTPException):
    code = UNAUTHENTICATED
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'}

    def __init__(self, reason: str) -> None:
        super().__init__(401, reason)


class DatabaseUnavailable(HTTPException):
    code = SERVICE_UNAVAILABLE
    headers = {"Retry-After": RETRY_AFTER_SECONDS}

    def __init__(self) -> None:
        super().__init__(503, ServiceUnavailable().message)


class MutationOverGet(HTTPException):
    code = BAD_USER_INPUT
    headers = {"Allow": "POST"}

    def __init__(self) -> None:
        super().__init__(405, "Only queries may be sent with GET; send mutations with POST")


class GraphQLApp(GraphQL):
    """Strawberry's ASGI view with our auth, status codes and encoding.

    `context_factory(request=, response=, principal=, settings=)` builds the
    context; tests inject their own schema and factory.
    """

    def __init__(
        self, schema: BaseSchema, *, settings: Settings, context_factory: ContextFactory
    ) -> None:
        # Multipart uploads: a cross-site form cannot carry the bearer token, so they need no
        # CSRF guard beyond authentication.
        super().__init__(schema, graphql_ide="graphiql" if settings.graphiql else None,
                         multipart_uploads_enabled=True)
        self.settings = settings
        self.context_factory = context_factory

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await self.run(request)
        except HTTPException as error:
            response = self.error_response(request, error)
        except Exception as error:
            if not database_unavailable(error):
                raise
            response = self.error_response(request, DatabaseUnavailable())
        await response(scope, receive, send)

    async def run(self, request: Request, context: Any = UNSET,
                  root_value: Any = UNSET) -> Response:
        """A plain JSON POST goes from its body straight to execute_single (api/json_post.py);
        every other request runs Strawberry's way."""
        headers = request.headers
        if not (isinstance(request, Request) and context is UNSET and is_plain_json_post(
                request.method, headers.get("content-type"), headers.get("accept"))):
            return await super().run(request, context, root_value)
        sub_response = await self.get_sub_response(request)
        context = await self.get_context(request, response=sub_response)
        operation = request_data(self.decode_json(await request.body()))
        result = await self.execute_single(
            request=request, request_adapter=self.request_adapter_class(request),
            sub_response=sub_response, context=context, root_value=None, request_data=operation,
        )
        response_data = await self.process_result(request, result)
        if result.errors:
            self._handle_errors(result.errors, response_data)
        return self.create_response(response_data, sub_response)

    async def render_graphql_ide(self, request: Request) -> Response:
        assets = self.settings.graphiql_assets_url or DEFAULT_ASSETS_PATH
        return HTMLResponse(render_graphiql_page(assets))

    def decode_json(self, data: str | bytes) -> object:
        try:
            decoded = orjson.loads(data)
        except (orjson.JSONDecodeError, RecursionError):
            raise HTTPException(400, "Unable to parse request body as JSON") from None
        if not isinstance(decoded, dict):
            raise HTTPException(400, "The request body must be a JSON object")
        return decoded

    async def get_context(self, request: Request, response: Response) -> Any:
        principal = principal_from(request.headers.get("authorization"), self.settings)
        return await self.context_factory(
            request=request, response=response, principal=principal, settings=self.settings
        )

    async def get_sub_response(self, request: Request) -> Response:
        sub_response = await super().get_sub_response(request)
        # create_response() is not given the request; the negotiated type rides along here.
        sub_response.media_type = response_media_type(request.headers.get("accept"))
        return sub_response

    async def execute_single(self, **kwargs: Any) -> ExecutionResult:
        budget = self.settings.request_timeout_seconds
        try:
            async with asyncio.timeout(budget):
                return await super().execute_single(**kwargs)
        except TimeoutError:
            message = f"the request took longer than its budget of {budget:g} s; retry or ask less"
            error = GraphQLError(message, original_error=ServiceUnavailable(message))
            return ExecutionResult(data=None, errors=[error])
        except HTTPException as error:
            if isinstance(error.__cause__, InvalidOperationTypeError):
                raise MutationOverGet() from error
            raise

    async def process_result(self, request: Request, result: ExecutionResult) -> dict:
        # public_error again: errors raised outside the operation hooks skip ErrorCodes.
        errors = [public_error(error) for error in result.errors or ()]
        response: dict[str, Any] = {}
        if errors:
            response["errors"] = [error.formatted for error in errors]
        if not _failed_before_execution(result.data, errors):
            response["data"] = result.data
        if result.extensions:
            response["extensions"] = result.extensions
        return response

    def create_response(
        self, response_data: GraphQLHTTPResponse | list, sub_response: Response
    ) -> Response:
        media_type = sub_response.media_type
        status, headers = _status(response_data, media_type)
        response = Response(orjson.dumps(response_data), status, headers, media_type=media_type)
        response.headers.raw.extend(sub_response.headers.raw)
        response.background = sub_response.background
        if sub_response.status_code:
            response.status_code = sub_response.status_code
        return response

    def error_response(self, request: Request, error: HTTPException) -> Response:
        code = getattr(error, "code", BAD_USER_INPUT)
        body = {"errors": [{"message": error.reason, "extensions": {"code": code}}]}
        media_type = response_media_type(request.headers.get("accept"))
        headers = getattr(error, "headers", None)
        return Response(orjson.dumps(body), error.status_code, headers, media_type)

    def encode_json(self, data: object) -> str:
        # Text, not bytes: the WebSocket adapter sends bytes as binary frames.
        return orjson.dumps(data).decode()


def principal_from(authorization: str | None, settings: Settings) -> Principal | None:
    if authorization is None:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed("The Authorization header must be 'Bearer <token>'")
    try:
        return decode_token(token.strip(), settings)
    except InvalidToken as error:
        raise AuthenticationFailed(f"Invalid bearer token: {error}") from None


def response_media_type(accept: str | None) -> str:
    """graphql-response+json when Accept ranks it at least as high as application/json.

    Wildcards and a missing Accept get application/json, which legacy clients expect.
    """
    weights = _accept_weights(accept or "")
    preferred = weights.get(GRAPHQL_RESPONSE_JSON, 0.0)
    if preferred > 0 and preferred >= weights.get(JSON, 0.0):
        return GRAPHQL_RESPONSE_JSON
    return JSON


def _accept_weights(accept: str) -> dict[str, float]:
    weights = {}
    for entry in accept.split(","):
        media_type, *parameters = (part.strip() for part in entry.split(";"))
        weights[media_type.lower()] = _quality(parameters)
    return weights


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def _status(response_data: GraphQLHTTPResponse | list, media_type: str) -> tuple[int, dict]:
    if not isinstance(response_data, dict):
        return 200, {}
    codes = {error.get("extensions", {}).get("code") for error in response_data.get("errors", ())}
    if SERVICE_UNAVAILABLE in codes:
        return 503, {"Retry-After": RETRY_AFTER_SECONDS}
    without_data = "data" not in response_data or response_data["data"] is None
    if codes == {UNAUTHENTICATED} and without_data:
        return 401, dict(AuthenticationFailed.headers)
    if media_type == GRAPHQL_RESPONSE_JSON and "data" not in response_data:
        return 400, {}  # the spec's answer to a request that failed before execution
    return 200, {}


def _failed_before_execution(data: object, errors: list[GraphQLError]) -> bool:
    """Parse, validation, limit and variable errors carry no path; field errors do."""
    return data is None and bool(errors) and all(error.path is None for error in errors)


def create_graphql_app(settings: Settings) -> ASGIApp:
    from ekinerja_graphql.api.context import build_context
    from ekinerja_graphql.api.schema import build_schema

    def may_upload(headers: Headers) -> bool:
        """The upload cap is for a verified bearer token only (its subject is checked later,
        by the GraphQL layer); anyone else's multipart request gets the normal cap."""
        try:
            return principal_from(headers.get("authorization"), settings) is not None
        except AuthenticationFailed:
            return False

    app = GraphQLApp(build_schema(settings), settings=settings, context_factory=build_context)
    return RequestIdMiddleware(BodyLimit(app, settings.max_body_bytes, settings.max_upload_bytes,
                                         may_upload=may_upload))
