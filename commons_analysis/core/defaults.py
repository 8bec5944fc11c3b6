"""Defaults shared by every layer, defined once.

Example
-------
>>> MIN_CELL, DEFAULT_LANG, str(DEFAULT_DATA_DIR)
(5, 'fr', 'data/cases')
"""

from __future__ import annotations

from pathlib import Path

#: Counts of fewer than this many persons of an inclusion group are never printed (docs/design.md §Inclusion).
MIN_CELL = 5
#: The language of reports and messages when none is asked for: the researchers work in French.
DEFAULT_LANG = "fr"
#: The folder that holds one folder per case, relative to the project root.
DEFAULT_DATA_DIR = Path("data/cases")
#: Seed of layouts, sampled betweenness, permutations and bootstrap when none is given.
DEFAULT_SEED = 0
