"""The pages' one way to show a refusal (the API's is its exception handler).

A view wraps the service call it makes for a person::

    with refusal_shown(form) as refusal:
        record_decision(case, ..., actor=request.user)
    if not refusal:
        messages.success(request, "Decision recorded.")
        return redirect(...)
    return render(...)  # the form again, its error summary naming the refusal

On a form the refusal's message becomes an error (the form's own, or a
field's); on a request it becomes an error message for the next page. The
block is left at the refusal, so nothing after the refused call runs, and any
``transaction.atomic()`` inside it is rolled back. A refusal that no view
shows is the refusal page, with the refusal's status (``RefusalMiddleware``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Protocol

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from conduct.core.refusals import Refused


class TakesErrors(Protocol):
    """A form, or anything that shows errors as one does (the policy editor)."""

    def add_error(self, field: str | None, error: str, /) -> None: ...


class Refusal:
    """What ``refusal_shown`` caught: false while nothing was refused."""

    def __init__(self) -> None:
        self.refused: Refused | None = None

    def __bool__(self) -> bool:
        return self.refused is not None

    @property
    def status(self) -> int:
        """The refusal's HTTP status (200 when nothing was refused)."""
        return self.refused.status if self.refused is not None else 200


@contextmanager
def refusal_shown(
    on: TakesErrors | HttpRequest,
    *,
    field: str | None = None,
    fields: Mapping[type[Refused], str] | None = None,
) -> Iterator[Refusal]:
    """Run the block; a ``Refused`` raised in it is shown on ``on`` and not raised further.

    On a form the message is the form's own error, or ``field``'s; ``fields``
    names the field for some kinds of refusal (``{EvidenceRefused: "evidence"}``).
    On a request it is an error message for the next page.
    """
    refusal = Refusal()
    try:
        yield refusal
    except Refused as exc:
        refusal.refused = exc
        if isinstance(on, HttpRequest):
            messages.error(on, exc.message)
            return
        for kind, name in (fields or {}).items():
            if isinstance(exc, kind):
                field = name
                break
        on.add_error(field, exc.message)


class RefusalMiddleware:
    """A refusal no view showed becomes the refusal page with the refusal's status.

    Views show refusals with ``refusal_shown``; this is the net under a call that
    was not wrapped, so a refusal is never a server error. The API answers its
    own refusals (its exception handler) before this runs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Refused):
            return None
        return render(
            request, "refused.html", {"message": exception.message}, status=exception.status
        )
