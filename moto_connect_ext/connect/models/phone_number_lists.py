"""ListPhoneNumbersV2 and ListPhoneNumbers: the numbers claimed here, in order of number; and
which phone-number ARNs the tag operations take.

Both page through one sorted index of the numbers visible in this Region (its own, and the
traffic distribution family adds the partner Region's TDG numbers), by key: a page costs the same
at any depth and a token survives claims and releases elsewhere in the list. ListPhoneNumbers
(the first version) answers each number with the instance-scoped ARN that, as AWS documents,
cannot be used to tag it: the tag operations take the ARN of a number this account holds here.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from itertools import islice
from typing import Any

from moto.utilities.utils import get_partition

from .. import arns, bounds, pagination
from ..exceptions import InvalidParameterException, ResourceNotFoundException
from .base import locked
from .phone_numbers import PhoneNumber, PhoneNumbersMixin

_PAGE_DEFAULT = 100


class PhoneNumberListsMixin(PhoneNumbersMixin):
    """The lists of one account's numbers in one Region, and the numbers' ARNs to tag."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self._sorted_e164: list[str] = []
        self._by_e164: dict[str, PhoneNumber] = {}

    def _show(self, number: PhoneNumber) -> None:
        self._by_e164[number.phone_number] = number
        bisect.insort(self._sorted_e164, number.phone_number)

    def _hide(self, number: PhoneNumber) -> None:
        if self._by_e164.pop(number.phone_number, None) is not None:
            del self._sorted_e164[bisect.bisect_left(self._sorted_e164, number.phone_number)]

    def _add(self, number: PhoneNumber) -> None:
        super()._add(number)
        self._show(number)

    def _detach(self, number: PhoneNumber) -> None:
        super()._detach(number)
        self._hide(number)

    def _check_tag_target(self, resource_arn: str, adding: dict[str, str] | None) -> None:
        """Tag operations on phone-number ARNs need a number this account holds here; the
        instance-scoped ARN of ListPhoneNumbers cannot be tagged, as AWS documents."""
        if ":phone-number/" in resource_arn or "/phone-number/" in resource_arn:
            arn = arns.parse(resource_arn)
            if (
                arn is None
                or (arn.account, arn.region) != (self.account_id, self.region_name)
                or arn.resource_id not in self.numbers
            ):
                raise ResourceNotFoundException(f"Resource not found: {resource_arn}")
        super()._check_tag_target(resource_arn, adding)

    @locked
    def list_phone_numbers_v2(
        self,
        target_arn: str | None = None,
        instance_id: str | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
        phone_number_country_codes: list[str] | None = None,
        phone_number_types: list[str] | None = None,
        phone_number_prefix: str | None = None,
    ) -> dict[str, Any]:
        query = {
            "TargetArn": target_arn,
            "InstanceId": instance_id,
            "PhoneNumberCountryCodes": phone_number_country_codes,
            "PhoneNumberTypes": phone_number_types,
            "PhoneNumberPrefix": phone_number_prefix,
        }
        bounds.check("ListPhoneNumbersV2", MaxResults=max_results, **query)
        after = pagination.decode(next_token, query, InvalidParameterException)
        target = None
        if target_arn is not None or instance_id is not None:
            target = self._target(target_arn, instance_id, home_only=False)
        prefix = "+" + phone_number_prefix.lstrip("+") if phone_number_prefix else None

        def wanted(number: PhoneNumber) -> bool:
            return (
                (target is None or number.target_arn == target.arn)
                and _of_kinds(number, phone_number_country_codes, phone_number_types)
                and (prefix is None or number.phone_number.startswith(prefix))
            )

        page, token = self._page(after, max_results or _PAGE_DEFAULT, wanted, query)
        return {"ListPhoneNumbersSummaryList": page, "NextToken": token}

    @locked
    def list_phone_numbers(
        self,
        instance_id: str,
        phone_number_types: list[str] | None = None,
        phone_number_country_codes: list[str] | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> dict[str, Any]:
        """The numbers claimed to an instance in its Region (none of a traffic distribution
        group)."""
        query = {
            "InstanceId": instance_id,
            "PhoneNumberCountryCodes": phone_number_country_codes,
            "PhoneNumberTypes": phone_number_types,
        }
        bounds.check("ListPhoneNumbers", MaxResults=max_results, **query)
        after = pagination.decode(next_token, query, InvalidParameterException)
        instance = self._instance(instance_id)

        def wanted(number: PhoneNumber) -> bool:
            return (
                number.instance_id == instance.id
                and number.region == self.region_name
                and _of_kinds(number, phone_number_country_codes, phone_number_types)
            )

        page, token = self._page(after, max_results or _PAGE_DEFAULT, wanted, query)
        return {"PhoneNumberSummaryList": [_summary(n) for n in page], "NextToken": token}

    def _page(
        self,
        after: str | None,
        limit: int,
        wanted: Callable[[PhoneNumber], bool],
        query: dict[str, Any],
    ) -> tuple[list[PhoneNumber], str | None]:
        start = 0 if after is None else bisect.bisect_right(self._sorted_e164, after)
        matches = (self._by_e164[e] for e in islice(self._sorted_e164, start, None))
        return pagination.page((n for n in matches if wanted(n)), limit, _e164, query)


def _e164(number: PhoneNumber) -> str:
    return number.phone_number


def _of_kinds(number: PhoneNumber, countries: list[str] | None, types: list[str] | None) -> bool:
    """Whether the number is of the countries and types a list asks for (none: any)."""
    return (not countries or number.phone_number_country_code in countries) and (
        not types or number.phone_number_type in types
    )


def _summary(number: PhoneNumber) -> dict[str, str]:
    """A ListPhoneNumbers item: ``Id``, and as ``Arn`` the instance-scoped
    ``arn:<partition>:connect:<region>:<account>:instance/<instance>/phone-number/<id>``."""
    return {
        "Id": number.phone_number_id,
        "Arn": (
            f"arn:{get_partition(number.region)}:connect:{number.region}:{number.account_id}:"
            f"instance/{number.instance_id}/phone-number/{number.phone_number_id}"
        ),
        "PhoneNumber": number.phone_number,
        "PhoneNumberType": number.phone_number_type,
        "PhoneNumberCountryCode": number.phone_number_country_code,
    }
