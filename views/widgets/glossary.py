"""The lab's words: plain words first, the technical name one click away.

Every page says the plain words ("chance it is an 8", "filter layer", "map of the digits") and offers
the technical name in a tooltip (:func:`tip`) or a "Details" expander; the Glossary page lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass

GLOSSARY_URL = "/glossary"


@dataclass(frozen=True)
class Term:
    """One entry: the plain words the pages use, the technical name, and what it means."""

    plain: str
    technical: str
    meaning: str


TERMS: dict[str, Term] = {
    "sigmoid": Term(
        "the model's answer, from 0 to 1",
        "sigmoid output",
        "The last step of a two-class model squeezes its score into a number between 0 and 1: near 0 means the first class, near 1 the second, near 0.5 it cannot tell.",
    ),
    "chance": Term(
        "chance it is an 8", "P(8), probability", "How likely the model thinks the picture is the second class, from 0% to 100%."
    ),
    "score": Term(
        "the score before the sigmoid",
        "z, logit",
        "The number the model computes before the sigmoid squeezes it: big and positive means the second class, big and negative the first.",
    ),
    "not_sure": Term(
        "not sure",
        "not-confident band",
        "Answers between 20% and 80% (you can move this on the Draw page) are too close to call: the lab says the model is guessing.",
    ),
    "softmax": Term(
        "one chance per digit", "softmax", "For ten digits the model gives each one a chance; the ten chances add up to 100%."
    ),
    "filter_layer": Term(
        "filter layer",
        "Conv2D, convolution",
        "A layer that slides small filters over the picture, each one looking for a pattern such as an edge or a curve.",
    ),
    "pooling": Term(
        "shrink layer",
        "MaxPooling2D",
        "Keeps the strongest value in each small square, so the picture gets smaller and the model cares less about exact positions.",
    ),
    "dense": Term(
        "layer of neurons",
        "Dense, fully connected",
        "Every neuron looks at every number coming in and adds them up with its own weights.",
    ),
    "dropout": Term(
        "forgetting on purpose",
        "Dropout",
        "While training, switches random neurons off so the model cannot lean on just a few of them.",
    ),
    "epoch": Term("one pass over the training pictures", "epoch", "The model has seen every training picture once."),
    "learning_rate": Term(
        "step size",
        "learning rate",
        "How big a step the model takes each time it corrects itself: too big and it jumps around, too small and it learns slowly.",
    ),
    "batch": Term("pictures per step", "batch size", "How many pictures the model looks at before each correction."),
    "loss": Term(
        "how wrong it is",
        "loss, binary cross-entropy",
        "A number that is big when the model is confidently wrong and near 0 when it is right and sure. Training makes it smaller.",
    ),
    "validation": Term(
        "check pictures",
        "validation set",
        "Pictures kept aside while training, to see how the model does on pictures it did not learn from.",
    ),
    "test": Term(
        "test pictures", "test set", "Pictures the model never saw while training, used once at the end to measure it fairly."
    ),
    "real_test": Term(
        "the real MNIST test set",
        "MNIST t10k",
        "The 10,000 official MNIST test digits, written by people who wrote none of the training digits.",
    ),
    "sample": Term(
        "the 5,000 digits that come with the lab",
        "bundled MNIST sample",
        "5,000 real MNIST digits that ship with the lab, so it works without internet.",
    ),
    "augmentation": Term(
        "wiggled copies",
        "data augmentation",
        "While training, each picture is shifted, turned or zoomed a little, so the model learns digits that are not perfectly placed.",
    ),
    "overfitting": Term(
        "learning by heart",
        "overfitting",
        "The model remembers its training pictures instead of learning the idea: it scores high on them and lower on new ones.",
    ),
    "threshold": Term(
        "where it switches answer",
        "threshold",
        "Above this chance the model says the second class; below, the first. 50% unless you move it.",
    ),
    "confusion": Term(
        "right and wrong answers table", "confusion matrix", "A table that counts, for each real class, what the model said."
    ),
    "roc": Term(
        "trade-off curve",
        "ROC curve",
        "Shows how many real 8s are caught against how many 7s are wrongly called 8, for every threshold.",
    ),
    "saliency": Term("where it looked", "saliency map", "Which pixels changed the answer most: bright pixels mattered."),
    "feature_maps": Term(
        "what each filter found",
        "feature maps, activations",
        "The picture after a filter layer: bright where the filter's pattern is.",
    ),
    "latent": Term(
        "map of the digits",
        "PCA / t-SNE of the last hidden layer",
        "Each test digit as a dot, placed by what the model's last hidden layer makes of it: similar digits land close together.",
    ),
    "parameters": Term("numbers the model learns", "parameters, weights", "The numbers inside the model that training adjusts."),
    "sweep": Term(
        "trying many settings at once",
        "hyperparameter sweep",
        "Trains several models, each with different settings, to see which settings work best.",
    ),
    "early_stop": Term(
        "stop weak trials early",
        "ASHA, successive halving",
        "During a sweep, trials that are clearly behind after a few passes are stopped, so the time goes to the good ones.",
    ),
    "engine": Term(
        "where models train",
        "local workers / Ray",
        "The lab trains and runs models in separate worker processes on this computer, or on a Ray cluster.",
    ),
}


def tip(key: str) -> str:
    """A tooltip for a ``help=`` argument: the technical name and its meaning, with the glossary's address."""
    term = TERMS[key]
    return f"**{term.technical}**: {term.meaning} More words in the [glossary]({GLOSSARY_URL})."


def technical(key: str) -> str:
    """The technical name alone (for a "Details" expander)."""
    return TERMS[key].technical
