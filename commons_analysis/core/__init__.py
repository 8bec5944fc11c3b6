"""Foundations used by every layer: problems and errors, whole-file and whole-folder writes, the version.

May import: nothing of the package.
"""
