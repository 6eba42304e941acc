"""All configuration, read once from environment variables with safe local defaults.

Every process (gateway, action server, CLI) builds its settings with `load_settings()`;
tests set the environment first. Secrets have no usable default outside the demo profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def model_cache_dir() -> Path | None:
    """Where trained models are kept across checkouts of this machine (BR_MODEL_CACHE).

    A model is named by the fingerprint of everything it is trained from (bot/build.py), so a
    fresh clone with unchanged training data reuses it instead of training for half an hour.
    BR_MODEL_CACHE set to an empty string turns the cache off.
    """
    raw = os.environ.get("BR_MODEL_CACHE")
    if raw is None:
        return Path.home() / ".cache" / "borgerraadgiveren" / "models"
    return Path(raw) if raw else None


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"Environment variable {name} must be an integer, got {raw!r}") from exc


def _env_http_url(name: str, default: str) -> str:
    raw = os.environ.get(name) or default
    if not raw.startswith(("https://", "http://")):
        raise ValueError(f"Environment variable {name} must be an http(s) URL, got {raw!r}")
    return raw


@dataclass(frozen=True)
class DatabaseSettings:
    # SQLite keeps `make run` self-contained; production sets a postgresql:// URL.
    url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'borgerraadgiveren.db'}"
    # Per engine, and each process has one or two engines: see docs/ARCHITECTURE.md
    # "Connection pools" for why 5 + 5 and how replicas x pools must stay under
    # PostgreSQL's max_connections. 5 covers the gateway's default executor (6 threads on
    # 2 cores, all running `run_unit`); the overflow absorbs bursts without a wait.
    pool_size: int = 5
    max_overflow: int = 5


@dataclass(frozen=True)
class RasaSettings:
    # The first server; `urls` lists all of them (BR_RASA_URLS), and the gateway spreads
    # conversations over them (bot/chat/rasa_client.py, rendezvous hashing).
    url: str = "http://127.0.0.1:5005"
    urls: tuple[str, ...] = ("http://127.0.0.1:5005",)
    action_server_url: str = "http://127.0.0.1:5055"
    request_timeout_seconds: float = 15.0
    # Rasa's tracker store (endpoints.yml), for our retention and deletion of its events.
    tracker_db_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'rasa_tracker.db'}"


@dataclass(frozen=True)
class GatewaySettings:
    host: str = "127.0.0.1"
    port: int = 8000
    # Signs session cookies; `make run` generates one per machine into var/.
    secret_key: str = ""
    # Verifies the website's signed identity tokens (shared with the website only).
    identity_token_secret: str = ""
    cookie_secure: bool = False
    allowed_origins: tuple[str, ...] = ("http://127.0.0.1:8000", "http://localhost:8000")
    max_message_chars: int = 2000
    messages_per_minute: int = 20
    sessions_per_address_per_hour: int = 30
    # The widget's "Forlad siden" button replaces the page with this neutral site.
    quick_exit_url: str = "https://www.dr.dk/"


@dataclass(frozen=True)
class RedisSettings:
    """Redis of the production profile: the gateway replicas' bus (Rasa's lock store too)."""

    # Empty: no Redis, the in-process bus (embedded profile, one gateway process).
    url: str = ""
    # Prefix of every channel and key, so several installations (or test runs) can share one.
    key_prefix: str = "borger"


@dataclass(frozen=True)
class PrivacySettings:
    transcript_retention_days: int = 90
    verification_ttl_minutes: int = 30


@dataclass(frozen=True)
class CaseSystemSettings:
    # Empty: cases come from our own database (demo, imports). Else the case system's API.
    url: str = ""
    api_token: str = ""
    timeout_seconds: float = 10.0


@dataclass(frozen=True)
class HandoverSettings:
    """When advisors answer chats, and how long a citizen waits before a call-back is offered."""

    # "<days> HH:MM-HH:MM" entries separated by ";", days as mon..sun or ranges (mon-thu).
    office_hours: str = "mon-thu 08:00-16:00; fri 08:00-15:00"
    timezone: str = "Europe/Copenhagen"
    # Not public holidays by law, but most police offices keep them closed.
    closed_on_constitution_day: bool = True
    closed_on_christmas_eve: bool = True
    extra_closed_dates: tuple[str, ...] = ()
    claim_timeout_minutes: int = 10
    # The console flags a chat that has waited this long for an advisor.
    long_wait_minutes: int = 5
    # Used for the citizen's estimate: minutes an advisor spends per chat, on average.
    average_chat_minutes: int = 8
    rasa_token: str = ""
    # A chat quiet this long gets its final inquiry outcome (answered by the bot / abandoned).
    inquiry_idle_minutes: int = 60


@dataclass(frozen=True)
class IdentitySettings:
    """Who may vouch for a citizen's identity, and the secrets behind Rasa (SECURITY.md).

    The website's tokens are verified against a JWKS (RS256/ES256) of one issuer; HS256 with
    BR_JWT_SECRET only with BR_IDENTITY_ALLOW_HS256=1 (tests), never in production.
    """

    # Signs the per-turn identity claim gateway -> actions (bot/identity_claims.py).
    claim_key: str = ""
    # Rasa sends it to the action server's webhook (endpoints.yml); without it: 401.
    action_server_token: str = ""
    issuer: str = ""
    audience: str = "borgerraadgiveren"
    jwks_file: str = ""
    jwks_url: str = ""
    # An unknown `kid` refetches the JWKS, but not more often than this (key rotation).
    jwks_min_refresh_seconds: int = 60
    jwks_max_age_seconds: int = 3600
    allow_hs256: bool = False


@dataclass(frozen=True)
class Settings:
    # "embedded" (SQLite, one process of each, `make run`) or "production" (PostgreSQL, Redis,
    # replicas); see README "Production profile" and `profile_problems`.
    profile: str = "embedded"
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    redis: RedisSettings = field(default_factory=RedisSettings)
    rasa: RasaSettings = field(default_factory=RasaSettings)
    gateway: GatewaySettings = field(default_factory=GatewaySettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    handover: HandoverSettings = field(default_factory=HandoverSettings)
    case_system: CaseSystemSettings = field(default_factory=CaseSystemSettings)
    identity: IdentitySettings = field(default_factory=IdentitySettings)
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    # A knowledge entry whose `reviewed` date is older than this is refused by the validator.
    knowledge_max_review_age_days: int = 365
    var_dir: Path = PROJECT_ROOT / "var"


def load_settings() -> Settings:
    """Build settings from the environment (BR_* variables)."""
    var_dir = Path(_env("BR_VAR_DIR", str(PROJECT_ROOT / "var")))
    db_default = f"sqlite:///{var_dir / 'borgerraadgiveren.db'}"
    origins = _env("BR_ALLOWED_ORIGINS", "")
    gateway_defaults = GatewaySettings()
    rasa_url = _env("BR_RASA_URL", "http://127.0.0.1:5005")
    rasa_urls = tuple(u.strip() for u in _env("BR_RASA_URLS", "").split(",") if u.strip())
    return Settings(
        profile=_env("BR_PROFILE", "embedded"),
        redis=RedisSettings(
            url=_env("BR_REDIS_URL", ""),
            key_prefix=_env("BR_REDIS_PREFIX", "borger"),
        ),
        database=DatabaseSettings(
            url=_env("BR_DATABASE_URL", db_default),
            pool_size=_env_int("BR_DB_POOL_SIZE", 5),
            max_overflow=_env_int("BR_DB_MAX_OVERFLOW", 5),
        ),
        rasa=RasaSettings(
            url=rasa_urls[0] if rasa_urls else rasa_url,
            urls=rasa_urls or (rasa_url,),
            action_server_url=_env("BR_ACTION_SERVER_URL", "http://127.0.0.1:5055"),
            request_timeout_seconds=float(_env("BR_RASA_TIMEOUT_SECONDS", "15")),
            # endpoints.yml keeps Rasa's SQLite tracker store in var/ (BR_VAR_DIR's default).
            tracker_db_url=_env(
                "BR_RASA_TRACKER_DB_URL", f"sqlite:///{var_dir / 'rasa_tracker.db'}"
            ),
        ),
        gateway=GatewaySettings(
            host=_env("BR_GATEWAY_HOST", "127.0.0.1"),
            port=_env_int("BR_GATEWAY_PORT", 8000),
            secret_key=_env("BR_SECRET_KEY", ""),
            identity_token_secret=_env("BR_JWT_SECRET", ""),
            cookie_secure=_env("BR_COOKIE_SECURE", "0") == "1",
            allowed_origins=tuple(o.strip() for o in origins.split(",") if o.strip())
            or gateway_defaults.allowed_origins,
            max_message_chars=_env_int("BR_MAX_MESSAGE_CHARS", 2000),
            messages_per_minute=_env_int("BR_MESSAGES_PER_MINUTE", 20),
            sessions_per_address_per_hour=_env_int("BR_SESSIONS_PER_ADDRESS_PER_HOUR", 30),
            quick_exit_url=_env_http_url("BR_QUICK_EXIT_URL", gateway_defaults.quick_exit_url),
        ),
        privacy=PrivacySettings(
            transcript_retention_days=_env_int("BR_TRANSCRIPT_RETENTION_DAYS", 90),
            verification_ttl_minutes=_env_int("BR_VERIFICATION_TTL_MINUTES", 30),
        ),
        case_system=CaseSystemSettings(
            url=_env("BR_CASE_SYSTEM_URL", ""),
            api_token=_env("BR_CASE_SYSTEM_TOKEN", ""),
            timeout_seconds=float(_env("BR_CASE_SYSTEM_TIMEOUT_SECONDS", "10")),
        ),
        handover=HandoverSettings(
            office_hours=_env("BR_OFFICE_HOURS", HandoverSettings.office_hours),
            timezone=_env("BR_OFFICE_TIMEZONE", "Europe/Copenhagen"),
            closed_on_constitution_day=_env("BR_CLOSED_ON_CONSTITUTION_DAY", "1") == "1",
            closed_on_christmas_eve=_env("BR_CLOSED_ON_CHRISTMAS_EVE", "1") == "1",
            extra_closed_dates=tuple(
                d.strip() for d in _env("BR_EXTRA_CLOSED_DATES", "").split(",") if d.strip()
            ),
            claim_timeout_minutes=_env_int("BR_HANDOVER_CLAIM_TIMEOUT_MINUTES", 10),
            long_wait_minutes=_env_int("BR_HANDOVER_LONG_WAIT_MINUTES", 5),
            average_chat_minutes=_env_int("BR_HANDOVER_AVERAGE_CHAT_MINUTES", 8),
            rasa_token=_env("BR_RASA_TOKEN", ""),
            inquiry_idle_minutes=_env_int("BR_INQUIRY_IDLE_MINUTES", 60),
        ),
        identity=IdentitySettings(
            claim_key=_env("BR_IDENTITY_CLAIM_KEY", ""),
            action_server_token=_env("BR_ACTION_SERVER_TOKEN", ""),
            issuer=_env("BR_IDENTITY_ISSUER", ""),
            audience=_env("BR_IDENTITY_AUDIENCE", "borgerraadgiveren"),
            jwks_file=_env("BR_IDENTITY_JWKS_FILE", ""),
            jwks_url=_env("BR_IDENTITY_JWKS_URL", ""),
            jwks_min_refresh_seconds=_env_int("BR_IDENTITY_JWKS_MIN_REFRESH_SECONDS", 60),
            jwks_max_age_seconds=_env_int("BR_IDENTITY_JWKS_MAX_AGE_SECONDS", 3600),
            allow_hs256=_env("BR_IDENTITY_ALLOW_HS256", "0") == "1",
        ),
        knowledge_dir=Path(_env("BR_KNOWLEDGE_DIR", str(PROJECT_ROOT / "knowledge"))),
        knowledge_max_review_age_days=_env_int("BR_KNOWLEDGE_MAX_REVIEW_AGE_DAYS", 365),
        var_dir=var_dir,
    )


PROFILES = ("embedded", "production")
# Issuer of the embedded profile's "Log ind med MitID (demo)" tokens (bot/identity_demo.py).
DEMO_IDENTITY_ISSUER = "urn:borgerraadgiveren:demo-mitid"


def profile_problems(settings: Settings) -> list[str]:
    """What keeps these settings from working in their profile (operator messages, English).

    The production profile runs several gateway replicas and Rasa servers: a SQLite file or
    an in-process bus would silently split the conversations between them.
    """
    if settings.profile not in PROFILES:
        return [f"BR_PROFILE must be one of {', '.join(PROFILES)}, got {settings.profile!r}"]
    if settings.profile != "production":
        return []
    problems = []
    if not settings.database.url.startswith("postgresql"):
        problems.append("the production profile needs BR_DATABASE_URL=postgresql://...")
    if not settings.redis.url:
        problems.append("the production profile needs BR_REDIS_URL=redis://...")
    if settings.identity.allow_hs256:
        problems.append("BR_IDENTITY_ALLOW_HS256=1 is for tests; production verifies the "
                        "website's tokens against a JWKS only")
    if settings.identity.issuer == DEMO_IDENTITY_ISSUER:
        problems.append("the demo MitID issuer is refused in the production profile")
    return problems
