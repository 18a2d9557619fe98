"""Typed settings for every Wegwijs process, read from environment variables.

Each setting has a safe default for a single machine (SQLite under var/, in-memory locks,
servers on loopback). Production sets WEGWIJS_ENV=production and the secrets.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings, Field, validator

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    env: str = Field("development", env="WEGWIJS_ENV")
    content_dir: Path = Field(PROJECT_ROOT / "content", env="WEGWIJS_CONTENT_DIR")
    var_dir: Path = Field(PROJECT_ROOT / "var", env="WEGWIJS_VAR_DIR")
    database_url: str = Field("", env="DATABASE_URL")
    redis_url: str | None = Field(None, env="REDIS_URL")

    rasa_url: str = Field("http://127.0.0.1:5005", env="WEGWIJS_RASA_URL")
    # Where browsers reach Rasa's web chat (differs from rasa_url behind a reverse proxy).
    public_rasa_url_override: str = Field("", env="WEGWIJS_PUBLIC_RASA_URL")
    action_server_url: str = Field("http://127.0.0.1:5055", env="WEGWIJS_ACTION_SERVER_URL")
    # Shared secrets; `make run` writes random ones to var/secrets.env when unset.
    action_server_secret: str = Field("", env="WEGWIJS_ACTION_SECRET")
    rasa_jwt_secret: str = Field("", env="WEGWIJS_RASA_JWT_SECRET")
    rest_channel_token: str = Field("", env="WEGWIJS_REST_TOKEN")
    session_secret: str = Field("", env="WEGWIJS_SESSION_SECRET")
    # The web app relays caseworker replies to Rasa's web chat with this secret.
    relay_secret: str = Field("", env="WEGWIJS_RELAY_SECRET")
    # Only for local plain-HTTP development: the console cookie without the Secure flag.
    console_insecure_cookie: bool = Field(False, env="WEGWIJS_CONSOLE_INSECURE_COOKIE")
    # Days a conversation with the bot alone is kept after its last message; partners set
    # their own periods for conversations handed to them (see bot.privacy.retention).
    conversation_retention_days: int = Field(30, env="WEGWIJS_CONVERSATION_RETENTION_DAYS")
    retention_interval_minutes: int = Field(60, env="WEGWIJS_RETENTION_INTERVAL_MINUTES")
    # The municipality whose partners receive conversations that name none.
    default_municipality: str = Field("", env="WEGWIJS_DEFAULT_MUNICIPALITY")

    allowed_origins: list[str] = Field(
        ["http://127.0.0.1:8000", "http://localhost:8000"], env="WEGWIJS_ALLOWED_ORIGINS"
    )
    max_message_chars: int = Field(2000, env="WEGWIJS_MAX_MESSAGE_CHARS")
    max_metadata_bytes: int = Field(2048, env="WEGWIJS_MAX_METADATA_BYTES")
    max_frame_bytes: int = Field(16_384, env="WEGWIJS_MAX_FRAME_BYTES")
    messages_per_minute: int = Field(20, env="WEGWIJS_MESSAGES_PER_MINUTE")
    # Rasa waits 300 s for an action by default, far longer than its 60 s conversation lock.
    action_timeout_seconds: float = Field(5.0, env="WEGWIJS_ACTION_TIMEOUT")
    log_level: str = Field("INFO", env="WEGWIJS_LOG_LEVEL")

    class Config:
        env_file = None

        @classmethod
        def parse_env_var(cls, field_name: str, raw_value: str) -> object:
            if field_name == "allowed_origins":
                return [item.strip() for item in raw_value.split(",") if item.strip()]
            return cls.json_loads(raw_value)  # type: ignore[attr-defined]

    @validator("log_level")
    def _no_debug_in_production(cls, value: str, values: dict) -> str:
        # DEBUG logs of Rasa contain message text and slot values.
        if values.get("env") == "production" and value.upper() == "DEBUG":
            raise ValueError("DEBUG logging is not allowed when WEGWIJS_ENV=production")
        return value.upper()

    @property
    def public_rasa_url(self) -> str:
        return self.public_rasa_url_override or self.rasa_url

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_dir / 'wegwijs.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]  # values come from the environment
