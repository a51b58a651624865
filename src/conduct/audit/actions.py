"""Every audit action code, registered once with a human sentence.

Codes are dotted, ``app.object.verb``. ``record_event`` refuses a code that is
not registered here, and a test checks each code has a sentence. The sentence
is formatted with the event's payload, so missing keys fall back to the code.
"""

from __future__ import annotations

ACTIONS: dict[str, str] = {}


def register(code: str, sentence: str) -> str:
    if code in ACTIONS and ACTIONS[code] != sentence:
        raise ValueError(f"audit action {code!r} registered twice with different sentences")
    parts = code.split(".")
    if len(parts) < 2 or not all(p.replace("_", "").isalnum() and p.islower() for p in parts):
        raise ValueError(f"audit action {code!r} must be dotted lower-case words")
    ACTIONS[code] = sentence
    return code


# Accounts
register("accounts.user.created", "created user {username} with role {role}")
register("accounts.user.role_changed", "changed the roles of user {username} to {roles}")
register("accounts.login.succeeded", "signed in")
register("accounts.login.failed", "failed to sign in as {username}")
register("accounts.logout", "signed out")
register("accounts.token.created", "created API token {name} for {username}")
register("accounts.token.revoked", "revoked API token {name}")

# Policy
register("policy.version.loaded", "loaded policy version {version} ({sha256_short})")
register("policy.viewed", "viewed the policy")

# Clients
register("clients.client.created", "created client record {reference}")
register("clients.client.updated", "updated client record {reference}: {fields}")
register("clients.client.viewed", "viewed client record {reference}")

# Audit
register("audit.log.viewed", "viewed the audit log")
register("audit.chain.verified", "verified the audit chain: {result}")
register("audit.event.redacted", "redacted the payload of audit event {event_id}")

# Demo data
register("demo.organisation.seeded", "loaded the demo organisation")


def describe(code: str, payload: dict[str, object]) -> str:
    sentence = ACTIONS.get(code, code)
    try:
        return sentence.format(**payload)
    except (KeyError, IndexError, ValueError):
        return sentence
