"""GraphiQL page from vendored assets: no CDN, every asset served, URLs escaped."""

import hashlib
import re

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route

from ekinerja_graphql.api.graphiql import (
    ASSETS,
    ASSETS_DIRECTORY,
    DEFAULT_ASSETS_PATH,
    graphiql_assets_app,
    render_graphiql_page,
)

ASSET_REFERENCE = re.compile(r'<(?:script src|link rel="stylesheet" href)="([^"]*)"')


async def graphiql_page(request: Request) -> HTMLResponse:
    return HTMLResponse(render_graphiql_page("/graphiql-assets"))


APP = Starlette(
    routes=[
        Route("/graphql", graphiql_page),
        Mount("/graphiql-assets", graphiql_assets_app()),
    ]
)


@pytest.fixture
async def client():
    transport = httpx.ASGITransport(app=APP)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def test_default_assets_path():
    assert DEFAULT_ASSETS_PATH == "/graphiql-assets"


async def test_page_loads_only_local_assets(client):
    response = await client.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    page = response.text
    assert not re.search(r"https?://", page), "the page must work without internet"
    assert sorted(ASSET_REFERENCE.findall(page)) == sorted(f"/graphiql-assets/{a}" for a in ASSETS)
    assert "GraphiQL.createFetcher" in page
    assert "window.location.pathname" in page
    assert "isHeadersEditorEnabled: true" in page
    assert "application/graphql-response+json, application/json" in page


async def test_every_asset_is_served(client):
    page = (await client.get("/graphql")).text

    for url in ASSET_REFERENCE.findall(page):
        response = await client.get(url)
        assert response.status_code == 200, url
        kind = "css" if url.endswith(".css") else "javascript"
        assert kind in response.headers["content-type"], url
        assert len(response.content) > 10_000, url


@pytest.mark.parametrize(
    "base",
    ["https://intranet.example/static/graphiql", "https://intranet.example/static/graphiql/"],
)
def test_custom_base_url_is_used_verbatim(base):
    page = render_graphiql_page(base)

    expected = [f"https://intranet.example/static/graphiql/{a}" for a in ASSETS]
    assert sorted(ASSET_REFERENCE.findall(page)) == sorted(expected)


def test_hostile_assets_url_cannot_inject_markup():
    hostile = '/x"></script><script>alert(1)</script>'

    page = render_graphiql_page(hostile)

    assert page.count("<script") == render_graphiql_page("/ok").count("<script")
    assert "alert(1)</script>" not in page
    assert len(ASSET_REFERENCE.findall(page)) == len(ASSETS)


def test_vendored_files_match_readme_checksums():
    # README rows: | `file` | package@version | path in the package | `sha256` |
    readme = (ASSETS_DIRECTORY / "README.md").read_text()
    listed = dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", readme, re.MULTILINE))
    vendored = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in ASSETS_DIRECTORY.iterdir()
        if path.name != "README.md"
    }

    assert set(ASSETS) <= vendored.keys()
    assert vendored == listed
