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
