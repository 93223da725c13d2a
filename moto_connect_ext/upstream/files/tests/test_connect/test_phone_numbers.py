"""Phone numbers: the rules docs/behaviour.md of moto-connect-ext records as modelled or decided.

Each test is marked aws_verified so that it can settle its row against AWS
(MOTO_TEST_ALLOW_AWS_REQUEST=true); claimed numbers are billed until released.
"""

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from . import PARTNER_REGION, REGION, connect_aws_verified


def _search(client: Any, instance_arn: str, number_type: str = "DID") -> list[str]:
    found = client.search_available_phone_numbers(
        TargetArn=instance_arn,
        PhoneNumberCountryCode="US",
        PhoneNumberType=number_type,
    )["AvailableNumbersList"]
    return [number["PhoneNumber"] for number in found]


@pytest.mark.aws_verified
@connect_aws_verified()
def test_search_offers_ten_numbers_of_the_country_and_type_by_default(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)

    found = client.search_available_phone_numbers(
        TargetArn=instance_arn, PhoneNumberCountryCode="US", PhoneNumberType="DID"
    )["AvailableNumbersList"]

    assert len(found) == 10
    for number in found:
        assert number["PhoneNumber"].startswith("+1")
        assert number["PhoneNumberCountryCode"] == "US"
        assert number["PhoneNumberType"] == "DID"


@pytest.mark.aws_verified
@connect_aws_verified()
def test_types_without_stock_search_empty(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)

    assert _search(client, instance_arn, number_type="UIFN") == []


@pytest.mark.aws_verified
@connect_aws_verified()
def test_unknown_instance_is_not_found_for_claim_but_invalid_for_search(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)
    unknown_arn = instance_arn.replace(
        instance_id, "11111111-2222-3333-4444-555555555555"
    )
    number = _search(client, instance_arn)[0]

    with pytest.raises(ClientError) as claim:
        client.claim_phone_number(TargetArn=unknown_arn, PhoneNumber=number)
    with pytest.raises(ClientError) as search:
        _search(client, unknown_arn)

    assert claim.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert search.value.response["Error"]["Code"] == "InvalidParameterException"


@pytest.mark.aws_verified
@connect_aws_verified()
def test_another_accounts_phone_number_arn_is_access_denied(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)
    account = instance_arn.split(":")[4]
    other = "111111111111" if account != "111111111111" else "222222222222"
    arn = f"arn:aws:connect:{REGION}:{other}:phone-number/11111111-2222-3333-4444-555555555555"

    with pytest.raises(ClientError) as exc:
        client.describe_phone_number(PhoneNumberId=arn)

    assert exc.value.response["Error"]["Code"] == "AccessDeniedException"


@pytest.mark.aws_verified
@connect_aws_verified()
def test_a_number_is_claimed_listed_and_released_in_its_region_only(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)
    partner = boto3.client("connect", region_name=PARTNER_REGION)
    first, second = sorted(_search(client, instance_arn)[:2])
    claimed = [
        client.claim_phone_number(TargetArn=instance_arn, PhoneNumber=number)
        for number in (second, first)
    ]
    try:
        summary = client.describe_phone_number(
            PhoneNumberId=claimed[0]["PhoneNumberId"]
        )
        status = summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]
        assert status["Status"] in ("IN_PROGRESS", "CLAIMED")

        listed = client.list_phone_numbers_v2(TargetArn=instance_arn)
        items = listed["ListPhoneNumbersSummaryList"]
        # Ordered by number; a V2 list item has neither tags nor a status
        assert [item["PhoneNumber"] for item in items] == [first, second]
        assert all(
            "Tags" not in item and "PhoneNumberStatus" not in item for item in items
        )

        # A number belongs to the Region where it was claimed
        for call in (partner.describe_phone_number, partner.release_phone_number):
            with pytest.raises(ClientError) as exc:
                call(PhoneNumberId=claimed[0]["PhoneNumberId"])
            assert exc.value.response["Error"]["Code"] == "ResourceNotFoundException"
    finally:
        for number in claimed:
            client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])


@pytest.mark.aws_verified
@connect_aws_verified()
def test_a_claim_retried_with_its_token_is_replayed(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)
    number = _search(client, instance_arn)[0]
    token = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"

    first = client.claim_phone_number(
        TargetArn=instance_arn, PhoneNumber=number, ClientToken=token
    )
    try:
        again = client.claim_phone_number(
            TargetArn=instance_arn, PhoneNumber=number, ClientToken=token
        )
        assert again["PhoneNumberId"] == first["PhoneNumberId"]
        assert (
            len(
                client.list_phone_numbers_v2(TargetArn=instance_arn)[
                    "ListPhoneNumbersSummaryList"
                ]
            )
            == 1
        )
    finally:
        client.release_phone_number(PhoneNumberId=first["PhoneNumberId"])


@pytest.mark.aws_verified
@connect_aws_verified()
def test_a_malformed_phone_number_id_is_an_invalid_parameter(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)

    with pytest.raises(ClientError) as exc:
        client.describe_phone_number(PhoneNumberId="not-a-phone-number-id")

    assert exc.value.response["Error"]["Code"] == "InvalidParameterException"


@pytest.mark.aws_verified
@connect_aws_verified()
def test_claims_happen_in_the_instance_region_with_one_target(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)
    partner = boto3.client("connect", region_name=PARTNER_REGION)
    number = _search(client, instance_arn)[0]
    other_instance = instance_arn.replace(
        instance_id, "11111111-2222-3333-4444-555555555555"
    )

    with pytest.raises(ClientError) as elsewhere:
        partner.claim_phone_number(TargetArn=instance_arn, PhoneNumber=number)
    with pytest.raises(ClientError) as two_targets:
        client.claim_phone_number(
            TargetArn=instance_arn, InstanceId=other_instance, PhoneNumber=number
        )

    assert elsewhere.value.response["Error"]["Code"] == "InvalidParameterException"
    assert two_targets.value.response["Error"]["Code"] == "InvalidParameterException"
    assert (
        client.list_phone_numbers_v2(TargetArn=instance_arn)[
            "ListPhoneNumbersSummaryList"
        ]
        == []
    )
