"""SearchAvailablePhoneNumbers: the stock of numbers a target may claim, walked in order.

The stock is global and computed (:mod:`..inventory`), not stored; this family walks it for a
search. The phone-number family (:mod:`.phone_numbers`) leaves out what is held or cooling down.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from .. import arns, bounds, pagination
from ..config import STATE_LOCK
from ..exceptions import InvalidParameterException, ResourceNotFoundException, access_denied
from .base import BackendFamily

if TYPE_CHECKING:
    # Type-only circle left: a target may be a TDG, and the TDG family builds on this one.
    from .traffic_distribution import TrafficDistributionGroup

_SEARCH_PAGE_DEFAULT = 10


@dataclasses.dataclass(frozen=True)
class AvailableNumber:
    phone_number: str
    phone_number_country_code: str
    phone_number_type: str


@dataclasses.dataclass(frozen=True)
class Target:
    """What a request names (a number is claimed to it): an instance, or a traffic distribution
    group, which has no instance (the traffic distribution family resolves those)."""

    arn: str
    instance_id: str | None
    group: TrafficDistributionGroup | None = None


def _search_position(token_key: str | None) -> tuple[int, str | None]:
    """How many numbers the query has offered so far and the last of them, from a page token."""
    if token_key is None:
        return 0, None
    served, _, last = token_key.partition(":")
    if not served.isascii() or not served.isdigit() or not last:
        raise InvalidParameterException("Invalid NextToken.")
    return int(served), last


class NumberSearchMixin(BackendFamily):
    """The search of one account's targets in one Region, and the targets themselves."""

    def _target(
        self,
        target_arn: str | None,
        instance_id: str | None,
        unknown: type[Exception] = ResourceNotFoundException,
        home_only: bool = True,
    ) -> Target:
        """The instance a request names by TargetArn, InstanceId or both (they must agree); the
        traffic distribution family adds its groups, which searches and lists also take from the
        partner Region (claims and moves need the target's own: ``home_only``)."""
        if target_arn is None and instance_id is None:
            raise InvalidParameterException("Either TargetArn or InstanceId must be provided.")
        if target_arn is None:
            assert instance_id is not None
            if home_only:
                self._ensure_home_region(instance_id, "InstanceId")
            instance = self._instance(instance_id, unknown)
            return Target(instance.arn, instance.id)
        arn = arns.parse(target_arn)
        if arn is None or arn.resource_type != "instance":
            raise InvalidParameterException(f"Invalid TargetArn: {target_arn}")
        self._ensure_home_region(target_arn, "TargetArn")
        if instance_id is not None and instance_id not in (arn.resource_id, target_arn):
            raise InvalidParameterException(
                "TargetArn and InstanceId must identify the same instance."
            )
        instance = self._instance(arn.resource_id, unknown)
        return Target(instance.arn, instance.id)

    def _ensure_home_region(self, instance: str, parameter: str) -> None:
        """Claims and moves name an instance of this Region: an instance ARN of another account is
        denied, of another Region an invalid parameter (whether given as TargetArn or InstanceId)."""
        arn = arns.parse(instance)
        if arn is None or arn.resource_type != "instance":
            return
        if arn.account != self.account_id:
            raise access_denied(instance, self.account_id)
        if arn.region != self.region_name:
            raise InvalidParameterException(
                f"{parameter} {instance} is not in this Region ({self.region_name})."
            )

    def search_available_phone_numbers(
        self,
        phone_number_country_code: str,
        phone_number_type: str,
        target_arn: str | None = None,
        instance_id: str | None = None,
        phone_number_prefix: str | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> dict[str, Any]:
        """Available numbers, in stock order: the same answer for the same query until the
        stock changes, as in AWS.

        Not under one lock: the inventory may walk many candidates, so the state lock is taken
        only for the checks (and by the phone-number family while the stock sifts them).
        """
        query = {
            "PhoneNumberCountryCode": phone_number_country_code,
            "PhoneNumberType": phone_number_type,
            "PhoneNumberPrefix": phone_number_prefix,
            "TargetArn": target_arn,
            "InstanceId": instance_id,
        }
        bounds.check("SearchAvailablePhoneNumbers", **query, MaxResults=max_results)
        served, after = _search_position(
            pagination.decode(next_token, query, InvalidParameterException)
        )
        with STATE_LOCK:
            self._target(
                target_arn, instance_id, unknown=InvalidParameterException, home_only=False
            )
            settings = self._settings
        bound = settings.numbers_per_search
        limit = min(max_results or _SEARCH_PAGE_DEFAULT, bound - served)
        asked = (phone_number_country_code, phone_number_type, phone_number_prefix, after)
        numbers = list(islice(self._available(*asked, limit), limit + 1)) if limit > 0 else []
        more, numbers = len(numbers) > limit, numbers[:limit]
        served += len(numbers)
        token = None
        if more and served < bound:
            token = pagination.encode(f"{served}:{numbers[-1]}", query)
        found = [AvailableNumber(e, phone_number_country_code, phone_number_type) for e in numbers]
        return {"AvailableNumbersList": found, "NextToken": token}

    def _available(
        self, country: str, number_type: str, prefix: str | None, after: str | None, limit: int
    ) -> Iterator[str]:
        """The query's available numbers after ``after``, in stock order (the search takes
        ``limit`` and one more, to know if more follow): here, every number of the stock (the
        phone-number family leaves out those taken)."""
        return self._walk_stock(country, number_type, prefix, after)

    @staticmethod
    def _walk_stock(
        country: str, number_type: str, prefix: str | None, after: str | None
    ) -> Iterator[str]:
        """How a search walks the stock (:data:`.inventory.StockWalk`): the numbers near
        libphonenumber's example number. The number inventory family walks every number."""
        from .. import inventory  # phonenumbers loads with the first search

        return inventory.iter_from_example(country, number_type, prefix, after)
