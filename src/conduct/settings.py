"""Django settings for Client Conduct.

Everything that varies between installations is read from environment
variables through ``conduct.core.env``; each is documented in
``docs/configuration.md`` (a test checks this).
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF

from conduct.core.env import ConfigError, env_bool, env_choice, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("CONDUCT_DATA_DIR", str(Path.cwd() / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    configured = env_str("CONDUCT_SECRET_KEY")
    if configured:
        return configured
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("CONDUCT_DEBUG", False)
ALLOWED_HOSTS = env_list("CONDUCT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CONDUCT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "ninja",
    "conduct.core",
    "conduct.policy",
    "conduct.accounts",
    "conduct.audit",
    "conduct.clients",
    "conduct.casework",
    "conduct.letters",
    "conduct.screening",
    "conduct.correspondence",
    "conduct.api",
    "conduct.demo",
    "conduct.privacy",
    "conduct.requests",
    "conduct.reports",
    "conduct.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "conduct.core.middleware.ServiceUnavailableMiddleware",
    "conduct.core.nulbytes.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "conduct.core.refusal_views.RefusalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "conduct.urls"
WSGI_APPLICATION = "conduct.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "conduct.core.context.navigation",
            ],
            "builtins": ["conduct.core.templatetags.bidi"],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite under the data folder by default (WAL, foreign keys on, writes take
# the lock at BEGIN so concurrent writers queue instead of failing);
# PostgreSQL when DATABASE_URL is set.
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "conduct.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# --- Single sign-on (OpenID Connect) ---------------------------------------
# Off unless an issuer is set. Roles come from a claim (groups or app roles)
# mapped per role; see docs/configuration.md and docs/deployment.md.
CONDUCT_OIDC: dict[str, Any] = {
    "issuer": env_str("CONDUCT_OIDC_ISSUER"),
    "client_id": env_str("CONDUCT_OIDC_CLIENT_ID"),
    "client_secret": env_str("CONDUCT_OIDC_CLIENT_SECRET"),
    "scopes": env_str("CONDUCT_OIDC_SCOPES", "openid email profile"),
    "provider_name": env_str("CONDUCT_OIDC_PROVIDER_NAME", "your organisation's account"),
    "username_claim": env_str("CONDUCT_OIDC_USERNAME_CLAIM", "preferred_username"),
    "roles_claim": env_str("CONDUCT_OIDC_ROLES_CLAIM", "groups"),
    "role_groups": {
        "staff": env_list("CONDUCT_OIDC_STAFF_GROUPS", []),
        "senior_manager": env_list("CONDUCT_OIDC_SENIOR_MANAGER_GROUPS", []),
        "admin": env_list("CONDUCT_OIDC_ADMIN_GROUPS", []),
    },
    "access_contact": env_str("CONDUCT_ACCESS_CONTACT", "an admin of Client Conduct"),
}
# With local passwords off, only the identity provider signs people in (API
# tokens still work); the sign-in page shows just the provider's button.
LOCAL_PASSWORDS = env_bool("CONDUCT_LOCAL_PASSWORDS", True)
if not LOCAL_PASSWORDS and not CONDUCT_OIDC["issuer"]:
    raise ConfigError(
        "CONDUCT_LOCAL_PASSWORDS=false needs single sign-on: set CONDUCT_OIDC_ISSUER too"
    )
if CONDUCT_OIDC["issuer"] and not CONDUCT_OIDC["client_id"]:
    raise ConfigError("CONDUCT_OIDC_ISSUER is set: set CONDUCT_OIDC_CLIENT_ID too")
_issuer = urlsplit(CONDUCT_OIDC["issuer"])
if CONDUCT_OIDC["issuer"] and not (
    (_issuer.scheme == "https" and _issuer.hostname)
    or (_issuer.scheme == "http" and _issuer.hostname in {"127.0.0.1", "localhost", "::1"})
):
    raise ConfigError("CONDUCT_OIDC_ISSUER must be an https:// URL")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["conduct.accounts.backends.RoleBackend"] if LOCAL_PASSWORDS else []),
    # Signs in only through the provider's callback; also answers permission checks
    # (both from the role table alone: no superuser shortcut, no per-user grants).
    "conduct.accounts.sso.backend.ProviderBackend",
]
# mozilla-django-oidc reads these; endpoints come from the issuer's discovery document.
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "clients:list"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env_int("CONDUCT_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("CONDUCT_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

_secure_cookies = env_bool("CONDUCT_SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = _secure_cookies
CSRF_COOKIE_SECURE = _secure_cookies
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("CONDUCT_SESSION_MINUTES", 8 * 60, minimum=5) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A session lasts CONDUCT_SESSION_MINUTES from sign-in (a working day by
# default) and is not re-saved on every request: saving it would turn every
# page view into a database write.
SESSION_SAVE_EVERY_REQUEST = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = env_int("CONDUCT_HSTS_SECONDS", 0, minimum=0)
SECURE_SSL_REDIRECT = False

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Requests -------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("CONDUCT_MAX_REQUEST_BYTES", 2_621_440, minimum=1024)

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("CONDUCT_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "files"

# --- Policy ---------------------------------------------------------------
CONDUCT_POLICY_FILE = env_str(
    "CONDUCT_POLICY_FILE", str(PACKAGE_DIR / "policy" / "default" / "policy.yaml")
)

# --- Casework ---------------------------------------------------------------
# Whose bank holidays are not working days (core.workdays): a UK nation.
BANK_HOLIDAYS = env_choice(
    "CONDUCT_BANK_HOLIDAYS",
    "england-and-wales",
    ("england-and-wales", "scotland", "northern-ireland"),
)
CASEWORK_SLA_WORKING_DAYS = env_int("CONDUCT_CASE_SLA_WORKING_DAYS", 10, minimum=1)
CASEWORK_RESTRICTION_DEFAULT_MONTHS = env_int("CONDUCT_RESTRICTION_DEFAULT_MONTHS", 6, minimum=1)
CASEWORK_RESTRICTION_MAX_MONTHS = env_int("CONDUCT_RESTRICTION_MAX_MONTHS", 12, minimum=1)
CASEWORK_RESTRICTION_START_WITHIN_DAYS = env_int(
    "CONDUCT_RESTRICTION_START_WITHIN_DAYS", 30, minimum=0
)
CASEWORK_WARNING_MONTHS = env_int("CONDUCT_WARNING_MONTHS", 12, minimum=1)
CASEWORK_REVIEW_REMINDER_DAYS = env_int("CONDUCT_REVIEW_REMINDER_DAYS", 14, minimum=0)
REQUESTS_REMINDER_DAYS = env_int("CONDUCT_REQUEST_REMINDER_DAYS", 7, minimum=0)
CASEWORK_UNFINISHED_CALL_MINUTES = env_int("CONDUCT_UNFINISHED_CALL_MINUTES", 60, minimum=5)
CASEWORK_EVIDENCE_MAX_BYTES = env_int("CONDUCT_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)

# --- Letters --------------------------------------------------------------
LETTERS_ORGANISATION_NAME = env_str("CONDUCT_ORGANISATION_NAME", "Example Organisation Ltd")
LETTERS_ORGANISATION_ADDRESS = env_list(
    "CONDUCT_ORGANISATION_ADDRESS", ["1 Example Street", "London", "SW1A 1AA"]
)
LETTERS_ORGANISATION_EMAIL = env_str("CONDUCT_ORGANISATION_EMAIL")
LETTERS_ORGANISATION_LOGO = env_str("CONDUCT_ORGANISATION_LOGO", "letters/logo.svg")
LETTERS_OMBUDSMAN_NAME = env_str("CONDUCT_OMBUDSMAN_NAME", "the Legal Ombudsman")
LETTERS_OMBUDSMAN_URL = env_str("CONDUCT_OMBUDSMAN_URL", "https://www.legalombudsman.org.uk")

# --- Data protection --------------------------------------------------------
# Years each kind of record is kept after the client's last activity.
# The audit chain's anchor outside the database (docs/operations.md, "Audit anchor"):
# each committed chain head is appended to this file, sealed with an HMAC whose key is
# not in the database. "off" turns anchoring off.
_AUDIT_ANCHOR = env_str("CONDUCT_AUDIT_ANCHOR_FILE", str(DATA_DIR / "audit-anchor.log"))
AUDIT_ANCHOR_FILE = "" if _AUDIT_ANCHOR.lower() == "off" else _AUDIT_ANCHOR
AUDIT_ANCHOR_KEY = env_str("CONDUCT_AUDIT_ANCHOR_KEY")  # unset: derived from SECRET_KEY

PRIVACY_RETENTION_DEFAULT_YEARS = env_int("CONDUCT_RETENTION_YEARS", 6, minimum=1)
PRIVACY_RETENTION_YEARS = {
    "clients": env_int(
        "CONDUCT_RETENTION_CLIENT_YEARS", PRIVACY_RETENTION_DEFAULT_YEARS, minimum=1
    ),
    "casework": env_int(
        "CONDUCT_RETENTION_CASEWORK_YEARS", PRIVACY_RETENTION_DEFAULT_YEARS, minimum=1
    ),
    "correspondence": env_int(
        "CONDUCT_RETENTION_CORRESPONDENCE_YEARS", PRIVACY_RETENTION_DEFAULT_YEARS, minimum=1
    ),
    "audit": env_int("CONDUCT_RETENTION_AUDIT_YEARS", PRIVACY_RETENTION_DEFAULT_YEARS, minimum=1),
    "letters": env_int(
        "CONDUCT_RETENTION_LETTERS_YEARS", PRIVACY_RETENTION_DEFAULT_YEARS, minimum=1
    ),
    "requests": env_int(
        "CONDUCT_RETENTION_REQUESTS_YEARS", PRIVACY_RETENTION_DEFAULT_YEARS, minimum=1
    ),
}
PRIVACY_RETENTION_EXPORT_DIR = env_str("CONDUCT_RETENTION_EXPORT_DIR")
# Subject access exports: made in the background, kept this many days, then removed.
PRIVACY_SUBJECT_ACCESS_DIR = DATA_DIR / "subject-access"
PRIVACY_SUBJECT_ACCESS_KEEP_DAYS = env_int("CONDUCT_SUBJECT_ACCESS_KEEP_DAYS", 7, minimum=1)
PRIVACY_SUBJECT_ACCESS_TIME_LIMIT = env_int("CONDUCT_SUBJECT_ACCESS_TIME_LIMIT", 300, minimum=5)
PRIVACY_SUBJECT_ACCESS_PDF_TEXT_LIMIT = env_int(
    "CONDUCT_SUBJECT_ACCESS_PDF_TEXT_LIMIT", 4000, minimum=200
)

# --- Mail -----------------------------------------------------------------
# With no SMTP server configured (the embedded default), mail is written to
# files in <data dir>/outbox instead of failing, so nothing is lost.
_MAIL_AUTH = ["password", "xoauth2", "oauthbearer"]
EMAIL_HOST = env_str("CONDUCT_EMAIL_HOST")
EMAIL_AUTH = env_choice("CONDUCT_EMAIL_AUTH", "password", _MAIL_AUTH)
EMAIL_BACKEND = env_str(
    "CONDUCT_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if not EMAIL_HOST
    else "conduct.accounts.sso.smtp.OAuthEmailBackend"
    if EMAIL_AUTH != "password"
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = str(DATA_DIR / "outbox")
EMAIL_PORT = env_int("CONDUCT_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("CONDUCT_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("CONDUCT_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("CONDUCT_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("CONDUCT_EMAIL_FROM", "client-conduct@localhost")

# --- Background tasks -----------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("CONDUCT_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Redis, for the RQ task backend (CONDUCT_TASKS_BACKEND=django_tasks_rq.RQBackend).
RQ_QUEUES = {
    "default": {
        "URL": env_str("CONDUCT_REDIS_URL", "redis://127.0.0.1:6379/0"),
        "DEFAULT_TIMEOUT": 900,
    }
}

# --- Correspondence -------------------------------------------------------
CORRESPONDENCE_MAX_MESSAGE_BYTES = env_int(
    "CONDUCT_MAX_MESSAGE_BYTES", 25 * 1024 * 1024, minimum=1024
)
CORRESPONDENCE_MAX_ATTACHMENT_BYTES = env_int(
    "CONDUCT_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024, minimum=1024
)
CORRESPONDENCE_IMAP: dict[str, Any] = {
    "host": env_str("CONDUCT_IMAP_HOST"),
    "port": env_int("CONDUCT_IMAP_PORT", 993, minimum=1),
    "user": env_str("CONDUCT_IMAP_USER"),
    "password": env_str("CONDUCT_IMAP_PASSWORD"),
    "mailbox": env_str("CONDUCT_IMAP_MAILBOX", "INBOX"),
    "ssl": env_bool("CONDUCT_IMAP_SSL", True),
    "auth": env_choice("CONDUCT_IMAP_AUTH", "password", _MAIL_AUTH),
    # What happens in the mailbox to a message the screening flags, so staff
    # reading the shared inbox do not meet it there.
    "flagged_action": env_choice(
        "CONDUCT_IMAP_FLAGGED_ACTION", "move", ["move", "keyword", "none"]
    ),
    "flagged_folder": env_str("CONDUCT_IMAP_FLAGGED_FOLDER", "Client Conduct/Flagged"),
    "flagged_keyword": env_str("CONDUCT_IMAP_FLAGGED_KEYWORD", "ClientConductFlagged"),
    "placeholder": env_bool("CONDUCT_IMAP_PLACEHOLDER", False),
}
if not re.fullmatch(r"[A-Za-z0-9$_.+-]{1,64}", CORRESPONDENCE_IMAP["flagged_keyword"]):
    raise ConfigError(
        "CONDUCT_IMAP_FLAGGED_KEYWORD must be one word of letters, digits and $_.+- "
        "(an IMAP keyword)"
    )
if not CORRESPONDENCE_IMAP["flagged_folder"].strip("/ "):
    raise ConfigError("CONDUCT_IMAP_FLAGGED_FOLDER must name a folder")
# OAuth 2.0 access tokens for IMAP and SMTP (XOAUTH2 / OAUTHBEARER): a
# client-credentials grant, or a refresh token, at the single sign-on
# provider's token endpoint unless another is named.
MAIL_OAUTH = {
    "grant": env_choice(
        "CONDUCT_MAIL_OAUTH_GRANT", "client_credentials", ["client_credentials", "refresh_token"]
    ),
    "token_url": env_str("CONDUCT_MAIL_OAUTH_TOKEN_URL"),
    "client_id": env_str("CONDUCT_MAIL_OAUTH_CLIENT_ID", CONDUCT_OIDC["client_id"]),
    "client_secret": env_str("CONDUCT_MAIL_OAUTH_CLIENT_SECRET", CONDUCT_OIDC["client_secret"]),
    "scope": env_str("CONDUCT_MAIL_OAUTH_SCOPE"),
    "refresh_token": env_str("CONDUCT_MAIL_OAUTH_REFRESH_TOKEN"),
}
DEMAND_THRESHOLDS = {
    "period_days": env_int("CONDUCT_DEMAND_PERIOD_DAYS", 90, minimum=7),
    "weekly_percentile": env_int("CONDUCT_DEMAND_PERCENTILE", 99, minimum=50),
    "weekly_minimum": env_int("CONDUCT_DEMAND_WEEKLY_MINIMUM", 5, minimum=1),
    "burst_per_day": env_int("CONDUCT_DEMAND_BURST_PER_DAY", 8, minimum=2),
    "repeats": env_int("CONDUCT_DEMAND_REPEATS", 5, minimum=2),
    "information_requests": env_int("CONDUCT_DEMAND_INFORMATION_REQUESTS", 5, minimum=1),
    "staff_minutes": env_int("CONDUCT_DEMAND_STAFF_MINUTES", 600, minimum=10),
}

# --- Logging: no personal data, no secrets --------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("CONDUCT_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # RQ logs each job's arguments at INFO; ours carry message bytes.
        "rq.worker": {"level": "WARNING"},
    },
}

# --- API --------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50
