"""The data contract (docs/design.md §Tables): tables, columns, enumerations, ``case.yaml``, the Case.

May import: ``core``.
"""
