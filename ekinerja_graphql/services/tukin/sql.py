"""Literal pieces of the raw statements tukin reads a batch with: a batch's ids as one IN
list (Tortoise builds a term per value: at 5,000 ids that costs more than the query), and
dates as each database spells them. Only ints and dates this code made go in: no user text."""

from datetime import date


def ids_in(ids) -> str:
    return f"IN ({', '.join(str(int(i)) for i in ids)})" if ids else "IN (NULL)"


def tanggal(value: date, postgres: bool) -> str:
    return f"DATE '{value.isoformat()}'" if postgres else f"'{value.isoformat()}'"


def as_date(value) -> date | None:
    """A date column of a raw row: a date on PostgreSQL, ISO text on SQLite."""
    return date.fromisoformat(value) if isinstance(value, str) else value
