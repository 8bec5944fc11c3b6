"""The ``commons-analysis`` command line (typer): it only wires the layers below.

May import every layer.
"""
