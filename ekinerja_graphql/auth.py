"""Bearer JWT: HS256 with a shared secret or RS256 with an OIDC issuer's public key.

Claims: `sub` is the NIP, `roles` a list of Peran names, `unit` (optional) the
unit id an ADMIN_UNIT administers (defaults to the admin's own unit).
"""

import time
from dataclasses import dataclass

import jwt

from ekinerja_graphql.config import Settings, get_settings
from ekinerja_graphql.domain.akses import Peran


class InvalidToken(Exception):
    """The bearer token is missing a claim, expired, or not signed by a trusted key."""


@dataclass(frozen=True, slots=True)
class Principal:
    nip: str
    roles: frozenset[Peran]
    unit_id: int | None = None


def mint_token(
    nip: str,
    roles: list[Peran],
    unit_id: int | None = None,
    settings: Settings | None = None,
    ttl_seconds: int | None = None,
) -> str:
    """An HS256 token for the demo, tests and service accounts."""
    settings = settings or get_settings()
    now = int(time.time())
    claims = {
        "sub": nip,
        "roles": [role.value for role in roles],
        "iat": now,
        "exp": now + (ttl_seconds or settings.jwt_ttl_seconds),
    }
    if unit_id is not None:
        claims["unit"] = unit_id
    if settings.jwt_issuer:
        claims["iss"] = settings.jwt_issuer
    if settings.jwt_audience:
        claims["aud"] = settings.jwt_audience
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


def decode_token(token: str, settings: Settings | None = None) -> Principal:
    settings = settings or get_settings()
    try:
        header = jwt.get_unverified_header(token)
        algorithm = header.get("alg")
        if algorithm not in settings.jwt_algorithms:
            raise InvalidToken(f"algorithm {algorithm!r} is not accepted")
        key = settings.jwt_public_key if algorithm == "RS256" else settings.jwt_secret
        if not key:
            raise InvalidToken(f"no key configured for {algorithm}")
        claims = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            issuer=settings.jwt_issuer or None,
            audience=settings.jwt_audience or None,
            options={"require": ["sub", "exp"], "verify_aud": bool(settings.jwt_audience)},
        )
    except jwt.PyJWTError as error:
        raise InvalidToken(str(error)) from None
    return _principal(claims)


MAX_UNIT_ID = 2**31 - 1


def _principal(claims: dict) -> Principal:
    roles, unit = claims.get("roles", []), claims.get("unit")
    if not isinstance(roles, list) or not all(isinstance(role, str) for role in roles):
        raise InvalidToken("roles must be a list of role names")
    try:
        parsed = frozenset(Peran(role) for role in roles)
    except ValueError:
        raise InvalidToken(f"roles must be among {[p.value for p in Peran]}") from None
    if unit is not None and not (
        isinstance(unit, int) and not isinstance(unit, bool) and 1 <= unit <= MAX_UNIT_ID
    ):
        raise InvalidToken(f"unit must be a unit id from 1 to {MAX_UNIT_ID}")
    return Principal(nip=str(claims["sub"]), roles=parsed or frozenset({Peran.PEGAWAI}),
                     unit_id=unit)
