import numpy as np
import pytest

from core.inspection import evaluation
from core.inspection.evaluation import Evaluation
from core.storage.loading import load


def binary_evaluation() -> Evaluation:
    # true:   0    0    0    1    1    1
    # p:     0.1  0.4  0.6  0.3  0.7  0.9
    outputs = np.array([[0.1], [0.4], [0.6], [0.3], [0.7], [0.9]], np.float32)
    labels = np.array([0, 0, 0, 1, 1, 1])
    return Evaluation(outputs, labels, ("7", "8"), np.zeros((6, 28, 28, 1), np.uint8))


def test_metrics_at_default_threshold_match_hand_counts():
    summary = binary_evaluation().summary(0.5)
    # TP = 2 (0.7, 0.9), FP = 1 (0.6), FN = 1 (0.3), TN = 2
    assert summary["accuracy"] == pytest.approx(4 / 6)
    assert summary["precision"] == pytest.approx(2 / 3)
    assert summary["recall"] == pytest.approx(2 / 3)
    assert summary["f1"] == pytest.approx(2 / 3)
    # 8 of the 9 (positive, negative) pairs are ranked right: 0.3 < 0.4 and 0.3 < 0.6 are wrong → 7/9
    assert summary["roc_auc"] == pytest.approx(7 / 9)


def test_threshold_moves_matrix_precision_and_recall():
    ev = binary_evaluation()
    np.testing.assert_array_equal(ev.confusion(0.5), [[2, 1], [1, 2]])
    np.testing.assert_array_equal(ev.confusion(0.25), [[1, 2], [0, 3]])
    low = ev.summary(0.25)
    assert low["recall"] == pytest.approx(1.0)
    assert low["precision"] == pytest.approx(3 / 5)
    high = ev.summary(0.8)
    np.testing.assert_array_equal(ev.confusion(0.8), [[3, 0], [2, 1]])
    assert high["precision"] == pytest.approx(1.0)
    assert high["recall"] == pytest.approx(1 / 3)
    assert ev.roc_point(0.5) == pytest.approx((1 / 3, 2 / 3))
    assert ev.roc_point(0.25) == pytest.approx((2 / 3, 1.0))


def test_loss_is_binary_cross_entropy():
    ev = binary_evaluation()
    p = ev.outputs[:, 0].astype(float)
    expected = -np.mean(ev.labels * np.log(p) + (1 - ev.labels) * np.log(1 - p))
    assert ev.loss() == pytest.approx(expected, rel=1e-5)


def test_calibration_and_mistake_cells():
    ev = binary_evaluation()
    mean_predicted, fraction = ev.calibration(bins=2)
    np.testing.assert_allclose(mean_predicted, [np.mean([0.1, 0.4, 0.3]), np.mean([0.6, 0.7, 0.9])], rtol=1e-5)
    np.testing.assert_allclose(fraction, [1 / 3, 2 / 3])
    assert ev.confusion_cells(0.8) == [(1, 0, 2)]


def test_ten_classes_use_argmax_and_refuse_roc():
    outputs = np.eye(10, dtype=np.float32)[[0, 1, 2, 3, 3]] * 0.9 + 0.01
    ev = Evaluation(outputs, np.array([0, 1, 2, 3, 4]), tuple(str(i) for i in range(10)), np.zeros((5, 28, 28, 1), np.uint8))
    assert ev.confusion().shape == (10, 10)
    assert ev.confusion()[4, 3] == 1
    assert ev.summary()["accuracy"] == pytest.approx(0.8)
    assert "roc_auc" not in ev.summary()
    with pytest.raises(ValueError, match="picks among ten classes"):
        ev.roc()
    with pytest.raises(ValueError):
        ev.calibration()


def test_evaluate_shipped_cnn_on_a_few_hundred_digits(seven_vs_eight, t10k):
    x, y = t10k
    ev = evaluation.evaluate(seven_vs_eight, x[:600], y[:600], source="the first 600 t10k digits")
    assert len(ev) == int(np.isin(y[:600], (7, 8)).sum()) and ev.images.shape[1:] == (28, 28, 1)
    np.testing.assert_array_equal(ev.labels, (y[:600][np.isin(y[:600], (7, 8))] == 8).astype(int))
    assert ev.summary()["accuracy"] > 0.98 and ev.summary()["roc_auc"] > 0.99
    fpr, tpr, _ = ev.roc()
    assert fpr[0] == 0 and tpr[-1] == 1


def test_a_test_set_without_the_tasks_digits_is_refused(seven_vs_eight, t10k):
    x, y = t10k
    ones = x[y == 1][:10]
    with pytest.raises(ValueError, match="None of the test pictures belong to the task 7-vs-8"):
        evaluation.evaluate(seven_vs_eight, ones, np.ones(10, int))


def test_evaluate_with_task_labels_and_bad_inputs():
    from core.data.shapes import make_shapes

    classifier = load("shapes-circle-vs-square")
    x, y = make_shapes(40, seed=99)
    ev = evaluation.evaluate(classifier, x, y, task_labels=True)
    assert ev.class_names == ("square", "circle") and ev.images.shape == (40, 28, 28, 1)
    assert ev.summary()["accuracy"] >= 0.95  # fresh shapes the model never saw
    with pytest.raises(ValueError, match="takes"):
        evaluation.evaluate(classifier, np.zeros((2, 32, 32, 1), np.uint8), np.array([0, 1]), task_labels=True)
    with pytest.raises(ValueError, match="go up to 5 but the model knows 2 classes"):
        evaluation.evaluate(classifier, x[:2], np.array([0, 5]), task_labels=True)
