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


# The README's server-from-Python example, run from the README's own text.

import contextlib  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import requests  # noqa: E402


def test_running_starts_a_server_for_the_with_block():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    example = next(
        block for block in re.findall(r"```python\n(.*?)```", readme, re.S) if "running()" in block
    )
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(example, {})
    endpoint = printed.getvalue().strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", endpoint)
    with pytest.raises(requests.ConnectionError):  # stopped when the block ended
        requests.get(f"{endpoint}/moto-api/connect/now", timeout=5)
