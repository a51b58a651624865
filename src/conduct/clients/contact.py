"""Normalising contact points so that search and matching find them.

Plain Python: phone numbers in E.164 (UK by default), e-mail addresses and
social handles in lower case.
"""

from __future__ import annotations

import contextlib
import re

import phonenumbers

from conduct.core.refusals import Refused

EMAIL = "email"
PHONE = "phone"
SOCIAL = "social"
KINDS = {EMAIL: "Email address", PHONE: "Phone number", SOCIAL: "Social media handle"}

# As a contact point is stored (``ContactPoint.value``), and how many of a kind
# one client record holds: the page and the API refuse the same.
MAX_LENGTH = 254
MAX_PER_KIND = 20

_EMAIL_RE = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


class InvalidContact(Refused, ValueError):
    """A contact point that is not a phone number, email address or handle."""

    rule = "contact_valid"


def normalise_phone(value: str, region: str = "GB") -> str:
    """'07700 900123', '+44 7700 900123' and '0044 7700-900123' all become '+447700900123'."""
    raw = value.strip()
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise InvalidContact(f"'{value}' is not a phone number") from None
    if not phonenumbers.is_possible_number(number):
        raise InvalidContact(f"'{value}' is not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    try:
        number = phonenumbers.parse(e164, "GB")
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 44:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_email(value: str) -> str:
    email = value.strip().lower()
    if not _EMAIL_RE.match(email):
        raise InvalidContact(f"'{value}' is not an email address")
    return email


def normalise_handle(value: str) -> str:
    handle = value.strip().lower()
    handle = handle.removeprefix("@")
    if not handle or any(c.isspace() for c in handle):
        raise InvalidContact(f"'{value}' is not a social media handle")
    return handle


def normalise(kind: str, value: str) -> str:
    if len(value) > MAX_LENGTH:
        raise InvalidContact(f"a contact point is at most {MAX_LENGTH} characters")
    if kind == EMAIL:
        return normalise_email(value)
    if kind == PHONE:
        return normalise_phone(value)
    if kind == SOCIAL:
        return normalise_handle(value)
    raise InvalidContact(f"unknown contact kind '{kind}'")


def search_keys(query: str) -> list[str]:
    """Normalised forms a free-text search might mean: a phone number, an email, a handle."""
    keys: list[str] = []
    text = query.strip()
    if not text:
        return keys
    digits = re.sub(r"[\s\-().]", "", text)
    if re.fullmatch(r"\+?\d{6,15}", digits):
        with contextlib.suppress(InvalidContact):
            keys.append(normalise_phone(text))
    if "@" in text and not text.startswith("@"):
        keys.append(text.lower())
    else:
        keys.append(text.lower().removeprefix("@"))
    return keys
