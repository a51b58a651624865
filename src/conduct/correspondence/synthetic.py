"""Realistic synthetic correspondence, for the demo, the benchmark and the scale-out test.

Deterministic for a given seed. Nothing here is real: addresses are example.com.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

ORDINARY = [
    "I am writing about the repair to my kitchen, which is still not finished. Could you tell me when someone will come?",
    "Thank you for your letter. I have attached the form you asked for and I hope this is everything.",
    "Please can you call me back about my account, I have tried twice this week.",
    "Could you confirm the date of my next appointment? I could not find it on the letter.",
    "I am still waiting for an answer to my complaint from last month. Please let me know what is happening.",
    "My neighbour says the work is scheduled for Friday but nobody has told me. Is that right?",
    "I would like to change my contact details: my new phone number is below.",
    "Thanks for sorting this out so quickly, it is much appreciated.",
]
DEMANDING = [
    "Please send me copies of all the documents you hold about my case, today.",
    "This is a subject access request: provide all the data and records you hold on me.",
    "I want every email and letter about my complaint. Send me copies of all correspondence.",
]
ABUSIVE = [
    "You are a useless idiot and I will come to your office and hurt you.",
    "If this is not fixed by Friday I will find where you live. You have been warned.",
    "Your staff are pathetic morons, every one of you.",
    "Shut up and do your job you stupid cow.",
]
SUBJECTS = ["Repair", "My account", "Complaint", "Appointment", "Re: your letter", "Update please"]


def email_bytes(
    *,
    sender: str,
    to: str,
    when: datetime,
    subject: str,
    body: str,
    message_id: str,
    in_reply_to: str = "",
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{message_id}>"
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
        msg["References"] = f"<{in_reply_to}>"
    msg.set_content(body)
    return msg.as_bytes()


def mailbox(
    senders: Sequence[str],
    count: int,
    *,
    start: datetime,
    days: int,
    seed: int = 1,
    abusive_share: float = 0.03,
    heavy: Sequence[str] = (),
    heavy_share: float = 0.1,
    to: str = "enquiries@example.org",
) -> Iterator[bytes]:
    """``count`` e-mails from ``senders``; ``heavy`` senders write ``heavy_share`` of them,
    often the same message again, often asking for information."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    span = days * 86400
    for n in range(count):
        if heavy and rng.random() < heavy_share:
            sender = rng.choice(heavy)
            body = rng.choice(DEMANDING) if rng.random() < 0.5 else ORDINARY[n % 2]
        else:
            sender = rng.choice(senders)
            body = rng.choice(ORDINARY)
        if rng.random() < abusive_share:
            body = rng.choice(ABUSIVE) + " " + rng.choice(ORDINARY)
        when = start + timedelta(seconds=rng.randrange(span))
        yield email_bytes(
            sender=sender,
            to=to,
            when=when,
            subject=rng.choice(SUBJECTS),
            body=body + f"\n\nRegards,\nCase {rng.randrange(10_000)}",
            message_id=f"syn-{seed}-{n}@example.com",
        )


def mbox_bytes(messages: Iterator[bytes] | Sequence[bytes]) -> Iterator[bytes]:
    """mbox-format chunks (``From `` separators, ``>From`` quoting) for the messages."""
    for raw in messages:
        body = raw.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From ")
        yield b"From sender@example.com Thu Jan  1 00:00:00 2026\n" + body.rstrip(b"\n") + b"\n\n"
