from typing import Annotated

import typer

from ekinerja_graphql.auth import mint_token
from ekinerja_graphql.domain.akses import Peran


def token(
    nip: Annotated[str, typer.Argument(help="The pegawai's NIP (the token's subject).")],
    role: Annotated[
        list[Peran], typer.Option("--role", "-r", help="A role; repeat for several.")
    ] = [Peran.PEGAWAI],  # noqa: B006 - Typer reads the default, never mutates it
    unit: Annotated[
        int | None, typer.Option(help="Unit id an ADMIN_UNIT administers (the `unit` claim).")
    ] = None,
    ttl: Annotated[
        int | None, typer.Option(help="Lifetime in seconds (default: EKINERJA_JWT_TTL_SECONDS).")
    ] = None,
) -> None:
    """Mint an HS256 bearer token signed with EKINERJA_JWT_SECRET and print it."""
    if unit is not None and Peran.ADMIN_UNIT not in role:
        raise typer.BadParameter("--unit only applies to --role ADMIN_UNIT", param_hint="--unit")
    typer.echo(mint_token(nip, list(role), unit_id=unit, ttl_seconds=ttl))
