"""Every session-state and widget key of the app, in one place."""


class Keys:
    """Every ``st.session_state`` key the app uses, in one place."""

    ACTIVE_MODEL = "active_model"
    LANGUAGE = "language"  # views.shell.language: the session's language code
    HEARTBEAT = "heartbeat"  # views.shell.heartbeat.Heartbeat: tells a training run that this tab is still open
    OPEN_PAGE = "open_page"  # a url_path app.py switches to once: how AppTest reaches a page given by a function
    JOB = "training_job"
    RUNS = "run_history"
    DRAWING = "current_drawing"
    CANVAS = "draw_pad"  # the Draw page's drawing pad (views.draw.sketch_pad)
    TIMELINE = "draw_timeline"  # (model name, [views.draw.stroke_timeline.Step]): the answer after each stroke
    # Train page
    SETTINGS_MEMORY = "train_settings_memory"  # the form's values while another page shows
    SETTING_PREFIX = "setting_"  # + a core.training.settings key: one widget per hyperparameter
    TASK_MODE = "train_task_mode"
    DIGIT_A = "train_digit_a"
    DIGIT_B = "train_digit_b"
    DIGIT_REST = "train_digit_rest"
    START = "train_start"
    SAVE_NAME = "train_save_name"
    SAVE_MESSAGE = "train_save_message"
    RECORDED_JOBS = "train_recorded_job_ids"
    UNZIPPED = "train_unzipped_upload"  # views.train.upload.HeldUpload: the unzipped folders, kept until another upload
    RUN_NUMBER = "train_run_number"  # the session's number (1, 2, ...) of the run in JOB
    LINK_NOTES = "train_link_notes"  # sentences on the link's values that were changed, shown until a run starts
    FOLDER_ZIP = "train_folder_zip"
    # Evaluate, Inside and Models pages
    EVALUATE_CELL = "evaluate_cell"  # the confusion matrix chart: its click selection picks a gallery
    EVALUATE_THRESHOLD = "evaluate_threshold"
    EVALUATE_COST = "evaluate_cost"  # how many false positives one missed positive costs
    INSIDE_SOURCE = "inside_source"
    INSIDE_UPLOAD = "inside_upload"
    INSIDE_INDEX = "inside_index"
    INSIDE_MAPS = "inside_maps"
    INSIDE_MORPH_A = "inside_morph_a"
    INSIDE_MORPH_B = "inside_morph_b"
    INSIDE_BLEND = "inside_blend"
    INSIDE_MAP_METHOD = "inside_map_method"  # pca or tsne: how the latent map is squeezed to 2-D
    MODELS_SELECTED = "models_selected"
    MODELS_ACTIVATE = "models_activate"
    MODELS_CONFIRM_DELETE = "models_confirm_delete"
    MODELS_DELETE = "models_delete"
    MODELS_UPLOAD_KERAS = "models_upload_keras"
    MODELS_UPLOAD_JSON = "models_upload_json"
    MODELS_UPLOAD_NAME = "models_upload_name"
    MODELS_UPLOAD_TASK = "models_upload_task"
    MODELS_UPLOAD_TASK_TEXT = "models_upload_task_text"
    MODELS_UPLOAD_CLASSES = "models_upload_classes"
    MODELS_UPLOAD = "models_upload"
    MODELS_MESSAGE = "models_page_message"
    # Class mode (views/shell/session.py, views/shell/identity_panel.py)
    IDENTITY = "class_identity"  # (database URL, core.classroom.identity.Identity) of this browser session
    NEW_CODE = "class_new_code"  # a student's personal code, shown until they say they wrote it down
    IDENTITY_MESSAGE = "class_identity_message"
    JOIN_NAME = "class_join_name"
    BACK_NAME = "class_back_name"
    BACK_CODE = "class_back_code"
    TEACHER_PASSCODE = "class_teacher_passcode"
    RUN_IDS = "class_run_ids"  # engine job id -> the run's row id in the class database
    STARTED_JOBS = "train_started_jobs"  # [the newest job this session started]: adopted if its start was interrupted
    MODELS_PUBLISH = "models_publish"


class SweepKeys:
    """The Sweep page's session-state and widget keys."""

    SWEEPS = "sweeps"  # the session's sweeps (core.sweeps.sweep.Sweep), oldest first, with their trials' models
    RECORDS = "sweep_records"  # sweep id -> its core.classroom.sweep_records.SweepRecord
    SHOWN = "sweep_shown"  # the id of the sweep shown (a selectbox once the session has several)
    NEWEST = "sweep_newest"  # the newest sweep's id when the page last showed it: a newer one is shown at once
    FILLED, SEARCH, VARIED = "sweep_filled", "sweep_search", "sweep_varied"
    VALUES, LOW, HIGH = "sweep_values_", "sweep_low_", "sweep_high_"  # + a hyperparameter's key
    TRIALS, BUDGET, EPOCHS, EARLY = "sweep_trials", "sweep_budget", "sweep_epochs", "sweep_early"
    SAVE_TRIAL, SAVE_NAME, MESSAGE = "sweep_save_trial", "sweep_save_name", "sweep_message"
    LINK_NOTES = "sweep_link_notes"  # sentences on the link's refused values, shown until a sweep starts


class ClassKeys:
    """Every ``st.session_state`` key of the class pages."""

    PROJECTOR = "projector_mode"  # the sidebar toggle: big text and charts, no sidebar
    STOP_STUDENT = "class_stop_student"
    MODEL = "class_model"
    PUSH_TASK = "class_push_task"
    PUSH_EPOCHS = "class_push_epochs"
    PUSH_PRESET = "class_push_preset"
    PUSH_LINK = "class_push_link"  # a Train page address pasted by the teacher: its settings are the base
    PUSH_BASE = "class_push_base"  # the lab's address as the students reach it
    RESET_DOWNLOADED = "class_reset_downloaded"
    RESET_CONFIRM = "class_reset_confirm"
    # Challenge
    CHALLENGE_TITLE = "challenge_title"
    CHALLENGE_TASK = "challenge_task"
    CHALLENGE_PARAMETERS = "challenge_max_parameters"
    CHALLENGE_EPOCHS = "challenge_max_epochs"
    CHALLENGE_MINUTES = "challenge_minutes"
    CHALLENGE_DIGITS = "challenge_collect_digits"
    CHALLENGE_ENTRY = "challenge_entry_model"
    CHALLENGE_MESSAGE = "challenge_message"
    GALLERY_REMOVE = "challenge_gallery_remove"
    # Draw page: class digits
    PROMPT_LABEL = "class_digit_prompt"  # the digit this session is asked to draw next
    LAST_ADDED = "class_digit_last"  # fingerprint of the last drawing added, so a drawing is added once
    ADDED_MESSAGE = "class_digit_message"
    FLAG_LABEL = "class_digit_flag"
