from analysis.core import figures


def test_text_problems_finds_shortened_cut_and_overlapping_labels():
    fig, ax = figures.new(figsize=(4, 3))
    ax.set_yticks([0, 1], ["1.2 Plan eller afklaring for …", "Hel etiket"])
    ax.text(0.5, 0.5, "Her", transform=ax.transAxes)
    ax.text(0.5, 0.5, "Her også", transform=ax.transAxes)
    ax.text(0.98, 0.5, "en lang tekst, der går ud over kanten", transform=ax.transAxes, clip_on=True)
    problems = figures.text_problems(fig)
    assert any(p.startswith("shortened: '1.2 Plan") for p in problems)
    assert any(p.startswith("overlap: 'Her'") for p in problems)
    assert any(p.startswith("cut off: 'en lang tekst") for p in problems)


def test_a_clean_figure_has_no_text_problems():
    fig, ax = figures.new(figsize=(4, 3))
    ax.plot([0, 1], [0, 1], label="Linje")
    ax.set_xlabel("År")
    ax.legend()
    assert figures.text_problems(fig) == []
