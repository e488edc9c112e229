"""Request size cap, before anything is parsed: 413 for a body (or GET query string) over it."""

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ekinerja_graphql.api.errors import BAD_USER_INPUT


class BodyLimit:
    """Reads at most `max_bytes` of the body, then hands the buffered body to the app."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_bytes:
            await self._refuse(send, 414, "query string")
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.max_bytes:
            await self._refuse(send, 413, "request body")
            return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                await self._refuse(send, 413, "request body")
                return
        await self.app(scope, _replay(body, receive), send)

    async def _refuse(self, send: Send, status: int, what: str) -> None:
        message = f"the {what} is larger than {self.max_bytes} bytes"
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
