"""Reaching the simulator in-process (tests): the app through httpx's ASGI transport, a
dropped connection surfacing as the ReadError a socket gives."""

import httpx
from starlette.applications import Starlette

from ekinerja_graphql.config import Settings
from ekinerja_graphql.siasn.simulator.app import (
    API_PREFIX,
    APIM_TOKEN_PATH,
    SSO_TOKEN_PATH,
    ConnectionDropped,
    Credentials,
)


class SimulatorTransport(httpx.AsyncBaseTransport):
    def __init__(self, app: Starlette) -> None:
        self._inner = httpx.ASGITransport(app=app)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._inner.handle_async_request(request)
        except ConnectionDropped as error:
            raise httpx.ReadError(str(error), request=request) from None


def pointed_at(settings: Settings, base_url: str, credentials: Credentials) -> Settings:
    """`settings` with the SIASN hosts and credentials of a simulator at `base_url`."""
    return settings.model_copy(update=simulator_settings(base_url, credentials))


def simulator_settings(base_url: str, credentials: Credentials) -> dict[str, str]:
    """The Settings fields that point the client at a simulator at `base_url`."""
    base = base_url.rstrip("/")
    return {
        "siasn_apim_token_url": f"{base}{APIM_TOKEN_PATH}",
        "siasn_api_url": f"{base}{API_PREFIX}",
        "siasn_sso_token_url": f"{base}{SSO_TOKEN_PATH}",
        "siasn_consumer_key": credentials.consumer_key,
        "siasn_consumer_secret": credentials.consumer_secret,
        "siasn_sso_client_id": credentials.sso_client_id,
        "siasn_sso_username": credentials.sso_username,
        "siasn_sso_password": credentials.sso_password,
    }
