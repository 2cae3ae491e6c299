"""The least a page can be, for ``bench/page_times.py``: Streamlit's own cost on this machine.

``/`` is a title and nothing else; ``/?chart=1`` adds one small chart (a hall of four booths,
drawn by ``booth_planner.charts`` as the app draws its plans). The app's pages are timed beside
these two, so the figures say how much of a visit is the app's own work.
"""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from bench/
from booth_planner.charts.halls import hall_preview_figure  # noqa: E402
from booth_planner.setup.halls import HallSpec, grid_hall  # noqa: E402

st.set_page_config(page_title="baseline", layout="wide")
st.title("Baseline")
if st.query_params.get("chart"):
    hall = grid_hall(HallSpec(hall="Hall A", rows=2, columns=2, booth_width_m=3.0,
                              booth_depth_m=3.0, aisle_every=0, aisle_m=0.0, prefix="A"))
    st.plotly_chart(hall_preview_figure(hall))
