"""Classroom: the lab's two modes, who someone is, who owns which model, quotas, and the class database.

May import SQLAlchemy, Alembic, numpy, PIL, ``core.storage`` (model files and their JSON, never Keras),
``core.data.tasks`` (which digits a task tells apart) and, lazily, ``core.training.settings`` and
``core.modeling.layers`` to count a network's parameters from its settings,
``core.prediction.preprocess`` (a class digit's 28×28 input) and ``core.training.run_state`` (a run's
state, stored as it is). Never ``core.engine``: the class database keeps records and runs no model (the
leaderboard is handed its ``measure``, :func:`core.engine.scoring.accuracy_on`). Never Streamlit, never
TensorFlow/Keras: a view passes in what it read (``st.secrets["teacher_passcode"]``, ``dict(st.user)``)
as plain values.

The API, one module each::

    db.open_database(url=None) -> Database          # SQLite beside models/ or SIGMOID_LAB_DATABASE_URL; migrates
    Database.session()                               # context manager: commit on success, rollback on error
    identity.configured_passcode(st_secret) -> str | None ; identity.lab_mode(passcode) -> "personal" | "class"
    identity.personal(db) -> Identity                # personal mode's single user (every right)
    identity.join(db, name) -> (Identity, code)      # class mode: a new student; show the code once
    identity.come_back(db, name, code, session_key=None) -> Identity   # IdentityError: one sentence, or "try again in N s"
    identity.unlock_teacher(db, typed, passcode, session_key=None) -> Identity
    name_keys.key(name)                              # NFKC + look-alikes + case: "Τeacher" is "teacher"
    guessing.log(db, role) -> [Failure]              # the wrong codes and passcodes typed, for the teacher's console
    login.from_login(db, dict(st.user), mode, teacher_emails=()) -> Identity   # st.login (OIDC) boundary
    Identity(person_id, name, role, mode).label      # "Ada · student · class mode" for the sidebar
    presence.still_here(db, who) -> bool            # still in the class? (the teacher's reset may have removed them)
    permissions.check(role, action, kind, name, owner)   # PermissionRefused; RULES is the whole table
    permissions.check_class(role, action)            # challenges, class digits, export, logs: CLASS_RULES
    limits.limits_for(db, mode) -> Limits ; limits.set_limit(db, "epochs", 20)
    quotas.clamp_settings(settings, limits) -> (settings, messages)   # typed or URL values
    quotas.check_upload / check_training_images / check_parameters(n, limits)   # QuotaError
    ownership.visible_models(db, who, folder=None) -> [metadata + owner, visibility, kind]
    ownership.check_save(db, who, name, limits, upload=False) ; ownership.stamp(metadata, who)
    ownership.record_save(db, who, name)             # after the files are written (or save_model: all three)
    ownership.delete_model(db, who, name) ; ownership.set_published(db, who, name, True/False)
    ownership.authorize(db, who, "load", name)       # any action on one model
    runs.start_run(db, who, settings, limits) -> id ; runs.update_run(db, id, state=..., metrics=..., curves=...)
    sweep_records.start_sweep(db, who, plan, trials, limits) -> SweepRecord   # limits on every trial, runs at once
    sweep_records.record_progress(db, record, trials, seen) ; end_sweep(db, id, state) ; sweeps_of(db, who)
    recorders.RunRecorder(db, run_id) ; recorders.SweepRecorder(db, record)   # observers: .launch(start) follows it into the rows
    class_settings.queue_paused(db) ; class_settings.set_queue_paused(db, True)
    operator.open_class() -> (Database, Identity, Limits)   # the command line: the teacher in class mode
    queue_pause.PausedFlag(db)                       # the engine queue's paused_check: cached read of queue_paused
    console.class_table(db, mode, engine.book.jobs()) -> rows   # the teacher's table: run, progress, best, models
    challenge.open_challenge(db, teacher, title, task, max_parameters, max_epochs, ends) ; current(db) ; latest(db)
    challenge.update(db, teacher, id, end_now=True) ; challenge.ChallengeInfo.rules_text()
    challenge_entries.submit(db, who, info, name, task, parameters, epochs)   # ChallengeError with the rule broken
    challenge_entries.withdraw(db, who, entry_id) ; challenge_entries.epochs_of(metadata)
    class_digits.add_drawing(db, who, label, canvas, flagged=False) ; arrays(db) -> (x, y, ids) ; remove(db, teacher, ids)
    leaderboard.refresh(db, challenge_id, measure) ; rows(db, challenge_id) ; gap_sentence(rows) ; to_csv(rows)
    export.digits_zip(db) ; export.class_archive(db, who=teacher) ; export.reset_class(db, teacher)   # take home, then clear
    restore.restore_class(db, teacher, zip_bytes) -> Restored   # people, codes and owners back from the download
    db_notice.notice(db) -> str | None ; db_notice.dismiss(db, teacher)   # "the database file was deleted ..."

Refusals are ``ValueError`` subclasses (``IdentityError``, ``PermissionRefused``, ``QuotaError``)
whose message is a sentence for ``st.error``. The files in the models folder are the truth for
which models exist; :mod:`core.classroom.reconcile` brings the ``models`` table in line on every
listing, so a crash at any point of a save or delete leaves no disagreement. An SQLite file
deleted or replaced while the lab runs is noticed at the next session and written back
(:mod:`core.classroom.lost_file`).
"""
