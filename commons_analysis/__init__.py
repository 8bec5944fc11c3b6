"""commons-analysis: actor networks and participation indicators for commons and democracy."""

from commons_analysis.model.case import Case

__version__ = "0.1.0"
__all__ = ["Case", "__version__"]
