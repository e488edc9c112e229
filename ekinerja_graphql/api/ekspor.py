"""GET /ekspor/tukin.xlsx and /ekspor/tukin.csv?bulan=YYYY-MM&unitId=<UnitOrganisasi id>:
a month's tukin of a unit subtree (unitId empty or absent: the whole ministry) for the
bendahara, built by services/tukin/ekspor.py.

Same bearer token as /graphql and the same rule as tukinRekap (services/tukin/akses.py).
Errors are JSON like /graphql's (`errors[0].extensions.code`, `field` for an input): 401
UNAUTHENTICATED without a usable token, 400 BAD_USER_INPUT naming `bulan` or `unitId`, 403
FORBIDDEN, 404 NOT_FOUND for an unknown unit, 503 SERVICE_UNAVAILABLE with Retry-After when
the database is down or too slow. All are decided before the first byte of the file.

XLSX: the workbook must be complete before it can be sent (a ZIP's directory comes last), so
it is written to a temporary directory (XlsxWriter in worker threads, the reads on the event
loop), opened, the directory removed — on POSIX the open file stays readable and nothing is
left on disk whatever happens to the response — and streamed back in chunks.

CSV: streamed while it is read. The service's generator holds a database snapshot (a
transaction) from the first read to the last, and a transaction must be entered and left in
one task; the response's iteration may be cancelled or abandoned by Starlette at any await.
So a producer task of our own runs the generator and hands pieces over through a small queue;
the first piece (the header, once the plan is read) is awaited before responding, so a failure
to start is still a proper error status. A failure later can only cut the download short
(the connection is closed before the final chunk: a client sees an incomplete transfer, not
a silently shorter file). A consumer that stops taking pieces for `wait_seconds` ends the
producer, and with it the transaction.
"""

import asyncio
import contextlib
import logging
import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import BinaryIO

import orjson
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp

from ekinerja_graphql.api.errors import (
    BAD_USER_INPUT,
    FORBIDDEN,
    NOT_FOUND,
    SERVICE_UNAVAILABLE,
    UNAUTHENTICATED,
    BadUserInput,
    CodedError,
    ServiceUnavailable,
    Unauthenticated,
)
from ekinerja_graphql.api.http import RETRY_AFTER_SECONDS, AuthenticationFailed, principal_from
from ekinerja_graphql.api.ids import decode_id, parse_global_id
from ekinerja_graphql.config import Settings
from ekinerja_graphql.db import database_unavailable
from ekinerja_graphql.domain.tukin.bulan import format_bulan, parse_bulan
from ekinerja_graphql.request_id import RequestIdMiddleware
from ekinerja_graphql.services.access import load_viewer
from ekinerja_graphql.services.access.viewer import SignInRefused
from ekinerja_graphql.services.tukin import ekspor
from ekinerja_graphql.services.tukin.akses import pastikan_admin

logger = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FILE_CHUNK_BYTES = 64 * 1024
QUEUED_PIECES = 2  # CSV pieces read ahead of the client: memory stays at a few chunks
MAX_PARAMETER_LENGTH = 100
_STATUS = {BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404,
           SERVICE_UNAVAILABLE: 503}  # fmt: skip
_WWW_AUTHENTICATE = AuthenticationFailed.headers


class _Export:
    """What one request asked for, once it has been allowed."""

    def __init__(self, bulan: date, path: str | None, unit: str, settings: Settings) -> None:
        self.bulan, self.path, self.unit, self.settings = bulan, path, unit, settings

    def file_name(self, extension: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.unit.lower()).strip("-")[:60].strip("-")
        return f"tukin-{format_bulan(self.bulan)}-{slug or 'unit'}.{extension}"

    def headers(self, extension: str) -> dict[str, str]:
        return {"Content-Disposition": f'attachment; filename="{self.file_name(extension)}"',
                "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}  # fmt: skip


def ekspor_routes(settings: Settings) -> list[Route]:
    def endpoint(build: Callable[[_Export], Awaitable[Response]]) -> ASGIApp:
        async def handle(scope, receive, send) -> None:
            response = await _answer(Request(scope, receive), settings, build)
            await response(scope, receive, send)

        return RequestIdMiddleware(handle)

    return [Route("/ekspor/tukin.xlsx", endpoint(_xlsx), methods=["GET"]),
            Route("/ekspor/tukin.csv", endpoint(_csv), methods=["GET"])]  # fmt: skip


async def _answer(request: Request, settings: Settings,
                  build: Callable[[_Export], Awaitable[Response]]) -> Response:  # fmt: skip
    try:
        principal = principal_from(request.headers.get("authorization"), settings)
        if principal is None:
            raise Unauthenticated()
        bulan, unit_id = _parameters(request.query_params)
        viewer = await load_viewer(principal.subject, frozenset(settings.service_accounts),
                                   date.today())  # fmt: skip
        path = await pastikan_admin(viewer, unit_id)
        return await build(_Export(bulan, path, await ekspor.nama_unit(path), settings))
    except AuthenticationFailed as failed:
        return _error(UNAUTHENTICATED, failed.reason, invalid_token=True)
    except SignInRefused as refused:
        return _error(UNAUTHENTICATED, str(refused), invalid_token=True)
    except CodedError as error:
        return _error(error.code, error.message, error.extensions)
    except Exception as error:
        if not database_unavailable(error):
            raise
        logger.warning("export: database unavailable: %r", error)
        return _error(SERVICE_UNAVAILABLE, ServiceUnavailable().message)


def _parameters(query: QueryParams) -> tuple[date, int | None]:
    bulan = query.get("bulan")
    if bulan is None or len(bulan) > MAX_PARAMETER_LENGTH:
        raise BadUserInput("bulan", "a month as YYYY-MM (for example 2026-10)")
    try:
        month = parse_bulan(bulan)
    except ValueError as error:
        raise BadUserInput("bulan", str(error)) from None
    unit = (query.get("unitId") or "").strip()
    if not unit:
        return month, None
    return month, decode_id(parse_global_id(unit, "unitId"), "UnitOrganisasi", "unitId")


def _error(code: str, message: str, extensions: dict | None = None,
           invalid_token: bool = False) -> Response:  # fmt: skip
    headers = {"Cache-Control": "no-store"}
    if code == UNAUTHENTICATED:  # RFC 6750: no error code when no token was sent
        headers.update(_WWW_AUTHENTICATE if invalid_token else {"WWW-Authenticate": "Bearer"})
    if code == SERVICE_UNAVAILABLE:
        headers["Retry-After"] = RETRY_AFTER_SECONDS
    body = {"errors": [{"message": message, "extensions": {**(extensions or {}), "code": code}}]}
    return Response(orjson.dumps(body), _STATUS.get(code, 500), headers, "application/json")


async def _xlsx(export: _Export) -> Response:
    directory = Path(tempfile.mkdtemp(prefix="ekinerja-ekspor-"))
    try:
        target = directory / "tukin.xlsx"
        await ekspor.ekspor_xlsx(export.bulan, export.path, target)
        handle = target.open("rb")
    finally:
        await asyncio.to_thread(shutil.rmtree, directory, True)
    size = handle.seek(0, 2)
    handle.seek(0)
    headers = export.headers("xlsx") | {"Content-Length": str(size)}
    return _Streaming(_file_chunks(handle), handle.close, headers=headers, media_type=XLSX)


async def _file_chunks(handle: BinaryIO) -> AsyncIterator[bytes]:
    try:
        while chunk := await asyncio.to_thread(handle.read, FILE_CHUNK_BYTES):
            yield chunk
    finally:
        handle.close()


async def _csv(export: _Export) -> Response:
    wait = export.settings.database_statement_timeout_seconds * 3  # PG's idle-in-transaction
    pieces, producer = await _produced(ekspor.ekspor_csv(export.bulan, export.path), wait)
    return _Streaming(pieces, producer.cancel, headers=export.headers("csv"), media_type=CSV)


class _Streaming(StreamingResponse):
    """Calls `on_close` (synchronous: it must run even in a cancelled scope) when the
    response ends in any way. Starlette leaves an iterator it stopped on a client's
    disconnect suspended, to be closed whenever it is garbage-collected."""

    def __init__(self, content: AsyncIterator[bytes], on_close: Callable[[], object],
                 **kwargs) -> None:  # fmt: skip
        super().__init__(content, **kwargs)
        self.on_close = on_close

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.on_close()


_producers: set[asyncio.Task] = set()  # strong references: the loop keeps only weak ones
_DONE = object()


async def _produced(source: AsyncIterator[bytes], wait_seconds: float
                   ) -> tuple[AsyncIterator[bytes], asyncio.Task]:  # fmt: skip
    """Runs `source` in a task of its own; returns the pieces, once the first is there, and
    the task."""
    queue: asyncio.Queue = asyncio.Queue(QUEUED_PIECES)
    task = asyncio.create_task(_produce(source, queue, wait_seconds))
    _producers.add(task)
    task.add_done_callback(_producers.discard)
    try:
        first = await _next(queue)
    except BaseException:
        task.cancel()
        raise
    return _relay(first, queue, task), task


async def _produce(source: AsyncIterator[bytes], queue: asyncio.Queue, wait: float) -> None:
    """Always ends with _DONE or the error in the queue, unless nobody takes it: cancelled,
    or no piece taken for `wait` seconds (the client stopped reading)."""
    try:
        async with contextlib.aclosing(source):  # left in this task, with its transaction
            async for piece in source:
                if not await _put(queue, piece, wait):
                    return
        item = _DONE
    except Exception as error:  # noqa: BLE001 - handed to the response
        if asyncio.current_task().cancelling():
            return  # a cleanup after the cancellation failed: nobody waits any more
        item = error
    await _put(queue, item, wait)


async def _put(queue: asyncio.Queue, item: object, wait: float) -> bool:
    try:
        await asyncio.wait_for(queue.put(item), wait)
    except TimeoutError:  # the put's own: a query's timeout is an error of `source`
        return False
    return True


async def _next(queue: asyncio.Queue):
    item = await queue.get()
    if isinstance(item, BaseException):
        raise item
    return item


async def _relay(first: bytes | object, queue: asyncio.Queue, task: asyncio.Task
                 ) -> AsyncIterator[bytes]:  # fmt: skip
    try:
        piece = first
        while piece is not _DONE:
            yield piece
            piece = await _next(queue)
    except Exception as error:
        logger.warning("export: stopped after it began: %r", error)
        raise
    finally:
        task.cancel()
