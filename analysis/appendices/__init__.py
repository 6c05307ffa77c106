"""The front chapter and the appendices, built from the files the build harvests
(parameters.json, inputs.json, reconciliation.csv, findings.csv, messages.json).

`parameters` is Bilag A, `sources` Bilag B, `reconciliation` Bilag C and the front chapter's
summary of it; `harvested` reads the files."""
from .harvested import read_json, read_reconciliation
from .parameters import (
    all_parameters_table,
    changed_parameter_table,
    moved_parameters,
    parameter_changes,
    parameter_table,
    parameters_intro,
    parameters_print_note,
)
from .reconciliation import (
                             STATUS_LABELS,
                             STATUS_ORDER,
                             reconciliation_table,
                             sort_reconciliation,
                             status_counts,
                             status_figure,
)
from .sources import input_files, source_list

__all__ = ["read_json", "read_reconciliation", "all_parameters_table", "parameters_print_note",
           "changed_parameter_table", "moved_parameters",
           "parameter_changes", "parameters_intro", "parameter_table", "STATUS_LABELS", "STATUS_ORDER",
           "reconciliation_table",
           "sort_reconciliation", "status_counts", "status_figure", "input_files", "source_list"]
