"""The hyperparameters a sweep may vary: their names in words, their type, their limits, and parsing.

Each one is a key of :data:`core.training.settings.DEFAULTS`, so a trial's settings are the Train
page's settings with a few values replaced. Epochs are not here: a sweep's budget sets them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.i18n import N_, _
from core.modeling.config import ACTIVATIONS, OPTIMIZERS, PADDINGS
from core.training.settings import number_text
from core.training.settings_link import shown


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
    def words(self) -> str:
        """Its name in words, in the student's language (``label`` stays English: table columns, link keys)."""
        return _(self.label)

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
            raise ValueError(
                _("{value} is not a {setting} value; {accepts}.").format(
                    value=shown(raw), setting=self.words, accepts=self.accepts
                )
            ) from None
        self.check(value)
        return value

    def check(self, value: Any) -> None:
        """Raises a ValueError with a sentence if ``value`` is outside what this knob allows."""
        if self.numeric and not self.low <= value <= self.high:
            raise ValueError(
                _("A {setting} of {value} is outside what the lab allows; {accepts}.").format(
                    setting=self.words, value=number_text(value), accepts=self.accepts
                )
            )
        if self.kind == "choice" and value not in self.choices:
            raise ValueError(
                _("{value} is not a {setting}; {accepts}.").format(value=shown(value), setting=self.words, accepts=self.accepts)
            )

    @property
    def accepts(self) -> str:
        """What this knob accepts, as the end of a sentence."""
        if self.numeric:
            return _("use numbers from {low} to {high}").format(low=number_text(self.low), high=number_text(self.high))
        if self.kind == "choice":
            return _("choose from {choices}").format(choices=", ".join(self.choices))
        if self.kind == "bool":
            return _("use on or off")
        return _("use whole numbers separated by commas, like 32,64 (or nothing for no such layers)")


HYPERPARAMETERS: dict[str, Hyperparameter] = {
    p.key: p
    for p in (
        Hyperparameter("lr", N_("learning rate"), "float", 1e-6, 10.0, log=True),
        Hyperparameter("batch", N_("batch size"), "int", 1, 4096, log=True),
        Hyperparameter("dropout", N_("dropout"), "float", 0.0, 0.9),
        Hyperparameter("optimizer", N_("optimizer"), "choice", choices=OPTIMIZERS),
        Hyperparameter("conv", N_("convolution filters"), "units"),
        Hyperparameter("dense", N_("dense units"), "units"),
        Hyperparameter("kernel", N_("kernel size"), "int", 1, 9),
        Hyperparameter("stride", N_("stride"), "int", 1, 4),
        Hyperparameter("padding", N_("padding"), "choice", choices=PADDINGS),
        Hyperparameter("pooling", N_("pooling"), "bool"),
        Hyperparameter("pool_size", N_("pooling size"), "int", 1, 4),
        Hyperparameter("activation", N_("activation"), "choice", choices=ACTIVATIONS),
        Hyperparameter("augment", N_("augmentation"), "bool"),
        Hyperparameter("val", N_("validation split"), "float", 0.0, 0.5),
        Hyperparameter("seed", N_("seed"), "int", 0, 2**31 - 1),
    )
}


def hyperparameter(key: str) -> Hyperparameter:
    """The knob called ``key``.

    Raises:
        ValueError: If a sweep cannot vary it.

    """
    if key not in HYPERPARAMETERS:
        raise ValueError(
            _("A sweep cannot vary {key}; choose from {keys}.").format(key=shown(key), keys=", ".join(HYPERPARAMETERS))
        )
    return HYPERPARAMETERS[key]
