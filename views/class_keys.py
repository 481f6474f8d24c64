"""Session-state and widget keys of the class console, the challenge, the class digits and projector mode.

Kept apart from :mod:`views.keys` while other pages' keys change there; same rule: every key in one place.
"""


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
