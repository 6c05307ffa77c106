"""The front chapter and the appendices, built from the files the build harvests
(parameters.json, inputs.json, reconciliation.csv, findings.csv, messages.json, ...).

`harvested.load_inputs` reads them once from a part's parameters (as a chapter's `load_inputs`
reads its inputs); `front` is the front chapter, `parameters` Bilag A, `sources` Bilag B,
`reconciliation` Bilag C and the front chapter's summary of it, `changes` Bilag D."""
from .harvested import Inputs, load_inputs, read_json, read_reconciliation
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

__all__ = ["Inputs", "load_inputs", "read_json", "read_reconciliation", "all_parameters_table", "parameters_print_note",
           "changed_parameter_table", "moved_parameters",
           "parameter_changes", "parameters_intro", "parameter_table", "STATUS_LABELS", "STATUS_ORDER",
           "reconciliation_table",
           "sort_reconciliation", "status_counts", "status_figure", "input_files", "source_list"]
