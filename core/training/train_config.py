"""Everything that decides a training run, as one plain, serialisable value."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from core.data import tasks
from core.modeling.config import ModelConfig
from core.modeling.limits import MAX_PARAMETERS, check_size
from core.modeling.validation import check_optimizer

if TYPE_CHECKING:
    from core.data.datasets import Dataset


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a training run; the same config and seed give the same model.

    Attributes:
        task: ``7-vs-8``, ``3-vs-rest``, ``digits``, ``shapes`` or ``folder``.
        data: ``auto``, ``full``, ``sample`` or a path (see :func:`core.data.datasets.load_dataset`).
        model: The architecture (augmentation included).
        epochs: Passes over the training images.
        batch_size: Images per weight update.
        learning_rate: Step size of the optimizer.
        optimizer: ``adam``, ``sgd`` or ``rmsprop``.
        validation_split: Fraction of training images held out to watch for overfitting.
        seed: Seed for weights, shuffling, splits and augmentation.
        early_stopping: Stop after this many epochs without a better validation loss (0 = off).
        balance: For ``A-vs-rest``: as many "rest" digits as A digits.
        test_data: Optional IDX folder or ``.npz`` used as the test split (never trained on).
        shapes_count: Number of generated shapes for the ``shapes`` task.

    """

    task: str = "7-vs-8"
    data: str = "auto"
    model: ModelConfig = field(default_factory=ModelConfig)
    epochs: int = 3
    batch_size: int = 64
    learning_rate: float = 1e-3
    optimizer: str = "adam"
    validation_split: float = 0.1
    seed: int = 0
    early_stopping: int = 0
    balance: bool = False
    test_data: str | None = None
    shapes_count: int = 2000

    def validate(self, max_parameters: int = MAX_PARAMETERS) -> None:
        """Checks the numbers, and the network's size, before any work starts.

        Args:
            max_parameters: The largest network allowed (see :mod:`core.modeling.limits`).

        Raises:
            ValueError: With a sentence naming the bad setting, or the network's size and the limit.

        """
        tasks.parse_task(self.task)
        if self.epochs < 1:
            raise ValueError("Train for at least 1 epoch (one pass over the training images).")
        if self.batch_size < 1:
            raise ValueError("The batch size must be at least 1 image.")
        check_optimizer(self.optimizer, self.learning_rate)
        if not 0 <= self.validation_split < 1:
            raise ValueError("The validation split must be a fraction from 0 up to (not including) 1.")
        if self.early_stopping < 0:
            raise ValueError("Early stopping patience cannot be negative (0 turns it off).")
        check_size(self.model, max_parameters)

    @property
    def summary(self) -> str:
        """One line for legends and headings: task, layers, learning rate, batch size."""
        model = self.model
        if model.conv_filters:
            layers = f"conv {'-'.join(map(str, model.conv_filters))}"
        else:
            layers = f"dense {'-'.join(map(str, model.dense_units))}"
        return f"{self.task} · {layers} · lr {self.learning_rate:g} · batch {self.batch_size}"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        values = asdict(self)
        values["model"] = self.model.to_dict()
        return values

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainConfig:
        """Inverse of :meth:`to_dict` (unknown keys are ignored)."""
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__ and k != "model"}
        return cls(model=ModelConfig.from_dict(values.get("model", {})), **known)


def check_fits(config: TrainConfig, dataset: Dataset) -> None:
    """Checks the settings against the data they will train on.

    Raises:
        ValueError: If a batch would need more images than the training split has.

    """
    if config.batch_size > len(dataset.x_train):
        raise ValueError(
            f"The batch size ({config.batch_size}) is larger than the {len(dataset.x_train)} training images; "
            f"choose at most {len(dataset.x_train)}."
        )


def fit_to_data(config: TrainConfig, dataset: Dataset) -> ModelConfig:
    """The model config adjusted to the data: its image shape and number of classes."""
    return replace(config.model, input_shape=dataset.input_shape, num_classes=dataset.task.num_classes)


def fit_config(config: TrainConfig, dataset: Dataset, data: str = "auto") -> tuple[TrainConfig, str]:
    """The run's config for this data: its image shape, where the data is, a batch that fits.

    Args:
        config: The settings as typed.
        dataset: The data the run will train on.
        data: ``auto`` for a built-in task, else the folder of the student's own pictures.

    Returns:
        ``(config, note)``: the config, and a sentence if the batch size changed (else ``""``).

    Raises:
        ValueError: With a sentence for a setting that cannot train on this data.

    """
    from core.training.form_limits import fit_batch

    batch, note = fit_batch(config.batch_size, len(dataset.x_train))
    model = replace(config.model, input_shape=dataset.input_shape)
    config = replace(config, data=data, batch_size=batch, model=model)
    check_fits(config, dataset)
    return config, note
