"""Who may do what: one table of role × action × kind of model, and one of role × class action.

Kinds, from the person's point of view: ``shipped`` (the lab's default models), ``own``
(theirs, published or not), ``published`` (someone else's, published to the class) and
``others`` (someone else's, private). ``save`` and ``upload`` name a model that does not exist
yet, which is then ``own``; saving over an existing name is ``overwrite`` of that model's kind.

:data:`CLASS_RULES` holds everything else a role may or may not do in the class (challenges,
class digits, taking the class home, the sign-in log): the modules doing it ask
:func:`check_class` instead of testing the role themselves.
"""

from __future__ import annotations

from typing import Literal

from core.i18n import N_, _

Action = Literal["list", "load", "save", "overwrite", "delete", "publish", "unpublish", "upload"]
Kind = Literal["shipped", "published", "own", "others"]
ACTIONS: tuple[Action, ...] = ("list", "load", "save", "overwrite", "delete", "publish", "unpublish", "upload")
KINDS: tuple[Kind, ...] = ("shipped", "published", "own", "others")
ROLES = ("teacher", "student", "personal")

PRIVATE = N_("{name} belongs to {owner} and is not shared with the class.")
SHIPPED_KEPT = N_("{name} is one of the lab's default models; save under another name.")
SHIPPED_DELETE = N_("{name} is one of the lab's default models and cannot be deleted.")
SHIPPED_SHOWN = N_("{name} is one of the lab's default models: everyone always sees it.")
NOT_YOURS_SAVE = N_("{name} belongs to {owner}; save under another name.")
NOT_YOURS_DELETE = N_("{name} belongs to {owner}: only they or the teacher can delete it.")
TEACHER_ONLY = N_("Only the teacher can publish models to the class or take them back.")

_WRITE = {"shipped": SHIPPED_KEPT, "published": NOT_YOURS_SAVE, "own": None, "others": NOT_YOURS_SAVE}
_SEE_ALL = dict.fromkeys(KINDS)
_PUBLISH = {"shipped": SHIPPED_SHOWN, "published": None, "own": None, "others": None}

# role -> action -> kind -> None (allowed) or the refusal's sentence.
RULES: dict[str, dict[str, dict[str, str | None]]] = {
    "student": {
        "list": {"shipped": None, "published": None, "own": None, "others": PRIVATE},
        "load": {"shipped": None, "published": None, "own": None, "others": PRIVATE},
        "save": _WRITE,
        "overwrite": _WRITE,
        "upload": _WRITE,
        "delete": {"shipped": SHIPPED_DELETE, "published": NOT_YOURS_DELETE, "own": None, "others": NOT_YOURS_DELETE},
        "publish": dict.fromkeys(KINDS, TEACHER_ONLY),
        "unpublish": dict.fromkeys(KINDS, TEACHER_ONLY),
    },
    "teacher": {
        "list": _SEE_ALL,
        "load": _SEE_ALL,
        "save": _WRITE,
        "overwrite": _WRITE,
        "upload": _WRITE,
        "delete": {"shipped": SHIPPED_DELETE, "published": None, "own": None, "others": None},
        "publish": _PUBLISH,
        "unpublish": _PUBLISH,
    },
    "personal": {
        "list": _SEE_ALL,
        "load": _SEE_ALL,
        "save": {**_SEE_ALL, "shipped": SHIPPED_KEPT},
        "overwrite": {**_SEE_ALL, "shipped": SHIPPED_KEPT},
        "upload": {**_SEE_ALL, "shipped": SHIPPED_KEPT},
        "delete": {**_SEE_ALL, "shipped": SHIPPED_DELETE},
        "publish": _PUBLISH,
        "unpublish": _PUBLISH,
    },
}


ClassAction = Literal[
    "open_challenge", "change_challenge", "enter_own_model", "enter_others_model", "withdraw_own_entry",
    "withdraw_others_entry", "remove_digits", "download_class", "reset_class", "restore_class", "read_sign_in_log",
    "dismiss_database_notice",
]  # fmt: skip
CLASS_ACTIONS: tuple[ClassAction, ...] = ClassAction.__args__  # type: ignore[attr-defined]

CHALLENGE_TEACHER = N_("Only the teacher can open, change or close a challenge.")
NOT_YOUR_ENTRY = N_("{name} is not one of your saved models: enter a model you trained.")
OTHERS_ENTRY = N_("Only the teacher can take someone else's model off the leaderboard.")
_TEACHER_ONLY_CLASS = {
    "remove_digits": N_("Only the teacher can remove class digits."),
    "download_class": N_("Only the teacher can download the class's work."),
    "reset_class": N_("Only the teacher can reset the class."),
    "restore_class": N_("Only the teacher can restore the class from a download."),
    "read_sign_in_log": N_("Only the teacher can see the wrong codes people typed."),
    "dismiss_database_notice": N_("Only the teacher can put away the note about the class database."),
}
_EVERYONE = dict.fromkeys(CLASS_ACTIONS)

# role -> class action -> None (allowed) or the refusal's sentence ({name}: the model, if any).
CLASS_RULES: dict[str, dict[str, str | None]] = {
    "student": {
        "open_challenge": CHALLENGE_TEACHER,
        "change_challenge": CHALLENGE_TEACHER,
        "enter_own_model": None,
        "enter_others_model": NOT_YOUR_ENTRY,
        "withdraw_own_entry": None,
        "withdraw_others_entry": OTHERS_ENTRY,
        **_TEACHER_ONLY_CLASS,
    },
    "teacher": _EVERYONE,
    "personal": _EVERYONE,
}


class PermissionRefused(ValueError):
    """An action the person's role does not allow on that model (the message says why)."""


def refusal(role: str, action: str, kind: str, name: str = "This model", owner: str = "another student") -> str | None:
    """The sentence refusing ``action`` on a model of ``kind`` for ``role``, or None if it is allowed.

    Raises:
        KeyError: For a role, action or kind the table does not know (a programming error).

    """
    sentence = RULES[role][action][kind]
    name = _("This model") if name == "This model" else name
    owner = _("another student") if owner == "another student" else owner
    return _(sentence).format(name=name, owner=owner) if sentence else None


def allowed(role: str, action: str, kind: str) -> bool:
    """True if ``role`` may do ``action`` on a model of ``kind``."""
    return RULES[role][action][kind] is None


def check(role: str, action: str, kind: str, name: str = "This model", owner: str = "another student") -> None:
    """Does nothing if allowed, else raises.

    Raises:
        PermissionRefused: With the table's sentence, naming the model and its owner.

    """
    sentence = refusal(role, action, kind, name, owner)
    if sentence:
        raise PermissionRefused(sentence)


def kind_of(owner_id: int | None, visibility: str, person_id: int) -> Kind:
    """The kind of a model from one person's point of view (shipped > own > published > others)."""
    if visibility == "shipped":
        return "shipped"
    if owner_id == person_id:
        return "own"
    return "published" if visibility == "class" else "others"


def class_refusal(role: str, action: str, name: str = "This model") -> str | None:
    """The sentence refusing a class ``action`` to ``role``, or None if it is allowed.

    Raises:
        KeyError: For a role or action the table does not know (a programming error).

    """
    sentence = CLASS_RULES[role][action]
    name = _("This model") if name == "This model" else name
    return _(sentence).format(name=name) if sentence else None


def check_class(role: str, action: str, name: str = "This model") -> None:
    """Does nothing if ``role`` may do the class ``action``, else raises.

    Raises:
        PermissionRefused: With the table's sentence.

    """
    sentence = class_refusal(role, action, name)
    if sentence:
        raise PermissionRefused(sentence)
