"""Domain layer of the report book: loading and validating inputs, computations,
Danish formatting, figure style, and recording of key results and reconciliation checks.

Nothing in this package knows about notebooks, editions or renderers.
"""
