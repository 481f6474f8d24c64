"""The latent map with the shipped 7-vs-8 model: drawings land among their own class, neighbours included."""

import numpy as np
import pytest

from core.inspection import latent
from core.prediction import preprocess
from tests.helpers.drawings import eight, rgba, seven


@pytest.fixture(scope="module")
def sevens_and_eights(t10k):
    x, y = t10k
    keep = np.flatnonzero(np.isin(y, [7, 8]))[:600]
    return x[keep][..., None], (y[keep] == 8).astype(int)


@pytest.fixture(scope="module")
def pca_map(seven_vs_eight, sevens_and_eights):
    return latent.latent_map(seven_vs_eight.model, *sevens_and_eights)


def drawing_feature(model, ink):
    return latent.activations(model, preprocess.prepare(rgba(ink)).input)[0]


@pytest.mark.parametrize(("ink", "label"), [(seven, 0), (eight, 1)], ids=["seven", "eight"])
def test_a_drawing_lies_nearer_its_own_class_centre_and_among_its_own_digits(seven_vs_eight, pca_map, ink, label):
    placed = latent.place(pca_map, drawing_feature(seven_vs_eight.model, ink()))
    centres = latent.class_centres(pca_map)
    own, other = (np.linalg.norm(placed.point - centres[c]) for c in (label, 1 - label))
    assert own < other
    assert np.mean(pca_map.labels[placed.neighbours] == label) >= 0.8
    assert len(placed.neighbours) == 5 and np.all(np.diff(placed.distances) >= 0)


def test_the_map_separates_the_classes_and_places_a_mapped_image_on_its_own_point(seven_vs_eight, pca_map, sevens_and_eights):
    images, labels = sevens_and_eights
    centres = latent.class_centres(pca_map)
    nearer_own = [
        np.linalg.norm(p - centres[c]) < np.linalg.norm(p - centres[1 - c]) for p, c in zip(pca_map.points, labels, strict=True)
    ]
    assert np.mean(nearer_own) > 0.95  # a 99% model keeps its two classes apart
    again = latent.place(pca_map, latent.activations(seven_vs_eight.model, images[:1])[0])
    assert again.neighbours[0] == 0 and np.allclose(again.point, pca_map.points[0], atol=1e-3)
    assert pca_map.layer == "dropout" and 0 < pca_map.explained <= 1


def test_tsne_places_a_drawing_among_its_own_class_too(seven_vs_eight, sevens_and_eights):
    images, labels = sevens_and_eights
    tsne = latent.latent_map(seven_vs_eight.model, images[:200], labels[:200], method="tsne")
    placed = latent.place(tsne, drawing_feature(seven_vs_eight.model, eight()))
    centres = latent.class_centres(tsne)
    assert np.linalg.norm(placed.point - centres[1]) < np.linalg.norm(placed.point - centres[0])


def test_an_unknown_method_or_too_few_images_are_refused(seven_vs_eight, sevens_and_eights):
    images, labels = sevens_and_eights
    with pytest.raises(ValueError, match="pca or tsne"):
        latent.latent_map(seven_vs_eight.model, images, labels, method="umap")
    with pytest.raises(ValueError, match="at least three"):
        latent.latent_map(seven_vs_eight.model, images[:2], labels[:2])
