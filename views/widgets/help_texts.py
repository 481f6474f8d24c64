"""Help texts for the Train page's controls, written for a student meeting them the first time.

Marked with ``N_`` for the catalog; shown through ``_(HELP[key])`` (see :func:`views.widgets.settings_form.help_for`).
"""

from core.i18n import N_

HELP = {
    "task": N_(
        "What the model learns to tell apart. A vs B uses only those two digits; A vs rest asks 'is it A or any other digit?'."
    ),
    "preset": N_("A ready-made network from the classic tutorials. Pick one, then change any field below."),
    "conv": N_(
        "Filter layers (Conv2D, convolution) and the filters in each, e.g. 32,64 for two layers. Each filter is a small learned pattern detector "
        "that slides over the image and makes one feature map. Leave empty for a plain dense network."
    ),
    "kernel": N_("Size of each filter: 3 means it looks at 3×3 pixels at a time."),
    "stride": N_("How far the filter jumps between positions. Stride 2 skips every other position and halves the image."),
    "padding": N_(
        "'valid' lets the image shrink a little at each convolution (no border added); 'same' adds a border so it keeps its size."
    ),
    "pooling": N_(
        "Max pooling (MaxPooling2D) after each filter layer: keep only the largest value of each window. 2×2 max pooling halves width and height: "
        "less to compute, and small shifts of the digit matter less."
    ),
    "pool_size": N_("Side of the pooling window: 2 halves the image, 3 divides it by three."),
    "activation": N_("The function applied after each hidden layer. relu (negative → 0) is the usual choice."),
    "dense": N_(
        "Layers of neurons (Dense, fully connected) after the filter layers, and the neurons in each, e.g. 128,64. "
        "Leave empty for none."
    ),
    "dropout": N_(
        "While training, switch off this fraction of the features at random before the output, so the network cannot "
        "lean on a few of them. It fights overfitting; it is off when predicting."
    ),
    "augment": N_(
        "Augmentation: while training, shift, rotate and zoom each image a little at random, so the model sees more variety."
    ),
    "optimizer": N_("How the weights are updated from the gradients. Adam adapts its step per weight and is a safe default."),
    "lr": N_(
        "Learning rate: how big each update step is. Too small: slow learning. Too large: the loss jumps around or "
        "explodes (try 10!)."
    ),
    "batch": N_(
        "How many images the model looks at before each weight update. One batch = one step. "
        "If you have fewer training pictures than one batch, the lab picks a smaller batch for the run and says so."
    ),
    "epochs": N_("One epoch is one full pass over all training images; the charts get one check point (validation) per epoch."),
    "val": N_(
        "Fraction of the training images kept aside and never trained on, to check each epoch whether the model "
        "generalises or just memorises (overfitting shows as validation accuracy falling behind)."
    ),
    "seed": N_("Fixes the random choices (starting weights, shuffling, splits). Same seed and settings, same result."),
}
