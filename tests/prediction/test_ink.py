import numpy as np
import pytest

from core.prediction import ink
from tests.helpers.drawings import seven


def test_dark_ink_on_light_paper_is_turned_light_on_black():
    drawn = seven(100) / 255
    np.testing.assert_allclose(
        ink.ink_on_black((1 - drawn).astype(np.float32)), ink.ink_on_black(drawn.astype(np.float32)), atol=0.02
    )
    assert ink.ink_on_black(drawn.astype(np.float32))[0, 0] == 0 and ink.ink_on_black(drawn.astype(np.float32)).max() == 1


def test_alpha_ink_is_never_inverted():
    covered = np.ones((50, 50), np.float32)
    covered[20:30, 20:30] = 0  # an opaque sheet with a hole: the hole is not ink, the sheet is no digit
    with pytest.raises(ink.BlankImageError):
        ink.ink_on_black(covered, from_alpha=True)
    assert ink.ink_on_black(1 - covered)[25, 25] == 1  # the same square as light ink on black paper is ink


def test_uneven_light_and_noise_are_removed_but_the_strokes_stay():
    rng = np.random.default_rng(1)
    _, xx = np.mgrid[0:100, 0:100] / 100
    paper = 0.65 + 0.3 * xx + rng.normal(0, 0.03, xx.shape)
    photo = np.clip(paper * (1 - 0.75 * seven(100) / 255), 0, 1).astype(np.float32)
    cleaned = ink.ink_on_black(photo)
    strokes = seven(100) > 128
    assert cleaned[strokes].mean() > 0.5 and (cleaned[~strokes] > 0.25).mean() < 0.01


@pytest.mark.parametrize("value", [0.0, 1.0, 0.5])
def test_flat_pictures_are_blank(value):
    with pytest.raises(ink.BlankImageError, match=r"The image is blank: draw a digit first\."):
        ink.ink_on_black(np.full((40, 40), value, np.float32))


def test_lone_specks_are_dropped_and_only_specks_is_blank():
    picture = np.zeros((200, 200), np.float32)
    picture[50:150, 95:105] = 1  # a stroke
    picture[10, 10] = picture[190, 30] = 1  # dust
    cleaned = ink.ink_on_black(picture)
    assert cleaned[10, 10] == 0 and cleaned[190, 30] == 0 and cleaned[100, 100] == 1
    dust = np.zeros((200, 200), np.float32)
    dust[::40, ::40] = 1
    dust[0, 0] = 0.5
    with pytest.raises(ink.BlankImageError):
        ink.ink_on_black(dust)


def test_clean_crop_keeps_the_ink_plus_a_margin_and_shrink_keeps_the_aspect():
    picture = np.zeros((280, 280), np.float32)
    picture[100:140, 120:130] = 1
    cropped = ink.clean_crop(picture)
    margin = max(4, round(0.04 * 280))
    assert cropped.shape == (40 + 2 * margin, 10 + 2 * margin)
    noisy = picture + np.random.default_rng(0).normal(0, 0.05, picture.shape).astype(np.float32)
    assert ink.clean_crop(noisy) is noisy  # paper or noise: nothing cropped
    assert ink.shrink(np.zeros((300, 150), np.float32), 100).shape == (100, 50)
    small = np.zeros((20, 10), np.float32)
    assert ink.shrink(small, 100) is small
