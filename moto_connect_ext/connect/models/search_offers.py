"""Search offers, the plugin's opt-in for test suites that share one server: with the searcher's
``search_offer_seconds`` above 0, a number a search returns is on offer for that long, and no
other search returns it meanwhile. AWS does not do this (its searches side by side return the same
numbers), so it stays in the plugin: moto's backend takes AWS's defaults, which have no offers.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from moto.core.base_backend import BackendDict, BaseBackend

from ..config import STATE_LOCK, now
from .base import expire_due
from .phone_numbers import PhoneNumbersMixin
from .stock import _stock_key, registry

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from ..inventory import StockWalk

#: Offers remembered at once; beyond this the oldest lapse early, so memory stays bounded.
MAX_OFFERS = 10_000
#: Queries whose last offered number is remembered at once; the oldest is forgotten first.
MAX_REMEMBERED_QUERIES = 1024


class SearchOffers(BaseBackend):
    """Numbers searches handed out recently, kept from other searches for the searcher's
    ``search_offer_seconds`` (opt-in, default 0: no offers), so that test workers sharing one
    server, each searching and then claiming, are offered different numbers. AWS does not do
    this: its searches side by side return the same numbers (terraform-provider-aws#45572).

    While a query has offers out, its next first page starts after the last number it offered;
    a number on offer is offered to no other search meanwhile. Claims ignore offers. Callers hold
    STATE_LOCK.
    """

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        # Both oldest first: a number's offer end, and a query's last offered number with its end.
        self._ends: dict[str, datetime] = {}
        self._last_offered: dict[tuple[str, str, str], tuple[str, datetime]] = {}

    def _lapse(self, at: datetime) -> None:
        """Forget lapsed offers, and the oldest ones beyond the caps (both dicts are oldest first)."""
        while self._ends:
            oldest = next(iter(self._ends))
            if self._ends[oldest] > at and len(self._ends) <= MAX_OFFERS:
                break
            del self._ends[oldest]
        while self._last_offered:
            query = next(iter(self._last_offered))
            if (
                self._last_offered[query][1] > at
                and len(self._last_offered) <= MAX_REMEMBERED_QUERIES
            ):
                break
            del self._last_offered[query]

    def on_offer(self, e164: str, at: datetime) -> bool:
        end = self._ends.get(e164)
        return end is not None and end > at

    def offer(self, e164: str, at: datetime, hold: timedelta) -> bool:
        """Put a number on offer for ``hold``; False if it already is."""
        self._lapse(at)
        if self.on_offer(e164, at):
            return False
        self._ends.pop(e164, None)
        self._ends[e164] = at + hold
        return True

    def resume_after(self, key: tuple[str, str, str], at: datetime) -> str | None:
        """Where a new query's first page starts: after the query's last offered number."""
        self._lapse(at)
        last = self._last_offered.get(key)
        return last[0] if last is not None else None

    def offered(self, key: tuple[str, str, str], last: str, at: datetime, hold: timedelta) -> None:
        self._last_offered.pop(key, None)
        self._last_offered[key] = (last, at + hold)


search_offers_by_partition = BackendDict(
    SearchOffers, "connect", use_boto3_regions=False, additional_regions=["aws"]
)


def search_offers() -> SearchOffers:
    return search_offers_by_partition["000000000000"]["aws"]


class SearchOffersMixin(PhoneNumbersMixin):
    """SearchAvailablePhoneNumbers with the searcher's ``search_offer_seconds``: what it returns
    goes on offer, and a query's next first page resumes after its last offered number."""

    def _available(
        self, country: str, number_type: str, prefix: str | None, after: str | None, limit: int
    ) -> Iterator[str]:
        hold = timedelta(seconds=self._settings.search_offer_seconds)
        if not hold:
            return super()._available(country, number_type, prefix, after, limit)
        wanted = (country, number_type, prefix)
        start = after
        with STATE_LOCK:
            expire_due()  # as the search without offers does
            if after is None:
                start = search_offers().resume_after(_stock_key(*wanted), now())
        walk, available = self._walk_stock, self._availability()
        found = _offer(walk, available, *wanted, start, limit, hold)
        if not found and after is None and start is not None:
            found = _offer(walk, available, *wanted, None, limit, hold)  # wrap around
        return iter(found)


def _offer(
    walk: StockWalk,
    available: Callable[[str], bool],
    country: str,
    number_type: str,
    prefix: str | None,
    after: str | None,
    limit: int,
    hold: timedelta,
) -> list[str]:
    """Up to ``limit`` free numbers of a query after ``after``, each put on offer for ``hold``
    under the lock (one taken or offered since the sift is skipped), then the next free one if
    any, not put on offer: it says that more follow."""
    stock, offers = registry(), search_offers()
    found: list[str] = []
    sifted = stock.available_stock(
        walk, country, number_type, prefix, after, batch=limit + 1, available=available
    )
    for e164 in sifted:
        if len(found) == limit:
            found.append(e164)
            break
        with STATE_LOCK:
            if available(e164) and offers.offer(e164, now(), hold):
                found.append(e164)
    offered = found[:limit]
    if offered:
        with STATE_LOCK:
            offers.offered(_stock_key(country, number_type, prefix), offered[-1], now(), hold)
    return found
