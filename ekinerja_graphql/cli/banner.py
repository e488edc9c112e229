"""What `ekinerja demo` prints once the API listens: where to go and how to sign in."""

from rich.console import Console

from ekinerja_graphql.auth import mint_token
from ekinerja_graphql.config import Settings
from ekinerja_graphql.services.demo_accounts import DemoAccount

EXAMPLE_QUERY = "{ me { nip namaLengkap unit { nama } pejabatPenilai { namaLengkap } } }"

# Tokens are printed with soft_wrap so a terminal copy gives one unbroken line.
console = Console(soft_wrap=True, highlight=False)


def print_banner(base_url: str, accounts: list[DemoAccount], settings: Settings) -> None:
    console.rule("[bold green]e-Kinerja demo is running")
    console.print(f"GraphiQL:  [bold]{base_url}/graphql[/]   (health: {base_url}/healthz)")
    console.print(
        "Each role's header below; in GraphiQL's Headers tab write it as JSON: "
        '{"Authorization": "Bearer <token>"}\n'
    )
    for account in accounts:
        print_account(account, settings)
    first = mint_token(accounts[-1].nip, settings)
    console.print("Try it:")
    console.print(
        f"  curl -s {base_url}/graphql -H 'Content-Type: application/json' "
        f"-H 'Authorization: Bearer {first}' "
        f"-d '{{\"query\": \"{EXAMPLE_QUERY}\"}}'\n"
    )
    console.print("Example operations: schema/operations/*.graphql.   Stop: Ctrl-C")
    console.rule()


def print_account(account: DemoAccount, settings: Settings) -> None:
    token = mint_token(account.nip, settings)
    unit = f"  unit {account.unit_id}" if account.unit_id is not None else ""
    console.print(f"[bold cyan]{account.role:<15}[/] NIP {account.nip}  {account.nama}{unit}")
    console.print(f"Authorization: Bearer {token}\n")
