"""A refusal is logged as one line.

Django logs a view's ``PermissionDenied`` (403) and a request body it cannot
parse (400, for example a multipart body with no boundary) on ``django.request``
with the exception attached, so each printed a full traceback. A refusal is the
application working as designed: keep the line (status and path), drop the
traceback. Errors (5xx) keep theirs.
"""

from __future__ import annotations

import logging


class OneLineRefusals(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


def install() -> None:
    """Attach the filter to ``django.request`` once, whatever ``LOGGING`` says."""
    logger = logging.getLogger("django.request")
    if not any(isinstance(f, OneLineRefusals) for f in logger.filters):
        logger.addFilter(OneLineRefusals())
