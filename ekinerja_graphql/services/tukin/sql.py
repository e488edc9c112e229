"""Raw SQL of tukin's bulk work. Literal pieces of the statements a batch is read with: its
ids as one IN list (Tortoise builds a term per value: at 5,000 ids that costs more than the
query), and dates as each database spells them — only ints and dates this code made go in,
no user text. And rows written in bulk inside a transaction, as each database does best."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal


def ids_in(ids) -> str:
    return f"IN ({', '.join(str(int(i)) for i in ids)})" if ids else "IN (NULL)"


def tanggal(value: date, postgres: bool) -> str:
    return f"DATE '{value.isoformat()}'" if postgres else f"'{value.isoformat()}'"


def as_date(value) -> date | None:
    """A date column of a raw row: a date on PostgreSQL, ISO text on SQLite."""
    return date.fromisoformat(value) if isinstance(value, str) else value


async def insert_rows(connection, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    """Writes plain tuples through the transaction's connection: COPY on PostgreSQL, one
    executemany on SQLite (which binds no Decimal: Tortoise keeps decimals there as text)."""
    if not rows:
        return
    if connection.capabilities.dialect == "postgres":
        async with connection.acquire_connection() as raw:  # the transaction's own
            await raw.copy_records_to_table(table, records=rows, columns=columns)
        return
    await connection.execute_many(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [tuple(str(v) if isinstance(v, Decimal) else v for v in row) for row in rows])
