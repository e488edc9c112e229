"""Database settings: connect and statement timeouts reach the driver, and the errors of a
database that is down, hung or busy are told apart from bugs (they become 503)."""

import sqlite3

import pytest
from tortoise.exceptions import OperationalError
from tortoise.transactions import in_transaction

from ekinerja_graphql.db import database_unavailable, is_postgres, tortoise_config


def test_postgres_connections_carry_the_timeouts():
    config = tortoise_config("postgres://u:p@db:5432/e", pool_size=7, connect_timeout=2.5,
                             statement_timeout=4)
    credentials = config["connections"]["default"]["credentials"]
    assert credentials["timeout"] == 2.5 and credentials["command_timeout"] == 5
    assert credentials["server_settings"]["statement_timeout"] == "4000"
    assert (credentials["minsize"], credentials["maxsize"]) == (1, 7)


async def test_a_statement_over_its_timeout_counts_as_unavailable(database):
    if not is_postgres(database.resolved_database_url):
        pytest.skip("PostgreSQL only")
    with pytest.raises(Exception) as raised:  # noqa: B017 - the class is what is checked
        async with in_transaction() as transaction:
            await transaction.execute_script("SET LOCAL statement_timeout = 100")
            await transaction.execute_query("SELECT pg_sleep(2)")
    assert database_unavailable(raised.value), type(raised.value)


def test_bugs_and_bad_queries_are_not_outages():
    assert not database_unavailable(ValueError("bug"))
    assert not database_unavailable(OperationalError(sqlite3.OperationalError("no such table")))
    assert database_unavailable(TimeoutError())
    assert database_unavailable(ConnectionRefusedError())
    # What Tortoise raises when another connection holds the SQLite file past the busy timeout.
    assert database_unavailable(OperationalError(sqlite3.OperationalError("database is locked")))
