"""Process-wide state of the number stock: who holds each number and which numbers cool down.
One for the whole process (AWS's stock is global), in a BackendDict so that ``mock_aws`` and
``/moto-api/reset`` wipe it; callers hold STATE_LOCK.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from moto.core.base_backend import BackendDict, BaseBackend

from .. import rules
from ..config import STATE_LOCK, now

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


class PhoneNumberRegistry(BaseBackend):
    """Global stock state: who holds each number and until when released numbers cool down."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.holders: dict[str, Holder] = {}
        #: When each released number's cooldown ends, in :func:`rules.ticks` (a server keeps one
        #: per release for 180 days, so it is an int, queued for expiry by its E.164 alone).
        self.cooling_until: dict[str, int] = {}
        self._cooldowns = rules.DueQueue[str](self.cooling_until.__getitem__)
        # When failed claims' holds end (by E.164), and when a backend's churn log or idempotency
        # ledger next has a record to forget (by account and Region).
        self._holds = rules.Deadlines[datetime, str]()
        self._backend_records = rules.Deadlines[datetime, tuple[str, str]]()
        # Runs of consecutive unavailable numbers in a query's stock order, found by searches
        # (query -> {first: last}), so the next search jumps over them instead of walking them.
        # They stay true until some number can become available again: at ``_next_return``.
        self._taken_runs: dict[tuple[str, str, str], dict[str, str]] = {}
        self._next_return: datetime | None = None

    def hold(self, number: Holder) -> None:
        self.holders[number.phone_number] = number
        if number.held_until is not None:
            self._holds.add(number.held_until, number.phone_number)
        self._returns_at(number.held_until)

    def free(self, e164: str) -> None:
        """The number leaves its holder and is back in stock at once: runs of taken numbers that
        searches found may hold it, so they are forgotten."""
        if self.holders.pop(e164, None) is not None:
            self._returns_at(now())

    def cool(self, e164: str, until: datetime) -> None:
        self.holders.pop(e164, None)
        end = rules.ticks(until)
        self.cooling_until[e164] = end
        self._cooldowns.add(e164, end)
        self._returns_at(until)

    def restore_cooldowns(self, ends: dict[str, int]) -> None:
        """A snapshot's cooldowns (E.164 -> end in :func:`rules.ticks`; none of them held), all
        at once: queued in the order they end, so the queue stays first in, first out."""
        for e164, end in sorted(ends.items(), key=lambda item: item[1]):
            self.cooling_until[e164] = end
            self._cooldowns.add(e164, end)
        if ends:
            self._returns_at(rules.from_ticks(min(ends.values())))

    def backend_records_due(self, account_id: str, region: str, at: datetime) -> None:
        self._backend_records.add(at, (account_id, region))

    def expire(self, at: datetime) -> tuple[list[Holder], list[tuple[str, str]]]:
        """End the cooldowns due at ``at``; return the failed claims whose holds end and the
        backends (account, Region) with churn or idempotency records to forget, for the caller
        to tell them. O(1) when nothing is due."""
        for e164 in self._cooldowns.pop_due(rules.ticks(at)):
            del self.cooling_until[e164]
        holds_ended = [
            holder
            for holder in map(self.holders.get, self._holds.pop_due(at))
            if holder is not None and holder.held_until is not None and holder.held_until <= at
        ]
        return holds_ended, list(self._backend_records.pop_due(at))

    def _returns_at(self, at: datetime | None) -> None:
        if at is not None and (self._next_return is None or at < self._next_return):
            self._next_return = at

    def is_available(self, e164: str, claimer: tuple[str, str] | None = None) -> bool:
        """Free for anyone, or (with ``claimer``) held only by that account and Region's failed claim."""
        holder = self.holders.get(e164)
        if holder is not None:
            own_failed_claim = holder.held_until is not None
            return own_failed_claim and claimer == (holder.account_id, holder.region)
        return e164 not in self.cooling_until

    def available_stock(
        self,
        walk: StockWalk,
        country: str,
        number_type: str,
        prefix: str | None,
        after: str | None,
        batch: int,
    ) -> Iterator[str]:
        """Numbers of a search query that are free (not held or cooling down), in stock order,
        strictly after ``after``: the candidates of ``walk`` (which the backend chooses).

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
                    if not self.is_available(e164):
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
        """The query's runs of taken numbers, all of them forgotten once a number may be back."""
        if self._next_return is not None and now() >= self._next_return:
            self._taken_runs.clear()
            ends = [n.held_until for n in self.holders.values() if n.held_until is not None]
            if self.cooling_until:
                ends.append(rules.from_ticks(min(self.cooling_until.values())))
            self._next_return = min(ends, default=None)
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
