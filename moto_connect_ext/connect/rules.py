"""The rules AWS enforces around claiming and releasing numbers, as plain logic on the clock.

Nothing here touches moto or the request: the backend feeds in times and counts and acts on the
answers, so each rule can be read (and tested) on its own.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from collections.abc import Callable, Hashable, Iterator
from datetime import datetime, timedelta
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
D = TypeVar("D", int, datetime)

#: Where :func:`ticks` count from: every datetime is after it, so ticks are never negative.
_TICKS_START = datetime.min
_TICK = timedelta(microseconds=1)


def ticks(at: datetime) -> int:
    """A naive UTC time as whole microseconds, exactly: the records a long-running server keeps
    by the thousand store these (a 32-byte int) rather than datetimes (48 bytes)."""
    return (at - _TICKS_START) // _TICK


def from_ticks(value: int) -> datetime:
    return _TICKS_START + value * _TICK


class Deadlines(Generic[D, K]):
    """When records of one kind fall due: a min-heap of (due, order added, key).

    Finding what is due costs O(1) when nothing is, so every operation can expire records first and
    expiry is one event that every operation sees alike. An entry stays when its record goes early
    (released, claimed again); whoever pops it checks that the record is still due. Ties on the due
    time go by the order added, never to the keys, which need not be comparable.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[D, int, K]] = []
        self._added = itertools.count()

    def add(self, due: D, key: K) -> None:
        heapq.heappush(self._heap, (due, next(self._added), key))

    def next_due(self) -> D | None:
        return self._heap[0][0] if self._heap else None

    def pop_due(self, at: D) -> Iterator[K]:
        """Keys whose due time is ``at`` or earlier, earliest first, each removed as it is taken."""
        heap = self._heap
        while heap and heap[0][0] <= at:
            yield heapq.heappop(heap)[2]

    def discard(self, key: K) -> None:
        """Drop ``key``'s entries, in O(n)."""
        self._heap = [entry for entry in self._heap if entry[2] != key]
        heapq.heapify(self._heap)


class DueQueue(Generic[K]):
    """Keys of many records in the order they fall due, at one pointer per key.

    Records of one kind are usually due in the order they are made (one window setting, a clock that
    moves forward): those keys queue in a FIFO, whose front is the next due. A key due before the
    last one queued (a window shortened meanwhile, the clock set back) goes to a heap of
    :class:`Deadlines` instead, so expiry stays exact whatever the settings and the clock do. The
    due times live in the records (``due_of`` reads them), not here; a key is queued once while its
    record lives (:meth:`discard` it before queuing it again).
    """

    def __init__(self, due_of: Callable[[K], int]) -> None:
        self._due_of = due_of
        self._in_order: deque[K] = deque()
        self._last_due = 0
        self._out_of_order = Deadlines[int, K]()

    def add(self, key: K, due: int) -> None:
        if self._in_order and due < self._last_due:
            self._out_of_order.add(due, key)
        else:
            self._in_order.append(key)
            self._last_due = due

    def discard(self, key: K) -> None:
        """Forget a queued key whose record is replaced before its time, in O(n) (rare)."""
        if key in self._in_order:
            self._in_order.remove(key)
        else:
            self._out_of_order.discard(key)

    def next_due(self) -> int | None:
        dues = [self._out_of_order.next_due()]
        if self._in_order:
            dues.append(self._due_of(self._in_order[0]))
        return min((due for due in dues if due is not None), default=None)

    def pop_due(self, at: int) -> Iterator[K]:
        """Keys due at ``at`` or earlier, each removed as it is taken."""
        in_order = self._in_order
        while in_order and self._due_of(in_order[0]) <= at:
            yield in_order.popleft()
        yield from self._out_of_order.pop_due(at)


#: A claim over the per-instance quota is held for its claimer this long, then returns to stock.
FAILED_CLAIM_HOLD = timedelta(days=1)
