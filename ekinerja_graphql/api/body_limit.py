"""Request size cap, before anything is parsed: 413 for a body (or GET query string) over it.
A multipart request (a file upload: an attendance file, a rule set) has a cap of its own."""

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ekinerja_graphql.api.errors import BAD_USER_INPUT


class BodyLimit:
    """Reads at most `max_bytes` of the body (`max_upload_bytes` of a multipart one), then
    hands the buffered body to the app."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_upload_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes or max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_bytes:
            await self._refuse(send, 414, "query string", self.max_bytes)
            return
        headers = dict(scope["headers"])
        multipart = headers.get(b"content-type", b"").lower().startswith(b"multipart/form-data")
        limit = self.max_upload_bytes if multipart else self.max_bytes
        declared = headers.get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > limit:
            await self._refuse(send, 413, "request body", limit)
            return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > limit:
                await self._refuse(send, 413, "request body", limit)
                return
        await self.app(scope, _replay(body, receive), send)

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
