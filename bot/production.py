"""The production profile's Rasa wiring: which endpoints file, and the variables it reads.

`deploy/endpoints.production.yml` reads host, port, database and credentials as separate
variables (that is how Rasa's SQL tracker store and Redis lock store take them). Our own
processes use one URL each (BR_DATABASE_URL, BR_REDIS_URL); this module derives the Rasa
variables from those URLs, so one setting drives both and they cannot disagree.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy.engine import make_url

from bot.settings import PROJECT_ROOT, Settings

EMBEDDED_ENDPOINTS = PROJECT_ROOT / "endpoints.yml"
PRODUCTION_ENDPOINTS = PROJECT_ROOT / "deploy" / "endpoints.production.yml"

# Rasa's tracker store runs its SQL on the event loop, one statement at a time, so a Rasa
# server never uses more than a couple of connections; Rasa's own default pool (50 + 100
# overflow) would let two servers claim more than PostgreSQL's default max_connections.
RASA_SQL_POOL_SIZE = "2"
RASA_SQL_MAX_OVERFLOW = "3"


def endpoints_file(settings: Settings) -> str:
    path = PRODUCTION_ENDPOINTS if settings.profile == "production" else EMBEDDED_ENDPOINTS
    return str(path.relative_to(PROJECT_ROOT))


def rasa_environment(settings: Settings) -> dict[str, str]:
    """Variables for `deploy/endpoints.production.yml`, from BR_DATABASE_URL and BR_REDIS_URL."""
    database = make_url(settings.database.url)
    redis = urlsplit(settings.redis.url)
    redis_db = (redis.path or "/0").strip("/") or "0"
    return {
        "BR_ACTION_ENDPOINT_URL": f"{settings.rasa.action_server_url.rstrip('/')}/webhook",
        "BR_ACTION_SERVER_TOKEN": settings.identity.action_server_token,
        "BR_RASA_TRACKER_DB_HOST": database.host or "127.0.0.1",
        "BR_RASA_TRACKER_DB_PORT": str(database.port or 5432),
        "BR_RASA_TRACKER_DB_NAME": database.database or "",
        "BR_RASA_TRACKER_DB_USER": database.username or "",
        "BR_RASA_TRACKER_DB_PASSWORD": database.password or "",
        "BR_REDIS_HOST": redis.hostname or "127.0.0.1",
        "BR_REDIS_PORT": str(redis.port or 6379),
        "BR_REDIS_LOCK_DB": redis_db,
        "BR_REDIS_PASSWORD": redis.password or "",
        "BR_REDIS_LOCK_PREFIX": settings.redis.key_prefix,
        "SQL_POOL_SIZE": RASA_SQL_POOL_SIZE,
        "SQL_MAX_OVERFLOW": RASA_SQL_MAX_OVERFLOW,
    }
