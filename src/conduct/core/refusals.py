"""A refusal of a person's action: one base for every app. Plain Python.

A service that will not do what it was asked raises a ``Refused`` (or one of
its subclasses, named for the app's own vocabulary). It carries three things:

- ``rule``: a stable id for the rule that refused (``"warn_before_sanction"``),
  for integrations and tests;
- ``message``: a plain sentence for the person, shown as it is;
- ``status``: the HTTP status an answer to the refusal carries: 403 when the
  person may not do this, 409 when the record changed or is in a state that
  does not allow it, 422 when the input breaks a rule, 507 when there is no room.

Nothing catches a refusal to translate it, except the API's one exception
handler (JSON) and the pages' one helper (``conduct.core.refusal_views``).
Internal errors that are not a refusal of a person's action (a policy file that
does not parse, a model file, a backup) are not ``Refused``.
"""

from __future__ import annotations

FORBIDDEN = 403
CONFLICT = 409
UNPROCESSABLE = 422
UNAVAILABLE = 503
STORAGE_FULL = 507


class Refused(Exception):
    """A person's action refused by a rule; the message says why."""

    rule: str = "refused"
    status: int = UNPROCESSABLE

    def __init__(self, message: str, *, rule: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        if rule is not None:
            self.rule = rule
        if status is not None:
            self.status = status
