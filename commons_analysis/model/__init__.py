"""The data contract (DESIGN.md, "A case on disk"): tables, columns, enumerations, ``case.yaml``, the Case.

May import: ``core``.
"""
