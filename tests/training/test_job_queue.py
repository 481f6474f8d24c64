import threading
import time

from core.training import job_queue


def test_queue_caps_concurrent_holders_and_reports_positions():
    queue = job_queue.TrainingQueue(slots=1)
    never = threading.Event()
    assert queue.acquire("a", never)
    positions = []
    cancelled = threading.Event()
    waiter = threading.Thread(target=lambda: positions.append(queue.acquire("b", cancelled, positions.append)))
    waiter.start()
    time.sleep(0.5)
    assert queue.status() == (1, 1) and positions and positions[0] == 1
    cancelled.set()
    waiter.join(timeout=5)
    assert positions[-1] is False and queue.status() == (1, 0)
    queue.release("a")
    assert queue.acquire("c", never) and queue.status() == (1, 0)


def test_waiters_get_their_turn_in_arrival_order():
    queue = job_queue.TrainingQueue(slots=1)
    never = threading.Event()
    queue.acquire("first", never)
    order = []
    waiters = []
    for name in ("second", "third"):
        waiters.append(threading.Thread(target=lambda n=name: (queue.acquire(n, never), order.append(n))))
        waiters[-1].start()
        time.sleep(0.3)
    queue.release("first")
    waiters[0].join(timeout=5)
    queue.release("second")
    waiters[1].join(timeout=5)
    assert order == ["second", "third"]
    assert job_queue.TrainingQueue(slots=0).slots == 1  # at least one job can always run
