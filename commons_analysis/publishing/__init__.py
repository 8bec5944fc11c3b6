"""What leaves the workbench: pseudonyms and suppression (privacy), provenance, the Data Package export.

May import: ``core``, ``model``, ``ingest``, ``analysis``.
"""
