"""Idempotent retries of the phone-number operations that take a ClientToken.

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
    search,
    settled,
    with_connect_instance,
)


@with_connect_instance()
def test_a_claim_retried_with_its_token_is_replayed(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Idempotency": a token reused with other parameters is refused."""
    client = boto3.client("connect", region_name=REGION)
    number, other = search(client, instance_arn)[:2]
    token = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"

    with claimed(client, instance_arn, PhoneNumber=number, ClientToken=token) as first:
        again = client.claim_phone_number(
            TargetArn=instance_arn, PhoneNumber=number, ClientToken=token
        )
        with pytest.raises(ClientError) as exc:
            client.claim_phone_number(
                TargetArn=instance_arn, PhoneNumber=other, ClientToken=token
            )
        items = client.list_phone_numbers_v2(TargetArn=instance_arn)[
            "ListPhoneNumbersSummaryList"
        ]

    assert again["PhoneNumberId"] == first["PhoneNumberId"]
    assert error_of(exc) == (
        "IdempotencyException",
        f"The client token {token} was already used with different parameters.",
    )
    assert len(items) == 1


@with_connect_instance()
def test_a_claim_token_that_is_not_a_lower_case_uuid_is_invalid(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Claim token"."""
    client = boto3.client("connect", region_name=REGION)
    number = search(client, instance_arn)[0]

    with pytest.raises(ClientError) as exc:
        client.claim_phone_number(
            TargetArn=instance_arn,
            PhoneNumber=number,
            ClientToken="0A1B2C3D-4E5F-4A6B-8C7D-8E9F0A1B2C3D",
        )

    assert error_of(exc) == (
        "InvalidParameterException",
        "ClientToken must be a UUID (for example 1b4e28ba-2fa1-11d2-883f-0016d3cca427): 0A1B2C3D-4E5F-4A6B-8C7D-8E9F0A1B2C3D",
    )


@with_connect_instance()
def test_a_release_retried_with_its_token_answers_again_without_a_second_effect(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Idempotency": a replayed release returns 200."""
    client = boto3.client("connect", region_name=REGION)
    token = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"

    with claimed(client, instance_arn) as claim:
        client.release_phone_number(
            PhoneNumberId=claim["PhoneNumberId"], ClientToken=token
        )
        again = client.release_phone_number(
            PhoneNumberId=claim["PhoneNumberId"], ClientToken=token
        )
        with pytest.raises(ClientError) as exc:
            client.release_phone_number(PhoneNumberId=claim["PhoneNumberId"])

    assert again["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert error_of(exc) == (
        "ResourceNotFoundException",
        f"Phone number not found: {claim['PhoneNumberId']}",
    )


@with_connect_instance()
def test_an_update_retried_with_its_token_and_other_parameters_is_refused(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Idempotency": UpdatePhoneNumberMetadata, the first answer kept."""
    client = boto3.client("connect", region_name=REGION)
    token = "2c5f39cb-3ab2-42e3-994a-1127e4ddb538"

    with claimed(client, instance_arn) as claim:
        number_id = claim["PhoneNumberId"]
        client.update_phone_number_metadata(
            PhoneNumberId=number_id, PhoneNumberDescription="first", ClientToken=token
        )
        settled(client, number_id)
        client.update_phone_number_metadata(
            PhoneNumberId=number_id, PhoneNumberDescription="first", ClientToken=token
        )
        with pytest.raises(ClientError) as exc:
            client.update_phone_number_metadata(
                PhoneNumberId=number_id,
                PhoneNumberDescription="second",
                ClientToken=token,
            )
        settled(client, number_id)
        described = client.describe_phone_number(PhoneNumberId=number_id)[
            "ClaimedPhoneNumberSummary"
        ]

    assert error_of(exc) == (
        "IdempotencyException",
        f"The client token {token} was already used with different parameters.",
    )
    assert described["PhoneNumberDescription"] == "first"
