"""Phone numbers: claim, describe, list and release.

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
    error_response,
    first_status,
    search,
    settled,
    with_connect_instance,
)

UNKNOWN_ID = "11111111-2222-3333-4444-555555555555"
#: AWS's default quota of phone numbers per instance.
NUMBERS_PER_INSTANCE = 5


@with_connect_instance()
def test_unknown_instance_is_not_found_for_claim_but_invalid_for_search(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Unknown instance"."""
    client = boto3.client("connect", region_name=REGION)
    unknown_arn = instance_arn.replace(instance_id, UNKNOWN_ID)
    number = search(client, instance_arn)[0]

    with pytest.raises(ClientError) as claim:
        client.claim_phone_number(TargetArn=unknown_arn, PhoneNumber=number)
    with pytest.raises(ClientError) as found:
        search(client, unknown_arn)

    assert error_of(claim) == (
        "ResourceNotFoundException",
        f"Instance not found: {UNKNOWN_ID}",
    )
    assert error_of(found) == (
        "InvalidParameterException",
        f"Instance not found: {UNKNOWN_ID}",
    )


@with_connect_instance()
def test_another_accounts_phone_number_arn_is_access_denied(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Another account's ARN"."""
    client = boto3.client("connect", region_name=REGION)
    account = instance_arn.split(":")[4]
    other = "111111111111" if account != "111111111111" else "222222222222"
    arn = f"arn:aws:connect:{REGION}:{other}:phone-number/{UNKNOWN_ID}"

    with pytest.raises(ClientError) as exc:
        client.describe_phone_number(PhoneNumberId=arn)

    assert error_of(exc) == (
        "AccessDeniedException",
        f"You do not have access to {arn} from account {account}.",
    )


@with_connect_instance()
def test_a_number_is_described_and_released_in_its_region_only(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Number Region" and "Release Region"."""
    client = boto3.client("connect", region_name=REGION)
    partner = boto3.client("connect", region_name=PARTNER_REGION)

    with claimed(client, instance_arn) as number:
        for call in (partner.describe_phone_number, partner.release_phone_number):
            with pytest.raises(ClientError) as exc:
                call(PhoneNumberId=number["PhoneNumberId"])
            assert error_of(exc) == (
                "ResourceNotFoundException",
                f"Phone number not found: {number['PhoneNumberId']}",
            )
        status = settled(client, number["PhoneNumberId"])

    assert status["Status"] == "CLAIMED"


@with_connect_instance()
def test_a_number_in_progress_is_in_use_until_claimed(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Status" and "In progress"."""
    client = boto3.client("connect", region_name=REGION)
    number = search(client, instance_arn)[0]

    with first_status(PHONE_NUMBER_MODEL):
        claim = client.claim_phone_number(TargetArn=instance_arn, PhoneNumber=number)
        try:
            first = client.describe_phone_number(PhoneNumberId=claim["PhoneNumberId"])
            if first["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] != (
                "IN_PROGRESS"
            ):
                pytest.skip("the claim was complete before it could be described")
            with pytest.raises(ClientError) as exc:
                client.release_phone_number(PhoneNumberId=claim["PhoneNumberId"])
            status = settled(client, claim["PhoneNumberId"])
        finally:
            settled(client, claim["PhoneNumberId"])
            client.release_phone_number(PhoneNumberId=claim["PhoneNumberId"])

    assert error_of(exc) == (
        "ResourceInUseException",
        f"Phone number {claim['PhoneNumberArn']} is being processed; try again later.",
    )
    assert error_response(exc)["ResourceType"] == "PHONE_NUMBER"
    assert error_response(exc)["ResourceId"] == claim["PhoneNumberArn"]
    assert status["Status"] == "CLAIMED"


@with_connect_instance()
def test_a_claim_beyond_the_instance_quota_fails(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Per-instance quota" and "Failed" with one full instance (AWS's default quota of
    5 numbers per instance)."""
    client = boto3.client("connect", region_name=REGION)
    offered = search(client, instance_arn)

    with ExitStack() as numbers:
        for number in offered[:NUMBERS_PER_INSTANCE]:
            numbers.enter_context(claimed(client, instance_arn, PhoneNumber=number))
        failed = numbers.enter_context(
            claimed(client, instance_arn, PhoneNumber=offered[NUMBERS_PER_INSTANCE])
        )
        status = settled(client, failed["PhoneNumberId"])
        with pytest.raises(ClientError) as release_failed:
            client.release_phone_number(PhoneNumberId=failed["PhoneNumberId"])

    assert status["Status"] == "FAILED"
    assert status["Message"]
    assert error_of(release_failed) == (
        "InvalidParameterException",
        f"Phone number {failed['PhoneNumberArn']} is in status FAILED: The target {instance_arn} has reached its limit of {NUMBERS_PER_INSTANCE} claimed phone numbers.",
    )


@with_connect_instance()
def test_canadian_toll_free_numbers_are_reported_as_us_once_claimed(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Canadian toll-free"."""
    client = boto3.client("connect", region_name=REGION)
    offered = client.search_available_phone_numbers(
        TargetArn=instance_arn, PhoneNumberCountryCode="CA", PhoneNumberType="TOLL_FREE"
    )["AvailableNumbersList"]

    with claimed(client, instance_arn, PhoneNumber=offered[0]["PhoneNumber"]) as number:
        summary = client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])[
            "ClaimedPhoneNumberSummary"
        ]

    assert {o["PhoneNumberCountryCode"] for o in offered} == {"CA"}
    assert all(o["PhoneNumber"].startswith("+18") for o in offered)
    assert summary["PhoneNumberCountryCode"] == "US"


@with_connect_instance()
def test_a_claimed_number_is_offered_to_nobody(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Global"."""
    client = boto3.client("connect", region_name=REGION)

    with claimed(client, instance_arn) as number:
        e164 = client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])[
            "ClaimedPhoneNumberSummary"
        ]["PhoneNumber"]
        found = search(client, instance_arn, PhoneNumberPrefix=e164)

    assert e164 not in found


@with_connect_instance()
def test_a_malformed_phone_number_id_is_an_invalid_parameter(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "PhoneNumberId": a malformed id."""
    client = boto3.client("connect", region_name=REGION)

    with pytest.raises(ClientError) as exc:
        client.describe_phone_number(PhoneNumberId="not-a-phone-number-id")

    assert error_of(exc) == (
        "InvalidParameterException",
        "Invalid PhoneNumberId: not-a-phone-number-id",
    )


@with_connect_instance()
def test_claims_happen_in_the_instance_region_with_one_target(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Claim Region" and "Targets"."""
    client = boto3.client("connect", region_name=REGION)
    partner = boto3.client("connect", region_name=PARTNER_REGION)
    number = search(client, instance_arn)[0]
    other_instance = instance_arn.replace(instance_id, UNKNOWN_ID)

    with pytest.raises(ClientError) as elsewhere:
        partner.claim_phone_number(TargetArn=instance_arn, PhoneNumber=number)
    with pytest.raises(ClientError) as two_targets:
        client.claim_phone_number(
            TargetArn=instance_arn, InstanceId=other_instance, PhoneNumber=number
        )

    assert error_of(elsewhere) == (
        "InvalidParameterException",
        f"TargetArn {instance_arn} is not in this Region ({PARTNER_REGION}).",
    )
    assert error_of(two_targets) == (
        "InvalidParameterException",
        "TargetArn and InstanceId must identify the same instance.",
    )
    assert number in search(client, instance_arn)  # neither claim took it
