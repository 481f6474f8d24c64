"""``python -m core``: train, predict, evaluate and list models from the command line."""

import sys

from core.cli import main

sys.exit(main())
