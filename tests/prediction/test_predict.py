import numpy as np
import pytest

from core.prediction import predict
from tests.helpers.drawings import eight, seven
from tests.helpers.files import png


def test_to_predictions_for_a_sigmoid():
    low, high, middle = predict.to_predictions(np.array([[0.1], [0.93], [0.5]]), ("7", "8"))
    assert (low.label, low.confidence, low.probability) == ("7", pytest.approx(0.9), pytest.approx(0.1))
    assert low.probabilities == {"7": pytest.approx(0.9), "8": pytest.approx(0.1)}
    assert (high.label, high.confidence) == ("8", pytest.approx(0.93))
    assert middle.label == "8" and middle.confidence == pytest.approx(0.5)


def test_to_predictions_for_ten_classes():
    row = np.full((1, 10), 0.02)
    row[0, 3] = 0.82
    (prediction,) = predict.to_predictions(row, [str(i) for i in range(10)])
    assert prediction.label == "3" and prediction.confidence == pytest.approx(0.82)
    assert len(prediction.probabilities) == 10


def test_output_probabilities_match_model_predict_in_any_chunking(seven_vs_eight, t10k):
    x, _ = t10k
    inputs = x[:300, ..., None]
    slow = seven_vs_eight.model.predict(inputs, verbose=0)
    for batch_size in (1, 128, 2048):
        fast = predict.output_probabilities(seven_vs_eight.model, inputs, batch_size=batch_size)
        assert fast.shape == (300, 1) and fast.dtype == np.float32
        np.testing.assert_allclose(fast, slow, atol=1e-5)
    assert predict.compiled_forward(seven_vs_eight.model) is predict.compiled_forward(seven_vs_eight.model)
    assert predict.output_probabilities(seven_vs_eight.model, inputs[:0]).shape == (0, 1)


def test_prepare_many_stacks_model_inputs():
    stacked = predict.prepare_many([seven(), eight()], (28, 28, 1), "mnist")
    assert stacked.shape == (2, 28, 28, 1) and stacked.dtype == np.uint8


def test_predict_files_keeps_going_past_bad_files(seven_vs_eight):
    files = [
        ("seven.png", png(seven())),
        ("broken.png", b"\x89PNG not really"),
        ("blank.png", png(np.zeros((50, 50), np.uint8))),
        ("eight-on-paper.png", png(255 - eight())),
    ]
    results = predict.predict_files(seven_vs_eight, files)
    assert [r.name for r in results] == [name for name, _ in files]
    assert results[0].prediction.label == "7" and results[3].prediction.label == "8"
    assert results[0].prepared.input.shape == (28, 28, 1)
    assert results[1].prediction is None and "broken.png" in results[1].error and "picture" in results[1].error
    assert results[2].prediction is None and "draw a digit first" in results[2].error
    rows = predict.results_table(results, seven_vs_eight.class_names)
    assert list(rows[0]) == ["file", "prediction", "confidence", "sigmoid P(8)", "error"]
    assert rows[0]["prediction"] == "7" and rows[0]["confidence"] > 0.95 and rows[0]["error"] == ""
    assert rows[1]["prediction"] == "" and rows[1]["confidence"] is None and rows[1]["error"]


def test_predict_files_with_nothing_usable(seven_vs_eight):
    results = predict.predict_files(seven_vs_eight, [("a.txt", b"hello")])
    assert results[0].prediction is None and results[0].error.startswith("a.txt: ")
    assert predict.predict_files(seven_vs_eight, []) == []
