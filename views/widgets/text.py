"""User text shown as text: the one escaping helper every message, caption, label, table and the sidebar uses.

Streamlit renders Markdown (and its own ``:red[…]``, ``:material/…:`` and ``$…$``) in ``st.markdown``,
``st.caption``, ``st.error`` and friends, and in widget labels. A name, a class name, a file name, a
query parameter or a core error that quotes one may carry ``[a link](http://…)``, ``![img](…)``,
``**bold**`` or a bare ``www.`` address; shown raw, it would turn into live Markdown in another
student's browser. :func:`plain` backslash-escapes every ASCII punctuation character (CommonMark
allows that for all of them), so the text shows exactly as typed and nothing in it is a link,
an image, emphasis, a heading, a directive or maths.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_SPACES = re.compile(r"\s+")


def plain(text: object) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it literally, on one line.

    Args:
        text: Anything a user supplied (or a message that quotes it); ``str()`` is taken first.

    Returns:
        The same characters, each ASCII punctuation mark backslash-escaped and runs of whitespace (newlines
        included, which could start a heading, a list or a code block) folded into one space.
    """
    return _PUNCTUATION.sub(r"\\\1", _SPACES.sub(" ", str(text)).strip())


def quoted(text: object) -> str:
    """``plain(text)`` in typographic quotes, for a name inside a sentence: “my model”."""
    return f"“{plain(text)}”"
