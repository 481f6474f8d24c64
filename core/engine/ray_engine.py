"""The Ray engine: the same jobs as Ray actors, so a cluster's scheduler places them anywhere.

``SIGMOID_LAB_RAY=local`` starts a Ray on this machine; ``auto`` or ``ray://head:10001`` joins a
running cluster (started with Ray's own ``ray start --head`` / ``ray start --address=...``).
Each training run is an actor with one CPU; its progress is fetched a few times a second and
mirrored into the same :class:`~core.engine.jobs.JobHandle` the local engine uses. Answers,
evaluations and looks inside run on a serving actor pinned to this node, where the models folder
is. A dataset the page already loaded goes into Ray's object store once.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from core import i18n
from core.engine.base import WorkerCrashedError
from core.engine.engine import Engine
from core.engine.jobs import JobBook
from core.engine.pool import CRASH_MESSAGE
from core.training.job_queue import TrainingQueue
from core.training.train_config import TrainConfig

if TYPE_CHECKING:
    from core.data.datasets import Dataset

POLL_S = 0.25
MISSING_RAY = (
    "SIGMOID_LAB_RAY is set, but Ray is not installed here. Install it with "
    "'pip install -r requirements-cluster.txt', or unset SIGMOID_LAB_RAY to train on this machine."
)


def start_ray(**options: Any) -> None:
    """``ray.init(**options)`` from a thread that lives as long as this process.

    A local Ray starts its own processes (GCS, raylet) with Linux's ``PR_SET_PDEATHSIG``, which
    kills them when the *thread* that started them ends, not the process. In the web server every
    script run is a thread that ends after the rerun, so a Ray started there died a moment later
    (and the server with it, a minute after, when the driver lost its GCS).

    Raises:
        Whatever ``ray.init`` raises, e.g. ``ConnectionError`` for a cluster that cannot be reached.

    """
    import ray

    started, failure = threading.Event(), []

    def home() -> None:
        try:
            ray.init(**options)
        except BaseException as error:  # handed to the caller
            failure.append(error)
        started.set()
        if not failure:
            threading.Event().wait()  # never ends: Ray's processes live as long as the server

    threading.Thread(target=home, name="ray-home", daemon=True).start()
    started.wait()
    if failure:
        raise failure[0]


class RayEngine(Engine):
    """Training and serving as Ray actors.

    Args:
        address: ``local`` (start Ray here), ``auto`` or a ``ray://`` address.
        num_cpus: CPUs for a local Ray (default: all).

    Raises:
        RuntimeError: If Ray is missing or the cluster cannot be reached.

    """

    def __init__(self, address: str = "local", num_cpus: int | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise RuntimeError(MISSING_RAY) from None
        from core.engine import actors  # defines the actor classes, which needs Ray

        self._actors = actors
        self._ray = ray
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            start_ray(**({"num_cpus": num_cpus} if address == "local" else {"address": address}), **options)
        slots = max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.queue = TrainingQueue(slots)
        self.book = JobBook()
        node = ray.get_runtime_context().get_node_id()
        strategy = ray.util.scheduling_strategies.NodeAffinitySchedulingStrategy(node_id=node, soft=False)
        self._server = actors.ServerActor.options(scheduling_strategy=strategy).remote()
        self._datasets: dict[int, Any] = {}
        self._lock = threading.Lock()

    def call(self, task: str, *args: Any, timeout: float | None = None, **kwargs: Any) -> Any:
        """Runs one serving task on the serving actor and returns its value (or raises its error)."""
        try:
            return self._ray.get(self._server.call.remote(task, args, kwargs, i18n.current()), timeout=timeout)
        except self._ray.exceptions.RayTaskError as error:
            raise error.as_instanceof_cause() from None
        except self._ray.exceptions.RayActorError:
            self._server = self._actors.ServerActor.remote()
            raise WorkerCrashedError(CRASH_MESSAGE) from None

    def _dataset_ref(self, dataset: Dataset | None) -> Any:
        if dataset is None:
            return None
        with self._lock:
            key = id(dataset)
            if key not in self._datasets:
                self._datasets[key] = self._ray.put(dataset)
                weakref.finalize(dataset, self._datasets.pop, key, None)
            return self._datasets[key]

    def _launch(
        self, config: TrainConfig, dataset: Dataset | None, on_progress: Callable[[Any], None]
    ) -> tuple[Future, Callable[[], None]]:
        actor = self._actors.TrainerActor.remote()
        run = actor.run.remote(config, self._dataset_ref(dataset))
        future: Future = Future()
        threading.Thread(target=self._follow, args=(actor, run, future, on_progress), daemon=True).start()
        return future, lambda: actor.stop.remote()

    def _follow(self, actor: Any, run: Any, future: Future, on_progress: Callable[[Any], None]) -> None:
        ray = self._ray
        try:
            while True:
                finished, _ = ray.wait([run], timeout=POLL_S)
                for delta in ray.get(actor.poll.remote()):
                    on_progress(delta)
                if finished:
                    future.set_result(ray.get(run))
                    return
        except ray.exceptions.RayTaskError as error:
            future.set_exception(error.as_instanceof_cause())
        except ray.exceptions.RayActorError:
            future.set_exception(WorkerCrashedError(CRASH_MESSAGE))
        except Exception as error:  # the handle must always hear how the run ended
            future.set_exception(error)
        finally:
            ray.kill(actor)

    def shutdown(self) -> None:
        """Ends the serving actor (Ray itself stays up for whoever started it)."""
        self._ray.kill(self._server)
