"""The Train page's settings form: task choice and every hyperparameter, kept in session state."""

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.data import tasks
from core.i18n import N_, _
from core.modeling import models
from core.training import settings as train_settings
from core.training import settings_link
from core.training.form_limits import RANGES
from views.keys import Keys
from views.widgets.help_texts import HELP

MODES = {  # the radio's values (kept in English in session state), shown through _()
    N_("A vs B"): "pair",
    N_("A vs rest"): "rest",
    N_("All ten digits"): "digits",
    N_("Circle vs square"): "shapes",
    N_("Your own two classes"): "folder",
}


def help_for(key: str) -> str:
    """The help text of a control, in the student's language."""
    return _(HELP[key])


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
        values, warnings = settings_link.from_query(st.query_params.to_dict())
        # A malformed or out-of-range value was refused (the field keeps its default) and said in `warnings`.
        task = tasks.parse_task(values["task"])
        remembered = {setting(key): value for key, value in values.items()}
        remembered[Keys.TASK_MODE] = next(m for m, k in MODES.items() if k == task.kind)
        remembered[Keys.DIGIT_A], remembered[Keys.DIGIT_B] = task.digits if task.kind == "pair" else (7, 8)
        remembered[Keys.DIGIT_REST] = task.digits[0] if task.kind == "rest" else 3
        st.session_state[Keys.LINK_NOTES] = warnings  # shown beside Start until a run starts
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


def choose_task() -> tuple[str, list[DeltaGenerator]]:
    """The task radio, then a row whose first two cells hold the task's digit boxes.

    Returns:
        The task string (e.g. ``7-vs-8``, ``3-vs-rest``, ``shapes``) and the row's cells, the last
        one free for the Start button, so it stays near the top of the page.

    """
    kind = MODES[st.radio(_("Task"), list(MODES), key=Keys.TASK_MODE, horizontal=True, help=help_for("task"), format_func=_)]
    row = st.columns([1, 1, 1.3], vertical_alignment="bottom")
    if kind == "pair":
        a = row[0].selectbox(_("Digit A (sigmoid → 0)"), range(10), key=Keys.DIGIT_A)
        b = row[1].selectbox(_("Digit B (sigmoid → 1)"), [d for d in range(10) if d != a], key=Keys.DIGIT_B)
        return f"{a}-vs-{b}", row
    if kind == "rest":
        return f"{row[0].selectbox(_('Digit (sigmoid → 1)'), range(10), key=Keys.DIGIT_REST)}-vs-rest", row
    return kind, row


def number_input(column: DeltaGenerator, label: str, key: str) -> None:
    """A number field whose range is :data:`core.training.form_limits.RANGES` (a link's value outside it is refused)."""
    low, high = RANGES[key]
    number = int if isinstance(train_settings.DEFAULTS[key], int) else float
    column.number_input(
        label, number(low), number(high), key=setting(key), help=help_for(key), format=None if number is int else "%.5g"
    )


def hyperparameters() -> None:
    """Every hyperparameter widget, each bound to its session-state key, in three columns: layers, more layers, training.

    Labels stay short enough for a 1024-pixel-wide screen; the help texts say the rest.
    """
    a, b, c = st.columns(3)
    a.selectbox(
        _("Preset"), train_settings.CHOICES["preset"], key=setting("preset"), on_change=apply_preset, help=help_for("preset")
    )
    a.text_input(_("Filter layers (filters in each)"), key=setting("conv"), help=help_for("conv"))
    a.select_slider(_("Kernel size"), train_settings.CHOICES["kernel"], key=setting("kernel"), help=help_for("kernel"))
    a.select_slider(_("Stride"), train_settings.CHOICES["stride"], key=setting("stride"), help=help_for("stride"))
    a.selectbox(_("Padding"), models.PADDINGS, key=setting("padding"), help=help_for("padding"))
    b.checkbox(_("Shrink after filters"), key=setting("pooling"), help=help_for("pooling"))
    b.select_slider(_("Shrink window"), train_settings.CHOICES["pool_size"], key=setting("pool_size"), help=help_for("pool_size"))
    b.selectbox(_("Activation"), models.ACTIVATIONS, key=setting("activation"), help=help_for("activation"))
    b.text_input(_("Neuron layers (neurons in each)"), key=setting("dense"), help=help_for("dense"))
    b.slider(_("Dropout"), *RANGES["dropout"], step=0.05, key=setting("dropout"), help=help_for("dropout"))
    b.checkbox(_("Wiggle pictures"), key=setting("augment"), help=help_for("augment"))
    c.selectbox(_("Optimizer"), models.OPTIMIZERS, key=setting("optimizer"), help=help_for("optimizer"))
    number_input(c, _("Learning rate (step size)"), "lr")
    number_input(c, _("Batch size (pictures per step)"), "batch")
    number_input(c, _("Epochs (passes over the pictures)"), "epochs")
    c.slider(_("Check pictures (validation split)"), *RANGES["val"], step=0.05, key=setting("val"), help=help_for("val"))
    number_input(c, _("Seed"), "seed")
