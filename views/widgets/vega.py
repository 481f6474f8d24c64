"""Vega-Lite templates for any page's charts: build a chart once, then fill only its moving part on each rerun.

Building and validating an Altair chart costs ~50–100 ms here; filling a cached template costs
nothing, and an unchanged spec lets the browser update the data in place.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

# Stretch to the column's width but keep the height asked for (Streamlit would otherwise squash it).
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
POINT = "point"  # the named dataset a template's moving part reads
Data = pd.DataFrame | alt.NamedData


def filled(template: dict[str, Any], rows: pd.DataFrame) -> dict[str, Any]:
    """A copy of a cached Vega-Lite template with its :data:`POINT` dataset set to ``rows`` (the template is unchanged)."""
    return {**template, "datasets": {**template.get("datasets", {}), POINT: rows}}


def field(name: str) -> str:
    """A column name as a Vega-Lite field: ``.``, ``[``, ``]`` and backslashes escaped (else they mean nested access).

    Class names reach charts as titles and values, never as field names; this is for a column that must carry one.
    A ``:`` is safe only in ``alt.X(field=...)`` (the shorthand ``"a:b:Q"`` would read ``b`` as the type).
    """
    return "".join("\\" + c if c in ".[]\\" else c for c in str(name))
