"""The latent map: where the network puts images just before its output layer, flattened to 2-D.

:func:`latent_map` runs a set of labelled images through the model up to the layer before the
output and projects those activations with PCA (scikit-learn) to 50 and then 2 dimensions, or
with t-SNE from the 50. :func:`place` puts one more image on that map with numpy alone (its
activations come from :func:`activations`), and finds its nearest images in the 50-dimensional
space, so the Draw page's drawing can move on the map after every stroke without the model
refitting anything.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE

from core.inspection.features import as_batch

if TYPE_CHECKING:
    import keras

METHODS = ("pca", "tsne")
KEPT_DIMENSIONS = 50  # PCA keeps this many before the 2-D view (and t-SNE starts from them)
_EMBEDDERS: weakref.WeakKeyDictionary[keras.Model, keras.Model] = weakref.WeakKeyDictionary()
_EMBEDDERS_LOCK = threading.Lock()


@dataclass(frozen=True)
class LatentMap:
    """Labelled images placed on a 2-D map of the layer before the output.

    Attributes:
        points: N×2 map positions.
        labels: N task labels.
        images: The N images (for tooltips and neighbours).
        coordinates: N×K positions in the kept PCA dimensions (for neighbours and t-SNE placing).
        mean: The activations' mean (D).
        components: K×D PCA directions.
        method: ``pca`` or ``tsne``.
        layer: The name of the layer whose activations are mapped.
        explained: Share of the activations' variance the two map axes show (PCA; 0 for t-SNE).

    """

    points: np.ndarray
    labels: np.ndarray
    images: np.ndarray
    coordinates: np.ndarray
    mean: np.ndarray
    components: np.ndarray
    method: str
    layer: str
    explained: float


@dataclass(frozen=True)
class Placement:
    """One image on a :class:`LatentMap`: its position and its nearest mapped images, nearest first."""

    point: np.ndarray
    neighbours: np.ndarray
    distances: np.ndarray


def embedding_model(model: keras.Model) -> keras.Model:
    """A model returning the activations of the layer before the output, built once per model."""
    with _EMBEDDERS_LOCK:
        if model not in _EMBEDDERS:
            import keras

            inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
            _EMBEDDERS[model] = keras.Model(inputs, model.layers[-2].output)
        return _EMBEDDERS[model]


def activations(model: keras.Model, images: np.ndarray, batch_size: int = 256) -> np.ndarray:
    """The layer before the output for each image (N×H×W×C uint8, or one H×W×C image), flattened: N×D."""
    images = np.asarray(images)
    if images.ndim == len(model.input_shape) - 1:
        images = as_batch(model, images)
    embedder = embedding_model(model)
    parts = [
        np.asarray(embedder(images[i : i + batch_size].astype(np.float32), training=False))
        for i in range(0, len(images), batch_size)
    ]
    return np.concatenate(parts).reshape(len(images), -1)


def latent_map(model: keras.Model, images: np.ndarray, labels: np.ndarray, method: str = "pca", seed: int = 0) -> LatentMap:
    """Maps labelled images (ideally a few hundred per class) to 2-D.

    Raises:
        ValueError: For an unknown method or fewer than three images.

    """
    if method not in METHODS:
        raise ValueError(f"The map is drawn with {' or '.join(METHODS)}, not {method!r}.")
    if len(images) < 3:
        raise ValueError("A map needs at least three images.")
    features = activations(model, images)
    pca = PCA(n_components=min(KEPT_DIMENSIONS, *features.shape), random_state=seed).fit(features)
    coordinates = pca.transform(features).astype(np.float32)
    if method == "pca":
        points, explained = coordinates[:, :2], float(pca.explained_variance_ratio_[:2].sum())
    else:
        perplexity = min(30.0, (len(images) - 1) / 3)
        points, explained = TSNE(2, perplexity=perplexity, init="pca", random_state=seed).fit_transform(coordinates), 0.0
    return LatentMap(
        np.asarray(points, np.float32), np.asarray(labels), np.asarray(images), coordinates,
        pca.mean_.astype(np.float32), pca.components_.astype(np.float32), method, model.layers[-2].name, explained,
    )  # fmt: skip


def place(latent: LatentMap, feature: np.ndarray, k: int = 5) -> Placement:
    """Where an image with activations ``feature`` (D) lands, and its ``k`` nearest mapped images.

    PCA places it exactly; t-SNE has no formula for new points, so it lands at the mean of its
    nearest images' positions, weighted by closeness.
    """
    here = (np.asarray(feature, np.float32).ravel() - latent.mean) @ latent.components.T
    distances = np.linalg.norm(latent.coordinates - here, axis=1)
    nearest = np.argsort(distances, kind="stable")[:k]
    if latent.method == "pca":
        point = here[:2]
    else:
        weights = 1 / (distances[nearest] + 1e-6)
        point = (latent.points[nearest] * weights[:, None]).sum(axis=0) / weights.sum()
    return Placement(np.asarray(point, np.float32), nearest, distances[nearest])


def class_centres(latent: LatentMap) -> dict[int, np.ndarray]:
    """The mean map position of each class present."""
    return {int(label): latent.points[latent.labels == label].mean(axis=0) for label in np.unique(latent.labels)}
