"""Signed tokens with malformed claims are rejected as tokens, never a server error."""

import time

import jwt
import pytest

from ekinerja_graphql.auth import InvalidToken, decode_token, mint_token
from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.akses import Peran

SETTINGS = Settings(jwt_secret="a-test-secret-that-is-long-enough-for-hs256")


def signed(**claims) -> str:
    return jwt.encode({"sub": "199001012015011001", "exp": int(time.time()) + 60, **claims},
                      SETTINGS.jwt_secret, algorithm="HS256")


@pytest.mark.parametrize("claims", [
    {"roles": 5}, {"roles": None}, {"roles": [1]}, {"roles": ["GOD"]},
    {"unit": "abc"}, {"unit": 1e30}, {"unit": 2**40}, {"unit": 0}, {"unit": True},
])
def test_malformed_claims_are_invalid_tokens(claims):
    with pytest.raises(InvalidToken):
        decode_token(signed(**claims), SETTINGS)


def test_minted_token_round_trips():
    principal = decode_token(mint_token("199001012015011001", [Peran.ADMIN_UNIT], unit_id=5,
                                        settings=SETTINGS), SETTINGS)
    assert principal.roles == {Peran.ADMIN_UNIT} and principal.unit_id == 5
