from typing import Annotated

import typer
import uvicorn

from ekinerja_graphql.cli import processes
from ekinerja_graphql.config import MissingTokenKey, Settings, get_settings


def require_token_key(settings: Settings) -> None:
    try:
        settings.require_token_key()
    except MissingTokenKey as missing:
        typer.echo(f"ekinerja: refusing to start: {missing}", err=True)
        raise typer.Exit(2) from None


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (one core each).")] = 1,
) -> None:
    """Run the API (uvicorn) on an already migrated database; needs EKINERJA_JWT_SECRET
    or EKINERJA_JWT_PUBLIC_KEY."""
    settings = get_settings()
    require_token_key(settings)
    uvicorn.run(
        "ekinerja_graphql.app:create_app", factory=True, host=host, port=port, workers=workers,
        log_level=settings.log_level.lower(), proxy_headers=True,
    )


def worker(
    processes_: Annotated[int, typer.Option("--processes", min=1, help="Worker processes.")] = 1,
    threads: Annotated[int, typer.Option(min=1, help="Threads per worker process.")] = 4,
) -> None:
    """Run dramatiq workers for the `workers` package; needs the same token key as the API.

    Without REDIS_URL it uses the embedded Redis of EKINERJA_DATA_DIR, starting it if needed.
    """
    settings = get_settings()
    require_token_key(settings)
    processes.exit_on_sigterm()
    with processes.redis_for(settings) as redis_url:
        grace_ms = processes.worker_grace_ms()
        child = processes.start_dramatiq(redis_url, processes_, threads, grace_ms)
        try:
            code = child.wait()
        except KeyboardInterrupt:
            code = 0
        finally:
            processes.stop(child, grace_ms / 1000)
    raise typer.Exit(code)


def scheduler() -> None:
    """Send the periodic SIASN work to the workers: the outbox sweep and stalled-run resumption
    every few minutes, the incremental pegawai sync nightly."""
    import asyncio
    import signal

    from workers.scheduler import run_scheduler

    settings = get_settings()
    require_token_key(settings)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        await run_scheduler(settings, stop)

    asyncio.run(main())
