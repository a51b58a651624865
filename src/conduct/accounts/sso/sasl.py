"""SASL initial responses for OAuth 2.0 bearer tokens: XOAUTH2 (Google's and
Microsoft's) and OAUTHBEARER (RFC 7628). Plain Python, no Django."""

from __future__ import annotations

from collections.abc import Callable

MECHANISMS = {"xoauth2": "XOAUTH2", "oauthbearer": "OAUTHBEARER"}


def _gs2_name(user: str) -> str:
    # RFC 5801: "=" and "," are escaped in the authorisation identity.
    return user.replace("=", "=3D").replace(",", "=2C")


def initial_response(mechanism: str, *, user: str, token: str, host: str, port: int) -> str:
    """The client's first message for ``mechanism`` (``xoauth2`` or ``oauthbearer``)."""
    if any(c in token for c in "\x01\r\n ") or any(c in user for c in "\x01\r\n"):
        raise ValueError("a user name or token with control characters or spaces")
    if mechanism == "xoauth2":
        return f"user={user}\x01auth=Bearer {token}\x01\x01"
    if mechanism == "oauthbearer":
        return (
            f"n,a={_gs2_name(user)},\x01host={host}\x01port={port}\x01auth=Bearer {token}\x01\x01"
        )
    raise ValueError(f"unknown SASL mechanism {mechanism!r}")


def responder(mechanism: str, first: str) -> Callable[..., str]:
    """A callable for imaplib's ``authenticate`` and smtplib's ``auth``: the initial
    response first; after a server's error challenge, the empty reply XOAUTH2
    expects (``\\x01`` for OAUTHBEARER, RFC 7628 section 3.2.3) so the server
    can end the exchange with its failure."""
    calls = 0

    def respond(challenge: bytes | None = None) -> str:
        nonlocal calls
        calls += 1
        if calls == 1:
            return first
        return "\x01" if mechanism == "oauthbearer" else ""

    return respond
