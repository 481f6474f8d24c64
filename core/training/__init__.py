"""Training: everything that decides a run and everything that happens while it runs.

The run's settings (``train_config``) and their URL form (``settings``), the job that trains in
the background (``job``), its Keras progress callback (``progress``), the queue that caps how many
jobs train at once (``job_queue``), and what the Train page plots and compares (``curves``,
``run_history``). May import ``core.data`` and ``core.modeling``.
"""
