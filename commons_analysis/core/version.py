"""The version of the package, recorded in every report's provenance and every export."""

__version__ = "0.1.0"
