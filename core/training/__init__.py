"""Training: everything that decides a run and everything that happens while it runs.

The run's settings (``train_config``), the Train form's settings and the config they build
(``settings``) and their share link (``settings_link``), the job that trains in
the background (``job``), its Keras progress callback (``progress``), the queue that caps how many
jobs train at once (``job_queue``), and what the Train page plots and compares (``curves``,
``run_history``). May import ``core.data`` and ``core.modeling``.
"""
