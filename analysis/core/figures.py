"""The book's figure style: colour-blind safe (Okabe-Ito), readable in print, deterministic SVG.

One typographic system with the PDF: the figures are set in DejaVu Sans (the font matplotlib
ships, and the font the PDF is set in), 8.5 pt text and 9 pt titles, and drawn at the width of
the printed text (16 cm), so that the PDF includes them at their natural size and every figure's
text has the same size as the tables' text. Text is stored as outlines, so the SVG looks the same
everywhere and is byte-identical across runs."""
from __future__ import annotations

import io

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
