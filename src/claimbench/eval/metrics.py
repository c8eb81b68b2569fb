"""The metrics of an evaluation run: :mod:`claimbench.metrics` (one implementation for
every stage), re-exported under the evaluation stage's name."""

from ..metrics import *  # noqa: F403
from ..metrics import CONTRADICTION, LABELS  # noqa: F401  (module constants, listed for readers)
