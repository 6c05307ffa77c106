"""The book's figure style: colour-blind safe (Okabe-Ito), readable in print, deterministic SVG."""
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

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#D0D0D0",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "figure.figsize": (7.0, 3.8),
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "svg.hashsalt": "norddjurs-amu-book",
    "svg.fonttype": "path",
    "axes.formatter.use_locale": False,
}


def apply_style() -> None:
    """Apply the book's style to matplotlib (idempotent)."""
    plt.rcParams.update(STYLE)


def new(nrows: int = 1, ncols: int = 1, **kwargs):
    """A new figure in the book's style: `fig, ax = figures.new()`."""
    apply_style()
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
