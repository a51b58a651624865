"""Django settings for Client Conduct.

Everything that varies between installations is read from environment
variables through ``conduct.core.env``; each is documented in
``docs/configuration.md`` (a test checks this).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from conduct.core.env import env_bool, env_choice, env_int, env_list, env_str
from conduct.settings_parts import correspondence, security
from conduct.settings_parts.database import databases
from conduct.settings_parts.privacy import retention_years

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
    "conduct.notifications",
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
    "conduct.policy.middleware.PolicyPerRequestMiddleware",
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
                "conduct.operations.context.navigation",
            ],
            "builtins": ["conduct.core.templatetags.bidi"],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite under the data folder by default (WAL, foreign keys on, writes take
# the lock at BEGIN so concurrent writers queue instead of failing);
# PostgreSQL when DATABASE_URL is set.
DATABASES = databases(DATA_DIR)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ------------------------------------------------
AUTH_PASSWORD_VALIDATORS = security.AUTH_PASSWORD_VALIDATORS
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# --- Single sign-on (OpenID Connect) ---------------------------------------
# Off unless an issuer is set. Roles come from a claim (groups or app roles)
# mapped per role; see docs/configuration.md and docs/deployment.md.
CONDUCT_OIDC: dict[str, Any] = security.oidc()
# With local passwords off, only the identity provider signs people in (API
# tokens still work); the sign-in page shows just the provider's button.
LOCAL_PASSWORDS = env_bool("CONDUCT_LOCAL_PASSWORDS", True)
security.check_sign_in(CONDUCT_OIDC, LOCAL_PASSWORDS)

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

CONTENT_SECURITY_POLICY = security.CONTENT_SECURITY_POLICY

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
PRIVACY_RETENTION_YEARS = retention_years(PRIVACY_RETENTION_DEFAULT_YEARS)
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
EMAIL_HOST = env_str("CONDUCT_EMAIL_HOST")
EMAIL_AUTH = env_choice("CONDUCT_EMAIL_AUTH", "password", correspondence.MAIL_AUTH)
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
CORRESPONDENCE_IMAP: dict[str, Any] = correspondence.imap()
MAIL_OAUTH = correspondence.mail_oauth(CONDUCT_OIDC)
DEMAND_THRESHOLDS = correspondence.demand_thresholds()

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
