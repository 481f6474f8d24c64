from core.modeling.config import PRESETS
from core.training.run_history import RunHistory
from core.training.train_config import TrainConfig

SAMPLE = "200 held-out test images from the lab's own MNIST sample"


def three_runs():
    history = RunHistory()
    history.add(
        TrainConfig(epochs=2),
        "finished",
        [{"accuracy": 0.9, "val_accuracy": 0.85, "val_loss": 0.4}, {"accuracy": 0.95, "val_accuracy": 0.9, "val_loss": 0.3}],
        test_accuracy=0.91,
        test_source=SAMPLE,
        real_accuracy=0.874,
        real_count=2002,
        seconds=12.3,
    )
    history.add(
        TrainConfig(epochs=2, learning_rate=0.01, model=PRESETS["dense"]),
        "stopped",
        [{"accuracy": 0.8, "val_accuracy": 0.7, "val_loss": 0.6}],
        test_accuracy=0.75,
        test_source=SAMPLE,
        seconds=3.0,
    )
    history.add(TrainConfig(learning_rate=100.0), "failed", [], seconds=0.5)
    return history


def test_runs_are_numbered_tabulated_and_compared():
    history = three_runs()
    first, second, _ = history.runs
    assert (first.number, second.number, history.next_number) == (1, 2, 4)
    assert "lr 0.01" in second.label and "dense 128-64" in second.label and "conv 32-64" in first.label
    table = history.table()
    assert table["validation acc"].tolist()[:2] == ["90.00%", "70.00%"] and table["state"].tolist() == [
        "finished",
        "stopped",
        "failed",
    ]
    assert table["epochs run"].tolist() == [2, 1, 0]


def test_every_accuracy_names_its_test_set_and_size():
    table = three_runs().table()
    assert table["test acc"][0] == "91.00%" and table["tested on"][0] == SAMPLE
    assert table["real MNIST test acc"][0] == "87.40%" and table["real MNIST test images"][0] == "2,002"


def test_a_failed_run_shows_a_dash_not_none():
    failed = three_runs().table().iloc[2]
    assert failed["test acc"] == failed["train acc"] == failed["tested on"] == failed["real MNIST test acc"] == "—"
    assert "None" not in failed.astype(str).tolist() and "nan" not in failed.astype(str).tolist()


def test_compared_runs_are_labelled_by_the_settings_that_differ():
    history = three_runs()
    labels = history.legend_labels([1, 2])
    assert labels[1].startswith("#1 · ") and "learning rate 0.001" in labels[1] and "dense units none" in labels[1]
    assert "learning rate 0.01" in labels[2] and "dense units 128, 64" in labels[2] and "conv filters none" in labels[2]
    assert "task" not in labels[1] and "epochs" not in labels[1]  # the same in both runs: left out
    history.add(TrainConfig(epochs=2), "finished", [{"val_accuracy": 0.8, "val_loss": 0.5}], seconds=1.0)
    assert history.legend_labels([1, 4]) == {1: "#1 · same settings", 4: "#4 · same settings"}
    assert history.legend_labels([2]) == {2: "#2 · 7-vs-8 · dense 128-64 · lr 0.01 · batch 64"}  # alone: its summary


def test_the_comparison_holds_validation_loss_and_accuracy_of_each_run():
    history = three_runs()
    frame = history.comparison([1, 2])
    assert set(frame.metric) == {"validation loss", "validation accuracy"}
    assert len(frame) == 6 and set(frame.run) == set(history.legend_labels([1, 2]).values())
    assert frame[frame.metric == "validation loss"].value.tolist() == [0.4, 0.3, 0.6]
    assert history.comparison([3]).empty
