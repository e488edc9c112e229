"""/graphql over HTTP: media types, status codes, GET rules, auth and request ids."""

import httpx
import orjson
import pytest
import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.types import Info

from ekinerja_graphql.api.errors import ErrorCodes
from ekinerja_graphql.api.extensions import schema_extensions
from ekinerja_graphql.api.http import GraphQLApp, response_media_type
from ekinerja_graphql.auth import mint_token
from ekinerja_graphql.config import Settings
from ekinerja_graphql.request_id import RequestIdMiddleware

GRAPHQL_RESPONSE = "application/graphql-response+json"
touched: list[str] = []


@strawberry.type
class Query:
    @strawberry.field
    def whoami(self, info: Info) -> str | None:
        principal = info.context["principal"]
        return principal.subject if principal else None

    @strawberry.field
    def boom(self) -> str | None:
        raise RuntimeError("secret detail")

    @strawberry.field
    def items(self, first: int | None = None) -> list[int]:
        return list(range(first or 0))


@strawberry.type
class Mutation:
    @strawberry.mutation
    def touch(self) -> bool:
        touched.append("touch")
        return True


async def principal_context(*, request, response, principal, settings):
    return {"principal": principal}


SECRET = "a-test-secret-that-is-long-enough-for-hs256"
SETTINGS = Settings(max_query_cost=50_000, graphiql=False, jwt_secret=SECRET)
SCHEMA = strawberry.Schema(Query, Mutation, extensions=schema_extensions(SETTINGS))


def make_client(settings: Settings = SETTINGS) -> httpx.AsyncClient:
    app = GraphQLApp(SCHEMA, settings=settings, context_factory=principal_context)
    transport = httpx.ASGITransport(app=RequestIdMiddleware(app))
    return httpx.AsyncClient(transport=transport, base_url="http://test")


async def post(query: str, headers: dict | None = None, **variables) -> httpx.Response:
    async with make_client() as client:
        body = {"query": query, "variables": variables or None}
        return await client.post("/graphql", json=body, headers=headers or {})


async def test_plain_json_by_default_with_cost_and_request_id():
    response = await post("{ items(first: 3) }")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "data": {"items": [0, 1, 2]},
        "extensions": {"cost": {"requested": 1, "maximum": 50_000}},
    }
    assert len(response.headers["x-request-id"]) == 32


async def test_incoming_request_id_is_echoed():
    response = await post("{ items }", headers={"X-Request-ID": "trace-42"})
    assert response.headers["x-request-id"] == "trace-42"


async def test_unsafe_incoming_request_id_is_replaced():
    response = await post("{ items }", headers={"X-Request-ID": "bad id\twith spaces"})
    assert response.headers["x-request-id"] != "bad id\twith spaces"


async def test_graphql_response_json_when_accept_prefers_it():
    accept = f"{GRAPHQL_RESPONSE}, application/json;q=0.9"
    response = await post("{ items(first: 1) }", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert response.json()["data"] == {"items": [0]}


async def test_validation_error_is_400_without_data_in_graphql_response_json():
    response = await post("{ nope }", headers={"Accept": GRAPHQL_RESPONSE})
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "nope" in body["errors"][0]["message"]


async def test_validation_error_is_200_without_data_in_plain_json():
    response = await post("{ nope }", headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert "data" not in response.json()


async def test_cost_rejection_is_a_request_error():
    response = await post("{ items(first: 500) }", headers={"Accept": GRAPHQL_RESPONSE})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["message"] == "first must be between 0 and 100"


async def test_field_errors_keep_data_and_status_200():
    response = await post("{ boom items(first: 1) }", headers={"Accept": GRAPHQL_RESPONSE})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"boom": None, "items": [0]}
    (error,) = body["errors"]
    request_id = response.headers["x-request-id"]
    assert error["message"] == f"Internal server error (request id {request_id})"
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}


async def test_queries_over_get():
    async with make_client() as client:
        response = await client.get("/graphql", params={"query": "{ items(first: 2) }"})
    assert response.status_code == 200
    assert response.json()["data"] == {"items": [0, 1]}


async def test_mutations_over_get_are_405_and_not_run():
    touched.clear()
    async with make_client() as client:
        response = await client.get("/graphql", params={"query": "mutation { touch }"})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    (error,) = response.json()["errors"]
    assert error["message"] == "Only queries may be sent with GET; send mutations with POST"
    assert touched == []


async def test_mutations_over_post_run():
    touched.clear()
    response = await post("mutation { touch }")
    assert response.json()["data"] == {"touch": True}
    assert touched == ["touch"]


async def test_no_token_means_no_principal():
    response = await post("{ whoami }")
    assert response.json()["data"] == {"whoami": None}


async def test_valid_token_reaches_the_context():
    token = mint_token("199001012020121001", SETTINGS)
    response = await post("{ whoami }", headers={"Authorization": f"Bearer {token}"})
    assert response.json()["data"] == {"whoami": "199001012020121001"}


@pytest.mark.parametrize(
    ("authorization", "reason"),
    [
        ("Bearer not-a-jwt", "Invalid bearer token: "),
        ("Basic dXNlcjpwYXNz", "The Authorization header must be 'Bearer <token>'"),
        ("Bearer " + "x.y.z", "Invalid bearer token: "),
    ],
)
async def test_bad_tokens_are_401_before_the_operation_runs(authorization, reason):
    touched.clear()
    response = await post("mutation { touch }", headers={"Authorization": authorization})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    (error,) = response.json()["errors"]
    assert error["message"].startswith(reason)
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert touched == []


async def test_expired_token_says_so():
    token = mint_token("199001012020121001", SETTINGS, ttl_seconds=-60)
    response = await post("{ whoami }", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert "expired" in response.json()["errors"][0]["message"]


async def test_body_that_is_not_json_is_a_json_error():
    async with make_client() as client:
        response = await client.post(
            "/graphql", content=b"{nope", headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_graphiql_follows_settings():
    html = {"Accept": "text/html"}
    async with make_client() as client:
        assert (await client.get("/graphql", headers=html)).status_code == 404
    async with make_client(Settings(graphiql=True, jwt_secret=SECRET)) as client:
        response = await client.get("/graphql", headers=html)
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_body_is_compact_orjson():
    response = await post("{ items(first: 2) }")
    assert response.content == orjson.dumps(response.json())


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
        (f"{GRAPHQL_RESPONSE};q=0", "application/json"),
    ],
)
def test_media_type_negotiation(accept, expected):
    assert response_media_type(accept) == expected


class FaultyExtension(SchemaExtension):
    def on_execute(self):
        raise RuntimeError("bug in an extension")
        yield


async def test_errors_that_skip_the_extension_hooks_are_still_masked():
    # An exception in an extension hook leaves Strawberry's operation hooks, ErrorCodes included.
    schema = strawberry.Schema(Query, extensions=[ErrorCodes, FaultyExtension])
    app = GraphQLApp(schema, settings=SETTINGS, context_factory=principal_context)
    transport = httpx.ASGITransport(app=RequestIdMiddleware(app))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post("/graphql", json={"query": "{ items }"})
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "bug in an extension" not in error["message"]


PLAIN_POSTS = [
    ({"content-type": "application/json"}, b'{"query": "{ items(first: 2) }"}'),
    ({"content-type": "application/json; charset=utf-8"}, b'{"query": "{ whoami }"}'),
    ({"content-type": "application/json", "accept": GRAPHQL_RESPONSE}, b'{"query": "{ nope }"}'),
    ({"content-type": "application/json"}, b'{"query": "mutation { touch }"}'),
    ({"content-type": "application/json"}, b'{"query": "{ boom }"}'),
    ({"content-type": "application/json"}, b'{"query": 5}'),
    ({"content-type": "application/json"}, b'{"query": "{ whoami }", "variables": []}'),
    ({"content-type": "application/json"}, b'{"query": "{ whoami }", "extensions": 1}'),
    ({"content-type": "application/json"}, b'[{"query": "{ whoami }"}]'),
    ({"content-type": "application/json"}, b'{"query": '),
    ({"content-type": "application/json"}, b'{"operationName": "B", "query": '
                                           b'"query A { whoami } query B { items(first: 1) }"}'),
    ({"content-type": "application/json", "authorization": "Bearer nope"},
     b'{"query": "{ whoami }"}'),
    ({"content-type": "application/json",
      "authorization": f"Bearer {mint_token('199001012015011001', SETTINGS)}"},
     b'{"query": "{ whoami }"}'),
]


@pytest.mark.parametrize(("headers", "body"), PLAIN_POSTS)
async def test_a_plain_json_post_is_answered_as_strawberry_answers_it(headers, body,
                                                                     monkeypatch):
    async def answer() -> tuple:
        async with make_client() as client:
            response = await client.post("/graphql", content=body, headers=headers)
        request_id = response.headers.pop("x-request-id")
        return (response.status_code, dict(response.headers),
                response.content.replace(request_id.encode(), b"<request id>"))

    from ekinerja_graphql.api import http

    assert http.is_plain_json_post("POST", headers["content-type"], headers.get("accept"))
    direct = await answer()
    monkeypatch.setattr(http, "is_plain_json_post", lambda *_: False)
    assert direct == await answer()


@pytest.mark.parametrize(("method", "content_type", "accept"), [
    ("GET", "application/json", None),
    ("POST", "multipart/form-data; boundary=x", None),
    ("POST", "application/graphql", None),
    ("POST", "Application/JSON", None),
    ("POST", None, None),
    ("POST", "application/json", "multipart/mixed"),
    ("POST", "application/json", "text/event-stream"),
])
def test_every_other_request_takes_strawberrys_way(method, content_type, accept):
    from ekinerja_graphql.api.json_post import is_plain_json_post

    assert not is_plain_json_post(method, content_type, accept)
