"""Bearer JWT: who is calling, nothing more (DESIGN.md "Authority").

HS256 with EKINERJA_JWT_SECRET, or RS256 with an OIDC issuer's public key; only
the algorithm of the configured key is accepted. `sub` is a NIP or a service
account; `exp` and `iat` are required and the lifetime is capped. Roles and
units come from the database (services/access), never from claims.
"""

import re
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import jwt

from ekinerja_graphql.config import MissingTokenKey, Settings, get_settings

# A NIP or a service-account name: short and printable, since it is logged and echoed.
_SUBJECT = re.compile(r"[A-Za-z0-9._:@-]{1,64}")
SECRET_FILE = "jwt-secret"


class InvalidToken(Exception):
    """The bearer token is malformed, expired, too long-lived or not signed by a trusted key."""


@dataclass(frozen=True, slots=True)
class Principal:
    """The subject of a verified token: a NIP or a service-account name."""

    subject: str


def mint_token(subject: str, settings: Settings | None = None,
               ttl_seconds: int | None = None) -> str:
    """An HS256 token for the demo, the tests and service accounts."""
    settings = settings or get_settings()
    if settings.jwt_public_key or not settings.jwt_secret:
        raise MissingTokenKey("minting needs EKINERJA_JWT_SECRET (HS256) and no public key")
    now = int(time.time())
    claims = {"sub": subject, "iat": now, "exp": now + (ttl_seconds or settings.jwt_ttl_seconds)}
    if settings.jwt_issuer:
        claims["iss"] = settings.jwt_issuer
    if settings.jwt_audience:
        claims["aud"] = settings.jwt_audience
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


# Verified tokens, for their next requests: a client sends the same token until it expires,
# and verifying it again (base64, JSON, HMAC or RSA, claims) is a tenth of a small request.
_VERIFIED: OrderedDict[tuple, tuple[str, float]] = OrderedDict()
VERIFIED_TOKENS_KEPT = 4096


def decode_token(token: str, settings: Settings | None = None) -> Principal:
    """The token's subject; the same answer for a token verified before, which is checked
    again for expiry only (everything else about it is fixed by its signed bytes)."""
    settings = settings or get_settings()
    key = (token, settings.token_verification_key, settings.jwt_issuer, settings.jwt_audience,
           settings.jwt_leeway_seconds, settings.jwt_max_ttl_seconds)
    known = _VERIFIED.get(key)
    if known is not None:
        subject, expires = known
        if time.time() < expires + settings.jwt_leeway_seconds:
            _VERIFIED.move_to_end(key)
            return Principal(subject)
        del _VERIFIED[key]
    claims = _verified_claims(token, settings)
    subject = _subject(claims, settings)
    _VERIFIED[key] = (subject, claims["exp"])
    if len(_VERIFIED) > VERIFIED_TOKENS_KEPT:
        _VERIFIED.popitem(last=False)
    return Principal(subject)


def _verified_claims(token: str, settings: Settings) -> dict:
    algorithm = settings.token_algorithm
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != algorithm:
            raise InvalidToken(f"this service accepts only {algorithm} tokens")
        claims = jwt.decode(
            token,
            settings.token_verification_key,
            algorithms=[algorithm],
            issuer=settings.jwt_issuer or None,
            audience=settings.jwt_audience or None,
            leeway=settings.jwt_leeway_seconds,
            options={"require": ["sub", "exp", "iat"], "verify_aud": bool(settings.jwt_audience)},
        )
    except jwt.PyJWTError as error:
        raise InvalidToken(str(error)) from None
    return claims


def _subject(claims: dict, settings: Settings) -> str:
    issued, expires = claims["iat"], claims["exp"]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (issued, expires)):
        raise InvalidToken("iat and exp must be numeric dates")
    if expires - issued > settings.jwt_max_ttl_seconds:
        raise InvalidToken(f"token lifetime exceeds {settings.jwt_max_ttl_seconds} seconds")
    subject = claims["sub"]
    if not isinstance(subject, str) or not _SUBJECT.fullmatch(subject):
        raise InvalidToken("sub must be a NIP or a service-account name")
    return subject


def installation_secret(data_dir: Path) -> str:
    """The demo's and the tests' own HS256 secret, made once per data directory (mode 0600)."""
    path = data_dir / SECRET_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32) + "\n")
    return path.read_text().strip()
