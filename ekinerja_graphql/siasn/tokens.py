"""The two tokens of every /apisiasn call (spec §2): the APIM token (client credentials)
and the SSO token (password grant, or one pasted into the settings). Each is cached until
shortly before it expires and fetched single-flight: one process fetches while the others
wait for it, so a burst of workers never invalidates each other's tokens."""

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress
from enum import StrEnum
from typing import Protocol

import httpx
import redis.asyncio as aioredis
from redis.exceptions import LockError

from ekinerja_graphql.config import Settings
from ekinerja_graphql.siasn.errors import SiasnAuthRejected, SiasnUnavailable

APIM_LIFETIME_SECONDS = 3600  # when the answer does not say (spec §2)
SSO_LIFETIME_SECONDS = 12 * 3600
LOCK_SECONDS = 60  # longest a fetch may hold the lock


class TokenKind(StrEnum):
    APIM = "apim"
    SSO = "sso"


class TokenCache(Protocol):
    async def get(self, kind: TokenKind) -> str | None: ...
    async def put(self, kind: TokenKind, token: str, ttl_seconds: int) -> None: ...
    async def drop(self, kind: TokenKind, token: str) -> None: ...
    def refreshing(self, kind: TokenKind) -> AbstractAsyncContextManager[None]: ...


class MemoryTokenCache:
    """One process (tests, the CLI)."""

    def __init__(self) -> None:
        self._tokens: dict[TokenKind, tuple[str, float]] = {}
        self._locks = {kind: asyncio.Lock() for kind in TokenKind}

    async def get(self, kind: TokenKind) -> str | None:
        found = self._tokens.get(kind)
        return found[0] if found and found[1] > time.monotonic() else None

    async def put(self, kind: TokenKind, token: str, ttl_seconds: int) -> None:
        self._tokens[kind] = (token, time.monotonic() + ttl_seconds)

    async def drop(self, kind: TokenKind, token: str) -> None:
        if self._tokens.get(kind, ("",))[0] == token:
            del self._tokens[kind]

    @asynccontextmanager
    async def refreshing(self, kind: TokenKind) -> AsyncIterator[None]:
        async with self._locks[kind]:
            yield


# Deletes the key only while it still holds the token found stale: a token another process
# has just fetched is kept.
_DROP_IF_SAME = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"  # noqa: E501


class RedisTokenCache:
    """Every worker process of the installation, through its Redis."""

    def __init__(self, client: aioredis.Redis, prefix: str = "ekinerja:siasn") -> None:
        self._client = client
        self._prefix = prefix

    def _key(self, kind: TokenKind) -> str:
        return f"{self._prefix}:token:{kind}"

    async def get(self, kind: TokenKind) -> str | None:
        value = await self._client.get(self._key(kind))
        return value.decode() if isinstance(value, bytes) else value

    async def put(self, kind: TokenKind, token: str, ttl_seconds: int) -> None:
        await self._client.set(self._key(kind), token, ex=max(ttl_seconds, 1))

    async def drop(self, kind: TokenKind, token: str) -> None:
        await self._client.eval(_DROP_IF_SAME, 1, self._key(kind), token)

    @asynccontextmanager
    async def refreshing(self, kind: TokenKind) -> AsyncIterator[None]:
        lock = self._client.lock(f"{self._prefix}:token-lock:{kind}", timeout=LOCK_SECONDS,
                                 blocking_timeout=LOCK_SECONDS + 5)  # fmt: skip
        if not await lock.acquire():
            raise SiasnUnavailable(f"another process has held the {kind} token lock for "
                                   f"{LOCK_SECONDS} s")  # fmt: skip
        try:
            yield
        finally:
            with suppress(LockError):  # expired while fetching: the next refresh takes it
                await lock.release()


class Tokens:
    def __init__(self, settings: Settings, http: httpx.AsyncClient, cache: TokenCache) -> None:
        self._settings = settings
        self._http = http
        self._cache = cache

    async def get(self, kind: TokenKind) -> str:
        token = await self._cache.get(kind)
        if token is not None:
            return token
        async with self._cache.refreshing(kind):
            token = await self._cache.get(kind)  # fetched by another process meanwhile
            if token is None:
                token, lifetime = await self._fetch(kind)
                ttl = lifetime - self._settings.siasn_token_margin_seconds
                await self._cache.put(kind, token, max(ttl, 1))
            return token

    async def replace(self, kind: TokenKind, stale: str) -> str:
        """A token SIASN refused: drop it (unless already replaced) and get a fresh one."""
        await self._cache.drop(kind, stale)
        return await self.get(kind)

    async def _fetch(self, kind: TokenKind) -> tuple[str, int]:
        settings = self._settings
        if kind is TokenKind.APIM:
            auth = (settings.siasn_consumer_key, settings.siasn_consumer_secret)
            return await self._grant(settings.siasn_apim_token_url, {
                "grant_type": "client_credentials"}, auth, APIM_LIFETIME_SECONDS, "APIM")
        if settings.siasn_sso_token:
            return settings.siasn_sso_token, SSO_LIFETIME_SECONDS
        return await self._grant(settings.siasn_sso_token_url, {
            "grant_type": "password", "client_id": settings.siasn_sso_client_id,
            "username": settings.siasn_sso_username, "password": settings.siasn_sso_password,
        }, None, SSO_LIFETIME_SECONDS, "SSO")  # fmt: skip

    async def _grant(self, url: str, form: dict[str, str], auth: tuple[str, str] | None,
                     default_lifetime: int, name: str) -> tuple[str, int]:  # fmt: skip
        try:
            response = await self._http.post(url, data=form, auth=auth)
        except httpx.TransportError as error:
            raise SiasnUnavailable(f"the {name} token endpoint: {type(error).__name__}") from None
        if response.status_code >= 500 or response.status_code == 429:
            raise SiasnUnavailable(f"the {name} token endpoint answered {response.status_code}")
        try:
            body = response.json()
            token = body["access_token"]
            lifetime = int(body.get("expires_in") or default_lifetime)
        except (ValueError, KeyError, TypeError):
            raise SiasnAuthRejected(f"the {name} token endpoint refused the credentials "
                                    f"(HTTP {response.status_code})") from None  # fmt: skip
        if response.status_code != 200 or not isinstance(token, str) or not token:
            raise SiasnAuthRejected(f"the {name} token endpoint refused the credentials "
                                    f"(HTTP {response.status_code})")  # fmt: skip
        return token, lifetime
