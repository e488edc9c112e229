from typing import Annotated

import typer
import uvicorn

from ekinerja_graphql.cli import processes
from ekinerja_graphql.config import get_settings


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (one core each).")] = 1,
) -> None:
    """Run the API (uvicorn) on an already migrated database."""
    uvicorn.run(
        "ekinerja_graphql.app:create_app", factory=True, host=host, port=port, workers=workers,
        log_level=get_settings().log_level.lower(), proxy_headers=True,
    )


def worker(
    processes_: Annotated[int, typer.Option("--processes", min=1, help="Worker processes.")] = 1,
    threads: Annotated[int, typer.Option(min=1, help="Threads per worker process.")] = 4,
) -> None:
    """Run dramatiq workers for the `workers` package.

    Without REDIS_URL it uses the embedded Redis of EKINERJA_DATA_DIR, starting it if needed.
    """
    processes.exit_on_sigterm()
    with processes.redis_for(get_settings()) as redis_url:
        child = processes.start_dramatiq(redis_url, processes_, threads)
        try:
            code = child.wait()
        except KeyboardInterrupt:
            code = 0
        finally:
            processes.stop(child)
    raise typer.Exit(code)
