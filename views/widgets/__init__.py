"""Widgets more than one page uses.

Vega-Lite templates (``vega``), the sigmoid charts (``confidence_charts``), picture grids and data URLs (``pictures``), the settings form of Train and Sweep (``settings_form``, ``help_texts``), saving a trained model (``save_model``) and model actions (``model_actions``).

May import Streamlit, Altair, ``core``, ``views.keys`` and ``views.shell``; never a page's folder.

"""
