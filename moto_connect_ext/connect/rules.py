"""The rules AWS enforces around claiming and releasing numbers, as plain logic on the clock.

Nothing here touches moto or the request: the backend feeds in times and counts and acts on the
answers, so each rule can be read (and tested) on its own.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import json
import math
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, Generic, NamedTuple, TypeVar

from .arns import UUID
from .config import Settings

K = TypeVar("K", str, tuple[str, str])


class Deadlines(Generic[K]):
    """When records of one kind fall due: a min-heap of (due, key).

    Finding what is due costs O(1) when nothing is, so every operation can expire records first and
    expiry is one event that every operation sees alike. An entry stays when its record goes early
    (released, claimed again); whoever pops it checks that the record is still due.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[datetime, K]] = []

    def add(self, due: datetime, key: K) -> None:
        heapq.heappush(self._heap, (due, key))

    def pop_due(self, at: datetime) -> Iterator[K]:
        """Keys whose due time is ``at`` or earlier, earliest first, each removed as it is taken."""
        heap = self._heap
        while heap and heap[0][0] <= at:
            yield heapq.heappop(heap)[1]


class ChurnLog:
    """Releases of one account in one Region, for the 200% rule.

    AWS: "you can claim and release up to 200% of your maximum number of active phone numbers" in a
    rolling window; beyond it, claims are blocked "until 180 days past the oldest number released
    has expired". Each release inside the window counts one (a decision: claims do not count).
    """

    def __init__(self) -> None:
        self._releases: list[datetime] = []

    def record(self, at: datetime) -> None:
        bisect.insort(self._releases, at)

    def count(self, at: datetime, settings: Settings) -> int:
        self._forget_before(at - timedelta(days=settings.churn_window_days))
        return len(self._releases)

    def blocked_until(self, at: datetime, settings: Settings) -> datetime | None:
        """When claims are allowed again, or None if they are allowed now.

        A limit of 0 allows no claim at all: :data:`BLOCKED_WHILE_LIMIT_IS_ZERO`, as no release
        leaving the window lifts that block; a larger limit does.
        """
        limit = churn_limit(settings)
        if limit == 0:
            return BLOCKED_WHILE_LIMIT_IS_ZERO
        counted = self.count(at, settings)
        if counted < limit:
            return None
        # Claims resume once fewer than `limit` releases remain in the window.
        return self._releases[counted - limit] + timedelta(days=settings.churn_window_days)

    def next_due(self, settings: Settings) -> datetime | None:
        """When the oldest release leaves the window (with the window as configured now)."""
        if not self._releases:
            return None
        return self._releases[0] + timedelta(days=settings.churn_window_days)

    def expire(self, at: datetime, settings: Settings) -> None:
        self._forget_before(at - timedelta(days=settings.churn_window_days))

    def _forget_before(self, start: datetime) -> None:
        """A release exactly one window old has left the window (as a cooldown ends at its end)."""
        del self._releases[: bisect.bisect_right(self._releases, start)]


#: ChurnLog.blocked_until's answer under a churn limit of 0: blocked until the settings change.
BLOCKED_WHILE_LIMIT_IS_ZERO = datetime.max


def churn_limit(settings: Settings) -> int:
    """Releases allowed in the window: the percentage of the active-number quota, rounded down.

    0 (a quota or percentage of 0, or a product under 100) means every claim is blocked.
    """
    return math.floor(settings.churn_limit_percent * settings.phone_numbers_per_instance / 100)


def cooldown_end(released_at: datetime, settings: Settings) -> datetime:
    return released_at + timedelta(days=settings.cooldown_days)


#: A claim over the per-instance quota is held for its claimer this long, then returns to stock.
FAILED_CLAIM_HOLD = timedelta(days=1)


def claim_token_is_valid(token: str) -> bool:
    """ClaimPhoneNumber's ClientToken must be a lower-case UUID: AWS documents the pattern
    ``^[a-f0-9]{8}-...-[a-f0-9]{12}$`` (the model only caps the length)."""
    return UUID.fullmatch(token) is not None


class _Record(NamedTuple):
    """One remembered request; also its own entry in the ledger's expiry heap (keys are unique,
    so ties on ``expires_at`` never compare further)."""

    expires_at: datetime
    key: tuple[str, str]  # (operation, client token)
    fingerprint: int
    answer: Any


class IdempotencyLedger:
    """Answers of requests by (operation, client token), kept for the idempotency window.

    A retry with the same token and the same parameters replays the first answer with no second
    effect; the same token with other parameters is an IdempotencyException. Failed requests are
    not recorded, so a retry after an error runs again. A record keeps what the retry must answer,
    never the live resource, and leaves when its window ends (:meth:`expire`).
    """

    def __init__(self) -> None:
        self._records: dict[tuple[str, str], _Record] = {}
        self._by_expiry: list[_Record] = []  # a heap

    def replay(self, operation: str, token: str, params: dict[str, Any]) -> tuple[bool, Any]:
        """(True, first answer) for a retry; (False, None) for a new request.

        Raises :class:`TokenReused` when the token came with other parameters.
        """
        record = self._records.get((operation, token))
        if record is None:
            return False, None
        if record.fingerprint != fingerprint(params):
            raise TokenReused(token)
        return True, record.answer

    def remember(
        self,
        operation: str,
        token: str,
        params: dict[str, Any],
        answer: Any,
        at: datetime,
        settings: Settings,
    ) -> None:
        expires = at + timedelta(days=settings.idempotency_window_days)
        key = (operation, token)
        record = _Record(expires, key, fingerprint(params), answer)
        self._records[key] = record
        heapq.heappush(self._by_expiry, record)

    def next_due(self) -> datetime | None:
        return self._by_expiry[0].expires_at if self._by_expiry else None

    def expire(self, at: datetime) -> None:
        """Forget every record whose window has ended at ``at``."""
        heap = self._by_expiry
        while heap and heap[0].expires_at <= at:
            del self._records[heapq.heappop(heap).key]


class TokenReused(Exception):
    """The client token was first used with other parameters."""


def fingerprint(params: dict[str, Any]) -> int:
    """64 bits of a hash of the parameters: two requests that differ collide with odds of 2**-64."""
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)
    return int.from_bytes(hashlib.blake2b(canonical.encode(), digest_size=8).digest(), "big")
