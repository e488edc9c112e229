"""`ekinerja siasn-sim`: the SIASN simulator over HTTP, for the demo and for trying the
client by hand (point EKINERJA_SIASN_* at it; the credentials are printed)."""

from datetime import date
from typing import Annotated

import typer
import uvicorn

from ekinerja_graphql.siasn.simulator.app import (
    API_PREFIX,
    APIM_TOKEN_PATH,
    SSO_TOKEN_PATH,
    Simulator,
    create_simulator_app,
)
from ekinerja_graphql.siasn.simulator.dataset import SimulatedSiasn
from ekinerja_graphql.siasn.simulator.faults import Fault, Faults


def siasn_sim(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8900,
    pegawai: Annotated[int, typer.Option(min=10, max=400_000,
                                         help="Pegawai, generated like `ekinerja seed`.")] = 2000,
    seed: Annotated[int, typer.Option(help="Random seed (the same as `ekinerja seed`'s).")] = 2026,
    tahun: Annotated[int, typer.Option(help="Year, as `ekinerja seed --tahun`.")] = 2026,
    latency_ms: Annotated[int, typer.Option(min=0, help="Added to every data request.")] = 0,
    fault_rate: Annotated[float, typer.Option(
        min=0, max=0.5, help="Share of data requests failing with a 5xx, a reset or a 429.")] = 0,
    rate_limit: Annotated[int, typer.Option(min=0, help="429 above this many requests per "
                                            "second (0: none).")] = 0,
) -> None:
    """Serve a simulator of BKN's SIASN web service (spec/siasn-api.md)."""
    data = SimulatedSiasn.from_seed(pegawai, seed, date(tahun, 11, 23))  # as `ekinerja seed`
    share = fault_rate / 3
    faults = Faults(rates={Fault.SERVER_ERROR: share, Fault.RESET: share,
                           Fault.RATE_LIMITED: share} if share else {},
                    base_latency_seconds=latency_ms / 1000)  # fmt: skip
    simulator = Simulator(data, faults=faults, rate_limit_per_second=rate_limit or None)
    base = f"http://{host}:{port}"
    creds = simulator.credentials
    typer.echo(f"SIASN simulator: {len(data.pns)} pegawai, {len(data.unor)} unor\n"
               f"  EKINERJA_SIASN_APIM_TOKEN_URL={base}{APIM_TOKEN_PATH}\n"
               f"  EKINERJA_SIASN_API_URL={base}{API_PREFIX}\n"
               f"  EKINERJA_SIASN_SSO_TOKEN_URL={base}{SSO_TOKEN_PATH}\n"
               f"  EKINERJA_SIASN_CONSUMER_KEY={creds.consumer_key}\n"
               f"  EKINERJA_SIASN_CONSUMER_SECRET={creds.consumer_secret}\n"
               f"  EKINERJA_SIASN_SSO_CLIENT_ID={creds.sso_client_id}\n"
               f"  EKINERJA_SIASN_SSO_USERNAME={creds.sso_username}\n"
               f"  EKINERJA_SIASN_SSO_PASSWORD={creds.sso_password}")  # fmt: skip
    uvicorn.run(create_simulator_app(simulator), host=host, port=port, log_level="warning")
