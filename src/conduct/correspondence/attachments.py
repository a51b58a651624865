"""Attachment files: size-limited, type-checked by their bytes, stored by SHA-256.

Stored through Django's default storage under ``correspondence/``: the data folder
by default, object storage (S3 and the like) when STORAGES points there. The same
file sent twice is stored once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from conduct.core.refusals import Refused
from conduct.correspondence.parsing.items import ParsedAttachment

_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
]
_OFFICE = (".docx", ".xlsx", ".pptx", ".odt", ".ods")


class AttachmentRefused(Refused, ValueError):
    """An attachment of a kind or size that is not kept."""

    rule = "attachment_allowed"


@dataclass(frozen=True)
class Stored:
    sha256: str
    size: int
    content_type: str
    filename: str


def sniff(data: bytes, filename: str) -> str:
    """The content type from the bytes (never the name alone); refuses other kinds."""
    for magic, content_type in _SIGNATURES:
        if data.startswith(magic):
            return content_type
    if data.startswith(b"PK\x03\x04") and filename.lower().endswith(_OFFICE):
        return "application/zip+office"
    head = data[:4096]
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if not head.lstrip().lower().startswith((b"<!doctype", b"<html", b"<script", b"<svg")):
                return "text/plain"
    raise AttachmentRefused(f"attachment {filename[:60]!r} is not an accepted type")


def name_for(sha256: str) -> str:
    return f"correspondence/{sha256[:2]}/{sha256}"


def store(attachment: ParsedAttachment) -> Stored:
    limit = int(settings.CORRESPONDENCE_MAX_ATTACHMENT_BYTES)
    size = len(attachment.data)
    if size == 0:
        raise AttachmentRefused(f"attachment {attachment.filename[:60]!r} is empty")
    if size > limit:
        raise AttachmentRefused(
            f"attachment {attachment.filename[:60]!r} is {size // 1024} KB, over the limit of {limit // 1024} KB"
        )
    content_type = sniff(attachment.data, attachment.filename)
    sha256 = hashlib.sha256(attachment.data).hexdigest()
    storage = storages["default"]
    name = name_for(sha256)
    if not storage.exists(name):
        try:
            storage.save(name, ContentFile(attachment.data))
        except OSError:
            # A partial file under the content's hash would later be taken as stored.
            if storage.exists(name) and storage.size(name) != size:
                storage.delete(name)
            raise
    return Stored(sha256, size, content_type, attachment.filename[:200])


def keep_original(data: bytes) -> str:
    """Store a message exactly as received (its size was checked when it was parsed)."""
    sha256 = hashlib.sha256(data).hexdigest()
    storage = storages["default"]
    name = name_for(sha256)
    if not storage.exists(name):
        try:
            storage.save(name, ContentFile(data))
        except OSError:
            if storage.exists(name) and storage.size(name) != len(data):
                storage.delete(name)
            raise
    return sha256


def open_attachment(sha256: str) -> bytes:
    with storages["default"].open(name_for(sha256), "rb") as handle:
        return bytes(handle.read())
