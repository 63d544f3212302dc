"""Spread independent work over the machine's cores: forked workers, same results in the same order.

Forking shares the parent's memory (the catalogue, the term vectors) with the
workers for free; only each chunk's range goes in and its results come back.
Small inputs, one-core machines and platforms without fork run in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any

MIN_ITEMS = 2000  # below this, starting workers costs more than it saves
_TASK: list[Callable[[range], list[Any]]] = []


def _run(bounds: tuple[int, int]) -> list[Any]:
    return _TASK[-1](range(*bounds))


def map_ranges(task: Callable[[range], list[Any]], count: int) -> list[Any]:
    """``task`` over ``range(count)`` split into chunks; the concatenated results, in order."""
    workers = min(os.cpu_count() or 1, 8)
    if count < MIN_ITEMS or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return task(range(count))
    size = -(-count // (workers * 4))  # a few chunks per worker evens out their speed
    chunks = [(start, min(start + size, count)) for start in range(0, count, size)]
    _TASK.append(task)  # read by the forked workers; never pickled
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run, chunks)
    finally:
        _TASK.pop()
    return [item for part in parts for item in part]
