"""Which identity tokens this installation accepts: `identity_policy(settings)`.

One policy per settings object, kept for the life of the process, so the JWKS cache and its
rotation state (bot/jwks.py) are shared by every request.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bot.identity import KeySource, TokenPolicy
from bot.identity_demo import DEMO_KID, demo_jwks
from bot.jwks import JwksKeys, load_jwks_file, load_jwks_url
from bot.settings import DEMO_IDENTITY_ISSUER, Settings


@lru_cache(maxsize=8)
def identity_policy(settings: Settings) -> TokenPolicy:
    config = settings.identity
    production = settings.profile == "production"
    issuers: dict[str, KeySource] = {}
    if config.issuer and (config.jwks_file or config.jwks_url):
        loader = (load_jwks_url(config.jwks_url) if config.jwks_url
                  else load_jwks_file(Path(config.jwks_file)))
        issuers[config.issuer] = JwksKeys(
            loader,
            min_refresh_seconds=config.jwks_min_refresh_seconds,
            max_age_seconds=config.jwks_max_age_seconds,
            exclude_kids=(DEMO_KID,) if production else (),
        )
    if production:
        issuers.pop(DEMO_IDENTITY_ISSUER, None)
    else:
        var_dir = settings.var_dir
        issuers.setdefault(DEMO_IDENTITY_ISSUER, JwksKeys(lambda: demo_jwks(var_dir)))
    hs256 = config.allow_hs256 and not production
    return TokenPolicy(
        issuers=issuers,
        audience=config.audience,
        hs256_secret=settings.gateway.identity_token_secret if hs256 else "",
    )
