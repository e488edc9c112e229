"""GraphiQL page built on vendored assets, so it works on an intranet or offline.

Strawberry's own page loads React and GraphiQL from a public CDN; ours loads the
copies in static/graphiql/ (see its README.md for versions and checksums) from a
configurable base URL, by default our own `/graphiql-assets` mount.
"""

import html
from pathlib import Path
from string import Template

from starlette.staticfiles import StaticFiles

ASSETS_DIRECTORY = Path(__file__).parent / "static" / "graphiql"
DEFAULT_ASSETS_PATH = "/graphiql-assets"
REACT, REACT_DOM, GRAPHIQL_JS, GRAPHIQL_CSS = ASSETS = (
    "react.production.min.js",
    "react-dom.production.min.js",
    "graphiql.min.js",
    "graphiql.min.css",
)

# `$name` placeholders are asset URLs, already HTML-escaped; the script has no `$`.
_PAGE = Template("""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>e-Kinerja GraphiQL</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="$graphiql_css">
    <style>
      body { margin: 0; }
      #graphiql { height: 100vh; }
    </style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL...</div>
    <script src="$react"></script>
    <script src="$react_dom"></script>
    <script src="$graphiql_js"></script>
    <script>
      // The page is served by the GraphQL endpoint itself, so its own path is the
      // endpoint, whatever prefix a proxy mounts it under.
      const fetcher = GraphiQL.createFetcher({
        url: window.location.pathname,
        // The server has no multipart (incremental delivery) responses.
        enableIncrementalDelivery: false,
        // Lower-case key: it replaces the fetcher's default instead of adding to it.
        headers: { accept: "application/graphql-response+json, application/json" },
      });
      ReactDOM.createRoot(document.getElementById("graphiql")).render(
        React.createElement(GraphiQL, { fetcher, isHeadersEditorEnabled: true }),
      );
    </script>
  </body>
</html>
""")


def asset_url(assets_url: str, name: str) -> str:
    return f"{assets_url.rstrip('/')}/{name}"


def render_graphiql_page(assets_url: str) -> str:
    """The whole page; `assets_url` comes from configuration, so it is escaped."""
    urls = {name: html.escape(asset_url(assets_url, name)) for name in ASSETS}
    return _PAGE.substitute(
        react=urls[REACT],
        react_dom=urls[REACT_DOM],
        graphiql_js=urls[GRAPHIQL_JS],
        graphiql_css=urls[GRAPHIQL_CSS],
    )


def graphiql_assets_app() -> StaticFiles:
    """To be mounted at DEFAULT_ASSETS_PATH (or wherever assets_url points)."""
    return StaticFiles(directory=ASSETS_DIRECTORY)
