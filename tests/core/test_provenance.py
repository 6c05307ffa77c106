import pytest

from analysis.core import provenance
from analysis.core.errors import InputError
from analysis.core.paths import RAW


def test_every_raw_file_has_provenance_naming_a_source_document():
    reg = provenance.registry()
    on_disk = {p.relative_to(RAW.parent.parent).as_posix() for p in RAW.rglob("*")
               if p.is_file() and p.suffix in (".csv", ".xlsx") and p.name != "provenance.csv"}
    assert set(reg["path"]) == on_disk
    assert reg["document"].str.len().min() > 0


def _registry(tmp_path, rows):
    folder = tmp_path / "raw" / "kvoter"
    folder.mkdir(parents=True)
    (folder / "provenance.csv").write_text("file,document,section,table,page,notes\n" + rows, encoding="utf-8")
    return folder


def test_unlisted_file_and_missing_file_are_reported_together(tmp_path):
    folder = _registry(tmp_path, "gone.csv,doc,,,,\n")
    (folder / "extra.csv").write_text("a\n1\n")
    with pytest.raises(InputError) as err:
        provenance.registry(tmp_path / "raw")
    rules = [(f.value, f.rule) for f in err.value.failures]
    assert ("gone.csv", "file named in the registry does not exist") in rules
    assert ("extra.csv", "file in data/raw has no provenance row") in rules
