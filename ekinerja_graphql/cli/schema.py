import difflib
from pathlib import Path
from typing import Annotated

import typer

DEFAULT_PATH = Path("schema/schema.graphql")


def current_sdl() -> str:
    from ekinerja_graphql.api.schema import schema

    return schema.as_str() + "\n"


def export_schema(
    path: Annotated[Path, typer.Option(help="Where the SDL lives.")] = DEFAULT_PATH,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; fail with a diff if the file differs.")
    ] = False,
) -> None:
    """Export the GraphQL schema as SDL (CI runs --check to catch drift)."""
    sdl = current_sdl()
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sdl)
        typer.echo(f"wrote {path}")
        return
    committed = path.read_text() if path.exists() else ""
    if committed == sdl:
        typer.echo(f"{path} is up to date")
        return
    diff = difflib.unified_diff(
        committed.splitlines(keepends=True),
        sdl.splitlines(keepends=True),
        fromfile=str(path),
        tofile="schema from code",
    )
    typer.echo("".join(diff), err=True)
    typer.echo(f"{path} is out of date: run `ekinerja export-schema`", err=True)
    raise typer.Exit(1)
