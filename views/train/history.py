"""The Train page's "Your runs": the session's runs in a table, and chosen runs' validation curves side by side."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from core.training.run_history import RunHistory

COMPARE_HEIGHT = 240


def comparison_chart(frame: pd.DataFrame, metric: str, legend: bool) -> alt.Chart:
    """One metric's per-epoch curves, one colour per run, the axes zoomed to the values plotted.

    Args:
        frame: :meth:`core.training.run_history.RunHistory.comparison` rows of one metric.
        metric: Its name, the chart's title.
        legend: Whether to show which colour is which run (under the chart, as wide as the page).

    Returns:
        Lines with a dot at each epoch; a loss that reached the billions gets a log scale.

    """
    huge = frame.value.max() > 10
    scale = alt.Scale(type="symlog") if huge else alt.Scale(zero=False, nice=False, padding=8)
    return (
        alt.Chart(frame, title=metric.capitalize())
        .mark_line(point=True)
        .encode(
            x=alt.X("epoch:Q", title="epoch", scale=alt.Scale(zero=False, nice=False, padding=8), axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("value:Q", title=None, scale=scale),
            color=alt.Color(
                "run:N", legend=alt.Legend(orient="bottom", direction="vertical", title=None, labelLimit=0) if legend else None
            ),
            tooltip=["run", alt.Tooltip("epoch:Q", format=".0f"), alt.Tooltip("value:Q", format=".4f")],
        )
    )


def run_history_panel(history: RunHistory) -> None:
    """The table of this session's runs and the chosen runs' validation loss and accuracy side by side."""
    if not history.runs:
        return
    st.subheader("Your runs")
    st.dataframe(history.table(), hide_index=True, width="stretch")
    numbers = st.multiselect(
        "Compare runs (validation loss and accuracy)",
        [run.number for run in history.runs],
        default=[run.number for run in history.runs[-2:]],
        format_func=lambda n: history.runs[n - 1].label,
    )
    frame = history.comparison(numbers)
    if frame.empty:
        st.caption("Runs without a validation split, or that ended before their first epoch, have no validation curve.")
        return
    st.caption("Each run is named by the settings that differ between the runs you compare.")
    for metric, legend in (("validation loss", False), ("validation accuracy", True)):
        chart = comparison_chart(frame[frame.metric == metric], metric, legend)
        st.altair_chart(chart, width="stretch", height=COMPARE_HEIGHT + (20 * frame.run.nunique() if legend else 0))
