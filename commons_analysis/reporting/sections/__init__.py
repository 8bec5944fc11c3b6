"""Sections of the reports, each a module built from the report it belongs to (``report.evidence``…)."""
