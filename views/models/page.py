"""Models: the models this session may see in a table; curves and details; set active, download, publish, upload, delete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from core.classroom import ownership, permissions
from core.classroom.identity import Identity
from core.i18n import N_, _
from views.keys import Keys
from views.models.table import models_table
from views.models.upload import upload_form
from views.shell import session as class_session
from views.shell.models import active_model_name, describe_model
from views.widgets import palette
from views.widgets.flash import flash, show_flash
from views.widgets.model_actions import publish
from views.widgets.numbers import pct
from views.widgets.text import plain

TRAINING, CHECK = N_("training"), N_("check (validation)")
TITLES = {"loss": N_("Loss"), "accuracy": N_("Accuracy")}


def activate(name: str) -> None:
    """Makes ``name`` the active model (a button callback: it runs before the sidebar picker is drawn)."""
    st.session_state[Keys.ACTIVE_MODEL] = name
    flash(
        Keys.MODELS_MESSAGE,
        "success",
        _("{name} is now the active model: the Draw, Evaluate and Inside pages use it.").format(name=name),
    )


def delete(name: str) -> None:
    """Deletes a saved model if this session may, and leaves a message for the next run (a button callback)."""
    try:
        ownership.delete_model(class_session.database(), class_session.current_identity(), name)
    except (ValueError, OSError) as error:  # PermissionRefused, ModelFileError, a read-only folder
        flash(Keys.MODELS_MESSAGE, "error", str(error))
        return
    flash(Keys.MODELS_MESSAGE, "success", _("Deleted {name}.").format(name=name))
    st.session_state.pop(Keys.MODELS_CONFIRM_DELETE, None)


def model_actions(metadata: dict[str, Any], who: Identity) -> None:
    """Publish (the teacher, in class mode) and delete, or the sentence saying why not."""
    name, kind, owner = metadata["name"], metadata.get("kind", "own"), metadata.get("owner", "")
    if who.mode == "class" and who.role == "teacher" and kind != "shipped":
        shared = metadata.get("visibility") == "class"
        label = _("Take back from the class") if shared else _("Publish to the class")
        st.button(label, icon=":material/share:", on_click=publish, args=(name, not shared), key=Keys.MODELS_PUBLISH)
    refusal = permissions.refusal(who.role, "delete", kind, name, owner)
    if refusal:
        st.caption(plain(refusal))
        return
    confirm = st.checkbox(_("Yes, delete {name} for good").format(name=plain(name)), key=Keys.MODELS_CONFIRM_DELETE)
    st.button(_("Delete"), on_click=delete, args=(name,), disabled=not confirm, key=Keys.MODELS_DELETE)


def curve_rows(history: list[dict], metric: str) -> pd.DataFrame:
    """Training and validation ``metric`` per epoch from a model's stored history (accuracy in %)."""
    scale = 100 if metric == "accuracy" else 1
    rows = [
        {"epoch": epoch, "pictures": split, "value": scale * float(record[key])}
        for epoch, record in enumerate(history, start=1)
        for key, split in ((metric, _(TRAINING)), (f"val_{metric}", _(CHECK)))
        if key in record
    ]
    return pd.DataFrame(rows, columns=["epoch", "pictures", "value"])


def curves(history: list[dict], metric: str) -> alt.Chart:
    """Training and validation ``metric`` per epoch: titled axes with units, accuracy on 0–100%, Okabe–Ito colours."""
    frame = curve_rows(history, metric)
    if metric == "accuracy":
        y = alt.Y("value:Q", title=_("accuracy (%)"), scale=alt.Scale(domain=[0, 100]))
    elif len(frame) and frame.value.max() > 10:
        y = alt.Y("value:Q", title=_("loss (how wrong, log scale)"), scale=alt.Scale(type="symlog"))
    else:
        y = alt.Y("value:Q", title=_("loss (how wrong it is)"), scale=alt.Scale(zero=True))
    colours = alt.Scale(domain=[_(TRAINING), _(CHECK)], range=[palette.BLUE, palette.VERMILLION])
    chart = alt.Chart(frame).mark_line(point=True)
    chart = chart.encode(
        x=alt.X("epoch:Q", title=_("epoch (passes over the training pictures)"), axis=alt.Axis(tickMinStep=1)),
        y=y,
        color=alt.Color("pictures:N", scale=colours, legend=alt.Legend(orient="top", title=None)),
        shape=alt.Shape("pictures:N", legend=None),
        tooltip=[
            alt.Tooltip("pictures:N", title=_("pictures")),
            alt.Tooltip("epoch:Q", title=_("epoch")),
            alt.Tooltip("value:Q", title=_(TITLES[metric]), format=".3f"),
        ],
    )
    return chart.properties(height=240, title=_(TITLES[metric]))


def curves_sentence(history: list[dict]) -> str:
    """What the two charts show and their last values."""
    last = history[-1]
    values = {"epochs": len(history), "loss": f"{float(last.get('loss', 0)):.3f}"}
    values |= {"accuracy": pct(last.get("accuracy")), "check": pct(last.get("val_accuracy"))}
    if "accuracy" in last and "val_accuracy" in last:
        text = _(
            "How it learnt, epoch by epoch: after {epochs} epochs, loss {loss}, accuracy on its training pictures "
            "{accuracy}, on the check pictures {check}."
        )
    elif "accuracy" in last:
        text = _(
            "How it learnt, epoch by epoch: after {epochs} epochs, loss {loss}, accuracy on its training pictures {accuracy}."
        )
    else:
        text = _("How it learnt, epoch by epoch: after {epochs} epochs, loss {loss}.")
    return text.format(**values)


def models_page() -> None:
    """The Models page: every saved model in a table, the picked one's details and actions, and an upload form."""
    st.title(_(":material/folder_open: Saved models"))
    show_flash(Keys.MODELS_MESSAGE)

    who = class_session.current_identity()
    saved = class_session.visible_models()
    if saved and who is not None:
        models_table(saved, who.mode == "class")
        names = [m["name"] for m in saved]
        current = active_model_name()
        name = st.selectbox(_("Model"), names, index=names.index(current) if current in names else 0, key=Keys.MODELS_SELECTED)
        metadata = saved[names.index(name)]
        st.caption(describe_model(metadata))
        buttons = st.columns(3)
        buttons[0].button(
            _("Set active"), on_click=activate, args=(name,), disabled=name == current, type="primary", key=Keys.MODELS_ACTIVATE
        )
        keras_path = Path(metadata["path"])
        buttons[1].download_button(_("Download .keras"), keras_path.read_bytes(), f"{name}.keras", "application/octet-stream")
        buttons[2].download_button(
            _("Download metadata .json"), keras_path.with_suffix(".json").read_bytes(), f"{name}.json", "application/json"
        )
        history = metadata.get("history") or []
        if history:
            for column, metric in zip(st.columns(2), ("loss", "accuracy"), strict=True):
                column.altair_chart(curves(history, metric), width="stretch", height=300)
            st.caption(curves_sentence(history))
            with st.expander(_("The numbers in the charts")):
                numbers = [curve_rows(history, m).assign(measure=m) for m in ("loss", "accuracy")]
                table = pd.concat(numbers, ignore_index=True)
                table["value"] = [
                    pct(v / 100) if m == "accuracy" else f"{v:.3f}" for v, m in zip(table.value, table.measure, strict=True)
                ]
                table["measure"] = table.measure.map(lambda m: _(TITLES[m]))
                headers = {"epoch": _("epoch"), "pictures": _("pictures"), "value": _("value"), "measure": _("measure")}
                st.dataframe(table.rename(columns=headers), hide_index=True, width="stretch")
        else:
            st.caption(_("No training history is stored for this model."))
        with st.expander(_("Details")):
            st.json({k: v for k, v in metadata.items() if k not in ("history", "path", "modified")}, expanded=False)
        model_actions(metadata, who)
    else:
        st.info(_("No saved models yet: train one on the Train page, or upload one below."))

    upload_form()
