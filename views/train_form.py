"""The Train page's settings form: task choice and every hyperparameter, kept in session state."""

import streamlit as st

from core.data import tasks
from core.modeling import models
from core.training import settings as train_settings
from views.help_texts import HELP
from views.keys import Keys

MODES = {
    "A vs B": "pair",
    "A vs rest": "rest",
    "All ten digits": "digits",
    "Circle vs square": "shapes",
    "Your own two classes": "folder",
}


def setting(key: str) -> str:
    """The widget key of a ``core.training.settings`` key."""
    return Keys.SETTING_PREFIX + key


def widget_keys() -> list[str]:
    """Every widget key of the form."""
    return [setting(key) for key in train_settings.DEFAULTS] + [Keys.TASK_MODE, Keys.DIGIT_A, Keys.DIGIT_B, Keys.DIGIT_REST]


def init_settings() -> None:
    """Restores the form: from the link's settings on a session's first visit, else as it was left.

    Streamlit forgets a widget's value once a run goes by without it (any other page), so the
    values are kept in a plain session-state entry too and put back when the page returns.
    """
    remembered = st.session_state.get(Keys.SETTINGS_MEMORY)
    if remembered is None:
        values, warnings = train_settings.from_query(st.query_params.to_dict())
        task = tasks.parse_task(values["task"])
        remembered = {setting(key): value for key, value in values.items()}
        remembered[Keys.TASK_MODE] = next(m for m, k in MODES.items() if k == task.kind)
        remembered[Keys.DIGIT_A], remembered[Keys.DIGIT_B] = task.digits if task.kind == "pair" else (7, 8)
        remembered[Keys.DIGIT_REST] = task.digits[0] if task.kind == "rest" else 3
        for warning in warnings:
            st.toast(warning)
    for key, value in remembered.items():
        if key not in st.session_state:
            st.session_state[key] = value


def remember_settings() -> None:
    """Keeps the form's values beyond the widgets' lifetime (see :func:`init_settings`)."""
    st.session_state[Keys.SETTINGS_MEMORY] = {key: st.session_state[key] for key in widget_keys() if key in st.session_state}


def apply_preset() -> None:
    """Fills the form with the picked preset's settings (the preset box's callback)."""
    for key, value in train_settings.preset_settings(st.session_state[setting("preset")]).items():
        st.session_state[setting(key)] = value


def choose_task() -> str:
    """The task widgets; returns the task string, e.g. ``7-vs-8`` or ``3-vs-rest``."""
    kind = MODES[st.radio("Task", list(MODES), key=Keys.TASK_MODE, horizontal=True, help=HELP["task"])]
    if kind == "pair":
        left, right = st.columns(2)
        a = left.selectbox("Digit A (sigmoid → 0)", range(10), key=Keys.DIGIT_A)
        b = right.selectbox("Digit B (sigmoid → 1)", [d for d in range(10) if d != a], key=Keys.DIGIT_B)
        return f"{a}-vs-{b}"
    if kind == "rest":
        return f"{st.selectbox('Digit (sigmoid → 1)', range(10), key=Keys.DIGIT_REST)}-vs-rest"
    return kind


def hyperparameters() -> None:
    """Every hyperparameter widget, each bound to its session-state key."""
    st.selectbox("Preset", train_settings.CHOICES["preset"], key=setting("preset"), on_change=apply_preset, help=HELP["preset"])
    a, b = st.columns(2)
    a.text_input("Convolution filters per block", key=setting("conv"), help=HELP["conv"])
    a.select_slider("Kernel size", [1, 2, 3, 4, 5, 7], key=setting("kernel"), help=HELP["kernel"])
    a.select_slider("Stride", [1, 2, 3], key=setting("stride"), help=HELP["stride"])
    a.selectbox("Padding", models.PADDINGS, key=setting("padding"), help=HELP["padding"])
    a.checkbox("Max pooling after each convolution", key=setting("pooling"), help=HELP["pooling"])
    a.select_slider("Pooling size", [2, 3, 4], key=setting("pool_size"), help=HELP["pool_size"])
    a.selectbox("Activation", models.ACTIVATIONS, key=setting("activation"), help=HELP["activation"])
    a.text_input("Dense units", key=setting("dense"), help=HELP["dense"])
    b.slider("Dropout", 0.0, 0.9, step=0.05, key=setting("dropout"), help=HELP["dropout"])
    b.selectbox("Optimizer", models.OPTIMIZERS, key=setting("optimizer"), help=HELP["optimizer"])
    b.number_input("Learning rate", 1e-6, 1000.0, format="%.5g", key=setting("lr"), help=HELP["lr"])
    b.number_input("Batch size", 1, 8192, key=setting("batch"), help=HELP["batch"])
    b.number_input("Epochs", 1, 500, key=setting("epochs"), help=HELP["epochs"])
    b.slider("Validation split", 0.0, 0.5, step=0.05, key=setting("val"), help=HELP["val"])
    b.number_input("Seed", 0, 2**31 - 1, key=setting("seed"), help=HELP["seed"])
    b.checkbox("Augment (shift, rotate, zoom)", key=setting("augment"), help=HELP["augment"])
