"""Recognising a full file store (disk or quota), so every layer can say so plainly."""

from __future__ import annotations

import errno

STORAGE_FULL = (
    "There is no room left to store files, so what you sent was not saved and nothing was "
    "changed. Tell your administrator that the file store is full, then try again."
)


def is_storage_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in {errno.ENOSPC, errno.EDQUOT}
