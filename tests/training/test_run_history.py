from core.modeling.config import PRESETS
from core.training.run_history import RunHistory
from core.training.train_config import TrainConfig


def test_runs_are_numbered_tabulated_and_compared():
    history = RunHistory()
    first = history.add(
        TrainConfig(epochs=2),
        "finished",
        [{"accuracy": 0.9, "val_accuracy": 0.85}, {"accuracy": 0.95, "val_accuracy": 0.9}],
        0.91,
        12.3,
    )
    second = history.add(
        TrainConfig(epochs=1, learning_rate=0.01, model=PRESETS["dense"]),
        "stopped",
        [{"accuracy": 0.8, "val_accuracy": 0.7}],
        0.75,
        3.0,
    )
    history.add(TrainConfig(learning_rate=100.0), "failed", [], None, 0.5)
    assert (first.number, second.number) == (1, 2)
    assert "lr 0.01" in second.label and "dense 128-64" in second.label and "conv 32-64" in first.label
    table = history.table()
    assert table["val acc"].tolist()[:2] == [0.9, 0.7] and table["state"].tolist() == ["finished", "stopped", "failed"]
    assert table["test acc"].isna().tolist() == [False, False, True]
    curves = history.validation_curves([1, 2])
    assert len(curves) == 3 and set(curves.run) == {first.label, second.label}
    assert history.validation_curves([3]).empty
