"""The app's attack surface, enumerated from the code so new endpoints are covered.

``pages()`` walks Django's URL resolver; ``api_operations()`` reads the
django-ninja routers behind /api/openapi.json. Tests use these lists, so a
page or endpoint added later is checked without touching the tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import URLPattern, URLResolver, get_resolver

from conduct.api.api import api

# Django's own admin has its own staff-only login, outside the roles.
EXEMPT_PREFIXES = ("django-admin/",)
# The API is checked operation by operation (see api_operations); its schema
# and docs pages are public documentation with no data in them.
API_PREFIX = "api/"

_CONVERTER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Page:
    route: str
    name: str
    view: Callable[..., Any]

    def urls(self, ids: list[int]) -> list[str]:
        """The route with every parameter filled in, once per candidate id."""
        if not _CONVERTER.search(self.route):
            return ["/" + self.route]
        urls = []
        for object_id in ids:

            def fill(match: re.Match[str], object_id: int = object_id) -> str:
                return str(object_id) if match["conv"] == "int" else "x"

            urls.append("/" + _CONVERTER.sub(fill, self.route))
        return urls


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    view: Callable[..., Any]

    def url(self, object_id: int) -> str:
        return re.sub(r"\{\w+\}", str(object_id), "/api" + self.path)


def _walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Page]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield Page(prefix + str(entry.pattern), namespace + (entry.name or "?"), entry.callback)


def pages() -> list[Page]:
    """Every page outside the API and the Django admin."""
    return [
        page
        for page in _walk(get_resolver().url_patterns, "", "")
        if not page.route.startswith((API_PREFIX, *EXEMPT_PREFIXES))
    ]


def api_operations() -> list[Operation]:
    """Every API operation, with the view function that carries its access declaration."""
    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    full = re.sub(r"/+", "/", f"{prefix}/{path}")
                    full = re.sub(r"\{\w+:(\w+)\}", r"{\1}", full)  # {int:id} is {id} in the schema
                    found.append(Operation(method, full, operation.view_func))
    return found


def access_of(view: Callable[..., Any]) -> tuple[str, tuple[str, ...]] | None:
    """The declaration left by ``requires``/``public``/``signed_in``/``allow``/``any_user``."""
    declared = getattr(view, "conduct_access", None)
    if declared is None:
        # Class-based views: as_view() keeps the class on the function.
        declared = getattr(getattr(view, "view_class", None), "conduct_access", None)
    return declared


@cache
def openapi() -> dict[str, Any]:
    return api.get_openapi_schema(path_prefix="")


def _resolve(node: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


SAMPLES = {
    "date-time": "2026-01-05T10:00:00Z",
    "date": "2026-01-05",
    "email": "probe@example.com",
    "uuid": "00000000-0000-4000-8000-000000000001",
}


def _minimal(node: dict[str, Any], spec: dict[str, Any]) -> Any:
    node = _resolve(node, spec)
    if "enum" in node:
        return node["enum"][0]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            return _minimal(node[key][0], spec)
    kind = node.get("type", "object")
    if kind == "object":
        props = node.get("properties", {})
        return {name: _minimal(props[name], spec) for name in node.get("required", [])}
    if kind == "string" and node.get("format") == "binary":
        return SimpleUploadedFile("probe.txt", b"probe", content_type="text/plain")
    if kind == "string":
        return SAMPLES.get(node.get("format", ""), "probe")
    return {"integer": 1, "number": 1, "boolean": True, "array": []}.get(kind)


def valid_request(op: Operation) -> dict[str, Any]:
    """Keyword arguments for ``Client.generic`` with the smallest body the schema
    accepts, so that a request gets past validation to the permission check."""
    spec = openapi()
    content = spec["paths"][op.path][op.method.lower()].get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        fields = _minimal(content["multipart/form-data"]["schema"], spec)
        return {"data": encode_multipart(BOUNDARY, fields), "content_type": MULTIPART_CONTENT}
    body = (
        _minimal(content["application/json"]["schema"], spec)
        if "application/json" in content
        else {}
    )
    return {"data": json.dumps(body), "content_type": "application/json"}
