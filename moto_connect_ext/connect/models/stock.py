"""Process-wide state of the number stock: who holds each number, what falls due when, and
which numbers cool down. One of each for the whole process (AWS's stock is global), in a
BackendDict so that ``mock_aws`` and ``/moto-api/reset`` wipe it; callers hold STATE_LOCK.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from moto.core.base_backend import BackendDict, BaseBackend

from .. import rules
from ..config import STATE_LOCK

if TYPE_CHECKING:
    from ..inventory import StockWalk


class Holder(Protocol):
    """What holds a number of the stock: a claimed (or imported) Connect number, or a number of
    another service that draws from the same stock."""

    phone_number: str
    phone_number_id: str
    account_id: str
    region: str
    #: For a failed claim, when its hold ends; None for a number held until released.
    held_until: datetime | None


#: What falls due: called with the time it is called at.
Expiry = Callable[[datetime], None]


class PhoneNumberRegistry(BaseBackend):
    """Global stock state: who holds each number, and what falls due when."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.holders: dict[str, Holder] = {}
        #: What to call when: each keeper of records (a failed claim's hold, a backend's churn
        #: log, the cooldowns) schedules the end of its next, so that one check finds all. A call
        #: stands at the earliest time it was given (``_next``); its later entries are void.
        self._due = rules.Deadlines[datetime, tuple[Expiry, datetime]]()
        self._next: dict[Expiry, datetime] = {}
        # Runs of consecutive unavailable numbers in a query's stock order, found by searches
        # (query -> {first: last}), so the next search jumps over them instead of walking them.
        # They stay true until a number is back in stock.
        self._taken_runs: dict[tuple[str, str, str], dict[str, str]] = {}

    def hold(self, number: Holder) -> None:
        self.holders[number.phone_number] = number

    def free(self, e164: str) -> None:
        """The number leaves its holder and is back in stock at once."""
        if self.holders.pop(e164, None) is not None:
            self.back_in_stock()

    def back_in_stock(self) -> None:
        """Numbers are back in stock: runs of taken numbers that searches found may hold them,
        so they are forgotten."""
        self._taken_runs.clear()

    def schedule(self, at: datetime, expire: Expiry) -> None:
        """Call ``expire`` at ``at``, unless it is to be called earlier already."""
        current = self._next.get(expire)
        if current is None or at < current:
            self._next[expire] = at
            self._due.add(at, (expire, at))

    def expire(self, at: datetime) -> list[Expiry]:
        """What is due at ``at``, each once, for the caller to call (outside this loop: a call
        may schedule again). O(1) when nothing is due."""
        due = []
        for expire, scheduled in self._due.pop_due(at):
            if self._next.get(expire) == scheduled:
                del self._next[expire]
                due.append(expire)
        return due

    def is_available(self, e164: str, claimer: tuple[str, str] | None = None) -> bool:
        """Held by nobody, or (with ``claimer``) only by that account and Region's failed claim.
        The release rules add the cooldown (:meth:`~.PhoneNumbersMixin._availability`)."""
        holder = self.holders.get(e164)
        if holder is None:
            return True
        own_failed_claim = holder.held_until is not None
        return own_failed_claim and claimer == (holder.account_id, holder.region)

    def available_stock(
        self,
        walk: StockWalk,
        country: str,
        number_type: str,
        prefix: str | None,
        after: str | None,
        batch: int,
        available: Callable[[str], bool],
    ) -> Iterator[str]:
        """Numbers of a search query that are ``available``, in stock order, strictly after
        ``after``: the candidates of ``walk`` (both the backend's).

        Candidates come from the inventory outside STATE_LOCK, since a fruitless query may walk
        many; the lock is held only to sift a batch of them (``batch`` first, then twice as many
        each time), so a search never stalls other requests. A number yielded may be taken by the
        time the caller answers: a caller that must hold it checks again under the lock.
        """
        key = _stock_key(country, number_type, prefix)  # first: says if phonenumbers is missing
        candidates = walk(country, number_type, prefix, after)
        runs_seen: dict[str, str] | None = None
        run_start: str | None = None
        last_taken = ""
        while True:
            found = list(islice(candidates, batch))
            batch = min(2 * batch, _MAX_SEARCH_BATCH)
            free: list[str] = []
            jump_to: str | None = None
            with STATE_LOCK:
                runs = self._runs_for(key)
                if runs is not runs_seen:  # forgotten meanwhile: what was seen may have changed
                    runs_seen, run_start = runs, None
                for e164 in found:
                    if e164 in runs:
                        run_start = run_start or e164
                        last_taken = jump_to = runs[e164]
                        break
                    if not available(e164):
                        run_start = run_start or e164
                        last_taken = e164
                        continue
                    if run_start is not None and run_start != last_taken:
                        runs[run_start] = last_taken
                    run_start = None
                    free.append(e164)
                if not found and run_start is not None and run_start != last_taken:
                    runs[run_start] = last_taken
            yield from free
            if not found:
                return
            if jump_to is not None:
                candidates = walk(country, number_type, prefix, jump_to)

    def _runs_for(self, key: tuple[str, str, str]) -> dict[str, str]:
        """The query's runs of taken numbers (all of them forgotten when a number is back)."""
        runs = self._taken_runs.get(key)
        if runs is None:
            if len(self._taken_runs) >= _MAX_REMEMBERED_QUERIES:
                del self._taken_runs[next(iter(self._taken_runs))]
            runs = self._taken_runs[key] = {}
        return runs


_MAX_SEARCH_BATCH = 256
#: Queries whose runs of taken numbers are remembered at once; the oldest is forgotten first, so
#: a long-running server does not grow with every new prefix.
_MAX_REMEMBERED_QUERIES = 1024


def _stock_key(country: str, number_type: str, prefix: str | None) -> tuple[str, str, str]:
    """Queries with the same key walk the same numbers (CA TOLL_FREE is the US toll-free stock)."""
    from .. import inventory

    return (inventory.stock_region(country, number_type), number_type, (prefix or "").lstrip("+"))


registries = BackendDict(
    PhoneNumberRegistry, "connect", use_boto3_regions=False, additional_regions=["aws"]
)


def registry() -> PhoneNumberRegistry:
    return registries["000000000000"]["aws"]


class CooldownRegistry(BaseBackend):
    """Global cooldowns: until when each released number is unsearchable and unclaimable."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        #: When each released number's cooldown ends, in :func:`rules.ticks` (a server keeps one
        #: per release for 180 days, so it is an int, queued for expiry by its E.164 alone).
        self.cooling_until: dict[str, int] = {}
        self._queue = rules.DueQueue[str](self.cooling_until.__getitem__)

    def cool(self, e164: str, until: datetime) -> None:
        end = rules.ticks(until)
        self.cooling_until[e164] = end
        self._queue.add(e164, end)
        self._schedule()

    def restore(self, ends: dict[str, int]) -> None:
        """A snapshot's cooldowns (E.164 -> end in :func:`rules.ticks`; none of them held), all
        at once: queued in the order they end, so the queue stays first in, first out."""
        for e164, end in sorted(ends.items(), key=lambda item: item[1]):
            self.cooling_until[e164] = end
            self._queue.add(e164, end)
        self._schedule()

    def expire(self, at: datetime) -> None:
        """End the cooldowns due at ``at``: those numbers are back in stock."""
        ended = list(self._queue.pop_due(rules.ticks(at)))
        for e164 in ended:
            del self.cooling_until[e164]
        if ended:
            registry().back_in_stock()
        self._schedule()

    def _schedule(self) -> None:
        """Have the registry call :meth:`expire` when the next cooldown ends."""
        due = self._queue.next_due()
        if due is not None:
            registry().schedule(rules.from_ticks(due), self.expire)


cooldown_registries = BackendDict(
    CooldownRegistry, "connect", use_boto3_regions=False, additional_regions=["aws"]
)


def cooldowns() -> CooldownRegistry:
    return cooldown_registries["000000000000"]["aws"]
