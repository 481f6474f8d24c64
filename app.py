"""Sigmoid Lab: a short router over the pages, with the identity panel and the model picker every page shares."""

import logging
from functools import partial

import streamlit as st

from core.i18n import _
from views.challenge.page import challenge_page
from views.classroom import console as class_view
from views.classroom.page import class_page
from views.draw.page import draw_page
from views.evaluate.page import evaluate_page
from views.glossary.page import glossary_page
from views.home.page import home_page
from views.inside.page import inside_page
from views.keys import Keys
from views.models.page import models_page
from views.shell import projector
from views.shell import session as class_session
from views.shell.heartbeat import heartbeat
from views.shell.identity_panel import identity_panel
from views.shell.language import choose_language, language_picker
from views.shell.models import model_picker
from views.sweep.page import sweep_page
from views.train.page import train_page

st.set_page_config(page_title="Sigmoid Lab", page_icon=":material/science:", layout="wide")
choose_language()  # before any text: this run's words, in views and core, are in the session's language

pages = {
    "train": st.Page(train_page, title=_("Train"), icon=":material/model_training:", url_path="train"),
    "draw": st.Page(draw_page, title=_("Draw"), icon=":material/draw:", url_path="draw"),
    "evaluate": st.Page(evaluate_page, title=_("Evaluate"), icon=":material/analytics:", url_path="evaluate"),
    "inside": st.Page(inside_page, title=_("Inside"), icon=":material/biotech:", url_path="inside"),
    "sweep": st.Page(sweep_page, title=_("Sweep"), icon=":material/tune:", url_path="sweep"),
    "models": st.Page(models_page, title=_("Models"), icon=":material/folder_open:", url_path="models"),
    "challenge": st.Page(challenge_page, title=_("Challenge"), icon=":material/emoji_events:", url_path="challenge"),
    "class": st.Page(class_page, title=_("Class"), icon=":material/groups:", url_path="class"),
    "glossary": st.Page(glossary_page, title=_("Words"), icon=":material/menu_book:", url_path="glossary"),
}
start = st.Page(partial(home_page, pages), title=_("Home"), icon=":material/home:", default=True, url_path="home")
navigation = st.navigation([start, *pages.values()])
# AppTest.switch_page reaches only pages given by a file; a test names a page given by a function here instead.
opened = st.session_state.pop(Keys.OPEN_PAGE, None)
if opened:
    st.switch_page(pages[opened], query_params=st.query_params.to_dict())
try:
    class_session.database()  # opened once per process, migrations run, before anyone joins
except Exception:  # an unusable SIGMOID_LAB_DATABASE_URL, a database server that is down: the why goes to the log
    logging.getLogger("sigmoid_lab").exception("The class database cannot be opened")
    st.error(class_session.DATABASE_DOWN)
    st.stop()
class_view.honour_pause()  # this server's training queue obeys the teacher's pause
who = identity_panel()
if who is None:  # class mode: a newcomer joins (or comes back) in the sidebar first
    st.title(":material/groups: " + _("Welcome to the class"))
    st.info(_("Join the class in the sidebar with your name, or come back with the name and code you got when you joined."))
    language_picker()
    st.stop()
model_picker()
language_picker()  # after the model picker: the sidebar's first choice stays the model
with st.sidebar:
    heartbeat()
projector.projector_toggle()
navigation.run()
