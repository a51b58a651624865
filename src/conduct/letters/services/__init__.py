"""Every letters state change, one function each, each writing one audit event."""

from conduct.letters.pack import PackRefused
from conduct.letters.rules import LetterRefused
from conduct.letters.services.letters import (
    StaleLetter,
    client_emails,
    edit_letter,
    generate_letter,
    pdf_name,
    send_letter,
)
from conduct.letters.services.packs import generate_police_pack, pack_name
from conduct.letters.services.templates import (
    NoTemplate,
    change_template,
    current_template,
    current_templates,
)

__all__ = [
    "LetterRefused",
    "NoTemplate",
    "PackRefused",
    "StaleLetter",
    "change_template",
    "client_emails",
    "current_template",
    "current_templates",
    "edit_letter",
    "generate_letter",
    "generate_police_pack",
    "pack_name",
    "pdf_name",
    "send_letter",
]
