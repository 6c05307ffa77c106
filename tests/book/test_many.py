"""Several editions in one command (book.many): one cache for all of them, a failing edition
among good ones, the ids of --vary, the order of a series, the summary table."""
from __future__ import annotations

import dataclasses

import pytest

from book.editions import find_edition
from book.errors import EditionError, ExecutionError
from book.many import EditionOutcome, build_many, in_order, summary_table, vary
from book.pipeline import build, start_build


def test_several_editions_share_one_cache(fixture_book, build_options, write_edition):
    """A chapter equal in two editions executes once: the second edition takes it from the cache."""
    first, second = write_edition("m1"), write_edition("m2", "beta:\n  label: c\n")
    outcomes = build_many([first, second], lambda e: build(e, build_options, fixture_book),
                          lambda e: start_build(e, build_options, fixture_book))
    assert [o.edition for o in outcomes] == ["m1", "m2"] and all(o.published for o in outcomes)
    assert set(outcomes[0].executed) == {"intro", "alpha", "beta", "afstemning"} and outcomes[0].cached == ()
    # alpha and the appendix are equal in both: executed once; beta's label differs, and the
    # front chapter shows the edition's id
    assert set(outcomes[1].executed) == {"intro", "beta"} and set(outcomes[1].cached) == {"alpha", "afstemning"}
    for o in outcomes:
        assert (build_options.book_dir / o.edition / "index.html").is_file()


def test_a_failing_edition_fails_alone_and_is_named(fixture_book, build_options, write_edition):
    good, bad, later = write_edition("g1"), write_edition("b1", "beta:\n  fail: true\n"), write_edition("g2")
    outcomes = build_many([good, bad, later], lambda e: build(e, build_options, fixture_book),
                          lambda e: start_build(e, build_options, fixture_book))
    by_id = {o.edition: o for o in outcomes}
    assert isinstance(by_id["b1"].error, ExecutionError) and not by_id["b1"].published
    assert not (build_options.book_dir / "b1").exists()
    assert by_id["g1"].published and by_id["g2"].published
    assert (build_options.book_dir / "g2" / "index.html").is_file()
    table = summary_table(outcomes)
    assert "FAILED" in table.splitlines()[2] and table.splitlines()[-1].endswith("failed: b1")


def test_vary_makes_one_edition_per_declared_value_with_ids_from_the_value():
    base = find_edition("2025-Q1")
    editions = vary(base, "benchmark.focus=all")
    ids = [e.id for e in editions]
    assert len(ids) == 10 == len(set(ids))
    assert ids[0] == "2025-Q1-focus-norddjurs" and "2025-Q1-focus-kommune-d" in ids
    assert [e.section("benchmark")["focus"] for e in editions][:2] == ["Norddjurs", "Kommune B"]
    for e in editions:  # only the varied parameter differs from the base edition
        assert {k: dict(v) for k, v in e.sections.items() if k != "benchmark"} == \
               {k: dict(v) for k, v in base.sections.items() if k != "benchmark"}
        assert {k: v for k, v in e.section("benchmark").items() if k != "focus"} == \
               {k: v for k, v in base.section("benchmark").items() if k != "focus"}
    named = vary(base, "benchmark.focus=Kommune D, Kommune Ø")
    assert [e.id for e in named] == ["2025-Q1-focus-kommune-d", "2025-Q1-focus-kommune-oe"]


@pytest.mark.parametrize("spec, words", [("benchmark.groups=all", "does not declare the values of 'groups'"),
                                         ("benchmark.fokus=all", "has no parameter 'fokus'"),
                                         ("benchmark=all", "chapter.parameter=all")])
def test_vary_refuses_what_it_cannot_enumerate(spec, words):
    with pytest.raises(EditionError, match=words):
        vary(find_edition("2025-Q1"), spec)


def test_an_edition_comes_after_the_editions_it_follows(write_edition):
    q1 = write_edition("q1", date="2025-03-31")
    q2 = write_edition("q2", "previous: q1\n", date="2025-06-30")
    q3 = write_edition("q3", "previous: q2\n", date="2025-09-30")
    other = write_edition("x1", date="2025-01-31")
    assert [e.id for e in in_order([q3, other, q2, q1, q2])] == ["x1", "q1", "q2", "q3"]


def test_summary_table_lists_every_edition(tmp_path):
    err = ExecutionError("notebooks/beta.ipynb", 2, "raise", "ValueError", "told to fail", "x")
    parts = tuple(f"p{i}" for i in range(10))
    outcomes = [EditionOutcome("2025-Q1", parts, (), 36.04, tmp_path / "2025-Q1"),
                EditionOutcome("2025-Q1-focus-kommune-b", parts[:1], parts[1:], 8.0, tmp_path / "b"),
                dataclasses.replace(EditionOutcome("bad", (), (), 1.0), error=err)]
    lines = summary_table(outcomes).splitlines()
    assert lines[0].split() == ["edition", "executed", "cached", "seconds", "outcome"]
    assert lines[1].split()[:4] == ["2025-Q1", "10", "0", "36.0"] and "published" in lines[1]
    assert lines[2].split()[:4] == ["2025-Q1-focus-kommune-b", "1", "9", "8.0"]
    assert lines[3].split() == ["bad", "0", "0", "1.0", "FAILED"]
    assert lines[4] == "2 of 3 editions published in 45.0 s; failed: bad"


def _fake_start(events, seconds=0.2, fail_rest=()):
    """start_one without a book: records when each edition starts and its rest ends."""
    import time

    def start_one(edition):
        events.append(("start", edition.id))

        def rest():
            time.sleep(seconds)
            if edition.id in fail_rest:
                raise ExecutionError("x.ipynb", 1, "", "Boom", "render failed", "-")
            events.append(("published", edition.id))
            return dataclasses.make_dataclass("R", ["executed", "cached", "folder"])((), (), None)
        return rest
    return start_one


def test_a_render_runs_beside_the_next_edition_but_a_follower_waits(write_edition):
    """Unrelated editions: the next one starts while the previous one renders. An edition whose
    `previous` is in the command starts only after that one is published."""
    a, b = write_edition("p1"), write_edition("p2")
    c = write_edition("p3", "previous: p2\n")
    events = []
    outcomes = build_many([a, b, c], lambda e: None, _fake_start(events))
    assert [o.edition for o in outcomes] == ["p1", "p2", "p3"] and all(o.published for o in outcomes)
    assert events.index(("start", "p2")) < events.index(("published", "p1"))  # beside p1's render
    assert events.index(("published", "p2")) < events.index(("start", "p3"))  # p3 follows p2


def test_chapters_run_ahead_of_the_renders_by_at_most_two_editions(write_edition):
    """While one edition renders, the next two editions' chapters may run (their rests wait in
    order); the edition after them starts when the first render has ended."""
    editions = [write_edition(f"a{i}") for i in range(1, 6)]
    events = []
    outcomes = build_many(editions, lambda e: None, _fake_start(events, 0.3))
    assert all(o.published for o in outcomes)
    assert [e for e in events if e[0] == "published"] == [("published", f"a{i}") for i in range(1, 6)]
    assert events.index(("start", "a3")) < events.index(("published", "a1"))
    assert events.index(("published", "a1")) < events.index(("start", "a4"))


def test_a_failing_render_fails_its_edition_alone(write_edition):
    editions = [write_edition("f1"), write_edition("f2"), write_edition("f3")]
    outcomes = build_many(editions, lambda e: None, _fake_start([], 0.05, fail_rest={"f2"}))
    assert [o.published for o in outcomes] == [True, False, True]
    assert isinstance(outcomes[1].error, ExecutionError)


def test_an_interrupt_stops_the_render_beside_it(write_edition, monkeypatch):
    import book.many as many

    stopped = []
    monkeypatch.setattr(many, "stop_stages", lambda: stopped.append(1) or 0)
    events = []
    start = _fake_start(events, 0.3)

    def interrupted(edition):
        if edition.id == "i2":
            raise KeyboardInterrupt
        return start(edition)

    with pytest.raises(KeyboardInterrupt):
        build_many([write_edition("i1"), write_edition("i2")], lambda e: None, interrupted)
    assert stopped == [1]


def test_the_later_parts_run_with_the_rest_of_the_edition(fixture_book, build_options, write_edition):
    """start_build returns once the chapters ran; the parts that show their records (the
    appendix) execute in the rest, which a many-edition command runs beside the next edition."""
    edition = write_edition("l1")
    rest = start_build(edition, build_options, fixture_book)
    executed = build_options.build_dir / "l1" / "notebooks"
    assert (executed / "beta.ipynb").is_file() and not (executed / "afstemning.ipynb").exists()
    assert not (build_options.book_dir / "l1").exists()
    result = rest()
    assert set(result.executed) == {"intro", "alpha", "beta", "afstemning"}
    assert (build_options.book_dir / "l1" / "notebooks" / "afstemning.ipynb").is_file()


def test_a_failing_later_part_fails_its_edition_alone(fixture_book, build_options, write_edition, monkeypatch):
    """A later part that fails while the next edition's chapters run: that edition fails with
    its name and is not published; the editions before and after it are."""
    import book.pipeline as pipeline

    real = pipeline._execute_later

    def execute_later(jobs, outcomes, staging, *args, **kw):
        if staging.name == "b2":
            raise ExecutionError("notebooks/afstemning.ipynb", 1, "", "ValueError", "told to fail", "-")
        return real(jobs, outcomes, staging, *args, **kw)

    monkeypatch.setattr(pipeline, "_execute_later", execute_later)
    editions = [write_edition("a2"), write_edition("b2", "beta:\n  label: c\n"), write_edition("c2")]
    outcomes = build_many(editions, lambda e: build(e, build_options, fixture_book),
                          lambda e: start_build(e, build_options, fixture_book))
    assert [o.published for o in outcomes] == [True, False, True]
    assert isinstance(outcomes[1].error, ExecutionError) and not (build_options.book_dir / "b2").exists()
    for edition in ("a2", "c2"):
        assert (build_options.book_dir / edition / "index.html").is_file()
    assert summary_table(outcomes).splitlines()[-1].endswith("failed: b2")


def test_an_interrupt_reports_the_notebooks_not_started(tmp_path):
    """While stopping_runs runs (an interrupted many-edition command), a run beside it starts
    no further notebook: each is reported as not started."""
    from book.errors import KernelStartError
    from book.execute import Job, run_parallel
    from book.runs import stopping_runs

    jobs = [Job(f"p{i}", tmp_path / f"p{i}.ipynb", {}, None, tmp_path / "out" / f"p{i}.ipynb", tmp_path)
            for i in range(3)]
    with stopping_runs():
        done = run_parallel(jobs, 2, 60, runner=lambda job: pytest.fail("a notebook started"))
    assert set(done) == {"p0", "p1", "p2"}
    assert all(isinstance(o.error, KernelStartError) and "interrupted" in str(o.error) for o in done.values())
