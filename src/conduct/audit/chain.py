"""Hashing of audit events. Plain Python: used by the writer and the verifier."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def payload_digest(payload: Any) -> str:
    return hashlib.sha256(canonical(payload)).hexdigest()


@dataclass(frozen=True)
class Link:
    seq: int
    at: str
    actor_id: int | None
    actor_label: str
    action: str
    target_type: str
    target_id: str
    client_id: int | None
    payload_sha256: str
    prev_hash: str

    def digest(self) -> str:
        return hashlib.sha256(canonical(self.__dict__)).hexdigest()
