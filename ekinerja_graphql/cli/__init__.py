"""The `ekinerja` command (also `python3 -m ekinerja_graphql <verb>`)."""

import typer

from ekinerja_graphql.cli import (
    admin,
    database,
    demo,
    schema,
    serve,
    simulator,
    sync,
    token,
    tukin,
)

app = typer.Typer(
    help="e-Kinerja GraphQL: API, workers and tools.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
app.command()(demo.demo)
app.command()(serve.serve)
app.command()(serve.worker)
app.command()(serve.scheduler)
app.command()(database.seed)
app.command()(database.migrate)
app.command("export-schema")(schema.export_schema)
app.command()(token.token)
app.command("siasn-sim")(simulator.siasn_sim)
app.command()(sync.sync)
app.add_typer(admin.app, name="admin")
app.add_typer(tukin.app, name="tukin")

__all__ = ["app"]
