"""The real app over HTTP: size caps before parsing, JSON bodies that are not objects,
bounded caches, GraphiQL without a CDN, health without driver text."""

import re

import httpx
import pytest

from ekinerja_graphql.app import create_app

GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest.fixture
def client_for(database):
    def make(settings=None, **overrides) -> httpx.AsyncClient:
        settings = (settings or database).model_copy(update=overrides)
        app = create_app(settings, manage_database=False)
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api")

    return make


async def test_a_body_over_the_cap_is_413_before_parsing(client_for):
    async with client_for(max_body_bytes=1024) as client:
        big = {"query": "{ __typename }", "variables": {"x": "y" * 2000}}
        response = await client.post("/graphql", json=big)
        assert response.status_code == 413
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        async def chunks():
            yield b"{" + b" " * 600
            yield b" " * 600

        chunked = await client.post("/graphql", content=chunks(),
                                    headers={"Content-Type": "application/json"})
        assert chunked.status_code == 413
        small = await client.post("/graphql", json={"query": "{ __typename }"})
        assert small.json() == {"data": {"__typename": "Query"},
                                "extensions": {"cost": {"requested": 1, "maximum": 100000}}}
        long_get = await client.get("/graphql", params={"query": "{ __typename }" + " " * 2000})
        assert long_get.status_code == 414


@pytest.mark.parametrize("body", [b"[]", b'[{"query": "{ __typename }"}]', b'"{ __typename }"',
                                  b"42", b"null", b"[" * 100_000 + b"]" * 100_000])
async def test_a_json_body_that_is_not_an_object_is_400(client_for, body):
    async with client_for(max_body_bytes=1_000_000) as client:
        response = await client.post("/graphql", content=body,
                                     headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_unknown_subject_is_401_like_a_bad_token(client_for, seeded_db, test_settings):
    from ekinerja_graphql.auth import mint_token

    token = mint_token("199001012015031999", test_settings)
    async with client_for() as client:
        response = await client.post("/graphql", json={"query": "{ me { nip } }"},
                                     headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_graphiql_is_off_by_default_and_works_offline_when_on(client_for):
    html = {"Accept": "text/html"}
    async with client_for(graphiql=False) as client:
        assert (await client.get("/graphql", headers=html)).status_code == 404
    async with client_for(graphiql=True) as client:
        page = await client.get("/graphql", headers=html)
        assert page.status_code == 200
        assert not re.search(r"https?://", page.text)
        assets = re.findall(r'(?:src|href)="(/graphiql-assets/[^"]+)"', page.text)
        assert len(assets) == 4
        for asset in assets:
            assert (await client.get(asset)).status_code == 200


async def test_introspection_can_be_turned_off(client_for):
    query = {"query": "{ __schema { queryType { name } } }"}
    async with client_for(introspection=True) as client:
        assert (await client.post("/graphql", json=query)).json()["data"]
    async with client_for(introspection=False) as client:
        body = (await client.post("/graphql", json=query)).json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_metrics_can_be_turned_off(client_for):
    async with client_for(metrics=True) as client:
        assert (await client.get("/metrics")).status_code == 200
    async with client_for(metrics=False) as client:
        assert (await client.get("/metrics")).status_code == 404


async def test_large_documents_are_neither_parse_nor_validation_cached(database):
    """Distinct large documents used to stay in the caches (80 of 2 MB grew a worker from
    91 MB to 420 MB); only documents up to max_cached_document_bytes are kept now."""
    from strawberry.extensions.parser_cache import _get_parse_cache

    from ekinerja_graphql.api.extensions import CACHED_DOCUMENTS, GuardedValidationCache
    from ekinerja_graphql.api.schema import build_schema

    schema = build_schema(database.model_copy(update={"max_cached_document_bytes": 300}))
    parsed = _get_parse_cache(CACHED_DOCUMENTS)
    verdicts = next(factory.args[0] for factory in schema.extensions
                    if getattr(factory, "func", None) is GuardedValidationCache)

    def sizes() -> tuple[int, int]:
        return parsed.cache_info().currsize, len(verdicts)

    before = sizes()
    for n in range(5):
        large = "{ __typename " + " " * 400 + f"a{n}: __typename }}"
        assert (await schema.execute(large)).errors is None
    assert sizes() == before
    for n in range(5):
        assert (await schema.execute(f"{{ __typename b{n}: __typename }}")).errors is None
    assert sizes() == (before[0] + 5, before[1] + 5)


async def test_a_validation_verdict_is_remembered_by_its_text(database):
    """The same text gets the same errors from the verdict kept for it, refusals included;
    a verdict is kept once per text."""
    from ekinerja_graphql.api.extensions import GuardedValidationCache
    from ekinerja_graphql.api.schema import build_schema

    schema = build_schema(database.model_copy(update={"max_merged_fields": 3}))
    verdicts = next(factory.args[0] for factory in schema.extensions
                    if getattr(factory, "func", None) is GuardedValidationCache)
    invalid = "{ noSuchField }"
    merged = "{ a: __typename a: __typename a: __typename a: __typename }"
    answers = [await schema.execute(document) for document in (invalid, merged) * 2]
    assert len(verdicts) == 2
    assert [[e.message for e in a.errors] for a in answers[:2]] == \
        [[e.message for e in a.errors] for a in answers[2:]]
    assert "Cannot query field 'noSuchField'" in answers[2].errors[0].message
    assert answers[3].errors[0].extensions["code"] == "BAD_USER_INPUT"
    assert answers[3].errors[0] is not answers[1].errors[0]  # a refusal is a new error each time
