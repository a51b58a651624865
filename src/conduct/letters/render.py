"""Rendering letter templates from a string with a fixed set of facts, and the
letter as a whole HTML document (the same document becomes the PDF).

Templates run on a bare engine: the built-in tags and filters only, no
``{% load %}`` libraries, no template loaders (so no ``{% include %}`` of
files), and a context of plain strings and lists, so a template can reach
nothing but the facts it is given. Autoescape is on; the rendered text is
unescaped to plain words and escaped again when placed in the document.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from conduct.letters import wording
from conduct.letters.rules import LetterRefused

ENGINE = Engine(dirs=[], app_dirs=False, loaders=[], libraries={}, string_if_invalid="")


def render_text(source: str, facts: Mapping[str, Any]) -> str:
    """Render a template's words with the facts.

    Refuses (LetterRefused) words that do not compile and words that fail while
    being filled in (``{% for a, b in client_name %}`` raises ValueError).
    """
    try:
        template = ENGINE.from_string(source)
        rendered = template.render(Context(dict(facts), autoescape=True))
    except (TemplateSyntaxError, TemplateDoesNotExist) as exc:
        raise LetterRefused("template_valid", f"The template has a mistake: {exc}") from None
    except Exception as exc:
        # The words are an admin's code run on a bare engine over plain strings
        # and lists: whatever rendering raises is a mistake in the words.
        raise LetterRefused(
            "template_valid",
            f"The template has a mistake: it cannot be filled in ({exc.__class__.__name__}: {exc})",
        ) from None
    return wording.tidy(html.unescape(rendered))


def check_renders(source: str, facts: Mapping[str, Any]) -> None:
    """Refuse template words that do not compile or cannot be filled in with ``facts``."""
    render_text(source, facts)


_MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


@cache
def _logo(path: str) -> str:
    """The configured logo as a data: URL, so the document carries it (browser and PDF alike)."""
    if not path:
        return ""
    found = finders.find(path)
    suffix = "." + path.rsplit(".", 1)[-1].lower()
    if not isinstance(found, str) or suffix not in _MIME:
        return ""
    with open(found, "rb") as handle:
        data = base64.b64encode(handle.read()).decode()
    return f"data:{_MIME[suffix]};base64,{data}"


def organisation() -> dict[str, Any]:
    return {
        "name": settings.LETTERS_ORGANISATION_NAME,
        "address_lines": list(settings.LETTERS_ORGANISATION_ADDRESS),
        "email": settings.LETTERS_ORGANISATION_EMAIL,
        "logo": _logo(settings.LETTERS_ORGANISATION_LOGO),
    }


def render_document(*, subject: str, body: str, facts: Mapping[str, Any]) -> str:
    """The whole letter as a self-contained HTML document."""
    return render_to_string(
        "letters/letter.html",
        {
            "organisation": organisation(),
            "subject": subject,
            "body_html": mark_safe(wording.to_html(body)),  # noqa: S308 - to_html escapes
            "letter_date": facts.get("letter_date", ""),
            "client_name": facts.get("client_name", ""),
            "client_address_lines": [
                line for line in str(facts.get("client_address", "")).split("\n") if line.strip()
            ],
            "client_reference": facts.get("client_reference", ""),
        },
    )
