"""Actions on a saved model that more than one page offers (the Models page and the teacher's console)."""

from __future__ import annotations

from core.classroom import ownership
from core.i18n import _
from views.keys import Keys
from views.shell import session as class_session
from views.widgets.flash import flash


def publish(name: str, published: bool) -> None:
    """The teacher shares a model with the class or takes it back (a button callback)."""
    try:
        ownership.set_published(class_session.database(), class_session.current_identity(), name, published)
    except ValueError as error:
        flash(Keys.MODELS_MESSAGE, "error", str(error))
        return
    if published:
        done = _("Published {name}: every student now sees it.")
    else:
        done = _("Took back {name}: only its owner and the teacher see it now.")
    flash(Keys.MODELS_MESSAGE, "success", done.format(name=name))
