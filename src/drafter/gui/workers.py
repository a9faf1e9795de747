"""Running slow work (Word export, PDF conversion, document writers) off the UI thread.

A `Task` runs one callable in the global thread pool and reports back through signals on a
QObject that lives in the UI thread. Workers never touch widgets; they get plain data (an
assembled `Document`, paths) and return plain data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

logger = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Signals: succeeded(object) with the callable's result, failed(object) with the
    exception, finished() after either."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = TaskSignals()
        self.setAutoDelete(False)  # the owner keeps it until `finished`

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except Exception as exc:  # reported to the UI thread, which shows the dialog
            logger.debug("task %s failed: %s", getattr(self.fn, "__name__", self.fn), exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        self.signals.finished.emit()


_running: set[Task] = set()


def start(task: Task) -> Task:
    """Start a task; the module keeps it alive until it finishes."""
    _running.add(task)
    task.signals.finished.connect(lambda: _running.discard(task))
    QThreadPool.globalInstance().start(task)
    return task


def wait_all(msecs: int = 30000) -> bool:
    """Block until every running task ended (closing the app, tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
