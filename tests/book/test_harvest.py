import nbformat
import pytest

from book.errors import HarvestError
from book.harvest import harvest_notebook, plain_number, reconciliation_csv, results_json
from report.protocol import CHECK_MIME, DATA_MIME, RESULT_MIME


def _nb(tmp_path, *datas):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data=d) for d in datas]
    nb.cells.append(cell)
    p = tmp_path / "n.ipynb"
    nbformat.write(nb, p)
    return p


@pytest.mark.parametrize("value, text", [(None, ""), (3, "3"), (3.0, "3"), (28.4, "28.4"), (4.834, "4.834"),
                                         (-0.594, "-0.594"), (0.1 + 0.2, "0.3"), (1234567.5, "1234567.5")])
def test_plain_numbers(value, text):
    assert plain_number(value) == text


def test_harvest_writes_contract_formats(tmp_path):
    p = _nb(tmp_path, {RESULT_MIME: {"name": "gap", "value": 72}},
            {CHECK_MIME: {"item": "Stigning", "source": "Notat, s. 1", "published": 28.4, "computed": 28.458,
                          "unit": "%", "status": "differs", "note": "a, b"}},
            {DATA_MIME: {"name": "t", "csv": "a\n1\n"}})
    h = harvest_notebook("kvoter", p)
    assert results_json(h) == '{\n  "kvoter": {\n    "gap": 72\n  }\n}\n'
    row = 'kvoter,Stigning,"Notat, s. 1",28.4,28.458,,,%,differs,recomputed,,"a, b"'
    assert reconciliation_csv(h).splitlines()[1] == row
    assert h.tables == {"kvoter_t.csv": "a\n1\n"}


def test_duplicate_result_is_an_error(tmp_path):
    p = _nb(tmp_path, {RESULT_MIME: {"name": "gap", "value": 1}}, {RESULT_MIME: {"name": "gap", "value": 2}})
    with pytest.raises(HarvestError, match="'gap' is recorded twice"):
        harvest_notebook("kvoter", p)


def test_key_messages_are_harvested_for_the_front_chapter(tmp_path):
    from report.protocol import MESSAGES_MIME

    p = _nb(tmp_path, {MESSAGES_MIME: {"messages": ["Første.", "Anden."]}, "text/plain": ""})
    assert harvest_notebook("kvoter", p).messages == {"kvoter": ["Første.", "Anden."]}


def test_committee_items_and_period_are_harvested_for_the_front_chapter(tmp_path):
    import json

    from book.harvest import front_json
    from report.protocol import COMMITTEE_MIME, PERIOD_MIME

    item = {"kind": "decided", "text": "Godkendt.", "date": "2024-08-29", "options": []}
    p = _nb(tmp_path, {COMMITTEE_MIME: {"items": [item]}}, {PERIOD_MIME: {"text": "Tallene er fra 2024."}})
    h = harvest_notebook("rammer", p)
    assert json.loads(front_json(h)) == {"rammer": {"committee": [item], "period": "Tallene er fra 2024."}}
    bad = _nb(tmp_path, {COMMITTEE_MIME: {"items": [{**item, "date": None}]}})
    with pytest.raises(HarvestError, match="has no date"):
        harvest_notebook("rammer", bad)
