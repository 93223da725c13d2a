"""The documentation's Python examples: if one fails, the documentation is wrong.

The README's own blocks run in order in a fresh environment in ``tests/test_readme.py`` (in CI);
its first one also runs here, in every test run, in both modes.
"""

import re
from pathlib import Path

import boto3
from moto import mock_aws

ROOT = Path(__file__).parent.parent


def python_blocks(document: str) -> list[str]:
    return re.findall(r"^```python[^\n]*\n(.*?)^```", (ROOT / document).read_text(), re.S | re.M)


def test_the_readme_s_first_example() -> None:
    namespace: dict[str, object] = {}
    exec(python_blocks("README.md")[0], namespace)
    tests = [value for name, value in namespace.items() if name.startswith("test_")]
    assert tests
    for test in tests:
        test()  # type: ignore[operator]


# docs/control.md's cooldown examples, verbatim.


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


# docs/server.md's server-from-Python example, run from its own text.

import contextlib  # noqa: E402
import io  # noqa: E402

import requests  # noqa: E402


def test_running_starts_a_server_for_the_with_block():
    example = next(block for block in python_blocks("docs/server.md") if "running()" in block)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(example, {})
    endpoint = printed.getvalue().strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", endpoint)
    with pytest.raises(requests.ConnectionError):  # stopped when the block ended
        requests.get(f"{endpoint}/moto-api/connect/now", timeout=5)
