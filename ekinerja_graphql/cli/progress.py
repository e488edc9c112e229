"""Following a run the workers carry out (a sync, a tukin month) with a progress bar."""

import asyncio

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from tortoise.models import Model

from ekinerja_graphql.models import SyncStatus

POLL_SECONDS = 0.5


async def follow(model: type[Model], run_id: int, working: str, console: Console):
    """Polls the run (a row with status, done and total) until it is no longer RUNNING."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("waiting for a worker", total=None)
        while True:
            run = await model.get(id=run_id)
            label = "planning" if run.total is None else working
            progress.update(task, description=label, total=run.total, completed=run.done)
            if run.status is not SyncStatus.RUNNING:
                return run
            await asyncio.sleep(POLL_SECONDS)
