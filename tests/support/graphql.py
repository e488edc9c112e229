"""Run GraphQL operations as a given principal, and count the SQL statements they issue."""

import logging
from contextlib import contextmanager
from pathlib import Path

from ekinerja_graphql.api.context import build_context
from ekinerja_graphql.api.schema import schema
from ekinerja_graphql.auth import Principal
from ekinerja_graphql.config import Settings
from ekinerja_graphql.models import AdminAssignment

OPERATIONS = Path(__file__).resolve().parents[2] / "schema" / "operations"
SQL_VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


def principal(subject: str) -> Principal:
    """A verified token's subject; what it may see is read from the database."""
    return Principal(subject)


async def admin_pusat() -> Principal:
    """The seeded ADMIN_PUSAT, granted through admin_assignment by conftest's seeded_db."""
    assignment = await AdminAssignment.filter(role="ADMIN_PUSAT", revoked_at=None).order_by(
        "id").select_related("pegawai").first()  # fmt: skip
    return principal(assignment.pegawai.nip)


async def run(
    query: str, who: Principal | None, settings: Settings, variables: dict | None = None,
    operation_name: str | None = None,
):
    context = await build_context(principal=who, settings=settings)
    return await schema.execute(query, variable_values=variables, context_value=context,
                                operation_name=operation_name)  # fmt: skip


async def data_of(query: str, who: Principal, settings: Settings, variables=None) -> dict:
    result = await run(query, who, settings, variables)
    assert result.errors is None, result.errors
    return result.data


def operation(name: str) -> str:
    return (OPERATIONS / f"{name}.graphql").read_text()


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().lstrip()
        if message.upper().startswith(SQL_VERBS):
            self.statements.append(message)


@contextmanager
def count_statements():
    """Every SQL statement Tortoise sends while the block runs (its db_client log)."""
    logger = logging.getLogger("tortoise.db_client")
    counter, previous_level = _Counter(), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        yield counter.statements
    finally:
        logger.removeHandler(counter)
        logger.setLevel(previous_level)
