"""Codings from qualitative-analysis tools, and back: Taguette and REFI-QDA (issue 16).

- :mod:`.taguette`: Taguette's project export (SQLite) and highlights export (CSV);
- :mod:`.refi`: REFI-QDA projects (``.qdpx``) and codebooks (``.qdc``), read and written;
- :mod:`.merge`: appending what was read to a case (``commons-analysis import-coding``).

May import: ``core``, ``model``, ``ingest`` (a layer of sources, like the importers of public records).
"""

from commons_analysis.sources.qda.coded import Coded, slug
from commons_analysis.sources.qda.merge import add_to_case, read_coding_file
from commons_analysis.sources.qda.refi import read_qdc, read_qdpx, write_qdpx
from commons_analysis.sources.qda.taguette import read_taguette_highlights, read_taguette_project

__all__ = [
    "Coded",
    "add_to_case",
    "read_coding_file",
    "read_qdc",
    "read_qdpx",
    "read_taguette_highlights",
    "read_taguette_project",
    "slug",
    "write_qdpx",
]
