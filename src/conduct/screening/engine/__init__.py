"""The screening engine: pure Python, no Django. See `api` for how rules and model combine."""

import os
import sys

if "numpy" not in sys.modules and "OPENBLAS_NUM_THREADS" not in os.environ:
    # The engine uses NumPy for gathers and sums, never for linear algebra, so OpenBLAS's
    # thread pool is never used; starting it costs about 60 ms of CPU time per process (its
    # threads spin while they start). One thread for this process's OpenBLAS only: it reads
    # the variable when it loads, and the variable is removed again at once (child processes
    # and a later setting are unaffected).
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        import numpy  # noqa: F401
    finally:
        del os.environ["OPENBLAS_NUM_THREADS"]

from .api import Screener, screen, screen_many
from .verdict import Evidence, ModelInfo, Verdict

__all__ = ["Evidence", "ModelInfo", "Screener", "Verdict", "screen", "screen_many"]
