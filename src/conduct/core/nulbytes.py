"""Refuse NUL bytes in a request's path, query string or text body with a 400.

No text field holds a NUL, and PostgreSQL cannot store or even compare one: a
search or a JSON field containing ``\\u0000`` would otherwise reach the database
and fail there with a 500. File uploads (multipart bodies) are not inspected.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

MESSAGE = "The request contains a NUL character, which no field accepts."
TEXT_BODIES = ("application/json", "application/x-www-form-urlencoded", "text/")


def _has_nul(request: HttpRequest) -> bool:
    if (
        "\x00" in request.path
        or "%00" in request.META.get("QUERY_STRING", "")
        or "\x00" in request.path_info
    ):
        return True
    content_type = request.content_type or ""
    if not content_type.startswith(TEXT_BODIES):
        return False
    try:
        body = request.body
    except RequestDataTooBig:
        return False  # the view answers 413 for that
    if content_type == "application/x-www-form-urlencoded":
        return b"%00" in body or b"\x00" in body
    return b"\x00" in body or b"\\u0000" in body.lower()


class RejectNulBytesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": MESSAGE, "code": "nul_character"}, status=400)
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
