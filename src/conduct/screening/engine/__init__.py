"""The screening engine: pure Python, no Django. See `api` for how rules and model combine."""

from .api import Screener, screen, screen_many
from .verdict import Evidence, ModelInfo, Verdict

__all__ = ["Evidence", "ModelInfo", "Screener", "Verdict", "screen", "screen_many"]
