"""Data: where images come from and how a task turns them into train/validation/test arrays.

Tasks as strings (``tasks``), reading MNIST files (``idx``) and choosing an MNIST source
(``mnist``), generated shapes (``shapes``), an uploaded zip unpacked safely (``folders``) and its
two class folders read (``folder_images``), hold-outs and balancing (``splits``), the split into
uint8 arrays (``datasets``) and the test set a model is measured on (``test_sets``, which also
names the shared MNIST folder). Light: numpy, PIL, scipy and scikit-learn (Keras only inside
functions: the MNIST download and ``image_dataset_from_directory``). May import nothing else of
``core`` but ``core.prediction.image_io`` (reading pictures safely).
"""
