"""The JSON API: one NinjaAPI with a router per part of the product.

Errors are always JSON with a ``detail`` message and a 4xx status; nothing
leaks a traceback.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from conduct.accounts.apiauth import SessionAuth, TokenAuth
from conduct.core.middleware import forget_unloaded_session
from conduct.core.refusals import Refused
from conduct.core.storage import STORAGE_FULL, is_storage_full

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Client Conduct API",
    version="1",
    description=(
        "Everything staff, senior managers and admins can do in the pages, as JSON. "
        "Authenticate with `Authorization: Bearer <token>` (tokens are created by admins) "
        "or with the browser session (send the CSRF token on writes)."
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _error(request: HttpRequest, status: int, detail: str, **extra: object) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "loc": [str(p) for p in e.get("loc", [])],
            "msg": str(e.get("msg", "invalid")),
            "type": e.get("type", ""),
        }
        for e in exc.errors
    ]
    return _error(request, 422, "The request is not valid; see errors.", errors=errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "Authentication required: send a bearer token or sign in.")


@api.exception_handler(Refused)
def _refused(request: HttpRequest, exc: Refused) -> HttpResponse:
    # The one place a service's refusal becomes an answer: its status and its
    # sentence come from the refusal, with the rule that refused.
    return _error(request, exc.status, str(exc), rule=exc.rule)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, str(exc) or "Not found.")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or "Your role does not allow this.")


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, 413, "The request body is too large.")


@api.exception_handler(MultiPartParserError)
def _bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    # No boundary, a part header over Django's limit, a broken encoding: the
    # body cannot be read, which is the sender's mistake.
    return _error(request, 400, f"The multipart body could not be read: {exc}")


@api.exception_handler(SuspiciousOperation)
def _suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    # Too many fields or files, and the like (Django logs these on django.security).
    return _error(request, 400, "The request was refused as malformed.")


@api.exception_handler(DjangoValidationError)
def _django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return _error(request, 400, " ".join(exc.messages))


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    from django.db import OperationalError

    if isinstance(exc, OperationalError):
        logger.error("database unavailable: %s", exc.__class__.__name__)
        forget_unloaded_session(request)
        return _error(
            request,
            503,
            "The service is unavailable for a moment; try again shortly.",
            code="service_unavailable",
        )
    if is_storage_full(exc):
        logger.error("file store full: %s", exc.__class__.__name__)
        return _error(request, 507, STORAGE_FULL, code="storage_full")
    logger.exception("unexpected API error on %s %s", request.method, request.path)
    return _error(request, 500, "Something went wrong on our side; nothing was half-saved.")


def _mount() -> None:
    from conduct.accounts.api import router as accounts_router
    from conduct.audit.api import router as audit_router
    from conduct.casework.api import router as casework_router
    from conduct.clients.api import router as clients_router
    from conduct.correspondence.api import router as correspondence_router
    from conduct.letters.api import router as letters_router
    from conduct.policy.api import router as policy_router
    from conduct.privacy.api import router as privacy_router
    from conduct.reports.api import router as reports_router
    from conduct.requests.api import router as requests_router

    api.add_router("/clients", clients_router)
    api.add_router("/policy", policy_router)
    api.add_router("/audit", audit_router)
    api.add_router("/accounts", accounts_router)
    api.add_router("/casework", casework_router)
    api.add_router("/correspondence", correspondence_router)
    api.add_router("/letters", letters_router)
    api.add_router("/reports", reports_router)
    api.add_router("/privacy", privacy_router)
    api.add_router("/requests", requests_router)


_mount()
