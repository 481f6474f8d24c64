"""core.engine.progress_sync: deltas rebuild the worker's progress exactly, and heal after a lost one."""

from core.engine.progress_sync import DeltaWriter, apply_delta
from core.training.progress import Progress


def _grow(progress: Progress, batches: int) -> None:
    for i in range(batches):
        progress.batch_loss.append(1.0 / (len(progress.batch_loss) + 1))
        progress.batch_accuracy.append(0.5 + i / 100)
        progress.batch += 1
    progress.epoch_history.append({"loss": progress.batch_loss[-1], "accuracy": progress.batch_accuracy[-1]})
    progress.epoch += 1


def test_deltas_rebuild_the_progress_and_carry_only_what_is_new():
    worker, server, writer = Progress(epochs=3, state="running"), Progress(), DeltaWriter()
    sizes = []
    for batches in (5, 7, 3):
        _grow(worker, batches)
        delta = writer.delta(worker)
        sizes.append(len(delta["batch_loss"][1]))
        apply_delta(server, delta)
    assert sizes == [5, 7, 3]
    assert server == worker


def test_a_lost_delta_is_healed_by_the_next_one_from_its_start_index():
    worker, server, writer = Progress(), Progress(), DeltaWriter()
    _grow(worker, 4)
    apply_delta(server, writer.delta(worker))
    _grow(worker, 4)
    writer.delta(worker)  # lost on the way
    _grow(worker, 2)
    late = writer.delta(worker)
    apply_delta(server, late)
    assert server.batch_loss == worker.batch_loss[:4] + worker.batch_loss[8:]  # what it got, no duplicates
    assert server.epoch == worker.epoch


def test_a_copy_does_not_share_lists_with_the_original():
    progress = Progress(batch_loss=[1.0], epoch_history=[{"loss": 1.0}])
    copy = progress.copy()
    copy.batch_loss.append(2.0)
    copy.epoch_history[0]["loss"] = 9.0
    assert progress.batch_loss == [1.0] and progress.epoch_history == [{"loss": 1.0}]
