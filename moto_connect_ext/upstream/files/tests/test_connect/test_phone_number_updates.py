"""Phone numbers: UpdatePhoneNumber (moves) and UpdatePhoneNumberMetadata.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true);
numbers it claims are billed until it releases them.
"""

from contextlib import ExitStack

import boto3
import pytest
from botocore.exceptions import ClientError

from . import (
    PARTNER_REGION,
    PHONE_NUMBER_MODEL,
    REGION,
    claimed,
    error_of,
    first_status,
    new_instance,
    search,
    settled,
    with_connect_instance,
)

#: AWS's default quota of phone numbers per instance.
NUMBERS_PER_INSTANCE = 5


@with_connect_instance()
def test_a_number_moves_to_another_instance_of_its_region(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Status": a move goes through IN_PROGRESS again."""
    client = boto3.client("connect", region_name=REGION)
    other_id, other_arn = new_instance(client)

    with ExitStack() as stack:
        stack.callback(client.delete_instance, InstanceId=other_id)
        number = stack.enter_context(claimed(client, instance_arn))
        with first_status(PHONE_NUMBER_MODEL):
            client.update_phone_number(
                PhoneNumberId=number["PhoneNumberId"], TargetArn=other_arn
            )
            first = client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])
            status = settled(client, number["PhoneNumberId"])
        summary = client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])[
            "ClaimedPhoneNumberSummary"
        ]
        here = client.list_phone_numbers_v2(TargetArn=instance_arn)[
            "ListPhoneNumbersSummaryList"
        ]
        there = client.list_phone_numbers_v2(TargetArn=other_arn)[
            "ListPhoneNumbersSummaryList"
        ]

    assert first["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] in (
        "IN_PROGRESS",
        "CLAIMED",
    )
    assert status["Status"] == "CLAIMED"
    assert (summary["TargetArn"], summary["InstanceId"]) == (other_arn, other_id)
    assert here == []
    assert [item["PhoneNumberId"] for item in there] == [number["PhoneNumberId"]]


@with_connect_instance()
def test_a_number_cannot_move_into_a_full_instance(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Update into a full target" (AWS's default quota of 5 numbers per instance)."""
    client = boto3.client("connect", region_name=REGION)
    other_id, other_arn = new_instance(client)
    offered = search(client, instance_arn)

    with ExitStack() as numbers:
        numbers.callback(client.delete_instance, InstanceId=other_id)
        for number in offered[:NUMBERS_PER_INSTANCE]:
            numbers.enter_context(claimed(client, instance_arn, PhoneNumber=number))
        elsewhere = numbers.enter_context(claimed(client, other_arn))
        with pytest.raises(ClientError) as move:
            client.update_phone_number(
                PhoneNumberId=elsewhere["PhoneNumberId"], TargetArn=instance_arn
            )
        moved = client.describe_phone_number(PhoneNumberId=elsewhere["PhoneNumberId"])[
            "ClaimedPhoneNumberSummary"
        ]

    assert error_of(move) == (
        "InvalidParameterException",
        f"The target {instance_arn} has reached its limit of {NUMBERS_PER_INSTANCE} claimed phone numbers.",
    )
    assert moved["PhoneNumberStatus"]["Status"] == "CLAIMED"
    assert moved["TargetArn"] == other_arn


@with_connect_instance()
def test_metadata_sets_the_description_in_the_numbers_region_only(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Number Region" for the updates, which set the description in its own."""
    client = boto3.client("connect", region_name=REGION)
    partner = boto3.client("connect", region_name=PARTNER_REGION)

    with claimed(client, instance_arn) as number:
        answer = client.update_phone_number_metadata(
            PhoneNumberId=number["PhoneNumberId"], PhoneNumberDescription="front desk"
        )
        settled(client, number["PhoneNumberId"])
        summary = client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])[
            "ClaimedPhoneNumberSummary"
        ]
        refused = []
        for call, kwargs in (
            (partner.update_phone_number_metadata, {"PhoneNumberDescription": "x"}),
            (partner.update_phone_number, {"TargetArn": instance_arn}),
        ):
            with pytest.raises(ClientError) as exc:
                call(PhoneNumberId=number["PhoneNumberId"], **kwargs)
            refused.append(error_of(exc))

    assert set(answer) == {"ResponseMetadata"}
    assert summary["PhoneNumberDescription"] == "front desk"
    assert refused == [
        (
            "ResourceNotFoundException",
            f"Phone number not found: {number['PhoneNumberId']}",
        )
    ] * 2
