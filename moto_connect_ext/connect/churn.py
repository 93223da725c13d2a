"""The release rules on the clock: how long a released number cools down, and the churn rule
that blocks claims once an account has released 200% of its quota in the window."""

from __future__ import annotations

import bisect
import itertools
import math
from array import array
from datetime import datetime, timedelta

from .config import Settings
from .rules import from_ticks, ticks


class ChurnLog:
    """Releases of one account in one Region, for the 200% rule.

    AWS: "you can claim and release up to 200% of your maximum number of active phone numbers" in a
    rolling window; beyond it, claims are blocked "until 180 days past the oldest number released
    has expired". Each release inside the window counts one (a decision: claims do not count).
    """

    def __init__(self) -> None:
        self._releases = array("q")  # ticks, sorted: 8 bytes a release

    def record(self, at: datetime) -> None:
        bisect.insort(self._releases, ticks(at))

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
        oldest_counted = from_ticks(self._releases[counted - limit])
        return oldest_counted + timedelta(days=settings.churn_window_days)

    def next_due(self, settings: Settings) -> datetime | None:
        """When the oldest release leaves the window (with the window as configured now)."""
        if not self._releases:
            return None
        return from_ticks(self._releases[0]) + timedelta(days=settings.churn_window_days)

    def expire(self, at: datetime, settings: Settings) -> None:
        self._forget_before(at - timedelta(days=settings.churn_window_days))

    def _forget_before(self, start: datetime) -> None:
        """A release exactly one window old has left the window (as a cooldown ends at its end)."""
        del self._releases[: bisect.bisect_right(self._releases, ticks(start))]

    def release_ticks(self) -> list[int]:
        """The releases on record, oldest first, in :func:`ticks`: what a snapshot keeps."""
        return self._releases.tolist()

    @classmethod
    def of_releases(cls, releases: list[int]) -> ChurnLog:
        """A log holding ``releases`` (ticks, oldest first), as a snapshot restores it."""
        if any(later < earlier for earlier, later in itertools.pairwise(releases)):
            raise ValueError("releases must be in the order they happened")
        log = cls()
        log._releases = array("q", releases)
        return log


#: ChurnLog.blocked_until's answer under a churn limit of 0: blocked until the settings change.
BLOCKED_WHILE_LIMIT_IS_ZERO = datetime.max


def churn_limit(settings: Settings) -> int:
    """Releases allowed in the window: the percentage of the active-number quota, rounded down.

    0 (a quota or percentage of 0, or a product under 100) means every claim is blocked.
    """
    return math.floor(settings.churn_limit_percent * settings.phone_numbers_per_instance / 100)


def cooldown_end(released_at: datetime, settings: Settings) -> datetime:
    return released_at + timedelta(days=settings.cooldown_days)
