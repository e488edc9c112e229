"""`ekinerja admin grant|revoke|list`: the admin assignment table, from the shell."""

from datetime import date, datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ekinerja_graphql.cli.operator import operator, run_in_database
from ekinerja_graphql.config import get_settings
from ekinerja_graphql.domain.akses import ADMIN_ROLES, Peran
from ekinerja_graphql.services import admin_assignments
from ekinerja_graphql.services.admin_assignments import AdminGrant, AssignmentRefused

app = typer.Typer(help="Who administers what: ADMIN_UNIT for a unit subtree, ADMIN_PUSAT for all.",
                  no_args_is_help=True)
console = Console()
AdminRole = Annotated[Peran, typer.Option(help=f"One of {', '.join(sorted(ADMIN_ROLES))}.")]


def _run(coroutine_factory):
    return run_in_database(coroutine_factory, AssignmentRefused,
                           lambda refused: f"[red]refused:[/] {refused}", console)  # fmt: skip


@app.command()
def grant(
    subject: Annotated[str, typer.Argument(help="A pegawai's NIP or a service-account name.")],
    role: AdminRole,
    unit: Annotated[int | None, typer.Option(help="Unit id (ADMIN_UNIT only).")] = None,
    valid_from: Annotated[datetime | None, typer.Option("--from", formats=["%Y-%m-%d"],
                                                        help="First day (default today).")] = None,
    valid_until: Annotated[datetime | None, typer.Option("--until", formats=["%Y-%m-%d"],
                                                         help="Last day (default open).")] = None,
    by: Annotated[str | None, typer.Option(help="Who grants it (default cli:<user>).")] = None,
) -> None:
    """Grant an admin role."""
    request = AdminGrant(
        subject=subject, role=role, unit_id=unit,
        valid_from=valid_from.date() if valid_from else date.today(),
        valid_until=valid_until.date() if valid_until else None,
        granted_by=by or operator(),
    )
    accounts = frozenset(get_settings().service_accounts)
    created = _run(lambda: admin_assignments.grant_admin(request, accounts))
    console.print(f"[green]granted[/] assignment {created.id}: {role} to {subject}")


@app.command()
def revoke(
    assignment_id: Annotated[int, typer.Argument(help="The id `ekinerja admin list` shows.")],
    by: Annotated[str | None, typer.Option(help="Who revokes it (default cli:<user>).")] = None,
) -> None:
    """Revoke an admin assignment (it stays in the history)."""
    _run(lambda: admin_assignments.revoke_admin(assignment_id, by or operator()))
    console.print(f"[green]revoked[/] assignment {assignment_id}")


@app.command("list")
def list_(
    all_: Annotated[bool, typer.Option("--all", help="Include revoked and expired ones.")] = False,
) -> None:
    """List the admin assignments in force today (or all of them)."""
    rows = _run(lambda: admin_assignments.list_admin_assignments(None if all_ else date.today()))
    table = Table("id", "role", "subject", "unit", "from", "until", "granted by", "revoked")
    for row in rows:
        subject = row["service_account"] or f"{row['nip']} {row['nama']}"
        unit = f"{row['unit_id']} {row['unit_nama']}" if row["unit_id"] else "(all)"
        revoked = row["revoked_at"] and f"{row['revoked_at']:%Y-%m-%d} by {row['revoked_by']}"
        table.add_row(str(row["id"]), row["role"], subject, unit, str(row["valid_from"]),
                      str(row["valid_until"] or ""), row["granted_by"], revoked or "")
    console.print(table)
