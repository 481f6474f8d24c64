"""A worker runs under a data-memory cap: an allocation past it fails with MemoryError instead of taking the machine."""

import os
import subprocess
import sys
import textwrap

from core.engine import worker_main

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_the_cap_turns_a_huge_allocation_into_a_memory_error():
    script = textwrap.dedent(
        """
        import numpy as np
        from core.engine.worker_main import limit_memory
        print(limit_memory())
        try:
            np.ones(1 << 28, np.float32)  # 1 GiB, past the 300 MB cap
        except MemoryError:
            print("refused")
        """
    )
    env = dict(os.environ, SIGMOID_LAB_WORKER_MEMORY_MB="300", PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert done.stdout.split() == [str(300 << 20), "refused"], done.stderr


def test_the_cap_can_be_turned_off_and_out_of_memory_errors_are_recognised(monkeypatch):
    monkeypatch.setenv(worker_main.MEMORY_ENV, "0")
    assert worker_main.limit_memory() is None
    assert worker_main._out_of_memory(MemoryError()) and not worker_main._out_of_memory(ValueError("no"))
    resource_exhausted = type("ResourceExhaustedError", (Exception,), {})
    assert worker_main._out_of_memory(resource_exhausted("OOM when allocating tensor"))


def test_a_task_past_the_cap_ends_with_a_sentence_in_the_asking_sessions_language(monkeypatch):
    import threading
    from multiprocessing import Pipe

    from core.engine import servant

    def greedy(context):
        raise MemoryError

    monkeypatch.setitem(servant.TASKS, "greedy", greedy)
    monkeypatch.setenv(worker_main.MEMORY_ENV, "0")  # this test process keeps its memory
    server, worker = Pipe()
    body = threading.Thread(target=worker_main.serve, args=(worker,), daemon=True)
    body.start()
    answers = []
    for task_id, language in ((1, "en"), (2, "es")):
        server.send(("task", task_id, "greedy", (), {}, language))
        assert server.poll(30)
        answers.append(server.recv())
    server.send(("exit",))
    body.join(30)
    (kind, _, english), (_, _, spanish) = answers
    assert kind == "error" and str(english) == "This needed more memory than a worker may use, so it was stopped."
    assert str(spanish).startswith("Esto necesitaba más memoria")
