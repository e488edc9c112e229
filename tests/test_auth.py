"""Bearer tokens: only the configured key's algorithm, bounded lifetimes, a plain subject."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ekinerja_graphql.app import create_app
from ekinerja_graphql.auth import InvalidToken, decode_token, installation_secret, mint_token
from ekinerja_graphql.config import MissingTokenKey, Settings

SECRET = "a-test-secret-that-is-long-enough-for-hs256"
SETTINGS = Settings(jwt_secret=SECRET)
NIP = "199001012015011001"


def signed(key=SECRET, algorithm="HS256", **claims) -> str:
    now = int(time.time())
    payload = {"sub": NIP, "iat": now, "exp": now + 60, **claims}
    return jwt.encode({k: v for k, v in payload.items() if v is not None}, key,
                      algorithm=algorithm)


@pytest.fixture(scope="module")
def rsa_keys() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    return private, public


def test_minted_token_names_only_its_subject():
    assert decode_token(mint_token(NIP, SETTINGS), SETTINGS).subject == NIP
    claims = jwt.decode(mint_token(NIP, SETTINGS), SECRET, algorithms=["HS256"])
    assert set(claims) == {"sub", "iat", "exp"}


@pytest.mark.parametrize("claims", [
    {"sub": None}, {"sub": 5}, {"sub": "a b"}, {"sub": "x" * 65}, {"sub": "\u0661" * 18},
    {"exp": None}, {"iat": None}, {"iat": "yesterday"}, {"exp": "tomorrow"},
    {"iat": int(time.time()) - 100_000, "exp": int(time.time()) + 100_000},
    {"iat": int(time.time()) + 3600},
])
def test_malformed_claims_are_invalid_tokens(claims):
    with pytest.raises(InvalidToken):
        decode_token(signed(**claims), SETTINGS)


def test_lifetime_cap_is_configurable():
    long_lived = signed(exp=int(time.time()) + 20 * 3600)
    with pytest.raises(InvalidToken, match="lifetime"):
        decode_token(long_lived, SETTINGS)
    relaxed = Settings(jwt_secret=SECRET, jwt_max_ttl_seconds=24 * 3600)
    assert decode_token(long_lived, relaxed).subject == NIP


def test_wrong_secret_and_alg_none_are_rejected():
    with pytest.raises(InvalidToken):
        decode_token(signed(key="another-secret-that-is-long-enough-too"), SETTINGS)
    unsigned = jwt.encode({"sub": NIP, "iat": 1, "exp": 2**31}, None, algorithm="none")
    with pytest.raises(InvalidToken):
        decode_token(unsigned, SETTINGS)


def test_with_a_public_key_only_rs256_is_accepted(rsa_keys):
    private, public = rsa_keys
    settings = Settings(jwt_public_key=public, jwt_secret=SECRET, jwt_issuer="https://sso",
                        jwt_audience="ekinerja")
    good = signed(private, "RS256", iss="https://sso", aud="ekinerja")
    assert decode_token(good, settings).subject == NIP
    # An HS256 token signed with the secret, or with the public key as an HMAC secret.
    for forged in (signed(iss="https://sso", aud="ekinerja"),):
        with pytest.raises(InvalidToken, match="only RS256"):
            decode_token(forged, settings)
    for wrong in ({"iss": "https://evil", "aud": "ekinerja"}, {"iss": "https://sso"},
                  {"iss": "https://sso", "aud": "other"}):
        with pytest.raises(InvalidToken):
            decode_token(signed(private, "RS256", **wrong), settings)


def test_without_a_public_key_rs256_is_refused(rsa_keys):
    with pytest.raises(InvalidToken, match="only HS256"):
        decode_token(signed(rsa_keys[0], "RS256"), SETTINGS)


@pytest.mark.parametrize(("settings", "complaint"), [
    (Settings(), "EKINERJA_JWT_SECRET"),
    (Settings(jwt_secret="short"), "at least 32 bytes"),
    (Settings(jwt_public_key="-----BEGIN PUBLIC KEY-----"), "EKINERJA_JWT_ISSUER"),
])
def test_the_api_refuses_to_start_without_a_usable_key(settings, complaint):
    with pytest.raises(MissingTokenKey, match=complaint):
        create_app(settings, manage_database=False)


def test_installation_secret_is_random_private_and_stable(tmp_path):
    first = installation_secret(tmp_path / "a")
    assert first == installation_secret(tmp_path / "a")
    assert len(first) == 64 and first != installation_secret(tmp_path / "b")
    assert (tmp_path / "a" / "jwt-secret").stat().st_mode & 0o077 == 0


def test_a_verified_token_is_remembered_until_it_expires_and_only_for_its_key():
    settings = Settings(jwt_secret=SECRET, jwt_leeway_seconds=0)
    now = int(time.time())
    token = signed(iat=now, exp=now + 2)
    assert decode_token(token, settings).subject == NIP
    assert decode_token(token, settings).subject == NIP  # remembered
    other_key = Settings(jwt_secret="another-secret-that-is-long-enough-too",
                         jwt_leeway_seconds=0)
    with pytest.raises(InvalidToken, match="Signature verification failed"):
        decode_token(token, other_key)  # remembered for its own key only
    time.sleep(max(0.0, now + 2 - time.time()) + 0.05)
    with pytest.raises(InvalidToken, match="expired"):
        decode_token(token, settings)
