"""The policy categories the screener can find, by the ids of the common UK template.

Plain Python, importable without loading the engine. An organisation's own policy maps
these onto its categories (``Policy.screener_map``); a category that none maps onto is one
the screener cannot detect, and the policy page and editor say so.
"""

from __future__ import annotations

DETECTABLE: frozenset[str] = frozenset(
    {
        "abusive_language",
        "derogatory_remark",
        "inappropriate_banter",
        "inappropriate_social_media",
        "malicious_allegation",
        "protected_characteristic",
        "threatening_communication",
        "violence",
    }
)
