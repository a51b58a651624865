"""Print docs/cli.md (used by `make docs`)."""

import os
import sys
import tempfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conduct.settings")
os.environ.setdefault("CONDUCT_DATA_DIR", tempfile.mkdtemp(prefix="conduct-docs-"))

import django

django.setup()

from conduct.core.clidoc import render  # noqa: E402

sys.stdout.write(render())
