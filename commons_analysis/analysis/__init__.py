"""Indicators as pure functions of a Case: network, brokerage, participation, inclusion, decisions.

Analysis never reads files and never draws. May import: ``core``, ``model``.
"""
