"""One render's settings as one immutable value, checked once, carried everywhere.

The command line builds a :class:`RenderSettings` from its options (``render``,
and the draws of ``indicators`` and ``compare``); batch gives each job its
:meth:`RenderSettings.notebook_parameters`, which the report notebook's
``parameters`` cell declares and its provenance footer lists (with the case id).
A value out of bounds is refused when the settings are made, with a message of
the catalogue, before anything runs (issue 19, item 6):

- ``timeout``: finite, at least 1 s and at most :data:`MAX_TIMEOUT` (a day): a
  case renders in seconds to minutes; an infinite wait is a hang, not a setting
  (``inf`` used to end in an ``OverflowError``);
- ``permutations`` and ``bootstrap``: at most :data:`MAX_DRAWS` (100 000). With
  100 000 permutations the Monte Carlo standard error of a p-value is at most
  √(0.25 / 100 000) ≈ 0.0016, below the third decimal the reports show; the
  percentile ends of a 95 % bootstrap interval move by less than that beyond
  about 10 000 resamples. More only costs memory and time (10⁸ resamples grew
  to 6.4 GB in a minute);
- ``min_cell`` and ``jobs`` at least 1, ``seed`` at least 0.

Example
-------
>>> settings = RenderSettings(permutations=200, bootstrap=0)
>>> sorted(settings.notebook_parameters())
['bootstrap', 'data_dir', 'lang', 'min_cell', 'permutations', 'seed']
>>> RenderSettings(timeout=float("inf"))
Traceback (most recent call last):
...
commons_analysis.core.settings.SettingsError: --timeout: inf is not a finite number of seconds
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from commons_analysis.core.defaults import DEFAULT_DATA_DIR, DEFAULT_LANG, DEFAULT_SEED, MIN_CELL
from commons_analysis.core.messages import Message, say

#: Longest time a page may take, in seconds (a day); see the module docstring.
MAX_TIMEOUT = 86_400.0
#: Most permutations or bootstrap resamples asked for; see the module docstring.
MAX_DRAWS = 100_000
#: Default seconds allowed to render one page, kernel start-up and loading included.
PAGE_TIMEOUT = 600.0
#: Default random draws of the uncertainty figures (as :mod:`commons_analysis.analysis.uncertainty`).
DEFAULT_DRAWS = 1000


class SettingsError(ValueError):
    """A setting out of bounds; :attr:`said` says which and why, as a message of the catalogue."""

    def __init__(self, said: Message):
        super().__init__(said.text("en"))
        self.said = said


def timeout_problem(value: float) -> Message | None:
    """Why ``value`` cannot be a timeout in seconds, or None.

    >>> timeout_problem(600.0) is None, timeout_problem(float("nan")).text("en")
    (True, '--timeout: nan is not a finite number of seconds')
    """
    if not math.isfinite(value):
        return say("core.settings.not_finite", option="--timeout", value=value)
    if not 1 <= value <= MAX_TIMEOUT:
        return say(
            "core.settings.out_of_range",
            option="--timeout",
            value=f"{value:g}",
            low=1,
            high=f"{MAX_TIMEOUT:g}",
        )
    return None


def draws_problem(option: str, value: int) -> Message | None:
    """Why ``value`` cannot be a number of random draws for ``option``, or None.

    >>> draws_problem("--bootstrap", 100_000_000).text("en")  # doctest: +NORMALIZE_WHITESPACE
    '--bootstrap: 100,000,000 is more than 100,000 draws: the third decimal of a p-value or an interval
    end no longer moves beyond that, only memory and time grow'
    """
    if value < 0:
        return say("core.settings.out_of_range", option=option, value=value, low=0, high=MAX_DRAWS)
    if value > MAX_DRAWS:
        return say("core.settings.too_many_draws", option=option, value=value, high=MAX_DRAWS)
    return None


@dataclass(frozen=True, kw_only=True)
class RenderSettings:
    """What one render is given: the same for every case of a batch and for the comparison."""

    data_dir: Path = DEFAULT_DATA_DIR
    lang: str = DEFAULT_LANG
    min_cell: int = MIN_CELL
    seed: int = DEFAULT_SEED
    permutations: int = DEFAULT_DRAWS
    bootstrap: int = DEFAULT_DRAWS
    timeout: float = PAGE_TIMEOUT
    jobs: int | None = None

    def __post_init__(self) -> None:
        problems = [
            timeout_problem(float(self.timeout)),
            draws_problem("--permutations", self.permutations),
            draws_problem("--bootstrap", self.bootstrap),
            None if self.min_cell >= 1 else say("core.settings.out_of_range", option="--min-cell",
                                                value=self.min_cell, low=1, high="∞"),
            None if self.seed >= 0 else say("core.settings.out_of_range", option="--seed", value=self.seed,
                                            low=0, high="∞"),
            None if self.jobs is None or self.jobs >= 1
            else say("core.settings.out_of_range", option="--jobs", value=self.jobs, low=1, high="∞"),
        ]  # fmt: skip
        for problem in problems:
            if problem is not None:
                raise SettingsError(problem)
        object.__setattr__(self, "data_dir", Path(self.data_dir))

    def notebook_parameters(self) -> dict[str, Any]:
        """The parameters every report notebook declares (its ``parameters`` cell), but the case id.

        ``data_dir`` as given here; batch makes it relative to the notebook's folder.
        """
        return {
            "data_dir": str(self.data_dir),
            "lang": self.lang,
            "min_cell": self.min_cell,
            "seed": self.seed,
            "permutations": self.permutations,
            "bootstrap": self.bootstrap,
        }

    def replace(self, **changes: Any) -> RenderSettings:
        """A copy with ``changes``, checked again."""
        return dataclasses.replace(self, **changes)


__all__ = [
    "MAX_DRAWS",
    "MAX_TIMEOUT",
    "PAGE_TIMEOUT",
    "RenderSettings",
    "SettingsError",
    "draws_problem",
    "timeout_problem",
]
