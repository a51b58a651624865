"""Parsers for every source: plain Python, no Django. Each yields ``Item`` or ``Rejected``."""

from conduct.correspondence.parsing.items import Item, ParsedAttachment, Rejected

__all__ = ["Item", "ParsedAttachment", "Rejected"]
