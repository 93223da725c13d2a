"""SearchAvailablePhoneNumbers: the stock of numbers, by country and type.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true); none claims a
number.
"""

from typing import Any

import boto3
import phonenumbers
import pytest
from botocore.exceptions import ClientError

from . import REGION, error_of, search, with_connect_instance


@with_connect_instance()
def test_a_search_offers_ten_numbers_of_the_country_and_type_by_default(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Page sizes" (SearchAvailablePhoneNumbers' default of 10) and "What is in
    stock" (libphonenumber's types)."""
    client = boto3.client("connect", region_name=REGION)
    types = phonenumbers.PhoneNumberType

    for number_type, expected in (
        ("DID", {types.FIXED_LINE, types.FIXED_LINE_OR_MOBILE}),
        ("TOLL_FREE", {types.TOLL_FREE}),
    ):
        query: dict[str, Any] = {
            "PhoneNumberCountryCode": "US",
            "PhoneNumberType": number_type,
        }
        found = client.search_available_phone_numbers(TargetArn=instance_arn, **query)[
            "AvailableNumbersList"
        ]
        assert len(found) == 10
        for number in found:
            assert number["PhoneNumberCountryCode"] == "US"
            assert number["PhoneNumberType"] == number_type
            parsed = phonenumbers.parse(number["PhoneNumber"])
            assert phonenumbers.number_type(parsed) in expected
            assert phonenumbers.format_number(parsed, 0) == number["PhoneNumber"]


@with_connect_instance()
def test_searches_side_by_side_return_the_same_numbers_in_ascending_order(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Order and determinism": ascending national numbers; searches side by side, as
    AWS's, hand out nothing."""
    client = boto3.client("connect", region_name=REGION)

    first = search(client, instance_arn)
    again = search(client, instance_arn)

    key = [(len(number), number) for number in first]  # shorter numbers first
    assert first and key == sorted(key)
    assert again == first


@with_connect_instance()
def test_a_token_of_other_parameters_or_garbage_is_an_invalid_parameter(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Pagination"."""
    client = boto3.client("connect", region_name=REGION)
    token = client.search_available_phone_numbers(
        TargetArn=instance_arn,
        PhoneNumberCountryCode="US",
        PhoneNumberType="DID",
        MaxResults=1,
    )["NextToken"]

    with pytest.raises(ClientError) as other_query:
        client.search_available_phone_numbers(
            TargetArn=instance_arn,
            PhoneNumberCountryCode="GB",
            PhoneNumberType="DID",
            NextToken=token,
        )
    with pytest.raises(ClientError) as garbage:
        search(client, instance_arn, NextToken="garbage")

    assert error_of(other_query) == (
        "InvalidParameterException",
        "The NextToken does not belong to this request's parameters.",
    )
    assert error_of(garbage) == (
        "InvalidParameterException",
        "Invalid NextToken: garbage",
    )


@with_connect_instance()
def test_types_without_stock_search_empty(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Other types"."""
    client = boto3.client("connect", region_name=REGION)

    assert search(client, instance_arn, number_type="UIFN") == []


@with_connect_instance()
def test_one_search_offers_at_most_100_numbers_across_its_pages(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Numbers per search"."""
    client = boto3.client("connect", region_name=REGION)
    kwargs: dict[str, Any] = {
        "TargetArn": instance_arn,
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "DID",
    }
    offered: list[str] = []

    for _ in range(20):
        page = client.search_available_phone_numbers(**kwargs)
        offered += [n["PhoneNumber"] for n in page["AvailableNumbersList"]]
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]

    assert "NextToken" not in page
    assert 0 < len(offered) <= 100
    assert len(set(offered)) == len(offered)


@with_connect_instance()
def test_a_value_outside_the_model_the_backend_depends_on_is_an_invalid_parameter(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Validation error": enums, patterns and page sizes the backend depends on."""
    client = boto3.client("connect", region_name=REGION)
    enum = "failed to satisfy constraint: Member must satisfy enum value set: ["
    refused_searches = {
        "PhoneNumberCountryCode": (
            "XX",
            f"Value 'XX' at 'phoneNumberCountryCode' {enum}",
        ),
        "PhoneNumberType": ("BOGUS", f"Value 'BOGUS' at 'phoneNumberType' {enum}"),
        "PhoneNumberPrefix": (
            "abc",
            "Value 'abc' at 'phoneNumberPrefix' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: \\+?[0-9]{1,11}",
        ),
        "MaxResults": (
            11,
            "Value '11' at 'maxResults' failed to satisfy constraint: "
            "Member must have value less than or equal to 10",
        ),
    }

    for member, (value, message) in refused_searches.items():
        request: dict[str, Any] = {
            "PhoneNumberCountryCode": "US",
            "PhoneNumberType": "DID",
        }
        with pytest.raises(ClientError) as refused:
            client.search_available_phone_numbers(
                TargetArn=instance_arn, **{**request, member: value}
            )
        code, text = error_of(refused)
        assert code == "InvalidParameterException"
        assert text.startswith(f"1 validation error detected: {message}"), text
