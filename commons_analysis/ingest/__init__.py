"""From files to a Case: decoding, French spellings, validation with PATH:LINE, loading, new-case templates.

May import: ``core``, ``model``.
"""
