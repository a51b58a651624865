"""Report fixtures: the privacy tests' full client history, reused."""

from tests.privacy.conftest import evidence_store, history, old_history

__all__ = ["evidence_store", "history", "old_history"]
