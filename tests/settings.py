"""Settings for the test run: the real settings, made hermetic and fast."""

import atexit
import os
import shutil
import tempfile

if "CONDUCT_DATA_DIR" not in os.environ:
    # A data folder for this run only, removed when the run ends; processes the
    # tests start inherit it through the environment.
    os.environ["CONDUCT_DATA_DIR"] = tempfile.mkdtemp(prefix="conduct-test-")
    atexit.register(shutil.rmtree, os.environ["CONDUCT_DATA_DIR"], ignore_errors=True)

from conduct.settings import *  # noqa: F403
from conduct.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# One anchor file shared by tests whose databases roll back would describe none of them;
# tests/audit/test_anchor.py gives each of its tests its own.
AUDIT_ANCHOR_FILE = ""
