"""The build of the report book: editions and parameters, papermill execution with a
content-keyed cache, harvesting of recorded results, renderers and atomic publishing.

The build knows notebooks, parameters and renderers, and nothing about the domain.
"""
