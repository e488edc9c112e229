import sys
from typing import Annotated

import typer

from ekinerja_graphql.auth import SECRET_FILE, installation_secret, mint_token
from ekinerja_graphql.config import MissingTokenKey, get_settings


def token(
    subject: Annotated[str, typer.Argument(help="A pegawai's NIP or a service-account name.")],
    ttl: Annotated[
        int | None, typer.Option(help="Lifetime in seconds (default: EKINERJA_JWT_TTL_SECONDS).")
    ] = None,
) -> None:
    """Mint an HS256 bearer token and print it. It names the subject only: what the subject
    may see follows from the database (pejabat-penilai chain, `ekinerja admin grant`).

    Signed with EKINERJA_JWT_SECRET, or else with the demo's secret in EKINERJA_DATA_DIR.
    """
    settings = get_settings()
    if not settings.jwt_secret and not settings.jwt_public_key:
        if not (settings.data_dir / SECRET_FILE).exists():
            typer.echo("ekinerja: set EKINERJA_JWT_SECRET, or run `ekinerja demo` once", err=True)
            raise typer.Exit(2)
        print(f"signed with the demo secret in {settings.data_dir / SECRET_FILE}", file=sys.stderr)
        secret = installation_secret(settings.data_dir)
        settings = settings.model_copy(update={"jwt_secret": secret})
    try:
        typer.echo(mint_token(subject, settings, ttl_seconds=ttl))
    except MissingTokenKey as missing:
        typer.echo(f"ekinerja: {missing}", err=True)
        raise typer.Exit(2) from None
