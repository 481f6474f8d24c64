"""Sigmoid Lab's engine: data, models, training, registry and prediction.

Everything a page or the command line needs lives here. This package never imports
Streamlit, so it can be used from scripts, tests and ``python -m core`` alike.
"""

import os

# TensorFlow prints pages of start-up notices; keep warnings and errors only.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# One thread per TensorFlow op: the small models here train no slower (measured), the training
# queue already gives each job its own core, and a single drawing's answer no longer waits for a
# pool of sleeping threads to wake (the model call drops from ~0.9 to ~0.6 ms).
os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")

__version__ = "0.1.0"
