"""A new hall seen from above, for checking it before it is created."""

from __future__ import annotations

import plotly.graph_objects as go

from booth_planner.core.model import Booth


def hall_preview_figure(booths: list[Booth], *, labels: bool | None = None,
                        zone_name: str = "zone", booth_name: str = "booth") -> go.Figure:
    """A top view of booths as outlined rectangles (zoned ones shaded), for checking a new hall.

    One trace per kind of booth keeps a hall of a thousand booths light to draw; booth ids are
    written in the booths when there are few enough to read.
    """
    figure = go.Figure()
    for zoned, name, colour in ((False, booth_name, "#9ecae1"), (True, zone_name, "#fdae6b")):
        chosen = [b for b in booths if bool(b.zone) == zoned]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for b in chosen:
            xs += [b.x, b.x + b.width_m, b.x + b.width_m, b.x, b.x, None]
            ys += [b.y, b.y, b.y + b.depth_m, b.y + b.depth_m, b.y, None]
        if chosen:
            figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", name=name,
                                        line={"color": "#3b5b7a", "width": 1},
                                        fillcolor=colour, hoverinfo="skip"))
    if labels if labels is not None else len(booths) <= 200:
        figure.add_trace(go.Scatter(
            x=[b.x + b.width_m / 2 for b in booths], y=[b.y + b.depth_m / 2 for b in booths],
            text=[b.booth_id for b in booths], mode="text", textfont={"size": 9},
            showlegend=False, hovertemplate="%{text}<extra></extra>",
        ))
    figure.update_yaxes(autorange="reversed", scaleanchor="x", scaleratio=1, title="m")
    figure.update_xaxes(title="m")
    figure.update_layout(margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=360,
                         legend={"orientation": "h"})
    return figure
