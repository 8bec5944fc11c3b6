"""Rendering many reports: papermill kernels, parallel jobs, the index page.

May import every layer below (down to ``reporting``).
"""
