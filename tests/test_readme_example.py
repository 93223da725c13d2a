"""The README's example, verbatim: if this fails, the README is wrong."""

import boto3
from moto import mock_aws


@mock_aws
def test_claim_describe_release():
    connect = boto3.client("connect", region_name="us-east-1")
    instance = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    found = connect.search_available_phone_numbers(
        InstanceId=instance["Id"],
        PhoneNumberCountryCode="US",
        PhoneNumberType="TOLL_FREE",
        MaxResults=1,
    )["AvailableNumbersList"][0]["PhoneNumber"]
    claimed = connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=found)
    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "CLAIMED"
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


# The README's cooldown examples.

import pytest  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402
from freezegun import freeze_time  # noqa: E402

from moto_connect_ext import control  # noqa: E402


@pytest.mark.in_process_only
@mock_aws
def test_released_number_comes_back_after_cooldown():
    connect = boto3.client("connect", region_name="us-east-1")
    instance_id = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    with freeze_time("2026-01-01") as clock:
        number = connect.search_available_phone_numbers(
            InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
        )["AvailableNumbersList"][0]["PhoneNumber"]
        claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        with pytest.raises(ClientError, match="Phone number not available"):
            connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        clock.move_to("2026-06-30")  # 180 days later
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)


@mock_aws
def test_released_number_comes_back_after_advance_clock():
    connect = boto3.client("connect", region_name="us-east-1")
    instance_id = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    number = connect.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
    )["AvailableNumbersList"][0]["PhoneNumber"]
    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    with pytest.raises(ClientError, match="Phone number not available"):
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    control.advance_clock(days=180)
    connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
