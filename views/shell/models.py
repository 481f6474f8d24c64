"""The models every page shares: cached loading through the engine, the active model and the sidebar picker."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.engine.base import ModelRef
from core.engine.model_handle import ModelHandle
from core.i18n import N_, _
from core.storage import registry
from core.storage.describe import classes_text
from core.storage.test_sets import Accuracy, own_test_accuracy, real_test_accuracy
from views.keys import Keys
from views.shell import session as class_session
from views.widgets.numbers import count, pct
from views.widgets.text import plain, quoted

DEFAULT_MODEL = "mnist-7-vs-8"
TEST_SET_WORDS = (N_("the real MNIST test set"), N_("held-out test images"))  # translated where shown


@st.cache_resource(show_spinner=N_("Loading the model…"), max_entries=32)
def _load_classifier(ref: ModelRef) -> ModelHandle:
    return ModelHandle(ref.path)  # the ref's version is the cache key: a re-saved file is loaded afresh


def load_classifier(name_or_path: str) -> ModelHandle:
    """The model by name or path, served by a worker and loaded there once per file version.

    Raises:
        registry.ModelFileError: If it is missing or unusable.

    """
    path = registry.resolve(name_or_path)
    try:
        return _load_classifier(ModelRef.of(path))
    except FileNotFoundError:
        raise registry.ModelFileError(
            _("The model {name} is gone (was it just deleted?).").format(name=repr(path.stem))
        ) from None


def active_model_name() -> str | None:
    """The name of the model picked in the sidebar."""
    return st.session_state.get(Keys.ACTIVE_MODEL)


def active_classifier() -> ModelHandle | None:
    """The active model, or ``None`` after showing why it cannot be used."""
    name = active_model_name()
    if not name:
        st.info(_("No saved model yet: train one on the Train page."))
        return None
    try:
        return load_classifier(name)
    except (registry.ModelFileError, RuntimeError) as error:  # a missing or unusable file, a worker that died: sentences
        st.error(plain(error))
        return None


def _accuracy(accuracy: Accuracy) -> str:
    """``99.5% on 2,002 digits of the real MNIST test set``: a percentage with one decimal at most, plain words."""
    where = accuracy.test_set.replace(" (t10k)", "")
    if accuracy.images and not where[:1].isdigit():
        n = count(accuracy.images)
        where = _("{n} digits of {where}").format(n=n, where=_(where)) if where.startswith("the ") else f"{n} {_(where)}"
    else:
        where = _(where)
    return _("{percent} on {where}").format(percent=pct(accuracy.value), where=where)


def describe_model(metadata: dict[str, Any]) -> str:
    """One line as text (names escaped): task, classes, every test accuracy with its test set and size, the owner in class mode."""
    own, real = own_test_accuracy(metadata), real_test_accuracy(metadata)
    shown = [_accuracy(a) for a in (own, real) if a is not None and not (a is real and own == real)]
    accuracies = _("test accuracy {values}").format(values="; ".join(shown) if shown else _("not measured yet"))
    line = f"{plain(metadata.get('task', '?'))} · {plain(classes_text(metadata))} · {accuracies}"
    owner = metadata.get("owner")
    return _("{line} · by {owner}").format(line=line, owner=plain(owner)) if owner and class_session.mode() == "class" else line


def model_picker() -> None:
    """The sidebar selector shared by all pages: the saved models this session may see."""
    saved = class_session.visible_models()
    names = [m["name"] for m in saved]
    if not names:
        st.sidebar.warning(_("No saved models yet."))
        return
    current = st.session_state.get(Keys.ACTIVE_MODEL)
    if current not in names:
        st.session_state[Keys.ACTIVE_MODEL] = DEFAULT_MODEL if DEFAULT_MODEL in names else names[0]
        if current:  # it was there a moment ago: deleted, perhaps from another tab or by the teacher
            why = _("deleted, or no longer shared with the class") if class_session.mode() == "class" else _("it was deleted")
            st.sidebar.warning(
                _("The model {old} is gone ({why}), so {new} is active now.").format(
                    old=quoted(current), why=why, new=quoted(st.session_state[Keys.ACTIVE_MODEL])
                ),
                icon=":material/info:",
            )
    st.sidebar.selectbox(
        _("Active model"), names, key=Keys.ACTIVE_MODEL, help=_("The model the Draw, Evaluate and Inside pages use.")
    )
    metadata = saved[names.index(st.session_state[Keys.ACTIVE_MODEL])]
    st.sidebar.caption(describe_model(metadata))
