"""The lab's words: plain words first, the technical name one click away.

Every page says the plain words ("chance it is an 8", "filter layer", "map of the digits") and offers
the technical name in a tooltip (:func:`tip`) or a "Details" expander; the Glossary page lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from core import i18n
from core.i18n import N_, _

GLOSSARY_URL = "/glossary"


@dataclass(frozen=True)
class Term:
    """One entry: the plain words the pages use, the technical name, and what it means."""

    plain: str
    technical: str
    meaning: str


TERMS: dict[str, Term] = {
    "sigmoid": Term(
        N_("the model's answer, from 0 to 1"),
        N_("sigmoid output"),
        N_(
            "The last step of a two-class model squeezes its score into a number between 0 and 1: near 0 means the first class, near 1 the second, near 0.5 it cannot tell."
        ),
    ),
    "chance": Term(
        N_("chance it is an 8"),
        N_("P(8), probability"),
        N_("How likely the model thinks the picture is the second class, from 0% to 100%."),
    ),
    "score": Term(
        N_("the score before the sigmoid"),
        N_("z, logit"),
        N_(
            "The number the model computes before the sigmoid squeezes it: big and positive means the second class, big and negative the first."
        ),
    ),
    "not_sure": Term(
        N_("not sure"),
        N_("not-confident band"),
        N_(
            "Answers between 20% and 80% (you can move this on the Draw page) are too close to call: the lab says the model is guessing."
        ),
    ),
    "softmax": Term(
        N_("one chance per digit"),
        N_("softmax"),
        N_("For ten digits the model gives each one a chance; the ten chances add up to 100%."),
    ),
    "filter_layer": Term(
        N_("filter layer"),
        N_("Conv2D, convolution"),
        N_("A layer that slides small filters over the picture, each one looking for a pattern such as an edge or a curve."),
    ),
    "pooling": Term(
        N_("shrink layer"),
        N_("MaxPooling2D"),
        N_(
            "Keeps the strongest value in each small square, so the picture gets smaller and the model cares less about exact positions."
        ),
    ),
    "dense": Term(
        N_("layer of neurons"),
        N_("Dense, fully connected"),
        N_("Every neuron looks at every number coming in and adds them up with its own weights."),
    ),
    "dropout": Term(
        N_("forgetting on purpose"),
        N_("Dropout"),
        N_("While training, switches random neurons off so the model cannot lean on just a few of them."),
    ),
    "epoch": Term(N_("one pass over the training pictures"), N_("epoch"), N_("The model has seen every training picture once.")),
    "learning_rate": Term(
        N_("step size"),
        N_("learning rate"),
        N_(
            "How big a step the model takes each time it corrects itself: too big and it jumps around, too small and it learns slowly."
        ),
    ),
    "batch": Term(N_("pictures per step"), N_("batch size"), N_("How many pictures the model looks at before each correction.")),
    "loss": Term(
        N_("how wrong it is"),
        N_("loss, binary cross-entropy"),
        N_(
            "A number that is big when the model is confidently wrong and near 0 when it is right and sure. Training makes it smaller."
        ),
    ),
    "validation": Term(
        N_("check pictures"),
        N_("validation set"),
        N_("Pictures kept aside while training, to see how the model does on pictures it did not learn from."),
    ),
    "test": Term(
        N_("test pictures"),
        N_("test set"),
        N_("Pictures the model never saw while training, used once at the end to measure it fairly."),
    ),
    "real_test": Term(
        N_("the real MNIST test set"),
        N_("MNIST t10k"),
        N_("The 10,000 official MNIST test digits, written by people who wrote none of the training digits."),
    ),
    "sample": Term(
        N_("the 5,000 digits that come with the lab"),
        N_("bundled MNIST sample"),
        N_("5,000 real MNIST digits that ship with the lab, so it works without internet."),
    ),
    "augmentation": Term(
        N_("wiggled copies"),
        N_("data augmentation"),
        N_(
            "While training, each picture is shifted, turned or zoomed a little, so the model learns digits that are not perfectly placed."
        ),
    ),
    "overfitting": Term(
        N_("learning by heart"),
        N_("overfitting"),
        N_(
            "The model remembers its training pictures instead of learning the idea: it scores high on them and lower on new ones."
        ),
    ),
    "threshold": Term(
        N_("where it switches answer"),
        N_("threshold"),
        N_("Above this chance the model says the second class; below, the first. 50% unless you move it."),
    ),
    "confusion": Term(
        N_("right and wrong answers table"),
        N_("confusion matrix"),
        N_("A table that counts, for each real class, what the model said."),
    ),
    "roc": Term(
        N_("trade-off curve"),
        N_("ROC curve"),
        N_("Shows how many real 8s are caught against how many 7s are wrongly called 8, for every threshold."),
    ),
    "accuracy": Term(
        N_("right answers"),
        N_("accuracy"),
        N_("The share of test pictures the model answers right: 99% means 99 right out of every 100."),
    ),
    "precision": Term(
        N_("right when it says so"),
        N_("precision"),
        N_("Of the pictures the model calls an 8, the share that really are 8s."),
    ),
    "recall": Term(
        N_("real ones it finds"),
        N_("recall"),
        N_("Of the pictures that really are 8s, the share the model calls an 8."),
    ),
    "f1": Term(
        N_("both in one number"),
        N_("F1 score"),
        N_('Mixes "right when it says so" and "real ones it finds" into one number: it is high only when both are.'),
    ),
    "auc": Term(
        N_("telling the two apart"),
        N_("ROC AUC"),
        N_(
            "Take one real 8 and one real 7 at random: how often the model gives the 8 the higher chance. 50% is guessing, 100% is perfect."
        ),
    ),
    "calibration": Term(
        N_("honest chances"),
        N_("calibration"),
        N_("A model is honest when, of all the pictures it gives an 80% chance, about 80% really are that class."),
    ),
    "saliency": Term(
        N_("where it looked"), N_("saliency map"), N_("Which pixels changed the answer most: bright pixels mattered.")
    ),
    "feature_maps": Term(
        N_("what each filter found"),
        N_("feature maps, activations"),
        N_("The picture after a filter layer: bright where the filter's pattern is."),
    ),
    "latent": Term(
        N_("map of the digits"),
        N_("PCA / t-SNE of the last hidden layer"),
        N_(
            "Each test digit as a dot, placed by what the model's last hidden layer makes of it: similar digits land close together."
        ),
    ),
    "parameters": Term(
        N_("numbers the model learns"), N_("parameters, weights"), N_("The numbers inside the model that training adjusts.")
    ),
    "sweep": Term(
        N_("trying many settings at once"),
        N_("hyperparameter sweep"),
        N_("Trains several models, each with different settings, to see which settings work best."),
    ),
    "early_stop": Term(
        N_("stop weak trials early"),
        N_("ASHA, successive halving"),
        N_("During a sweep, trials that are clearly behind after a few passes are stopped, so the time goes to the good ones."),
    ),
    "engine": Term(
        N_("where models train"),
        N_("local workers / Ray"),
        N_("The lab trains and runs models in separate worker processes on this computer, or on a Ray cluster."),
    ),
}


def glossary_url() -> str:
    """The Glossary page's address, in the language in use (a link opens a new session)."""
    language = i18n.current()
    return GLOSSARY_URL if language == i18n.DEFAULT else f"{GLOSSARY_URL}?lang={language}"


def tip(key: str) -> str:
    """A tooltip for a ``help=`` argument: the technical name and its meaning, with the glossary's address."""
    term = TERMS[key]
    return _("**{technical}**: {meaning} More words in the [glossary]({url}).").format(
        technical=_(term.technical), meaning=_(term.meaning), url=glossary_url()
    )


def plain_words(key: str) -> str:
    """The plain words of a term, in the language in use."""
    return _(TERMS[key].plain)


def technical(key: str) -> str:
    """The technical name alone (for a "Details" expander)."""
    return _(TERMS[key].technical)
