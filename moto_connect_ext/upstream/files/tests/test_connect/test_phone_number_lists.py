"""Phone numbers: ListPhoneNumbersV2 and ListPhoneNumbers, the first version of the list.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true);
numbers it claims are billed until it releases them.
"""

import boto3
import pytest
from botocore.exceptions import ClientError

from . import (
    REGION,
    claimed,
    error_of,
    error_response,
    search,
    with_connect_instance,
)

UNKNOWN_ID = "11111111-2222-3333-4444-555555555555"


@with_connect_instance()
def test_claimed_numbers_are_listed_by_number(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "List order" and "V2 list items"."""
    client = boto3.client("connect", region_name=REGION)
    first, second = sorted(search(client, instance_arn)[:2])

    with claimed(client, instance_arn, PhoneNumber=second):
        with claimed(client, instance_arn, PhoneNumber=first):
            items = client.list_phone_numbers_v2(TargetArn=instance_arn)[
                "ListPhoneNumbersSummaryList"
            ]

    assert [item["PhoneNumber"] for item in items] == [first, second]
    assert all("Tags" not in item and "PhoneNumberStatus" not in item for item in items)


@with_connect_instance()
def test_a_list_token_of_garbage_or_a_page_past_the_model_maximum_is_an_invalid_parameter(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Pagination" and "Validation error": ListPhoneNumbersV2's token and page size."""
    client = boto3.client("connect", region_name=REGION)

    with pytest.raises(ClientError) as garbage:
        client.list_phone_numbers_v2(TargetArn=instance_arn, NextToken="garbage")
    with pytest.raises(ClientError) as too_many:
        client.list_phone_numbers_v2(TargetArn=instance_arn, MaxResults=1001)

    assert error_of(garbage) == (
        "InvalidParameterException",
        "Invalid NextToken: garbage",
    )
    assert error_response(too_many)["Error"] == {
        "Code": "InvalidParameterException",
        "Message": "1 validation error detected: Value '1001' at 'maxResults' failed to "
        "satisfy constraint: Member must have value less than or equal to 1000",
    }


@with_connect_instance()
def test_the_list_gives_the_instance_scoped_arn_which_cannot_be_tagged(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Unknown instance" for ListPhoneNumbers, and "Legacy ARN"; a released
    number's own ARN cannot be tagged either."""
    client = boto3.client("connect", region_name=REGION)

    with claimed(client, instance_arn) as number:
        items = client.list_phone_numbers(InstanceId=instance_id)[
            "PhoneNumberSummaryList"
        ]
        e164 = client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])[
            "ClaimedPhoneNumberSummary"
        ]["PhoneNumber"]
        legacy_arn = f"{instance_arn}/phone-number/{number['PhoneNumberId']}"
        with pytest.raises(ClientError) as tagged:
            client.tag_resource(resourceArn=legacy_arn, tags={"k": "v"})
    with pytest.raises(ClientError) as released:
        client.tag_resource(resourceArn=number["PhoneNumberArn"], tags={"k": "v"})
    with pytest.raises(ClientError) as unknown:
        client.list_phone_numbers(InstanceId=UNKNOWN_ID)

    assert [(item["Id"], item["Arn"], item["PhoneNumber"]) for item in items] == [
        (number["PhoneNumberId"], legacy_arn, e164)
    ]
    assert items[0]["PhoneNumberType"] == "DID"
    assert items[0]["PhoneNumberCountryCode"] == "US"
    assert error_of(tagged) == (
        "ResourceNotFoundException",
        f"Resource not found: {legacy_arn}",
    )
    assert error_of(released) == (
        "ResourceNotFoundException",
        f"Resource not found: {number['PhoneNumberArn']}",
    )
    assert error_of(unknown) == (
        "ResourceNotFoundException",
        f"Instance not found: {UNKNOWN_ID}",
    )
