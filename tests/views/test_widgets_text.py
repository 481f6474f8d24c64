"""User text is shown as text: Markdown and HTML payloads through the one escaping helper never become a link, image or bold."""

import pytest
from markdown_it import MarkdownIt

from views.widgets.text import plain

# CommonMark with GFM tables, strikethrough and bare-address links, as Streamlit's renderer has them.
MD = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])

PAYLOADS = [
    "[Your session expired](http://evil.example/login)",
    "![x](http://evil.example/pixel.png)",
    "**bold** and __bold__ and *em* and _em_",
    "<img src=x onerror=alert(1)>",
    "<a href='http://evil.example'>click</a>",
    "# Heading\n- list\n> quote",
    "    indented code",
    "`code` and ~~gone~~",
    "www.evil.example and http://evil.example and someone@evil.example",
    "<http://evil.example>",
    ":red[alarm] :material/warning: $x^2$",
    "a | b\n---|---\n1 | 2",
    "[ref]\n\n[ref]: http://evil.example",
    "MNIST-7-vs-8_v2 (copy) #1",
]


def tokens(text: str) -> list[str]:
    out = []
    for block in MD.parse(text):
        out.append(block.type)
        out.extend(child.type for child in block.children or [])
    return out


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_render_as_their_own_text(payload):
    shown = plain(payload)
    kinds = set(tokens(shown))
    assert not kinds & {
        "link_open",
        "image",
        "strong_open",
        "em_open",
        "html_inline",
        "html_block",
        "heading_open",
        "code_inline",
        "code_block",
        "bullet_list_open",
        "blockquote_open",
        "table_open",
        "s_open",
    }
    rendered = MD.renderInline(shown)
    assert "<a" not in rendered and "<img" not in rendered and "<strong" not in rendered
    # What the student sees is what was typed (whitespace folded to one line).
    expected = " ".join(payload.split())
    assert (
        MD.renderInline(shown).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&") == expected
    )


def test_plain_text_is_unchanged_when_it_has_no_marks():
    assert plain("Ada Lovelace 3") == "Ada Lovelace 3"
