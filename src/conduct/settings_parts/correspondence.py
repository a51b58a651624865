"""The shared mailbox (IMAP), OAuth for mail, and the thresholds of unreasonable demand."""

from __future__ import annotations

import re
from typing import Any

from conduct.core.env import ConfigError, env_bool, env_choice, env_int, env_str

MAIL_AUTH = ["password", "xoauth2", "oauthbearer"]


def imap() -> dict[str, Any]:
    imap: dict[str, Any] = {
        "host": env_str("CONDUCT_IMAP_HOST"),
        "port": env_int("CONDUCT_IMAP_PORT", 993, minimum=1),
        "user": env_str("CONDUCT_IMAP_USER"),
        "password": env_str("CONDUCT_IMAP_PASSWORD"),
        "mailbox": env_str("CONDUCT_IMAP_MAILBOX", "INBOX"),
        "ssl": env_bool("CONDUCT_IMAP_SSL", True),
        "auth": env_choice("CONDUCT_IMAP_AUTH", "password", MAIL_AUTH),
        # What happens in the mailbox to a message the screening flags, so staff
        # reading the shared inbox do not meet it there.
        "flagged_action": env_choice(
            "CONDUCT_IMAP_FLAGGED_ACTION", "move", ["move", "keyword", "none"]
        ),
        "flagged_folder": env_str("CONDUCT_IMAP_FLAGGED_FOLDER", "Client Conduct/Flagged"),
        "flagged_keyword": env_str("CONDUCT_IMAP_FLAGGED_KEYWORD", "ClientConductFlagged"),
        "placeholder": env_bool("CONDUCT_IMAP_PLACEHOLDER", False),
    }
    if not re.fullmatch(r"[A-Za-z0-9$_.+-]{1,64}", imap["flagged_keyword"]):
        raise ConfigError(
            "CONDUCT_IMAP_FLAGGED_KEYWORD must be one word of letters, digits and $_.+- "
            "(an IMAP keyword)"
        )
    if not imap["flagged_folder"].strip("/ "):
        raise ConfigError("CONDUCT_IMAP_FLAGGED_FOLDER must name a folder")
    return imap


def mail_oauth(oidc: dict[str, Any]) -> dict[str, Any]:
    """OAuth 2.0 access tokens for IMAP and SMTP (XOAUTH2 / OAUTHBEARER): a
    client-credentials grant, or a refresh token, at the single sign-on
    provider's token endpoint unless another is named."""
    return {
        "grant": env_choice(
            "CONDUCT_MAIL_OAUTH_GRANT",
            "client_credentials",
            ["client_credentials", "refresh_token"],
        ),
        "token_url": env_str("CONDUCT_MAIL_OAUTH_TOKEN_URL"),
        "client_id": env_str("CONDUCT_MAIL_OAUTH_CLIENT_ID", oidc["client_id"]),
        "client_secret": env_str("CONDUCT_MAIL_OAUTH_CLIENT_SECRET", oidc["client_secret"]),
        "scope": env_str("CONDUCT_MAIL_OAUTH_SCOPE"),
        "refresh_token": env_str("CONDUCT_MAIL_OAUTH_REFRESH_TOKEN"),
    }


def demand_thresholds() -> dict[str, int]:
    return {
        "period_days": env_int("CONDUCT_DEMAND_PERIOD_DAYS", 90, minimum=7),
        "weekly_percentile": env_int("CONDUCT_DEMAND_PERCENTILE", 99, minimum=50),
        "weekly_minimum": env_int("CONDUCT_DEMAND_WEEKLY_MINIMUM", 5, minimum=1),
        "burst_per_day": env_int("CONDUCT_DEMAND_BURST_PER_DAY", 8, minimum=2),
        "repeats": env_int("CONDUCT_DEMAND_REPEATS", 5, minimum=2),
        "information_requests": env_int("CONDUCT_DEMAND_INFORMATION_REQUESTS", 5, minimum=1),
        "staff_minutes": env_int("CONDUCT_DEMAND_STAFF_MINUTES", 600, minimum=10),
    }
