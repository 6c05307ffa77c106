"""Errors of the recording protocol."""
from __future__ import annotations


class RecordingError(Exception):
    """A notebook recorded a key figure, check, table or figure with an invalid name or value."""
