"""Database housekeeping shared by the CLI and the workers."""

from tortoise.connection import get_connection


async def refresh_planner_statistics() -> None:
    """Runs ANALYZE: without fresh statistics the planner misjudges tables after a bulk load."""
    # Plain `ANALYZE` means the same on PostgreSQL and SQLite: every table of the database.
    await get_connection("default").execute_script("ANALYZE")
