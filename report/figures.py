"""The book's figure style: colour-blind safe (Okabe-Ito), readable in print, deterministic SVG.

One typographic system with the PDF: the figures are set in DejaVu Sans (the font matplotlib
ships, and the font the PDF is set in), 8.5 pt text and 9 pt titles, and drawn at the width of
the printed text (16 cm), so that the PDF includes them at their natural size and every figure's
text has the same size as the tables' text. Text is stored as outlines, so the SVG looks the same
everywhere and is byte-identical across runs."""
from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
NORDDJURS = PALETTE[0]
PEER = "#7F7F7F"
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]

TEXT_WIDTH_IN = 6.3  # the A4 text width of the PDF (16 cm), in inches
FONT_SIZE = 8.5

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": FONT_SIZE,
    "axes.titlesize": 9,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#D0D0D0",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "figure.figsize": (TEXT_WIDTH_IN, 3.4),
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "svg.hashsalt": "norddjurs-amu-book",
    "svg.fonttype": "path",
    "axes.formatter.use_locale": False,
    "text.parse_math": False,  # labels from input files stay text ("$x$" is not TeX)
}


def apply_style() -> None:
    """Apply the book's style to matplotlib (idempotent)."""
    plt.rcParams.update(STYLE)


def new(nrows: int = 1, ncols: int = 1, **kwargs):
    """A new figure in the book's style: `fig, ax = figures.new()`. A figure is never wider than
    the printed text, so it is printed at its natural size (keeping the height asked for)."""
    apply_style()
    if "figsize" in kwargs:
        width, height = kwargs["figsize"]
        kwargs["figsize"] = (min(width, TEXT_WIDTH_IN), height)
    return plt.subplots(nrows, ncols, **kwargs)


def danish_ticks(ax, axis: str = "y", decimals: int = 0, suffix: str = "") -> None:
    """Format an axis' tick labels in Danish (`1.234,5`, optionally with a suffix like ` %`)."""
    from matplotlib.ticker import FuncFormatter

    from . import fmt

    formatter = FuncFormatter(lambda v, _pos: fmt.number(v, decimals) + suffix)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def to_svg(fig) -> str:
    """Serialise a figure to SVG text, byte-identical across runs (no date, fixed hash salt)."""
    apply_style()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return buf.getvalue()


def _texts(fig) -> list:
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and t.get_alpha() != 0]


def text_problems(fig) -> list[str]:
    """What a reader would miss in the figure's text: labels shortened with »…«, text cut off by
    the edge of its axes, and text boxes that overlap another text box (checked on the drawn
    figure, with the boxes matplotlib lays the text out in). Empty when every text is readable."""
    fig.draw_without_rendering()  # the layout of a draw, without painting it: the same boxes
    renderer = fig.canvas.get_renderer()
    texts = _texts(fig)
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    problems = [f"shortened: {t.get_text()!r}" for t in texts if t.get_text().rstrip().endswith(("…", "..."))]
    for t, box in boxes:
        clip = t.get_clip_box() if t.get_clip_on() else None
        if clip is not None and (box.x0 < clip.x0 - 1 or box.x1 > clip.x1 + 1 or box.y0 < clip.y0 - 1
                                 or box.y1 > clip.y1 + 1):
            problems.append(f"cut off: {t.get_text()!r}")
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            w = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            h = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if w > 1 and h > 1:
                problems.append(f"overlap: {a.get_text()!r} and {b.get_text()!r}")
    return problems


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zæøå]+", text.lower()) if len(w) >= 4}


def repeated_title(fig, caption: str) -> list[str]:
    """A figure shows its name once: the numbered caption names it, so a title drawn in the
    figure (an axes title or the figure's suptitle) that says mostly what the caption says is a
    problem (»Enhedsomkostning pr. målgruppe ...« above and in the figure). Panel titles of a
    figure of several panels, and a title with a message of its own, are fine."""
    titles = [t for ax in fig.axes for t in (ax.get_title(loc) for loc in ("left", "center", "right")) if t.strip()]
    titles = titles if len(titles) == 1 else []  # several are the panels' names
    titles += [fig._suptitle.get_text()] if getattr(fig, "_suptitle", None) is not None else []
    said = _words(caption)
    out = []
    for title in (t for t in titles if t.strip()):
        words = _words(title)
        if words and len(words & said) >= len(words) / 2:
            out.append(f"title repeats the caption: {title!r}")
    return out
