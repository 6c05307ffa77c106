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


def test_a_title_in_the_figure_that_repeats_its_caption_is_a_problem():
    """Show a thing once: the numbered caption names the figure, so a title drawn in it that
    says the same is flagged; panel titles of a figure of several panels are not."""
    from report.figures import repeated_title

    caption = "Enhedsomkostning pr. målgruppe i de ti kommuner, Norddjurs fremhævet"
    fig, ax = figures.new(figsize=(4, 3))
    ax.set_title("Enhedsomkostning pr. målgruppe i de deltagende kommuner, Norddjurs fremhævet")
    assert repeated_title(fig, caption)
    ax.set_title("Norddjurs ligger under gennemsnittet i 7 af 11 målgrupper")  # a message of its own
    assert repeated_title(fig, caption) == []
    fig, axes = figures.new(1, 2, figsize=(4, 3))
    axes[0].set_title("Enhedsomkostning 2021")
    axes[1].set_title("Enhedsomkostning 2022")
    assert repeated_title(fig, caption) == []
