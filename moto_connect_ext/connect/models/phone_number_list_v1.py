"""ListPhoneNumbers, the first version of the list: an instance's own numbers, each with the
instance-scoped ARN that, as AWS documents, cannot be used to tag the number."""

from __future__ import annotations

from typing import Any

from moto.utilities.utils import get_partition

from .. import bounds, pagination
from ..exceptions import InvalidParameterException
from .base import locked
from .phone_numbers import PhoneNumber, PhoneNumbersMixin

_PAGE_DEFAULT = 100


class PhoneNumberListV1Mixin(PhoneNumbersMixin):
    """ListPhoneNumbers: the numbers claimed to an instance in its Region (none of a traffic
    distribution group), paged as ListPhoneNumbersV2."""

    @locked
    def list_phone_numbers(
        self,
        instance_id: str,
        phone_number_types: list[str] | None = None,
        phone_number_country_codes: list[str] | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> dict[str, Any]:
        query = {
            "InstanceId": instance_id,
            "PhoneNumberTypes": phone_number_types,
            "PhoneNumberCountryCodes": phone_number_country_codes,
        }
        bounds.check(
            "ListPhoneNumbers",
            MaxResults=max_results,
            PhoneNumberCountryCodes=phone_number_country_codes,
            PhoneNumberTypes=phone_number_types,
        )
        after = pagination.decode(next_token, query, InvalidParameterException)
        instance = self._instance(instance_id)

        def wanted(number: PhoneNumber) -> bool:
            return (
                number.instance_id == instance.id
                and number.region == self.region_name
                and (
                    not phone_number_country_codes
                    or number.phone_number_country_code in phone_number_country_codes
                )
                and (not phone_number_types or number.phone_number_type in phone_number_types)
            )

        page, token = self._page(after, max_results or _PAGE_DEFAULT, wanted, query)
        return {"PhoneNumberSummaryList": [_summary(n) for n in page], "NextToken": token}


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
