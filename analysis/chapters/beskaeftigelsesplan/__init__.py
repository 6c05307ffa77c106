"""Chapter `beskaeftigelsesplan`: follow-up of the local goals of Norddjurs Kommune's
Beskæftigelsesplan, per plan year and follow-up round.

Inputs (all analyst-editable; UTF-8 CSV, Danish Excel CSV or .xlsx)
------------------------------------------------------------------
* goal register (`register_file`): one row per plan year and goal. The target is structured:
  `comparator` (see `model`), `target_value`, `better` (`higher`/`lower`: which side of a
  reference counts as reached), `reference_label` (what the "national figure" is when it is
  not the landstal), `baseline_value`/`baseline_period`, `national_baseline`. An empty
  comparator marks a qualitative goal. A goal taken out of the plan stays in the register
  with its `removed_date`.
* follow-up table (`followup_file`): one row per plan year, round and goal: the published
  `status`, `measured_value` (with `measured_qualifier` = `mindst` when only a lower bound is
  printed), `measured_period`, `national_value`, `measured_text` (printed figures that are not
  the goal's own measure), `data_source`, `document` (the source document, shown as "Kilde").
  A new round is new rows (or a new file with all rounds) plus an edition pointing at it.
* published summary (`summary_file`): the counts printed in the case texts (goals planned,
  goals remaining after removals, follow-ups planned, status counts and shares per round).
  A round without printed counts is allowed; its counts are then shown but not reconciled.
* printed derived figures (`derived_file`, transcription only): shares, sums and changes
  printed inside goal texts, with the numbers they come from.

Statuses (the published vocabulary): nået, ikke nået, endnu ikke nået, ikke muligt at følge op,
for tidligt, udgået. Goals with status udgået are excluded from counts and shares, as the
source does.

Modules: `schemas` (vocabulary, pandera schemas), `inputs` (`load_inputs`), `model` (rules,
evaluation, counts), `reconcile` (checks), `results` (key figures, key messages), `texts`
(Danish sentences from the data), `views` (tables, figures, alt texts).

Parameter `rounds`: a mapping plan year -> follow-up round to show (keys may be int or str);
a plan year missing from the mapping shows its latest round.
"""
from .inputs import Inputs, load_inputs

__all__ = ["Inputs", "load_inputs"]
