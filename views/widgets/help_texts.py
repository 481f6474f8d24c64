"""Help texts for the Train page's controls, written for a student meeting them the first time."""

HELP = {
    "task": "What the model learns to tell apart. A vs B uses only those two digits; A vs rest asks 'is it A or any other digit?'.",
    "preset": "A ready-made network from the classic tutorials. Pick one, then change any field below.",
    "conv": "Filter layers (Conv2D, convolution) and the filters in each, e.g. 32,64 for two layers. Each filter is a small learned pattern detector "
    "that slides over the image and makes one feature map. Leave empty for a plain dense network.",
    "kernel": "Size of each filter: 3 means it looks at 3×3 pixels at a time.",
    "stride": "How far the filter jumps between positions. Stride 2 skips every other position and halves the image.",
    "padding": "'valid' lets the image shrink a little at each convolution (no border added); 'same' adds a border so it keeps its size.",
    "pooling": "Max pooling (MaxPooling2D) after each filter layer: keep only the largest value of each window. 2×2 max pooling halves width and height: "
    "less to compute, and small shifts of the digit matter less.",
    "pool_size": "Side of the pooling window: 2 halves the image, 3 divides it by three.",
    "activation": "The function applied after each hidden layer. relu (negative → 0) is the usual choice.",
    "dense": "Layers of neurons (Dense, fully connected) after the filter layers, and the neurons in each, e.g. 128,64. "
    "Leave empty for none.",
    "dropout": "While training, switch off this fraction of the features at random before the output, so the network cannot "
    "lean on a few of them. It fights overfitting; it is off when predicting.",
    "augment": "Augmentation: while training, shift, rotate and zoom each image a little at random, so the model sees "
    "more variety.",
    "optimizer": "How the weights are updated from the gradients. Adam adapts its step per weight and is a safe default.",
    "lr": "Learning rate: how big each update step is. Too small: slow learning. Too large: the loss jumps around or "
    "explodes (try 10!).",
    "batch": "How many images the model looks at before each weight update. One batch = one step. "
    "If you have fewer training pictures than one batch, the lab picks a smaller batch for the run and says so.",
    "epochs": "One epoch is one full pass over all training images; the charts get one check point (validation) per epoch.",
    "val": "Fraction of the training images kept aside and never trained on, to check each epoch whether the model "
    "generalises or just memorises (overfitting shows as validation accuracy falling behind).",
    "seed": "Fixes the random choices (starting weights, shuffling, splits). Same seed and settings, same result.",
}
