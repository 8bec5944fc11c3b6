"""Sections of the case report, one module each, built from a ``CaseReport``."""
