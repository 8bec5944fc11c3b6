"""The raw table: text cells under their headers as written, with each row's line number."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class RawTable:
    """A table as read: text cells under the headers as written, and each row's line number."""

    where: str
    frame: pd.DataFrame
    lines: np.ndarray
    #: Line of the header row (1, or 2 after Excel's ``sep=;`` line).
    header_line: int = 1
