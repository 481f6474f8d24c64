"""Sigmoid Lab's engine: data, models, training, registry and prediction.

Everything a page or the command line needs lives here. This package never imports
Streamlit, so it can be used from scripts, tests and ``python -m core`` alike.
"""

import os

# TensorFlow prints pages of start-up notices; keep warnings and errors only.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

__version__ = "0.1.0"
