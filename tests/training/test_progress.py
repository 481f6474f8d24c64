from core.training.progress import DIVERGED_MESSAGE, Progress


def test_fraction_done_counts_batches_over_all_epochs():
    assert Progress().fraction_done == 0.0
    assert Progress(epochs=4, batches=10, epoch=1, batch=5).fraction_done == 0.125
    assert Progress(epochs=4, batches=10, epoch=3, batch=10).fraction_done == 0.75
    assert Progress(epochs=2, batches=10, epoch=2, batch=10).fraction_done == 1.0


def test_done_only_in_a_final_state():
    assert [Progress(state=s).done for s in ("queued", "loading", "running", "stopping")] == [False] * 4
    assert [Progress(state=s).done for s in ("finished", "stopped", "failed")] == [True] * 3


def test_the_divergence_message_names_the_value_and_the_fix():
    text = DIVERGED_MESSAGE.format(value="NaN (not a number)")
    assert "the loss became NaN (not a number)" in text and "learning rate is probably too high" in text
