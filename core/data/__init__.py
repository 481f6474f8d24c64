"""Data: where images come from and how a task turns them into train/validation/test arrays.

Tasks as strings (``tasks``), the MNIST sources (``mnist``), generated shapes (``shapes``), two
uploaded class folders (``folders``), the split into uint8 arrays (``datasets``) and the test set a
model is measured on (``test_sets``). Light: numpy, PIL and scipy only (TensorFlow's
``image_dataset_from_directory`` is imported lazily by ``folders``). May import nothing else of
``core`` but ``core.prediction.image_io`` (reading pictures safely).
"""
