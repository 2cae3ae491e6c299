"""Gallery charts: the spread of members' total turns, and regions shown per period."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go


def turns_spread(ledger: pd.DataFrame, title: str, x_label: str, y_label: str) -> go.Figure:
    """How many members have each total of turns (a narrow spread is a fair rotation)."""
    counts = ledger["total"].value_counts().sort_index() if not ledger.empty else pd.Series()
    figure = go.Figure(go.Bar(x=[str(v) for v in counts.index], y=counts.values,
                              marker_color="#2e7d32"))
    figure.update_layout(title=title, xaxis_title=x_label, yaxis_title=y_label,
                         height=320, margin=dict(l=40, r=20, t=50, b=40))
    return figure


def regions_by_period(frame: pd.DataFrame, title: str, x_label: str, y_label: str) -> go.Figure:
    """Distinct regions shown in each period."""
    figure = go.Figure(go.Bar(x=frame["period_id"], y=frame["regions"], marker_color="#1565c0"))
    figure.update_layout(title=title, xaxis_title=x_label, yaxis_title=y_label,
                         height=320, margin=dict(l=40, r=20, t=50, b=40))
    return figure


def periods_shown_by_region(table: pd.DataFrame, periods: int, title: str, x_label: str,
                            y_label: str) -> go.Figure:
    """Per region of the gallery's area, the periods it is on show (a bar at zero: never seen)."""
    shown = table.sort_values(["periods_shown", "code"], ascending=[True, True], kind="stable")
    colours = ["#c62828" if v == 0 else "#2e7d32" for v in shown["periods_shown"]]
    figure = go.Figure(go.Bar(
        x=shown["periods_shown"], y=shown["name"], orientation="h", marker_color=colours,
        customdata=shown[["members", "turns"]].to_numpy(),
        hovertemplate="%{y}: %{x} / " + str(periods) + "<br>%{customdata[0]} · %{customdata[1]}"
                      "<extra></extra>"))
    figure.update_layout(title=title, xaxis_title=x_label, yaxis_title=y_label,
                         xaxis_range=[0, max(periods, 1)],
                         height=max(280, 26 * len(shown) + 110), margin=dict(l=40, r=20, t=50, b=40))
    return figure
