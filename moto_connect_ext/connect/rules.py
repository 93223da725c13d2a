"""The rules AWS enforces around claiming and releasing numbers, as plain logic on the clock.

Nothing here touches moto or the request: the backend feeds in times and counts and acts on the
answers, so each rule can be read (and tested) on its own.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .arns import UUID
from .config import Settings


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


@dataclass
class _Record:
    fingerprint: str
    result: Any
    expires_at: datetime


class IdempotencyLedger:
    """Results of requests by (operation, client token), kept for the idempotency window.

    A retry with the same token and the same parameters replays the first result with no second
    effect; the same token with other parameters is an IdempotencyException. Failed requests are
    not recorded, so a retry after an error runs again.
    """

    def __init__(self) -> None:
        self._records: OrderedDict[tuple[str, str], _Record] = OrderedDict()

    def replay(
        self, operation: str, token: str, params: dict[str, Any], at: datetime
    ) -> tuple[bool, Any]:
        """(True, first result) for a retry; (False, None) for a new request.

        Raises :class:`TokenReused` when the token came with other parameters.
        """
        record = self._records.get((operation, token))
        if record is None:
            return False, None
        if at >= record.expires_at:
            del self._records[(operation, token)]
            return False, None
        if record.fingerprint != fingerprint(params):
            raise TokenReused(token)
        return True, record.result

    def remember(
        self,
        operation: str,
        token: str,
        params: dict[str, Any],
        result: Any,
        at: datetime,
        settings: Settings,
    ) -> None:
        expires = at + timedelta(days=settings.idempotency_window_days)
        self._records[(operation, token)] = _Record(fingerprint(params), result, expires)
        self._forget_expired(at)

    def _forget_expired(self, at: datetime) -> None:
        # Records are kept in the order they were made, so expired ones sit at the front.
        while self._records:
            oldest = next(iter(self._records.values()))
            if oldest.expires_at > at:
                break
            self._records.popitem(last=False)


class TokenReused(Exception):
    """The client token was first used with other parameters."""


def fingerprint(params: dict[str, Any]) -> str:
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()
