from conduct.policy.views.editor import edit
from conduct.policy.views.page import current

__all__ = ["current", "edit"]
