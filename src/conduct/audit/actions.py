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
register("accounts.user.details_changed", "changed the {fields} of user {username}")
register("accounts.login.succeeded", "signed in")
register("accounts.login.failed", "failed to sign in as {username}")
register("accounts.logout", "signed out")
register("accounts.identity.linked", "linked user {username} to their account at {issuer}")
register("accounts.login.refused", "was refused sign-in through the identity provider: {reason}")
register("accounts.token.created", "created API token {name} for {username}")
register("accounts.token.revoked", "revoked API token {name}")

# Policy
register("policy.version.loaded", "loaded policy version {version} ({sha256_short})")
register("policy.viewed", "viewed the policy")
register(
    "policy.version.published",
    "published policy version {version} in place of version {previous} ({changes} changes)",
)
register("policy.version.exported", "exported policy version {version}")
register(
    "policy.draft.previewed", "previewed changes to policy version {version} ({changes} changes)"
)

# Clients
register("clients.client.created", "created client record {reference}")
register("clients.client.updated", "updated client record {reference}: {fields}")
register("clients.client.viewed", "viewed client record {reference}")

# Casework
register(
    "casework.incident.recorded",
    "recorded incident {incident_id} ({categories}) and referred it to Senior Management",
)
register("casework.incident.viewed", "viewed incident {incident_id}")
register(
    "casework.incident.edited",
    "edited incident {incident_id}; the earlier text is kept as revision {revision}",
)
register("casework.incident.linked", "linked incident {incident_id} to client {reference}")
register(
    "casework.evidence.added", "added evidence {name} (SHA-256 {sha256_short}) to {attached_to}"
)
register("casework.evidence.downloaded", "downloaded evidence {name} (SHA-256 {sha256_short})")
register(
    "casework.call.started",
    "started the live-call guide on a {channel} call (incident {incident_id})",
)
register("casework.call.step_recorded", "live call, incident {incident_id}: {step_title}")
register(
    "casework.call.referred_unfinished",
    "referred live call {incident_id} to Senior Management: its record was not finished "
    "within {minutes} minutes",
)
register("casework.case.assigned", "assigned case {case_id} to {assignee}")
register("casework.case.noted", "added an investigation note to case {case_id}")
register("casework.case.linked", "linked case {merged_case_id} into case {case_id}")
register("casework.case.viewed", "viewed case {case_id}")
register(
    "casework.override.recorded", "recorded a zero-tolerance override ({ground}) on case {case_id}"
)
register("casework.decision.recorded", "decided case {case_id}: {outcomes}")
register(
    "casework.restriction.lapsed",
    "restriction {restriction_id} lapsed at its review date {review_on}",
)
register("casework.review.recorded", "reviewed restriction {restriction_id}: {outcome}")
register(
    "casework.sanction_review.recorded",
    "reviewed the {subject_title} decided in case {case_id}, at the client's request: {outcome}",
)
register(
    "casework.police_referral.recorded",
    "recorded a police referral to {force} for client {reference}",
)
register(
    "casework.support.completed", "marked the support follow-up for incident {incident_id} done"
)
register("casework.police_referral.updated", "updated police referral {referral_id}: {fields}")
register("casework.reminders.sent", "sent {count} casework reminder(s)")

# Correspondence
register("correspondence.import.started", "started import {run_id} from {source}")
register(
    "correspondence.import.finished",
    "finished import {run_id}: {added} added, {duplicates} already held, {rejected} rejected",
)
register(
    "correspondence.import.stopped",
    "import {run_id} stopped before its end ({reason}): {added} added, {rejected} rejected",
)
register(
    "correspondence.communications.stored",
    "stored {added} communication(s) ({duplicates} already held, {rejected} rejected, {flagged} flagged)",
)
register(
    "correspondence.communication.viewed", "viewed communication {communication_id} (redacted)"
)
register(
    "correspondence.communication.full_text_opened",
    "chose to open the full text of communication {communication_id}",
)
register(
    "correspondence.communication.referred",
    "referred communication {communication_id} to Senior Management as incident {incident_id}",
)
register(
    "correspondence.communication.dismissed",
    "dismissed the screening flag on communication {communication_id} as not abusive",
)
register(
    "correspondence.sender.linked",
    "linked {count} communication(s) from one sender to client {reference}",
)
register("correspondence.mailbox.polled", "polled mailbox {account}: {added} new message(s)")
register(
    "correspondence.message.moved",
    "moved flagged communication {communication_id} out of {mailbox} into {folder}",
)
register(
    "correspondence.message.marked",
    "marked flagged communication {communication_id} in {mailbox} with keyword {keyword}",
)
register("correspondence.demand.viewed", "viewed the demand profile of client {reference}")
register(
    "correspondence.demand.case_opened",
    "opened a case on the demands of client {reference} (incident {incident_id})",
)
register(
    "correspondence.demand.rebuilt",
    "rebuilt the demand figures from the communications ({days} client-days)",
)
register(
    "correspondence.time.logged",
    "logged {minutes} minute(s) of staff time against client {reference}",
)

# Letters and police referral packs
register("letters.template.changed", "changed the {kind_title} template (now version {version})")
register("letters.letter.generated", "generated {kind_title} {letter_id} from the {source}")
register("letters.letter.edited", "edited letter {letter_id} before sending")
register("letters.letter.sent", "recorded letter {letter_id} as sent {how} on {sent_on}")
register("letters.letter.email_failed", "could not email letter {letter_id} ({error})")
register(
    "letters.police_pack.generated",
    "produced a police referral pack for case {case_id} ({files} files, SHA-256 {sha256_short})",
)

# Audit
register("audit.log.viewed", "viewed the audit log")
register("audit.chain.verified", "verified the audit chain: {result}")
register("audit.event.redacted", "redacted the payload of audit event {event_id}")
register("audit.anchor.written", "anchored the audit chain outside the database")
register(
    "audit.anchor.reset",
    "accepted that the audit chain went back from #{anchored_seq} to #{head_seq} "
    "and anchored it again",
)

# Data protection
register(
    "privacy.subject_access.exported",
    "exported everything held about client {client_id} (subject access, {records} records)",
)
register(
    "privacy.subject_access.requested",
    "asked for everything held about client {client_id} (subject access export {export_id})",
)
register(
    "privacy.subject_access.failed",
    "subject access export {export_id} of client {client_id} failed: {reason}",
)
register(
    "privacy.subject_access.downloaded",
    "downloaded subject access export {export_id} of client {client_id}",
)
register(
    "privacy.subject_access.removed",
    "removed the file of subject access export {export_id} after its keeping period",
)
register("privacy.legal_hold.set", "put client {client_id} on legal hold")
register("privacy.legal_hold.lifted", "lifted the legal hold on client {client_id}")
register(
    "privacy.retention.erased",
    "retention {action} the {record_type} records of client {client_id}",
)
register("privacy.retention.previewed", "looked at what retention would remove")
register("privacy.retention.run", "ran retention: {summary}")

# Client requests
register(
    "requests.request.recorded",
    "recorded request {reference} ({kind_title}) from client {client_id}, due {due_on}",
)
register(
    "requests.request.extended",
    "extended request {reference} by {months} month(s), now due {due_on}",
)
register("requests.request.closed", "closed request {reference} as {status} on {closed_on}")
register("requests.request.viewed", "viewed request {reference}")
register("requests.letter.downloaded", "downloaded the {letter} letter for request {reference}")
register("requests.reminders.sent", "sent {count} request deadline reminder(s)")

# Reports
register("reports.dashboard.viewed", "viewed the management dashboard ({start} to {end})")
register("reports.exported", "exported the management report as {format} ({start} to {end})")

# Demo data
register("demo.organisation.seeded", "loaded the demo organisation")


def describe(code: str, payload: dict[str, object]) -> str:
    sentence = ACTIONS.get(code, code)
    try:
        return sentence.format(**payload)
    except (KeyError, IndexError, ValueError):
        return sentence
