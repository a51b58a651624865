"""One policy in force per request.

Opens the request's scope for ``current_policy``: the first use in a request asks the database
which version is in force, later uses in the same request reuse the answer. Nothing is kept
across requests, so a version published by another request or process is seen by the next one.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from conduct.policy.services import _request_scope


class PolicyPerRequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_scope.set({})
        try:
            return self.get_response(request)
        finally:
            _request_scope.reset(token)
