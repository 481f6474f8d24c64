"""The hyperparameters a sweep may vary: their names in words, their type, their limits, and parsing.

Each one is a key of :data:`core.training.settings.DEFAULTS`, so a trial's settings are the Train
page's settings with a few values replaced. Epochs are not here: a sweep's budget sets them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.modeling.config import ACTIVATIONS, OPTIMIZERS, PADDINGS
from core.training.settings import number_text, shown


@dataclass(frozen=True)
class Hyperparameter:
    """One knob a sweep can turn.

    Attributes:
        key: Its key in the Train page's settings.
        label: Its name in words.
        kind: ``float``, ``int``, ``choice``, ``bool`` or ``units`` (layer sizes like ``32,64``).
        low, high: Allowed numbers (``float`` and ``int`` only).
        log: A random range is sampled evenly in powers of ten (learning rates, batch sizes).
        choices: The allowed words of a ``choice``.

    """

    key: str
    label: str
    kind: str
    low: float = 0.0
    high: float = 0.0
    log: bool = False
    choices: tuple[str, ...] = ()

    @property
    def numeric(self) -> bool:
        """True if it takes a range (for random search)."""
        return self.kind in ("float", "int")

    def parse(self, text: Any) -> Any:
        """One value, from a typed or linked text (or a value already of the right type).

        Raises:
            ValueError: With a sentence naming the knob and what it accepts.

        """
        raw = str(text).strip()
        try:
            if self.kind == "float":
                value: Any = float(raw)
            elif self.kind == "int":
                value = int(float(raw)) if float(raw).is_integer() else int(raw)
            elif self.kind == "bool":
                if raw.lower() not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                    raise ValueError
                value = raw.lower() in ("1", "true", "yes", "on")
            elif self.kind == "units":
                value = ",".join(str(int(part)) for part in raw.replace(" ", ",").split(",") if part)
            else:
                value = raw
        except ValueError:
            raise ValueError(f"{shown(raw)} is not a {self.label} value; {self.accepts}.") from None
        self.check(value)
        return value

    def check(self, value: Any) -> None:
        """Raises a ValueError with a sentence if ``value`` is outside what this knob allows."""
        if self.numeric and not self.low <= value <= self.high:
            raise ValueError(f"A {self.label} of {number_text(value)} is outside what the lab allows; {self.accepts}.")
        if self.kind == "choice" and value not in self.choices:
            raise ValueError(f"{shown(value)} is not a {self.label}; {self.accepts}.")

    @property
    def accepts(self) -> str:
        """What this knob accepts, as the end of a sentence."""
        if self.numeric:
            return f"use numbers from {number_text(self.low)} to {number_text(self.high)}"
        if self.kind == "choice":
            return f"choose from {', '.join(self.choices)}"
        if self.kind == "bool":
            return "use on or off"
        return "use whole numbers separated by commas, like 32,64 (or nothing for no such layers)"


HYPERPARAMETERS: dict[str, Hyperparameter] = {
    p.key: p
    for p in (
        Hyperparameter("lr", "learning rate", "float", 1e-6, 10.0, log=True),
        Hyperparameter("batch", "batch size", "int", 1, 4096, log=True),
        Hyperparameter("dropout", "dropout", "float", 0.0, 0.9),
        Hyperparameter("optimizer", "optimizer", "choice", choices=OPTIMIZERS),
        Hyperparameter("conv", "convolution filters", "units"),
        Hyperparameter("dense", "dense units", "units"),
        Hyperparameter("kernel", "kernel size", "int", 1, 9),
        Hyperparameter("stride", "stride", "int", 1, 4),
        Hyperparameter("padding", "padding", "choice", choices=PADDINGS),
        Hyperparameter("pooling", "pooling", "bool"),
        Hyperparameter("pool_size", "pooling size", "int", 1, 4),
        Hyperparameter("activation", "activation", "choice", choices=ACTIVATIONS),
        Hyperparameter("augment", "augmentation", "bool"),
        Hyperparameter("val", "validation split", "float", 0.0, 0.5),
        Hyperparameter("seed", "seed", "int", 0, 2**31 - 1),
    )
}


def hyperparameter(key: str) -> Hyperparameter:
    """The knob called ``key``.

    Raises:
        ValueError: If a sweep cannot vary it.

    """
    if key not in HYPERPARAMETERS:
        raise ValueError(f"A sweep cannot vary {shown(key)}; choose from {', '.join(HYPERPARAMETERS)}.")
    return HYPERPARAMETERS[key]
