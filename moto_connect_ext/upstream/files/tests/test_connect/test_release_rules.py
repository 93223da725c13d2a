"""What a release sets going: the cooldown, and the churn rule that blocks claims.

Not yet run against AWS. The churn test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true), but
only in an account that may lose its claims for 180 days: it releases 10 numbers, the
most an account with the default quota of 5 may release in 180 days. The cooldown test
needs 180 days on the clock, so it runs under mock_aws only.
"""

import re

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from freezegun import freeze_time
from tests import allow_aws_request

from . import REGION, claimed, error_of, search, with_connect_instance

#: Releases an account may make within 180 days: 200% of the default quota of 5.
CHURN_LIMIT = 10


@with_connect_instance()
def test_claims_are_blocked_once_twice_the_quota_is_released_in_the_window(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "200% churn limit" and "Blocked claim"."""
    # LimitExceededException is HTTP 429, which botocore retries: ask once.
    client = boto3.client(
        "connect", region_name=REGION, config=Config(retries={"total_max_attempts": 1})
    )
    for _ in range(CHURN_LIMIT - 1):
        with claimed(client, instance_arn):
            pass
    with claimed(client, instance_arn):
        pass  # the tenth release reaches the limit
    number = search(client, instance_arn)[0]

    with pytest.raises(ClientError) as exc:
        client.claim_phone_number(TargetArn=instance_arn, PhoneNumber=number)

    code, message = error_of(exc)
    assert code == "LimitExceededException"
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert re.fullmatch(
        r"The allowed limit exceeded: this account released 10 or more phone numbers "
        r"in us-east-1 within 180 days \(200% of the quota of 5\); claims are blocked "
        r"until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\.",
        message,
    )
    assert number in search(client, instance_arn)  # the refused claim took nothing


@with_connect_instance()
def test_a_released_number_cools_down_for_180_days_then_is_back_in_stock(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Expiry": a cooldown ends 180 days after the release, to the second."""
    if allow_aws_request():
        pytest.skip("needs 180 days on the clock")
    client = boto3.client("connect", region_name=REGION)

    with freeze_time("2030-01-01 12:00:00") as clock:
        with claimed(client, instance_arn) as claim:
            number = client.describe_phone_number(PhoneNumberId=claim["PhoneNumberId"])[
                "ClaimedPhoneNumberSummary"
            ]["PhoneNumber"]
        clock.move_to("2030-06-30 11:59:59")
        offered_before = number in search(
            client, instance_arn, PhoneNumberPrefix=number
        )
        with pytest.raises(ClientError) as exc:
            client.claim_phone_number(TargetArn=instance_arn, PhoneNumber=number)
        clock.move_to("2030-06-30 12:00:00")
        offered_after = number in search(client, instance_arn, PhoneNumberPrefix=number)
        again = client.claim_phone_number(TargetArn=instance_arn, PhoneNumber=number)
        claimed_again = client.describe_phone_number(
            PhoneNumberId=again["PhoneNumberId"]
        )["ClaimedPhoneNumberSummary"]

    assert not offered_before
    assert error_of(exc) == (
        "InvalidParameterException",
        f"Phone number not available: {number}",
    )
    assert offered_after
    assert claimed_again["PhoneNumber"] == number
    assert claimed_again["TargetArn"] == instance_arn
