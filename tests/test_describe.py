"""DescribePhoneNumber through boto3: ids and ARNs, Regions, accounts, status."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from moto_connect_ext import mock_aws
from support import claim, client, error_of, manual_progress, new_instance

UNKNOWN_NUMBER = "00000000-0000-4000-8000-000000000000"


@mock_aws
def test_describe_by_id_and_by_arn_give_the_full_summary() -> None:
    connect = client()
    instance = new_instance(connect)
    claimed = claim(
        connect, instance["Id"], Tags={"team": "support"}, PhoneNumberDescription="Support"
    )

    by_id = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    by_arn = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberArn"])

    expected = {
        "PhoneNumberId": claimed["PhoneNumberId"],
        "PhoneNumberArn": claimed["PhoneNumberArn"],
        "PhoneNumber": claimed["PhoneNumber"],
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "TOLL_FREE",
        "PhoneNumberDescription": "Support",
        "TargetArn": instance["Arn"],
        "InstanceId": instance["Id"],
        "Tags": {"team": "support"},
        "PhoneNumberStatus": {"Status": "CLAIMED"},
    }
    assert by_id["ClaimedPhoneNumberSummary"] == expected
    assert by_arn["ClaimedPhoneNumberSummary"] == expected


@mock_aws
def test_describe_unknown_id() -> None:
    connect = client()
    new_instance(connect)

    with pytest.raises(ClientError) as excinfo:
        connect.describe_phone_number(PhoneNumberId=UNKNOWN_NUMBER)

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert UNKNOWN_NUMBER in message


@pytest.mark.parametrize("key", ["PhoneNumberId", "PhoneNumberArn"])
@mock_aws
def test_describe_from_another_region(key: str) -> None:
    east = client("us-east-1")
    west = client("us-west-2")
    new_instance(west, "west")
    claimed = claim(east, new_instance(east)["Id"])

    with pytest.raises(ClientError) as excinfo:
        west.describe_phone_number(PhoneNumberId=claimed[key])

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert claimed[key] in message


@mock_aws
def test_describe_malformed_id() -> None:
    connect = client()

    with pytest.raises(ClientError) as excinfo:
        connect.describe_phone_number(PhoneNumberId="not-an-id")

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert "not-an-id" in message


@mock_aws
def test_describe_another_accounts_arn_is_denied() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])
    account = claimed["PhoneNumberArn"].split(":")[4]
    foreign = claimed["PhoneNumberArn"].replace(f":{account}:", ":111122223333:")

    with pytest.raises(ClientError) as excinfo:
        connect.describe_phone_number(PhoneNumberId=foreign)

    code, message = error_of(excinfo)
    assert code == "AccessDeniedException"
    assert foreign in message


@mock_aws
def test_describe_shows_in_progress_while_progression_is_manual() -> None:
    connect = client()
    instance = new_instance(connect)

    with manual_progress("connect::phone_number"):
        claimed = claim(connect, instance["Id"])
        summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
            "ClaimedPhoneNumberSummary"
        ]
        assert summary["PhoneNumberStatus"]["Status"] == "IN_PROGRESS"

    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]
    assert summary["PhoneNumberStatus"]["Status"] == "CLAIMED"
