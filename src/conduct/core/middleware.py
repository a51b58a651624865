"""Turn an unavailable database into a clear 503, and a full file store into a
clear 507, for pages and the API alike.

The next request simply tries again: Django opens a new connection, so the
service recovers on its own when the database is back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from conduct.core.storage import STORAGE_FULL, is_storage_full

logger = logging.getLogger(__name__)


def forget_unloaded_session(request: HttpRequest) -> None:
    """Stop SessionMiddleware loading a session the database could not give us.

    On the way out it would try again (to read the expiry) and turn the 503 into
    a 500. An empty session is not saved on a 5xx response and the cookie is kept.
    """
    session = getattr(request, "session", None)
    if session is not None and not hasattr(session, "_session_cache"):
        session._session_cache = {}


class ServiceUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_storage_full(exception):
            logger.error("file store full: %s", exception.__class__.__name__)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": STORAGE_FULL, "code": "storage_full"}, status=507)
            return HttpResponse(render_to_string("507.html", {"message": STORAGE_FULL}), status=507)
        if not isinstance(exception, OperationalError):
            return None
        logger.error("database unavailable: %s", exception.__class__.__name__)
        for conn in connections.all(initialized_only=True):
            conn.close_if_unusable_or_obsolete()
        forget_unloaded_session(request)
        message = "The service is unavailable for a moment. Nothing you sent was half-saved; please try again shortly."
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": message, "code": "service_unavailable"}, status=503
            )
        else:
            response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
        response["Retry-After"] = "5"
        return response
