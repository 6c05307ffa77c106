import pandas as pd

from analysis import appendices


def test_parameter_changes_against_previous_edition():
    current = {"kvoter": {"thresholds": [15, 12], "roster_file": "a.csv", "top_units": 10}}
    previous = {"kvoter": {"thresholds": [15, 10], "roster_file": "a.csv"}}
    ch = appendices.parameter_changes(current, previous)
    assert ch["change"].tolist() == ["ændret (før: 15, 10)", "uændret", "ny"]
    assert ch["label"].tolist() == ["Grænser: ansatte pr. plads", "Datafil: enhedsliste med ansatte og pladser",
                                    "Antal enheder i oversigten over størst mangel"]
    assert appendices.parameter_changes(current, None)["change"].tolist() == ["–", "–", "–"]


def test_parameter_table_shows_danish_labels_and_file_names_as_plain_text():
    ch = appendices.parameter_changes({"datagrundlag": {"provenance_files": ["data/raw/**/provenance.csv"]},
                                       "kvoter": {"reference_date": "2025-02-01", "roster_file": "data/raw/k/r.csv",
                                                  "new_knob": 2.5}}, None)
    assert appendices.parameter_table(ch, "datagrundlag").to_dict("records") == [
        {"Parameter": "Kilderegistre (filer)", "Værdi": "data/raw/**/provenance.csv", "Ændring": "–"}]
    table = appendices.parameter_table(ch, "kvoter")
    assert table["Parameter"].tolist() == ["Opgørelsesdato", "Datafil: enhedsliste med ansatte og pladser", "New knob"]
    assert table["Værdi"].tolist() == ["1. februar 2025", "r.csv", "2,5"]


def test_every_parameter_of_every_edition_has_a_danish_label():
    import yaml

    from analysis.appendices.parameters import LABELS
    from analysis.core.paths import ROOT
    from book.editions import META_KEYS

    for path in sorted((ROOT / "params").rglob("*.yml")):
        edition = yaml.safe_load(path.read_text(encoding="utf-8"))
        for part, params in edition.items():
            if isinstance(params, dict) and part not in META_KEYS:  # `columns:` maps files, not parameters
                missing = set(params) - set(LABELS.get(part, {}))
                assert not missing, (path.name, part, missing)


def test_reconciliation_sorted_disagreements_first_and_counted():
    df = pd.DataFrame({"chapter": ["a", "b", "a", "b", "a", "a"],
                       "status": ["match", "differs", "not_reproducible", "match", "within_rounding", "match"],
                       "basis": ["recomputed"] * 5 + ["cross_reference"]})
    assert appendices.sort_reconciliation(df)["status"].tolist() == [
        "differs", "not_reproducible", "within_rounding", "match", "match", "match"]
    counts = appendices.status_counts(df, ["b", "a", "c"])
    # only recomputed figures count, as in the summary table beside the figure
    assert counts.index.tolist() == ["b", "a"] and counts.loc["a"].tolist() == [0, 1, 1, 1]


def test_reconciliation_table_is_danish_at_printed_precision():
    df = pd.DataFrame([{"chapter": "kvoter", "item": "Stigning", "source": "Budgetanalyse, afsnit 1.0",
                        "published": "28.4", "computed": "28.458498", "unit": "%", "status": "differs",
                        "note": "afkortet"}])
    row = appendices.reconciliation_table(df).iloc[0].to_dict()
    assert row == {"Tal": "Stigning – afkortet", "Kilde": "Budgetanalyse, afsnit 1.0",
                   "Trykt": "28,4 %", "Beregnet": "28,5 %"}


def test_input_files_join_provenance_and_leave_out_the_registry():
    inputs = [{"part": "kvoter", "parameter": "roster_file", "path": "data/raw/kvoter/r.csv", "sha256": "ab",
               "bytes": 1},
              {"part": "datagrundlag", "parameter": "provenance_files", "path": "data/raw/kvoter/provenance.csv",
               "sha256": "cd", "bytes": 1}]
    registry = pd.DataFrame([{"path": "data/raw/kvoter/r.csv", "document": "000.txt", "section": "2.0",
                              "table": None, "page": None, "notes": "syntetisk"}])
    files = appendices.input_files(inputs, registry)
    assert files["path"].tolist() == ["data/raw/kvoter/r.csv"]
    assert files.iloc[0][["document", "section", "table", "notes"]].tolist() == ["000.txt", "2.0", "", "syntetisk"]


def test_changed_parameter_table_names_chapter_and_before_value():
    ch = appendices.parameter_changes({"kvoter": {"thresholds": [12, 10], "top_units": 10}},
                                      {"kvoter": {"thresholds": [15, 10], "top_units": 10}})
    moved = ch[ch["change"] != "uændret"]
    table = appendices.changed_parameter_table(moved, {"kvoter": "Kvoter"})
    assert table.to_dict("records") == [{"Kapitel": "Kvoter", "Parameter": "Grænser: ansatte pr. plads",
                                         "Værdi": "12, 10", "Ændring": "ændret (før: 15, 10)"}]


def test_status_figure_alt_text_gives_every_count():
    counts = pd.DataFrame({"differs": [1, 0], "not_reproducible": [0, 2], "within_rounding": [0, 60],
                           "match": [13, 530]}, index=["kvoter", "benchmark"])
    fig, alt = appendices.status_figure(counts, {"kvoter": "Kvoter", "benchmark": "Jobcenterbenchmark"})
    assert "Kvoter: 1 afviger, 0 kan ikke genberegnes, 0 inden for afrunding, 13 stemmer" in alt
    assert "Jobcenterbenchmark: 0 afviger, 2 kan ikke genberegnes, 60 inden for afrunding, 530 stemmer" in alt


def test_the_printed_table_of_changes_says_a_data_file_is_new_without_its_name():
    ch = appendices.parameter_changes({"kvoter": {"roster_file": "data/examples/kvoter/roster_2025q3.csv"}},
                                      {"kvoter": {"roster_file": "data/examples/kvoter/roster_2025q2.csv"}})
    printed = appendices.changed_parameter_table(ch, {"kvoter": "Kvoter"}, file_names=False)
    assert printed[["Værdi", "Ændring"]].iloc[0].tolist() == ["ny datafil", "ændret"]
    full = appendices.changed_parameter_table(ch, {"kvoter": "Kvoter"})
    assert full["Værdi"].iloc[0] == "roster_2025q3.csv"  # the HTML book's full table names it
