"""The teacher's console, the challenge and the shared sidebar show what people typed as text, and push a link students
can open: the address students' devices reach (never localhost), and a sentence for the teacher when only a local one
is known. Table-driven: Markdown/HTML payloads as names, class names and challenge titles are shown escaped."""

import html
import json
from urllib.parse import urlsplit

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from core.classroom import challenge, challenge_entries, login
from core.classroom.db import open_database
from core.classroom.identity import Identity
from tests.helpers.apptest import APP, open_page
from tests.helpers.class_app import class_folder, copy_model, ok
from views.classroom import address
from views.keys import ClassKeys, Keys
from views.widgets.text import plain

# --- the address a pushed link carries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("browser", "setting", "ip", "url", "source", "warns"),
    [
        ("http://localhost:8501/class", None, "10.0.0.5", "http://10.0.0.5:8501", "network", False),
        ("http://127.0.0.1:9000/class", None, "192.168.1.20", "http://192.168.1.20:9000", "network", False),
        ("http://[::1]:8501/class", None, "10.0.0.5", "http://10.0.0.5:8501", "network", False),
        ("http://10.1.1.1:8501/class", None, None, "http://10.1.1.1:8501", "browser", False),
        ("https://lab.school.org/class", None, None, "https://lab.school.org", "browser", False),
        ("http://localhost:8501/class", "https://lab.school.org/", "10.0.0.5", "https://lab.school.org", "setting", False),
        ("http://localhost:8501/class", "http://localhost:8501", "10.0.0.5", "http://10.0.0.5:8501", "network", True),
        ("http://localhost:8501/class", "lab.school.org", None, "http://localhost:8501", "local", True),
        ("http://localhost:8501/class", None, None, "http://localhost:8501", "local", True),
        (None, None, None, "http://localhost:8501", "local", True),
    ],
)
def test_the_students_address_is_the_setting_the_browsers_or_the_network_one_never_localhost(
    browser, setting, ip, url, source, warns
):
    found = address.students_address(browser, setting, find_ip=lambda: ip)
    assert (found.url, found.source, bool(found.warning)) == (url, source, warns)
    if source == "local":
        assert "students' devices cannot open it" in found.warning and "SIGMOID_LAB_PUBLIC_URL" in found.warning


def test_local_addresses_and_the_network_probe():
    assert all(address.is_local(h) for h in ("localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0.0.0.0", "a.localhost", ""))
    assert not any(address.is_local(h) for h in ("10.0.0.5", "192.168.1.20", "lab.school.org"))
    ip = address.network_ip()  # the interface with the default route, or None on a machine without a network
    assert ip is None or not address.is_local(ip)
    assert address.typed_warning("http://10.0.0.5:8501") == ""
    assert "cannot open it" in address.typed_warning("http://localhost:8501")
    assert "must start with http://" in address.typed_warning("lab.school.org")


def pushed_link(at: AppTest) -> str:
    (link,) = [c.value for c in at.code]
    return link


def test_the_teacher_is_told_when_only_a_local_address_is_known_and_the_setting_wins(tmp_path, monkeypatch):
    class_folder(tmp_path, monkeypatch, passcode=None)
    monkeypatch.delenv(address.PUBLIC_URL_ENV, raising=False)
    monkeypatch.setattr(address, "network_ip", lambda: None)  # no network: only localhost is known
    at = ok(open_page("class", timeout=120))
    assert urlsplit(pushed_link(at)).hostname == "localhost"
    assert any(plain("students' devices cannot open it") in w.value for w in at.warning), [w.value for w in at.warning]
    at.text_input(key=ClassKeys.PUSH_BASE).input("http://192.168.1.20:8501").run()  # the teacher types the address
    assert pushed_link(ok(at)).startswith("http://192.168.1.20:8501/train") and not at.warning

    monkeypatch.setenv(address.PUBLIC_URL_ENV, "https://lab.school.org")
    at = ok(open_page("class", timeout=120))
    assert pushed_link(at).startswith("https://lab.school.org/train") and not at.warning

    monkeypatch.delenv(address.PUBLIC_URL_ENV)
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["public_url"] = "https://secret.school.org/"
    at.session_state[Keys.OPEN_PAGE] = "class"
    assert pushed_link(ok(at.run())).startswith("https://secret.school.org/train")


# --- what people typed, shown as text ----------------------------------------------------------------------------

PAYLOADS = {  # each at most 30 characters: a school login name is cut there
    "link": "[click](http://evil.example)",
    "image": "![p](http://e.example/x.png)",
    "bold": "**LOUD** name",
    "html": "<b>hi</b><img src=x>",
    "bare address": "see www.evil.example now",
    "heading": "# Big",
}
# CommonMark with GFM tables, strikethrough and bare-address links, as Streamlit's renderer has them.
MD = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
LIVE = ("<a ", "<img", "<h1", "<b>", "<strong>LOUD")  # what a payload must never become


def rendered_texts(at: AppTest) -> list[str]:
    """Every Markdown source the session's page and sidebar render (texts, alerts, headings, table cells)."""
    kinds = ("markdown", "caption", "title", "header", "subheader", "error", "warning", "info", "success")
    texts = [element.value for kind in kinds for element in at.get(kind)]
    texts += [element.value for kind in kinds for element in at.sidebar.get(kind)]
    for table in at.get("table"):
        texts += [str(cell) for cell in table.value.to_numpy().ravel()]
    return texts


def assert_escaped(at: AppTest, payload: str, where: str) -> None:
    """The payload is shown somewhere, and wherever it is, rendered as its own characters: no link, image, bold, HTML."""
    every = rendered_texts(at)
    assert not [t for t in every if payload in t.replace(plain(payload), "")], f"{where}: shown raw, as live Markdown"
    texts = [text for text in every if plain(payload) in text]
    assert texts, f"{where}: the payload is not shown (escaped) at all"
    for text in texts:
        rendered = MD.render(text)
        assert not [live for live in LIVE if live in rendered], f"{where}: {text!r} renders as {rendered!r}"
        assert html.escape(payload, quote=False) in rendered, f"{where}: {text!r} does not show the name as typed"


def session(user: dict, page: str, **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.user = user
    for key, value in (state | {Keys.OPEN_PAGE: page}).items():
        at.session_state[key] = value
    return ok(at.run())


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_payload_names_titles_and_class_names_are_shown_as_text(tmp_path, monkeypatch, payload):
    folder = class_folder(tmp_path, monkeypatch)
    monkeypatch.setenv("SIGMOID_LAB_TEACHER_EMAILS", "grace@school.org")
    db = open_database()
    school = {"is_logged_in": True, "iss": "https://id.school.org"}
    ada_user = school | {"sub": "ada", "email": "ada@school.org", "name": payload}
    grace_user = school | {"sub": "grace", "email": "grace@school.org", "name": "Grace"}
    ada: Identity = login.from_login(db, ada_user, "class", ("grace@school.org",))
    grace = login.from_login(db, grace_user, "class", ("grace@school.org",))
    assert ada.name == payload  # a school login's name is free text (up to 30 characters)
    copy_model(folder, "payload-net", ada.name)
    metadata = json.loads((folder / "payload-net.json").read_text()) | {"class_names": [payload, "8"], "epochs_trained": 3}
    (folder / "payload-net.json").write_text(json.dumps(metadata))
    info = challenge.open_challenge(db, grace, payload, "7-vs-8")

    at = session(ada_user, "challenge", **{Keys.ACTIVE_MODEL: "payload-net"})  # her own model, her name, the title
    assert_escaped(at, payload, "sidebar and challenge")
    assert any(m.value == f":material/person: **{plain(payload)} · student · class mode**" for m in at.sidebar.markdown)
    assert any(c.value.startswith(f"7\\-vs\\-8 · {plain(payload)} vs 8 · ") for c in at.sidebar.caption), "the class names"
    assert [h.value for h in at.header] == [plain(payload)], "the challenge's title"

    challenge_entries.submit(db, ada, info, "payload-net", "7-vs-8", 1000, 3)
    at = session(grace_user, "challenge", **{ClassKeys.PROJECTOR: True})  # the big board: st.table renders Markdown
    (board,) = at.table
    assert list(board.value["Student"]) == [plain(payload)], board.value
    assert_escaped(at, payload, "leaderboard")

    at = session(grace_user, "class")
    table = next(d.value for d in at.dataframe if "job" in d.value.columns)
    assert list(table["student"]) == [payload]  # a dataframe shows its cells as text: exactly as typed
    assert f"payload-net — {payload} (private)" in at.selectbox(key=ClassKeys.MODEL).options  # options: plain text too


def test_the_board_in_words_and_numbers_percentages_and_plain_words():
    from views.challenge import leaderboard as board

    row = {"rank": 1, "model": "m-1", "student": "**Ada**", "mnist_accuracy": 0.99, "mnist_images": 2002}
    row |= {"class_accuracy": 0.935, "class_images": 40, "gap": 0.055, "note": None}
    assert board.summary([row]) == (
        "1 entry · m\\-1 by \\*\\*Ada\\*\\* leads with 93.5% on the class's digits and 99% on the real MNIST test set."
    )
    frame = board.board_frame([row]).iloc[0]
    assert (frame["Real MNIST test set"], frame["Class-drawn digits"], frame["Gap"]) == (
        "99% of 2,002",
        "93.5% of 40",
        "+5.5 points",
    )
    assert board.board_frame([row], markdown=True).iloc[0]["Student"] == "\\*\\*Ada\\*\\*"  # st.table renders Markdown
    unmeasured = row | {
        "mnist_accuracy": None,
        "class_accuracy": None,
        "gap": None,
        "note": "Could not be measured: /srv/x.keras",
    }
    frame = board.board_frame([unmeasured]).iloc[0]
    assert frame["Gap"] == "—" and "/srv" not in frame["Note"]  # no server path on a student's screen
    assert board.summary([unmeasured]).startswith("1 entry: the scores appear here once they are measured")
