"""The data every page shares: datasets cached across reruns and sessions, and which MNIST source is active."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core import i18n
from core.data import datasets as data
from core.data import mnist
from core.engine import get_engine
from core.i18n import N_


def load_dataset(
    task: str, data_choice: str = "auto", validation_split: float = 0.1, seed: int = 0, **options: Any
) -> data.Dataset:
    """:func:`core.data.datasets.load_dataset`, cached across reruns and sessions (per language: it carries a sentence).

    Class folders are read with TensorFlow, so a worker reads them; digits and shapes are numpy.
    """
    return _load_dataset(i18n.current(), task, data_choice, validation_split, seed, **options)


@st.cache_data(show_spinner=N_("Loading digits…"), max_entries=8)
def _load_dataset(language: str, task: str, data_choice: str, validation_split: float, seed: int, **options: Any) -> data.Dataset:
    i18n.use(language)  # the cached call may run in a thread of its own
    if task == "folder":
        return get_engine().call("load_dataset", task, data_choice, validation_split, seed, **options)
    return data.load_dataset(task, data_choice, validation_split, seed, **options)


def data_source_summary() -> tuple[str, str]:
    """Which MNIST source is active: ``(description, notice)``, in the language in use."""
    return _source_summary(i18n.current())


@st.cache_data(show_spinner=N_("Finding MNIST…"))
def _source_summary(language: str) -> tuple[str, str]:
    i18n.use(language)
    source = mnist.load_mnist("auto")
    return source.description, source.notice
