"""Figures of the Jobcenterbenchmark chapter, in the book's style (analysis.core.figures)."""
from __future__ import annotations

from ...core import fmt
from ...core.figures import PALETTE, danish_ticks, new
from .computed import Computed
from .model import unit_cost_spread
from .terms import GROUP_SHORT, QUADRANTS


def label_positions(points: list[tuple[float, float, str]], limit: float,
                    span: float = 1.05) -> list[tuple[str, str]]:
    """Place each point's label above or below, right or left of it, so labels do not cover
    each other or other points: (horizontal, vertical) alignment per point, in input order.
    Sizes are rough, in data units of a plot spanning ±limit across and ±span × limit up and down."""
    char_w, line_h = limit / 32, limit * span / 1.05 / 11
    boxes: list[tuple[float, float, float, float]] = [(x - 1.5, y - 1.5, x + 1.5, y + 1.5) for x, y, _ in points]
    out = []
    for x, y, label in points:
        w = len(label) * char_w
        prefer_left = x > limit * 0.5
        options = [("left", "bottom"), ("left", "top"), ("right", "bottom"), ("right", "top")]
        if prefer_left:
            options = options[2:] + options[:2]
        if y > limit * 0.8:  # near the top edge: below the point first
            options = sorted(options, key=lambda o: o[1] != "top")
        def box(h, v, x=x, y=y, w=w):
            x0 = x + 1 if h == "left" else x - 1 - w
            y0 = y + 1 if v == "bottom" else y - 1 - line_h
            return (x0, y0, x0 + w, y0 + line_h)
        def free(b, x=x, y=y):
            return all(b[2] <= o[0] or o[2] <= b[0] or b[3] <= o[1] or o[3] <= b[1]
                       for o in boxes if not (o[0] < x < o[2] and o[1] < y < o[3]))
        choice = next((o for o in options if free(box(*o))), options[0])
        boxes.append(box(*choice))
        out.append(choice)
    return out


def _overlaps(a, b) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 1 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1


def separate(fig, notes) -> None:
    """Move a point's label to another side of its point where its drawn box overlaps an
    earlier label (measured on the drawn figure, so no label covers another)."""
    fig.draw_without_rendering()  # the layout of a draw, without painting it: the same boxes
    renderer = fig.canvas.get_renderer()
    placed = []
    for note in notes:
        for ha, va in [(note.get_ha(), note.get_va()), ("left", "bottom"), ("right", "bottom"), ("left", "top"),
                       ("right", "top")]:
            note.set_ha(ha)
            note.set_va(va)
            note.xyann = (5 if ha == "left" else -5, 4 if va == "bottom" else -4)
            box = note.get_window_extent(renderer)
            if not any(_overlaps(box, other) for other in placed):
                break
        placed.append(note.get_window_extent(renderer))


CORNER = 1.4  # the groups' names stand this far out (× limit), above and below every point and its label


def quadrant_figure(chapter: Computed, limit: float = 60.0):
    """Scatter of result deviation (x) vs. unit cost deviation (y) per target group, in the
    source's layout (Gruppe 1 bottom left .. Gruppe 4 bottom right). Points beyond ±limit are
    drawn at the edge as triangles with their value in the label. Markers differ by quadrant,
    every point carries its group's name, so nothing relies on colour."""
    ov, tolerance_pct = chapter.overview, chapter.tolerance_pct
    fig, ax = new(figsize=(7.0, 5.6))
    ax.grid(True, axis="both")
    ax.axhspan(-tolerance_pct, tolerance_pct, color="#E8E8E8", zorder=0)
    ax.axvspan(-tolerance_pct, tolerance_pct, color="#E8E8E8", zorder=0)
    ax.axhline(0, color="black", lw=0.8)
    ax.axvline(0, color="black", lw=0.8)
    corner = {2: (-0.97, 0.97, "left", "top"), 3: (0.97, 0.97, "right", "top"),
              1: (-0.97, -0.97, "left", "bottom"), 4: (0.97, -0.97, "right", "bottom")}
    for q, (x, y, ha, va) in corner.items():  # the group names in a band beyond the points' range
        ax.text(x * limit, y * limit * CORNER, f"Gruppe {q}\n{QUADRANTS[q]}", ha=ha, va=va, fontsize=9,
                fontweight="bold", color="#333333")
    markers = {1: "o", 2: "s", 3: "D", 4: "^"}
    points = []
    for rec in ov.dropna(subset=["result_deviation_pct", "deviation_pct"]).to_dict("records"):
        x, y = rec["result_deviation_pct"], rec["deviation_pct"]
        cx, cy = max(-limit, min(limit, x)), max(-limit, min(limit, y))
        clipped = (cx, cy) != (x, y)
        q = int(rec["quadrant"])
        ax.scatter([cx], [cy], marker=">" if clipped else markers[q], s=55, color=PALETTE[q - 1],
                   edgecolor="black", linewidth=0.6, zorder=3)
        label = GROUP_SHORT[rec["group"]]
        if clipped:
            label += f" ({fmt.percent(x, 0, sign=True)}; {fmt.percent(y, 0, sign=True)})"
        points.append((cx, cy, label))
    notes = []
    for (cx, cy, label), (ha, va) in zip(points, label_positions(points, limit, CORNER + 0.02)):
        notes.append(ax.annotate(label, (cx, cy), xytext=(5 if ha == "left" else -5, 4 if va == "bottom" else -4),
                                 textcoords="offset points", ha=ha, va=va, fontsize=8.5, zorder=4,
                                 bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none",
                                           alpha=0.85)))
    ax.set_xlim(-limit * 1.05, limit * 1.05)
    ax.set_ylim(-limit * (CORNER + 0.02), limit * (CORNER + 0.02))
    ax.set_yticks([v for v in ax.get_xticks() if abs(v) <= limit])
    ax.set_xlabel("Afgangsrate til job og uddannelse: afvigelse fra gennemsnittet (%)")
    ax.set_ylabel("Enhedsomkostning: afvigelse fra gennemsnittet (%)")
    danish_ticks(ax, "x")
    danish_ticks(ax, "y")
    separate(fig, notes)  # on the figure as drawn, with its final limits
    return fig


def spread_figure(chapter: Computed):
    """The unit cost of all participating municipalities per target group (one row per group,
    one dot per municipality), the focus drawn as a larger dark diamond and the others' average
    as a vertical bar, so nothing relies on colour. Drawn with seaborn in the book's style."""
    import seaborn as sns

    from ...core.figures import NORDDJURS, PEER
    spread, overview, focus = unit_cost_spread(chapter.inputs), chapter.overview, chapter.focus
    order = list(overview["label"])
    short = dict(zip(overview["label"], [GROUP_SHORT[g] for g in overview["group"]]))
    fig, ax = new(figsize=(7.0, 0.36 * len(order) + 1.2))  # no title: the caption names it
    ax.grid(True, axis="x")
    ax.grid(False, axis="y")
    peers = spread[spread["municipality"] != focus]
    sns.stripplot(data=peers, x="value", y="label", order=order, jitter=False, size=5, color=PEER,
                  alpha=0.7, ax=ax, label="Øvrige kommuner", legend=False)
    pos = {lab: i for i, lab in enumerate(order)}
    ax.scatter(overview["average"], [pos[lab] for lab in overview["label"]], marker="|", s=260, color="black",
               linewidths=2, zorder=3, label="Gennemsnit af de øvrige")
    own = overview.dropna(subset=["unit_cost"])
    ax.scatter(own["unit_cost"], [pos[lab] for lab in own["label"]], marker="D", s=55, color=NORDDJURS,
               edgecolor="black", linewidth=0.8, zorder=4, label=focus)
    ax.set_yticks(range(len(order)), [short[lab] for lab in order])
    ax.set_xlabel("Enhedsomkostning (1.000 kr. pr. fuldtidsperson)")
    ax.set_ylabel("")
    danish_ticks(ax, "x")
    handles, labels = ax.get_legend_handles_labels()
    keep = {lab: h for h, lab in zip(handles, labels)}
    ax.legend([keep[k] for k in (focus, "Gennemsnit af de øvrige", "Øvrige kommuner") if k in keep],
              [k for k in (focus, "Gennemsnit af de øvrige", "Øvrige kommuner") if k in keep],
              loc="lower right", fontsize=8.5)
    return fig
