"""The problems found while checking a case, listed at most :data:`MAX_LISTED` times per kind."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from commons_analysis.core.errors import Problem, quote
from commons_analysis.core.messages import Message, say
from commons_analysis.ingest.reading.raw import RawTable

#: Rows listed for one kind of problem in one column before the rest are counted.
MAX_LISTED = 20


class Collector:
    """Collects problems, listing at most :data:`MAX_LISTED` rows per (file, column, message)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, line: int | None, column: str | None, message: str | Message) -> None:
        """Record one problem (its message from the catalogue, or plain English)."""
        self.problems.append(Problem.of(where, line, column, message))

    def rows(
        self,
        raw: RawTable,
        mask: np.ndarray,
        column: str,
        message: str | Message | Callable[[int], str | Message],
    ) -> None:
        """Record ``message`` for every row where ``mask`` is true (``message`` may take the row index)."""
        positions = np.flatnonzero(mask)
        for position in positions[:MAX_LISTED]:
            text = message(int(position)) if callable(message) else message
            self.add(raw.where, int(raw.lines[position]), column, text)
        if len(positions) > MAX_LISTED:
            first = message(int(positions[0])) if callable(message) else message
            self.add(
                raw.where,
                int(raw.lines[positions[MAX_LISTED]]),
                column,
                say("ingest.validation.more_rows", count=len(positions) - MAX_LISTED, first=first),
            )


def unknown_value_message(key: str, values: pd.Series) -> Callable[[int], Message]:
    """The message ``key`` for a row of ``values`` naming what nothing else defines (the value quoted)."""
    return lambda row: say(key, value=quote(values.iloc[row]))
