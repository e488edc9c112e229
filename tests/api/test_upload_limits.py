"""The upload cap (EKINERJA_MAX_UPLOAD_BYTES) is for a verified bearer token only: anyone
else's multipart request gets the normal body cap. And a body streamed in small pieces is
collected in linear time."""

import os
import time

import httpx
import orjson
import pytest

from ekinerja_graphql.api.body_limit import BodyLimit
from ekinerja_graphql.app import create_app
from ekinerja_graphql.auth import mint_token
from ekinerja_graphql.config import Settings
from tests.support.graphql import admin_pusat

IMPOR = "mutation($f: Upload!) { imporAbsensi(berkas: $f) { baris } }"
# A valid operations/map whose file the operation ignores (graphql-core drops variables the
# operation does not declare): the cap is tested without depending on the importer.
ME = "{ me { nip } }"
HEADER = b"nip,tanggal,jam_masuk,jam_pulang,keterangan\n"
PADDED_SIZE = 200 * 1024  # over the normal 64 KiB cap, far under the 32 MiB upload cap


@pytest.fixture
async def client(seeded_db):
    app = create_app(seeded_db, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://api") as http:  # fmt: skip
        yield http


@pytest.fixture
async def admin_token(seeded_db) -> str:
    return mint_token((await admin_pusat()).subject, seeded_db)


def padded_csv(size: int = PADDED_SIZE) -> bytes:
    """An attendance file's header and `size` bytes of blank lines."""
    return HEADER + b"\n" * (size - len(HEADER))


async def upload(client: httpx.AsyncClient, content: bytes, authorization: str | None = None,
                 query: str = IMPOR) -> httpx.Response:  # fmt: skip
    """The GraphQL multipart request spec: operations, map, then the file."""
    headers = {"Authorization": authorization} if authorization is not None else {}
    return await client.post(
        "/graphql", headers=headers,
        data={"operations": orjson.dumps({"query": query, "variables": {"f": None}}).decode(),
              "map": orjson.dumps({"0": ["variables.f"]}).decode()},
        files={"0": ("absensi.csv", content, "text/csv")},
    )  # fmt: skip


def assert_too_large(response: httpx.Response, limit: int) -> None:
    assert response.status_code == 413, response.text
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == f"the request body is larger than {limit} bytes"


@pytest.mark.parametrize("authorization", [
    None, "Bearer not-a-jwt", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer {other_secret}",
    "Bearer {expired}"])  # fmt: skip
async def test_a_large_upload_without_a_verified_token_gets_the_normal_cap(
        client, seeded_db, authorization):  # fmt: skip
    if authorization is not None:
        other = seeded_db.model_copy(update={"jwt_secret": "another-secret-" + "x" * 32})
        authorization = authorization.format(
            other_secret=mint_token("199001012015031001", other),
            expired=mint_token("199001012015031001", seeded_db, ttl_seconds=-3600))
    response = await upload(client, padded_csv(), authorization)
    assert_too_large(response, seeded_db.max_body_bytes)


async def test_a_large_upload_with_a_verified_token_passes_to_the_graphql_layer(
        client, admin_token):  # fmt: skip
    response = await upload(client, padded_csv(), f"Bearer {admin_token}", ME)
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"me": {"nip": (await admin_pusat()).subject}}


async def test_a_verified_token_of_an_unknown_subject_passes_the_cap_then_is_401(client, seeded_db):
    """The cap only verifies the token; who its subject is, the GraphQL layer decides."""
    token = mint_token("199001012015031999", seeded_db)
    response = await upload(client, padded_csv(), f"Bearer {token}", ME)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_small_upload_without_a_token_reaches_the_graphql_layer(client):
    response = await upload(client, padded_csv(1024))
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_json_over_the_normal_cap_is_413_even_with_a_verified_token(
        client, seeded_db, admin_token):  # fmt: skip
    padded = {"query": "{ me { nip } }", "pad": "x" * seeded_db.max_body_bytes}
    response = await client.post("/graphql", json=padded,
                                 headers={"Authorization": f"Bearer {admin_token}"})
    assert_too_large(response, seeded_db.max_body_bytes)


async def test_an_upload_over_the_upload_cap_is_413_even_with_a_verified_token(
        seeded_db, admin_token):  # fmt: skip
    settings = seeded_db.model_copy(update={"max_upload_bytes": 100 * 1024})
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://api") as client:  # fmt: skip
        response = await upload(client, padded_csv(), f"Bearer {admin_token}")
    assert_too_large(response, 100 * 1024)


# BodyLimit on its own: a fake ASGI receive, an inner app that records the body it is given.

MULTIPART = (b"content-type", b"multipart/form-data; boundary=x")


def scope(*headers: tuple[bytes, bytes]) -> dict:
    return {"type": "http", "method": "POST", "path": "/graphql", "query_string": b"",
            "headers": list(headers)}


def pieces(body: bytes, size: int = 4096):
    """A receive() handing out `body` in `size`-byte pieces, as a chunked request arrives."""
    chunks = [body[start:start + size] for start in range(0, len(body), size)] or [b""]
    position = 0

    async def receive() -> dict:
        nonlocal position
        chunk = chunks[position]
        position += 1
        return {"type": "http.request", "body": chunk, "more_body": position < len(chunks)}

    return receive


class Inner:
    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def __call__(self, scope, receive, send) -> None:
        message = await receive()
        assert message["more_body"] is False
        self.bodies.append(message["body"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


async def call(limit: BodyLimit, scope: dict, receive) -> int:
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    await limit(scope, receive, send)
    return sent[0]["status"]


async def test_a_body_streamed_in_small_pieces_arrives_whole():
    body = os.urandom(1024 * 1024)
    inner = Inner()
    limit = BodyLimit(inner, 64 * 1024, 2 * 1024 * 1024, may_upload=lambda headers: True)
    assert await call(limit, scope(MULTIPART), pieces(body)) == 204
    assert inner.bodies == [body]


async def test_a_32_mib_body_in_4_kib_pieces_is_collected_in_linear_time():
    """`body += chunk` took 10 s of CPU for this; joining once takes milliseconds."""
    chunk = b"x" * 4096
    count = 32 * 1024 * 1024 // len(chunk)
    sent = 0

    async def receive() -> dict:
        nonlocal sent
        sent += 1
        return {"type": "http.request", "body": chunk, "more_body": sent < count}

    inner = Inner()
    limit = BodyLimit(inner, 64 * 1024, 32 * 1024 * 1024, may_upload=lambda headers: True)
    started = time.process_time()
    assert await call(limit, scope(MULTIPART), receive) == 204
    assert time.process_time() - started < 2
    assert len(inner.bodies[0]) == 32 * 1024 * 1024


async def test_a_streamed_multipart_body_without_permission_stops_at_the_normal_cap():
    inner, asked = Inner(), []

    def may_upload(headers) -> bool:
        asked.append(headers.get("authorization"))
        return False

    limit = BodyLimit(inner, 64 * 1024, 32 * 1024 * 1024, may_upload=may_upload)
    request = scope(MULTIPART, (b"authorization", b"Bearer nope"))
    assert await call(limit, request, pieces(b"x" * (200 * 1024))) == 413
    assert asked == ["Bearer nope"] and inner.bodies == []


async def test_may_upload_is_asked_only_for_multipart_and_its_errors_mean_the_normal_cap():
    inner, asked = Inner(), []

    def broken(headers) -> bool:
        asked.append(headers)
        raise RuntimeError("verifier failed")

    limit = BodyLimit(inner, 64 * 1024, 32 * 1024 * 1024, may_upload=broken)
    json_scope = scope((b"content-type", b"application/json"))
    assert await call(limit, json_scope, pieces(b"{}")) == 204
    assert asked == []
    assert await call(limit, scope(MULTIPART), pieces(b"x" * 1024)) == 204
    assert await call(limit, scope(MULTIPART), pieces(b"x" * (200 * 1024))) == 413
    assert len(asked) == 2


async def test_without_may_upload_no_request_gets_the_upload_cap():
    limit = BodyLimit(Inner(), 64 * 1024, 32 * 1024 * 1024)
    assert await call(limit, scope(MULTIPART), pieces(b"x" * (200 * 1024))) == 413


@pytest.mark.parametrize("declared", [b"abc", b"\xb2", b"9" * 5000, b"70000"])
async def test_a_bad_or_too_large_content_length_is_413_before_reading(declared):
    async def receive() -> dict:
        raise AssertionError("the body must not be read")

    limit = BodyLimit(Inner(), 64 * 1024)
    request = scope((b"content-type", b"application/json"), (b"content-length", declared))
    assert await call(limit, request, receive) == 413


def test_create_graphql_app_gives_the_upload_cap_to_verified_tokens_only():
    from starlette.datastructures import Headers

    from ekinerja_graphql.api.http import create_graphql_app

    settings = Settings(jwt_secret="a-test-secret-that-is-long-enough-for-hs256")
    limit = create_graphql_app(settings).app
    assert isinstance(limit, BodyLimit)
    token = mint_token("199001012015031001", settings)
    assert limit.may_upload(Headers({"authorization": f"Bearer {token}"})) is True
    for authorization in (None, "Bearer x.y.z", "Token abc", "Bearer"):
        headers = Headers({"authorization": authorization} if authorization else {})
        assert limit.may_upload(headers) is False
