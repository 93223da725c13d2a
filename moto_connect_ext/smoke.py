"""A short claim-release-cooldown story, in-process and against a live server.

``python -m moto_connect_ext.smoke`` tells in a few seconds whether this package works with the
moto that is installed: it is what :mod:`.release_check` runs in a fresh environment for each moto
release, and what a user can run after an upgrade. Each step prints one line; the exit status is 1
if any step failed.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import Any

import boto3
from botocore.exceptions import ClientError

from . import control, mock_aws
from .server import running


def _connect(endpoint_url: str | None = None) -> Any:
    """A connect client with credentials moto accepts: the story never talks to AWS."""
    return boto3.client(
        "connect",
        region_name="us-east-1",
        endpoint_url=endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


class StoryFailed(AssertionError):
    """A step answered otherwise than AWS would."""


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise StoryFailed(what)


def _error_code(call: Callable[[], Any]) -> str:
    try:
        call()
    except ClientError as error:
        return str(error.response["Error"]["Code"])
    return "no error"


def story(connect: Any, advance_days: Callable[[float], object]) -> None:
    """Claim a number, release it, find it cooling down, and claim it again after 180 days."""
    instance = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="smoke",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    found = connect.search_available_phone_numbers(
        TargetArn=instance["Arn"],
        PhoneNumberCountryCode="US",
        PhoneNumberType="DID",
        MaxResults=1,
    )["AvailableNumbersList"]
    _expect(len(found) == 1, f"one available number, got {found}")
    number = found[0]["PhoneNumber"]
    claimed = connect.claim_phone_number(TargetArn=instance["Arn"], PhoneNumber=number)
    described = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    status = described["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"]
    _expect(status == "CLAIMED", f"claimed number's status CLAIMED, got {status}")
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    code = _error_code(
        lambda: connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    )
    _expect(code == "ResourceNotFoundException", f"released number not found, got {code}")
    code = _error_code(
        lambda: connect.claim_phone_number(TargetArn=instance["Arn"], PhoneNumber=number)
    )
    _expect(code == "InvalidParameterException", f"cooling number refused, got {code}")
    advance_days(180)
    again = connect.claim_phone_number(TargetArn=instance["Arn"], PhoneNumber=number)
    _expect(again["PhoneNumberArn"] != claimed["PhoneNumberArn"], "a new claim after cooldown")


def in_process() -> None:
    with mock_aws():
        story(_connect(), lambda days: control.advance_clock(days=days))


def against_a_server() -> None:
    with running() as server:
        server_control = control.ServerControl(server.endpoint)
        story(_connect(server.endpoint), lambda days: server_control.advance_clock(days=days))


STEPS: dict[str, Callable[[], None]] = {
    "claim-release-cooldown in-process": in_process,
    "claim-release-cooldown against moto-connect-server": against_a_server,
}


def main() -> int:
    failed = 0
    for name, step in STEPS.items():
        try:
            step()
        except Exception:
            failed += 1
            print(f"FAIL {name}\n{traceback.format_exc()}", flush=True)
        else:
            print(f"ok   {name}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
