"""Evidence files: sniffed, size-checked, stored content-addressed by SHA-256.

Files are never executed and never served inline: the download view sends
them as attachments with ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import IO

from django.conf import settings

from conduct.core.refusals import STORAGE_FULL as STORAGE_FULL_STATUS
from conduct.core.refusals import Refused
from conduct.core.storage import STORAGE_FULL, is_storage_full

# (magic prefix, content type, extension). Checked against the bytes, never the name.
SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"ID3", "audio/mpeg"),
    (b"\xff\xfb", "audio/mpeg"),
]


class EvidenceRefused(Refused, ValueError):
    """The file is too large or not of an allowed type."""

    rule = "evidence_allowed"


class StorageFull(EvidenceRefused):
    """The file store has no room; nothing was kept."""

    rule = "storage_full"
    status = STORAGE_FULL_STATUS


_HEADER = re.compile(rb"^[A-Za-z0-9-]{1,76}:")
_EMAIL_HEADERS = (b"from:", b"received:", b"message-id:", b"date:", b"return-path:")


def _looks_like_email(head: bytes) -> bool:
    """An e-mail as received (.eml): it starts with header lines and names its sender,
    route or id. Kept byte for byte, whatever its charset; never shown, only downloaded."""
    lines = head.split(b"\n", 40)[:40]
    if not lines or not _HEADER.match(lines[0]):
        return False
    names = {line.split(b":", 1)[0].strip().lower() + b":" for line in lines if _HEADER.match(line)}
    return bool(names & set(_EMAIL_HEADERS))


def sniff(head: bytes) -> str:
    """The content type of an allowed file from its first bytes; refuses anything else."""
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if _looks_like_email(head):
        return "message/rfc822"
    if head and b"\x00" not in head:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
        lowered = text.lstrip().lower()
        if text and not lowered.startswith(("<!doctype", "<html", "<script", "<svg", "<?xml")):
            return "text/plain"
    raise EvidenceRefused(
        "This type of file is not accepted as evidence. Upload a PDF, PNG, JPEG or GIF image, "
        "MP3 or WAV audio, an e-mail (.eml), or plain text."
    )


def evidence_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "evidence"


def path_for(sha256: str) -> Path:
    return evidence_root() / sha256[:2] / sha256


def store(stream: IO[bytes]) -> tuple[str, int, str]:
    """Copy ``stream`` into the store; returns (sha256, size, content type)."""
    limit = int(settings.CASEWORK_EVIDENCE_MAX_BYTES)
    root = evidence_root()
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    head = b""
    fd, tmp_name = tempfile.mkstemp(dir=root, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as tmp:
            while chunk := stream.read(65536):
                if len(head) < 2048:
                    head += chunk[: 2048 - len(head)]
                size += len(chunk)
                if size > limit:
                    raise EvidenceRefused(
                        f"The file is larger than the limit of {limit // (1024 * 1024) or 1} MB."
                    )
                digest.update(chunk)
                tmp.write(chunk)
        if size == 0:
            raise EvidenceRefused("The file is empty.")
        content_type = sniff(head)
        sha256 = digest.hexdigest()
        final = path_for(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists():
            os.unlink(tmp_name)
        else:
            os.replace(tmp_name, final)
            final.chmod(0o600)
        return sha256, size, content_type
    except BaseException as exc:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        if is_storage_full(exc):
            raise StorageFull(STORAGE_FULL) from exc
        raise
