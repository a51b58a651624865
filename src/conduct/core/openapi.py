"""How an operation that answers with a file (not JSON) documents it in the schema."""

from __future__ import annotations

from typing import Any


def file_response(
    content_type: str, *, status: int = 200, what: str = "The file"
) -> dict[str, Any]:
    """``openapi_extra`` for an operation whose answer is a download of ``content_type``."""
    return {
        "responses": {
            status: {
                "description": f"{what}, as an attachment ({content_type}).",
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }
