"""The AWS CLI (``awscli``, a test dependency) against the server: a number's whole life.

The CLI runs as a separate process, the way a CI pipeline in another language would use the
server: dummy credentials, a Region, ``--endpoint-url``, no retries. In server mode it talks to the
suite's server; in-process, to moto's ThreadedMotoServer started here (it serves the plugin, which
this process has installed). One run of the lifecycle (create an instance, search, claim, describe,
list, create a flow, associate, list associations, disassociate, release, claim again; then request a
number in End User Messaging SMS, import it, describe it, release it from Connect and from End User
Messaging) is shared by the tests, each of which checks one step: exit code, output and, for the
refused claim, the CLI's own error text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

AWS = Path(sys.executable).with_name("aws")
REGION = "us-east-1"
#: awscli v1 exits with 255 when the service answers with an error (v2 would use 254).
SERVICE_ERROR_EXIT = 255
FLOW_CONTENT = json.dumps(
    {
        "Version": "2019-10-30",
        "StartAction": "bye",
        "Actions": [{"Identifier": "bye", "Type": "DisconnectParticipant", "Transitions": {}}],
    }
)

pytestmark = pytest.mark.skipif(not AWS.exists(), reason=f"the AWS CLI is not at {AWS}")


def aws(endpoint: str, *args: str, service: str = "connect") -> subprocess.CompletedProcess[str]:
    """``aws --endpoint-url <endpoint> <service> <args>`` with dummy credentials and no
    retries."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION=REGION,
        AWS_MAX_ATTEMPTS="1",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    )
    return subprocess.run(
        [str(AWS), "--endpoint-url", endpoint, "--output", "json", service, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def answer(step: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert step.returncode == 0, step.stderr
    return dict(json.loads(step.stdout)) if step.stdout.strip() else {}


@pytest.fixture(scope="module")
def lifecycle(endpoint: str) -> dict[str, Any]:
    """Each CLI step's completed process, and the ids it produced."""
    requests.post(f"{endpoint}/moto-api/reset", timeout=30).raise_for_status()
    steps: dict[str, subprocess.CompletedProcess[str]] = {}
    steps["create"] = aws(
        endpoint,
        "create-instance",
        "--identity-management-type",
        "CONNECT_MANAGED",
        "--instance-alias",
        "cli-test",
        "--inbound-calls-enabled",
        "--outbound-calls-enabled",
    )
    instance_id = answer(steps["create"])["Id"]
    steps["search"] = aws(
        endpoint,
        "search-available-phone-numbers",
        "--instance-id",
        instance_id,
        "--phone-number-country-code",
        "US",
        "--phone-number-type",
        "TOLL_FREE",
        "--max-results",
        "1",
    )
    number = answer(steps["search"])["AvailableNumbersList"][0]["PhoneNumber"]
    steps["claim"] = aws(
        endpoint,
        "claim-phone-number",
        "--instance-id",
        instance_id,
        "--phone-number",
        number,
        "--phone-number-description",
        "from the CLI",
    )
    number_id = answer(steps["claim"])["PhoneNumberId"]
    steps["describe"] = aws(endpoint, "describe-phone-number", "--phone-number-id", number_id)
    steps["list"] = aws(endpoint, "list-phone-numbers-v2", "--instance-id", instance_id)
    steps["create flow"] = aws(
        endpoint,
        "create-contact-flow",
        "--instance-id",
        instance_id,
        "--name",
        "CLI flow",
        "--type",
        "CONTACT_FLOW",
        "--content",
        FLOW_CONTENT,
    )
    flow_id = answer(steps["create flow"])["ContactFlowId"]
    steps["associate"] = aws(
        endpoint,
        "associate-phone-number-contact-flow",
        "--phone-number-id",
        number_id,
        "--instance-id",
        instance_id,
        "--contact-flow-id",
        flow_id,
    )
    steps["list associations"] = aws(
        endpoint,
        "list-flow-associations",
        "--instance-id",
        instance_id,
        "--resource-type",
        "VOICE_PHONE_NUMBER",
    )
    steps["disassociate"] = aws(
        endpoint,
        "disassociate-phone-number-contact-flow",
        "--phone-number-id",
        number_id,
        "--instance-id",
        instance_id,
    )
    steps["release"] = aws(endpoint, "release-phone-number", "--phone-number-id", number_id)
    steps["claim again"] = aws(
        endpoint, "claim-phone-number", "--instance-id", instance_id, "--phone-number", number
    )
    steps["request"] = aws(
        endpoint,
        "request-phone-number",
        "--iso-country-code",
        "US",
        "--message-type",
        "TRANSACTIONAL",
        "--number-capabilities",
        "SMS",
        "VOICE",
        "--number-type",
        "LONG_CODE",
        service="pinpoint-sms-voice-v2",
    )
    source_arn = answer(steps["request"])["PhoneNumberArn"]
    steps["import"] = aws(
        endpoint,
        "import-phone-number",
        "--instance-id",
        instance_id,
        "--source-phone-number-arn",
        source_arn,
    )
    imported_id = answer(steps["import"])["PhoneNumberId"]
    steps["describe imported"] = aws(
        endpoint, "describe-phone-number", "--phone-number-id", imported_id
    )
    steps["release imported"] = aws(
        endpoint, "release-phone-number", "--phone-number-id", imported_id
    )
    steps["release in sms"] = aws(
        endpoint,
        "release-phone-number",
        "--phone-number-id",
        source_arn,
        service="pinpoint-sms-voice-v2",
    )
    return {
        "steps": steps,
        "instance_id": instance_id,
        "number": number,
        "number_id": number_id,
        "flow_id": flow_id,
    }


def test_cli_creates_an_instance(lifecycle: dict[str, Any]) -> None:
    created = answer(lifecycle["steps"]["create"])
    assert created["Arn"].endswith(f":instance/{created['Id']}")


def test_cli_search_offers_a_us_toll_free_number(lifecycle: dict[str, Any]) -> None:
    found = answer(lifecycle["steps"]["search"])["AvailableNumbersList"]
    assert found == [
        {
            "PhoneNumber": lifecycle["number"],
            "PhoneNumberCountryCode": "US",
            "PhoneNumberType": "TOLL_FREE",
        }
    ]
    assert lifecycle["number"].startswith("+18")


def test_cli_claims_the_number(lifecycle: dict[str, Any]) -> None:
    claimed = answer(lifecycle["steps"]["claim"])
    assert claimed["PhoneNumberArn"] == (
        f"arn:aws:connect:{REGION}:123456789012:phone-number/{lifecycle['number_id']}"
    )


def test_cli_describes_the_claimed_number(lifecycle: dict[str, Any]) -> None:
    summary = answer(lifecycle["steps"]["describe"])["ClaimedPhoneNumberSummary"]
    assert summary["PhoneNumber"] == lifecycle["number"]
    assert summary["InstanceId"] == lifecycle["instance_id"]
    assert summary["PhoneNumberDescription"] == "from the CLI"
    assert summary["PhoneNumberStatus"]["Status"] == "CLAIMED"


def test_cli_lists_the_claimed_number(lifecycle: dict[str, Any]) -> None:
    listed = answer(lifecycle["steps"]["list"])["ListPhoneNumbersSummaryList"]
    assert [(n["PhoneNumberId"], n["PhoneNumber"]) for n in listed] == [
        (lifecycle["number_id"], lifecycle["number"])
    ]


def test_cli_creates_a_flow_and_associates_the_number(lifecycle: dict[str, Any]) -> None:
    created = answer(lifecycle["steps"]["create flow"])
    assert created["ContactFlowArn"].endswith(
        f":instance/{lifecycle['instance_id']}/contact-flow/{lifecycle['flow_id']}"
    )
    assert answer(lifecycle["steps"]["associate"]) == {}
    listed = answer(lifecycle["steps"]["list associations"])["FlowAssociationSummaryList"]
    assert listed == [
        {
            "ResourceId": answer(lifecycle["steps"]["claim"])["PhoneNumberArn"],
            "FlowId": created["ContactFlowArn"],
            "ResourceType": "VOICE_PHONE_NUMBER",
        }
    ]
    assert answer(lifecycle["steps"]["disassociate"]) == {}


def test_cli_releases_the_number_with_empty_output(lifecycle: dict[str, Any]) -> None:
    step = lifecycle["steps"]["release"]
    assert step.returncode == 0, step.stderr
    assert step.stdout.strip() == ""
    assert step.stderr == ""


def test_cli_claim_of_a_cooling_number_fails_with_the_service_error(
    lifecycle: dict[str, Any], endpoint: str
) -> None:
    step = lifecycle["steps"]["claim again"]
    assert step.returncode == SERVICE_ERROR_EXIT, step.stdout
    assert step.stdout == ""
    assert (
        "An error occurred (InvalidParameterException) when calling the ClaimPhoneNumber "
        "operation" in step.stderr
    )
    assert f"Phone number not available: {lifecycle['number']}" in step.stderr
    connect = boto3.client(
        "connect",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


def test_cli_imports_a_number_requested_in_end_user_messaging(lifecycle: dict[str, Any]) -> None:
    requested = answer(lifecycle["steps"]["request"])
    assert (requested["Status"], requested["NumberType"]) == ("ACTIVE", "LONG_CODE")
    imported = answer(lifecycle["steps"]["import"])
    summary = answer(lifecycle["steps"]["describe imported"])["ClaimedPhoneNumberSummary"]
    assert summary["PhoneNumberArn"] == imported["PhoneNumberArn"]
    assert summary["PhoneNumber"] == requested["PhoneNumber"]
    assert summary["SourcePhoneNumberArn"] == requested["PhoneNumberArn"]
    assert (summary["PhoneNumberType"], summary["PhoneNumberStatus"]["Status"]) == (
        "DID",
        "CLAIMED",
    )


def test_cli_releases_the_imported_number_then_end_user_messaging_releases_it(
    lifecycle: dict[str, Any],
) -> None:
    step = lifecycle["steps"]["release imported"]
    assert (step.returncode, step.stdout.strip()) == (0, ""), step.stderr
    released = answer(lifecycle["steps"]["release in sms"])
    assert (released["Status"], released["PhoneNumber"]) == (
        "DELETED",
        answer(lifecycle["steps"]["request"])["PhoneNumber"],
    )
