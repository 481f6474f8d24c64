"""Who may do what with which model: one table of role × action × kind of model.

Kinds, from the person's point of view: ``shipped`` (the lab's default models), ``own``
(theirs, published or not), ``published`` (someone else's, published to the class) and
``others`` (someone else's, private). ``save`` and ``upload`` name a model that does not exist
yet, which is then ``own``; saving over an existing name is ``overwrite`` of that model's kind.
"""

from __future__ import annotations

from typing import Literal

Action = Literal["list", "load", "save", "overwrite", "delete", "publish", "unpublish", "upload"]
Kind = Literal["shipped", "published", "own", "others"]
ACTIONS: tuple[Action, ...] = ("list", "load", "save", "overwrite", "delete", "publish", "unpublish", "upload")
KINDS: tuple[Kind, ...] = ("shipped", "published", "own", "others")
ROLES = ("teacher", "student", "personal")

PRIVATE = "{name} belongs to {owner} and is not shared with the class."
SHIPPED_KEPT = "{name} is one of the lab's default models; save under another name."
SHIPPED_DELETE = "{name} is one of the lab's default models and cannot be deleted."
SHIPPED_SHOWN = "{name} is one of the lab's default models: everyone always sees it."
NOT_YOURS_SAVE = "{name} belongs to {owner}; save under another name."
NOT_YOURS_DELETE = "{name} belongs to {owner}: only they or the teacher can delete it."
TEACHER_ONLY = "Only the teacher can publish models to the class or take them back."

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


class PermissionRefused(ValueError):
    """An action the person's role does not allow on that model (the message says why)."""


def refusal(role: str, action: str, kind: str, name: str = "This model", owner: str = "another student") -> str | None:
    """The sentence refusing ``action`` on a model of ``kind`` for ``role``, or None if it is allowed.

    Raises:
        KeyError: For a role, action or kind the table does not know (a programming error).

    """
    sentence = RULES[role][action][kind]
    return sentence.format(name=name, owner=owner) if sentence else None


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
