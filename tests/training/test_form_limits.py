import pytest

from core.training.form_limits import UPDATES_PER_EPOCH, fit_batch


@pytest.mark.parametrize("images", [54, 7, 200, 1000])
def test_a_batch_bigger_than_the_data_becomes_one_that_fits_and_says_so(images):
    batch, sentence = fit_batch(8192, images)
    assert 1 <= batch <= images and batch & (batch - 1) == 0  # a power of two
    assert -(-images // batch) >= min(UPDATES_PER_EPOCH, images)
    assert f"{images:,} training pictures" in sentence and f"batches of {batch}" in sentence


def test_the_default_batch_on_thirty_pictures_a_class():
    assert fit_batch(64, 54) == (
        8,
        "You have 54 training pictures, fewer than one batch of 64, so this run uses batches of 8 (7 weight updates per epoch).",
    )


@pytest.mark.parametrize(("batch", "images"), [(64, 64), (64, 1800), (1, 1), (32, 0)])
def test_a_batch_that_fits_is_kept_without_a_word(batch, images):
    assert fit_batch(batch, images) == (batch, "")
