"""One pool of threads, a thread per processor, shared by the array work of the core.

Counting answers (:mod:`pinspect.ratings.answer_counts`) and preparing a long list's
columns (:mod:`pinspect.sampling.case_table`) hand independent pieces of work to numpy and
pyarrow, which release the interpreter's lock while they run, so two processors do them in
about half the time. The threads are started once, when first needed, and kept: starting
them afresh for every call cost about a millisecond each, which a national rating of 150
inspections (about 35 ms) paid several times over. A process forked after the pool started
(a web server's workers) starts its own, as threads do not survive a fork.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

__all__ = ["in_threads", "processors", "started"]

_PREFIX = "pinspect-pool"

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")

_lock = threading.Lock()
_pool: tuple[int, ThreadPoolExecutor] | None = None  # (the process that started it, the pool)


def processors() -> int:
    """The processors this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _shared_pool() -> ThreadPoolExecutor:
    global _pool  # noqa: PLW0603  (the one pool of the process, started on first use)
    with _lock:
        if _pool is None or _pool[0] != os.getpid():
            _pool = (
                os.getpid(),
                ThreadPoolExecutor(max_workers=processors(), thread_name_prefix=_PREFIX),
            )
        return _pool[1]


def in_threads(work: Callable[[_Item], _Result], items: Sequence[_Item]) -> Iterator[_Result]:
    """``work`` on every item, the items shared between the processors' threads; the results
    in the items' order, each given as soon as it and those before it are done, so the caller
    can add each into a total and let it go. With one item or one processor, or when called
    from one of the pool's own threads (which would wait on itself), the work is done here."""
    if len(items) <= 1 or processors() <= 1 or _in_pool_thread():
        yield from (work(item) for item in items)
        return
    yield from _shared_pool().map(work, items)


def started(work: Callable[[], _Result]) -> Future[_Result]:
    """``work`` started on one of the threads; its result (or its exception) is the future's.
    With one processor, or when called from one of the pool's own threads, it is done here,
    before this returns."""
    if processors() <= 1 or _in_pool_thread():
        future: Future[_Result] = Future()
        try:
            future.set_result(work())
        except Exception as error:
            future.set_exception(error)
        return future
    return _shared_pool().submit(work)


def _in_pool_thread() -> bool:
    return threading.current_thread().name.startswith(_PREFIX)
