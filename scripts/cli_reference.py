"""Print docs/cli.md (used by `make docs`)."""

import os
import sys
import tempfile

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conduct.settings")
# Rendering the help needs settings, not data: an empty folder, gone afterwards.
_data = tempfile.TemporaryDirectory(prefix="conduct-docs-")
os.environ.setdefault("CONDUCT_DATA_DIR", _data.name)

django.setup()

from conduct.core.clidoc import render  # noqa: E402

sys.stdout.write(render())
