"""A refusal is logged as one line.

Django logs a view's ``PermissionDenied`` on ``django.request`` with the
exception attached, so every 403 printed a full traceback. A refusal is the
application working as designed: keep the line (status and path), drop the
traceback. Errors (5xx) keep theirs.
"""

from __future__ import annotations

import logging


class OneLineRefusals(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True


def install() -> None:
    """Attach the filter to ``django.request`` once, whatever ``LOGGING`` says."""
    logger = logging.getLogger("django.request")
    if not any(isinstance(f, OneLineRefusals) for f in logger.filters):
        logger.addFilter(OneLineRefusals())
