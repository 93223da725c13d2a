"""What a release sets going: the number cools down, unsearchable and unclaimable by anyone
until the cooldown ends, and the release counts toward the churn rule, which blocks this account
and Region's claims once it has released 200% of its quota of numbers within the window.

The cooldowns are process-wide (:mod:`.stock`: AWS's stock is global); each account and Region
keeps its own churn log, which falls due as :class:`~.base.BackendFamily` schedules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from .. import churn
from ..config import now
from ..exceptions import LimitExceededException
from .phone_numbers import PhoneNumber, PhoneNumbersMixin
from .stock import cooldowns


class ReleaseRulesMixin(PhoneNumbersMixin):
    """The cooldown of one account's released numbers in one Region, and its churn log."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.churn = churn.ChurnLog()

    def _record_dues(self) -> list[datetime | None]:
        return [*super()._record_dues(), self.churn.next_due(self._settings)]

    def _expire_records(self, at: datetime) -> None:
        super()._expire_records(at)
        self.churn.expire(at, self._settings)

    def _release(self, number: PhoneNumber) -> None:
        """The number leaves the account, counts toward churn and cools down."""
        released_at = now()
        # Time arithmetic first: if it fails, the number is still the account's.
        cooldown_end = self._cooldown_end(number, released_at)
        super()._release(number)
        self.churn.record(released_at)
        self._schedule_expiry()
        if cooldown_end is not None:
            cooldowns().cool(number.phone_number, cooldown_end)

    def _availability(self, claimer: bool = False) -> Callable[[str], bool]:
        """Nobody may search or claim a number while it cools down."""
        cooling, held_free = cooldowns().cooling_until, super()._availability(claimer)
        return lambda e164: e164 not in cooling and held_free(e164)

    def _cooldown_end(self, number: PhoneNumber, released_at: datetime) -> datetime | None:
        """When a number released now leaves its cooldown; a family may answer None for a
        number that does not cool down (one that goes back where it was imported from)."""
        return churn.cooldown_end(released_at, self._settings)

    def _blocked_claim(self, message: str) -> Exception:
        """What a claim blocked by churn meets: LimitExceededException, the model's error for a
        limit (HTTP 429); AWS documents the block, not its answer."""
        return LimitExceededException(message)

    def _ensure_claims_allowed(self) -> None:
        """The churn rule: claims (and imports) are refused while this account and Region's
        releases in the window reach the limit."""
        settings = self._settings
        blocked_until = self.churn.blocked_until(now(), settings)
        if blocked_until is None:
            super()._ensure_claims_allowed()
            return
        limit = churn.churn_limit(settings)
        rule = (
            f"in {self.region_name} within {settings.churn_window_days:g} days "
            f"({settings.churn_limit_percent:g}% of the quota of "
            f"{settings.phone_numbers_per_instance})"
        )
        raise self._blocked_claim(
            f"The allowed limit exceeded: this account may release 0 phone numbers {rule}; "
            f"every claim is blocked while the limit is 0."
            if blocked_until == churn.BLOCKED_WHILE_LIMIT_IS_ZERO
            else f"The allowed limit exceeded: this account released {limit} or more phone "
            f"numbers {rule}; claims are blocked until {blocked_until.isoformat()}Z.",
        )
