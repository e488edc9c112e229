"""What the administrative verbs run from a shell share: who the operator is, and one
database session per command with the refusals it expects printed, not raised."""

import asyncio
import getpass
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer
from rich.console import Console

from ekinerja_graphql.config import get_settings
from ekinerja_graphql.db import database

T = TypeVar("T")


def operator() -> str:
    """The shell user, as recorded in audit rows and runs."""
    return f"cli:{getpass.getuser()}"


def run_in_database(coroutine_factory: Callable[[], Awaitable[T]],
                    refusals: type[Exception] | tuple[type[Exception], ...],
                    describe: Callable[[Exception], str], console: Console) -> T:  # fmt: skip
    """Runs the coroutine with the database open; a refusal is printed as `describe` words
    it (Rich markup), exit 1."""

    async def run() -> T:
        async with database(get_settings()):
            return await coroutine_factory()

    try:
        return asyncio.run(run())
    except refusals as refused:
        console.print(describe(refused))
        raise typer.Exit(1) from None
