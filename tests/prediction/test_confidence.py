import numpy as np
import pytest

from core.prediction import confidence, predict


def binary(p: float) -> predict.Prediction:
    return predict.to_predictions(np.array([[p]]), ("7", "8"))[0]


def test_band_must_contain_one_half():
    assert confidence.check_band((0.3, 0.7)) == (0.3, 0.7)
    for bad in ((0.6, 0.8), (0.2, 0.4), (-0.1, 0.6), (0.4, 1.2)):
        with pytest.raises(ValueError, match=r"contain 0\.5"):
            confidence.check_band(bad)


@pytest.mark.parametrize(("p", "sure"), [(0.02, True), (0.39, True), (0.4, False), (0.55, False), (0.6, False), (0.97, True)])
def test_is_confident_outside_the_band(p, sure):
    assert confidence.is_confident(binary(p), (0.4, 0.6)) is sure


def test_headline_and_explanations_read_well():
    sure = confidence.explain(binary(0.01))
    assert "0.0100" in sure and "closer to 0 (7)" in sure and "sure" in sure
    guess = confidence.explain(binary(0.52))
    assert "inside the not-confident band 0.20–0.80" in guess and "guessing" in guess
    assert "0.20" in confidence.band_explanation() and "0.80" in confidence.band_explanation()
    ten = predict.to_predictions(np.array([[0.05, 0.55, 0.4] + [0.0] * 7]), [str(i) for i in range(10)])[0]
    explained = confidence.explain(ten)
    assert "55.0% to 1" in explained and "40.0% to 2" in explained and "not confident" in explained


def test_logit_inverts_the_sigmoid_and_stays_finite():
    for z in (-4.0, 0.0, 2.5):
        assert confidence.logit(1 / (1 + np.exp(-z))) == pytest.approx(z)
    assert np.isfinite(confidence.logit(0.0)) and np.isfinite(confidence.logit(1.0))


def test_percent_never_claims_certainty():
    assert confidence.percent(0.5) == "50%" and confidence.percent(0.995) == "99.5%"
    assert (
        confidence.percent(0.9996) == ">99.9%" and confidence.percent(0.999999) == ">99.9%" and confidence.percent(1.0) == "100%"
    )
    assert confidence.percent(0.0002) == "<0.1%"


def test_output_text_never_shows_a_flat_zero_or_one():
    assert confidence.output_text(0.25) == "0.2500"
    assert confidence.output_text(1e-9) == "<0.0001" and confidence.output_text(0.999999) == ">0.9999"
