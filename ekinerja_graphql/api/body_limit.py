"""Request size cap, before anything is parsed: 413 for a body (or GET query string) over it.
A multipart request (a file upload: an attendance file, a rule set) has a cap of its own, but
only when `may_upload` says its sender may upload (a verified bearer token); anyone else's
multipart request gets the normal cap."""

import logging
from collections.abc import Callable

import orjson
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ekinerja_graphql.api.errors import BAD_USER_INPUT

logger = logging.getLogger(__name__)
MayUpload = Callable[[Headers], bool]
# A Content-Length longer than this is no size this service accepts (and int() of thousands of
# digits is slow, then refused).
_MAX_LENGTH_DIGITS = 18


def _nobody(headers: Headers) -> bool:
    return False


class BodyLimit:
    """Reads at most `max_bytes` of the body, or `max_upload_bytes` of a multipart one whose
    headers `may_upload` accepts, then hands the buffered body to the app.

    `may_upload(headers)` is asked once per multipart request, before the body is read; it
    should be cheap and not raise (if it does, the request gets the normal cap). Without it,
    no request gets the upload cap.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, max_upload_bytes: int | None = None,
                 may_upload: MayUpload | None = None) -> None:  # fmt: skip
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes or max_bytes
        self.may_upload = may_upload or _nobody

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_bytes:
            await self._refuse(send, 414, "query string", self.max_bytes)
            return
        # First occurrence of each header, as Starlette's Request (and so Strawberry) reads it.
        headers = Headers(scope=scope)
        limit = self._limit(headers)
        declared = headers.get("content-length", "0")
        if (not (declared.isascii() and declared.isdigit()) or len(declared) > _MAX_LENGTH_DIGITS
                or int(declared) > limit):  # fmt: skip
            await self._refuse(send, 413, "request body", limit)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            if chunk:
                chunks.append(chunk)
                size += len(chunk)
            more = message.get("more_body", False)
            if size > limit:
                await self._refuse(send, 413, "request body", limit)
                return
        body = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        await self.app(scope, _replay(body, receive), send)

    def _limit(self, headers: Headers) -> int:
        content_type = headers.get("content-type", "").lower()
        if not content_type.startswith("multipart/form-data"):
            return self.max_bytes
        try:
            allowed = self.may_upload(headers)
        except Exception:
            logger.exception("may_upload raised; the request gets the normal body cap")
            allowed = False
        return self.max_upload_bytes if allowed is True else self.max_bytes

    async def _refuse(self, send: Send, status: int, what: str, limit: int) -> None:
        message = f"the {what} is larger than {limit} bytes"
        body = orjson.dumps({"errors": [{"message": message,
                                         "extensions": {"code": BAD_USER_INPUT}}]})
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
