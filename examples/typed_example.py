"""A user's test file, type-checked with ``mypy --strict`` in CI after the README's install.

It needs ``boto3-stubs[connect]`` for ``ConnectClient`` and the response types; CI checks it from
outside the checkout, so mypy finds ``moto_connect_ext`` only through the installed ``py.typed``
package, as a user's mypy would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from moto_connect_ext import control
from moto_connect_ext.pytest_plugin import ConnectInstance

if TYPE_CHECKING:
    from mypy_boto3_connect import ConnectClient


def test_claim_then_release_after_cooldown(
    connect_client: ConnectClient, connect_instance: ConnectInstance
) -> None:
    found = connect_client.search_available_phone_numbers(
        TargetArn=connect_instance["Arn"],
        PhoneNumberCountryCode="US",
        PhoneNumberType="DID",
        MaxResults=1,
    )["AvailableNumbersList"][0]
    number: str = found["PhoneNumber"]
    claimed = connect_client.claim_phone_number(
        InstanceId=connect_instance["Id"], PhoneNumber=number
    )
    connect_client.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    control.advance_clock(days=180)
    again = connect_client.claim_phone_number(InstanceId=connect_instance["Id"], PhoneNumber=number)
    summary = connect_client.describe_phone_number(PhoneNumberId=again["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "CLAIMED"
