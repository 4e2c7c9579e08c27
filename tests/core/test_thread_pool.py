"""The shared threads: results in order, errors raised to the caller, no deadlock when work
started on a thread starts more, and a forked process (a web server's worker) gets threads of
its own."""

from __future__ import annotations

import os
import threading

import pytest

from pinspect import thread_pool


def test_results_come_in_the_order_of_the_items() -> None:
    assert list(thread_pool.in_threads(lambda n: n * n, list(range(50)))) == [
        n * n for n in range(50)
    ]


def test_an_error_in_the_work_is_raised_to_the_caller() -> None:
    def work(n: int) -> int:
        if n == 3:
            raise ValueError("bad item")
        return n

    with pytest.raises(ValueError, match="bad item"):
        list(thread_pool.in_threads(work, list(range(6))))
    with pytest.raises(ValueError, match="bad item"):
        thread_pool.started(lambda: work(3)).result()


def test_work_that_starts_more_work_does_not_wait_on_itself() -> None:
    def inner() -> list[int]:
        return list(thread_pool.in_threads(lambda n: n + 1, [1, 2, 3]))

    futures = [thread_pool.started(inner) for _ in range(8)]
    assert [future.result(timeout=10) for future in futures] == [[2, 3, 4]] * 8


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_process_gets_threads_of_its_own() -> None:
    assert thread_pool.started(threading.get_ident).result() != threading.get_ident()
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        try:
            done = thread_pool.started(lambda: 42).result(timeout=10)
            os.write(writer, str(done).encode())
        finally:
            os._exit(0)
    os.close(writer)
    os.waitpid(child, 0)
    assert os.read(reader, 16) == b"42"
