"""Bulk loading: COPY on PostgreSQL, executemany in one transaction per batch on SQLite.

Rows carry their own ids, so nothing is read back; sequences are moved past
the highest id at the end.
"""

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

from tortoise import connections

from ekinerja_graphql.seed.tables import TABLES, UNIT, Batch


class Loader(Protocol):
    async def count(self, table: str) -> int: ...
    async def load(self, batch: Batch) -> None: ...
    async def set_pemimpin(self, pairs: list[tuple[int, int]]) -> None: ...
    async def finish(self) -> None: ...


class PostgresLoader:
    def __init__(self, raw) -> None:  # an asyncpg connection
        self._raw = raw

    async def count(self, table: str) -> int:
        return await self._raw.fetchval(f"SELECT count(*) FROM {table}")

    async def load(self, batch: Batch) -> None:
        for table, rows in batch.in_load_order():
            await self._raw.copy_records_to_table(table.name, records=rows, columns=table.columns)

    async def set_pemimpin(self, pairs: list[tuple[int, int]]) -> None:
        await self._raw.execute(
            f"UPDATE {UNIT.name} AS u SET pemimpin_id = v.pemimpin_id"
            " FROM unnest($1::int[], $2::int[]) AS v(id, pemimpin_id) WHERE u.id = v.id",
            [unit_id for unit_id, _ in pairs],
            [pegawai_id for _, pegawai_id in pairs],
        )

    async def finish(self) -> None:
        for table in TABLES:
            await self._raw.execute(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                f" coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table.name}"
            )
        await self._raw.execute(f"ANALYZE {', '.join(table.name for table in TABLES)}")


class SqliteLoader:
    def __init__(self, raw) -> None:  # an aiosqlite connection in autocommit mode
        self._raw = raw

    async def count(self, table: str) -> int:
        async with self._raw.execute(f"SELECT count(*) FROM {table}") as cursor:
            return (await cursor.fetchone())[0]

    async def load(self, batch: Batch) -> None:
        await self._raw.execute("BEGIN")
        try:
            for table, rows in batch.in_load_order():
                await self._raw.executemany(insert_sql(table.name, table.columns), rows)
        except BaseException:
            await self._raw.rollback()
            raise
        await self._raw.commit()

    async def set_pemimpin(self, pairs: list[tuple[int, int]]) -> None:
        await self._raw.execute("BEGIN")
        await self._raw.executemany(
            f"UPDATE {UNIT.name} SET pemimpin_id = ? WHERE id = ?",
            [(pegawai_id, unit_id) for unit_id, pegawai_id in pairs],
        )
        await self._raw.commit()

    async def finish(self) -> None:
        # AUTOINCREMENT tables already moved sqlite_sequence past the explicit ids.
        await self._raw.execute("ANALYZE")


def insert_sql(table: str, columns: Sequence[str]) -> str:
    """An INSERT of one row with SQLite's placeholders, for executemany."""
    placeholders = ", ".join("?" * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"


@asynccontextmanager
async def open_raw(postgres: Callable, sqlite: Callable, connection_name: str = "default"):
    """`postgres(raw)` or `sqlite(raw)` on one raw connection of the database; on PostgreSQL
    inside one transaction (the whole seed, or the whole month of attendance)."""
    connection = connections.get(connection_name)
    async with connection.acquire_connection() as raw:
        if connection.capabilities.dialect == "postgres":
            async with raw.transaction():
                yield postgres(raw)
        else:
            yield sqlite(raw)


def open_loader(connection_name: str = "default") -> AbstractAsyncContextManager[Loader]:
    """A loader on one raw connection; on PostgreSQL the whole seed is one transaction."""
    return open_raw(PostgresLoader, SqliteLoader, connection_name)
