"""The Inside page (``page.inside_page``).

Filters, feature maps, saliency and morphing (``sections``) and the map of the digits (``latent``).

May import Streamlit, Altair, ``core`` (never TensorFlow or Keras: models run in the engine's workers), ``views.shell``, ``views.widgets`` and ``views.keys``; never another page's folder (shared parts go to ``views.widgets``).

"""
