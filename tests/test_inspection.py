"""Looking at state: ``control.status`` and its CLI, the control API's index, and the rows
``/moto-api/data.json`` (moto's dashboard) shows for flows, cooldowns and churn records."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from typing import Any

import boto3
import pytest
import requests

from moto_connect_ext import control
from support import claim, new_instance

ACCOUNT = "123456789012"


def _claim_two_release_one(connect: Any) -> tuple[str, str]:
    """An instance with one number held and one released: (held, released) E.164s."""
    instance = new_instance(connect)
    held = claim(connect, instance["Arn"])
    released = claim(connect, instance["Arn"])
    connect.release_phone_number(PhoneNumberId=released["PhoneNumberId"])
    return held["PhoneNumber"], released["PhoneNumber"]


def test_status_reports_the_numbers_held_those_cooling_down_and_the_churn_budget(
    connect_client: Any,
) -> None:
    held, released = _claim_two_release_one(connect_client)
    status = control.status()
    assert (status["AccountId"], status["Region"]) == (ACCOUNT, "us-east-1")
    assert [n["PhoneNumber"] for n in status["Held"]] == [held]
    assert status["Held"][0]["Status"] == "CLAIMED"
    (cooling,) = status["CoolingDown"]
    assert cooling["PhoneNumber"] == released
    comes_back = datetime.fromisoformat(cooling["AvailableAgainAt"].removesuffix("Z"))
    assert timedelta(days=179) < comes_back - control.now() <= timedelta(days=180)
    assert status["Churn"] == {
        "ReleasesInWindow": 1,
        "Limit": 10,
        "ReleasesLeft": 9,
        "WindowDays": 180,
        "ClaimsBlockedUntil": None,
    }


def test_status_of_a_region_with_nothing_in_it_is_empty_but_the_global_cooldowns(
    connect_client: Any,
) -> None:
    _, released = _claim_two_release_one(connect_client)
    status = control.status(region="eu-west-2")
    assert status["Held"] == []
    assert [n["PhoneNumber"] for n in status["CoolingDown"]] == [released]
    assert status["Churn"]["ReleasesInWindow"] == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"account_id": "1"}, "account_id must be 12 digits, not '1'"),
        ({"region": "us-east-2"}, "Amazon Connect is not available in 'us-east-2'"),
    ],
)
def test_status_refuses_an_account_or_region_it_cannot_report(
    connect_client: Any, arguments: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        control.status(**arguments)


@pytest.mark.parametrize(
    "query",
    ["region=%ED%A0%80", "region=%FF", "account_id=", "account_id=1&account_id=2", "bogus=1"],
)
def test_the_status_endpoint_answers_bad_arguments_with_a_json_400(
    endpoint: str, query: str
) -> None:
    answer = requests.get(f"{endpoint}/moto-api/connect/status?{query}", timeout=30)
    assert answer.status_code == 400
    assert answer.headers["Content-Type"] == "application/json"
    assert set(answer.json()) == {"error"}


def test_the_control_api_index_lists_every_endpoint_with_its_methods_and_arguments(
    endpoint: str,
) -> None:
    answer = requests.get(f"{endpoint}/moto-api/connect/", timeout=30)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/json"
    endpoints = {e["path"]: e for e in answer.json()["endpoints"]}
    assert set(endpoints) == {f"/moto-api/connect/{action}" for action in control.ACTIONS}
    assert endpoints["/moto-api/connect/status"]["methods"] == ["GET", "POST"]
    assert endpoints["/moto-api/connect/status"]["arguments"] == ["account_id", "region"]
    assert endpoints["/moto-api/connect/reset"]["methods"] == ["POST"]
    assert all(e["about"] for e in endpoints.values())
    refused = requests.post(f"{endpoint}/moto-api/connect/", timeout=30)
    assert (refused.status_code, refused.json()) == (405, {"error": "use GET"})


def _server_client(endpoint: str) -> Any:
    requests.post(f"{endpoint}/moto-api/reset", timeout=30).raise_for_status()
    return boto3.client(
        "connect",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def test_the_dashboard_data_shows_flows_cooldowns_and_churn_records(endpoint: str) -> None:
    connect = _server_client(endpoint)
    held, released = _claim_two_release_one(connect)
    (instance,) = connect.list_instances()["InstanceSummaryList"]
    flows = connect.list_contact_flows(InstanceId=instance["Id"])["ContactFlowSummaryList"]
    data = requests.get(f"{endpoint}/moto-api/data.json", timeout=30).json()["connect"]
    assert [n["phone_number"] for n in data["PhoneNumber"]] == [held]
    assert [c["phone_number"] for c in data["PhoneNumberCooldown"]] == [released]
    assert data["ChurnRecord"] == [
        {
            "account_id": ACCOUNT,
            "region": "us-east-1",
            "releases_in_window": 1,
            "limit": 10,
            "window_days": 180,
        }
    ]
    assert sorted(f["arn"] for f in data["ContactFlow"]) == sorted(f["Arn"] for f in flows)


def test_the_status_command_prints_what_a_server_holds(endpoint: str) -> None:
    held, released = _claim_two_release_one(_server_client(endpoint))
    done = subprocess.run(
        [sys.executable, "-m", "moto_connect_ext.status", "--endpoint", endpoint],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{ACCOUNT} in us-east-1, at ")
    assert any(line.split()[:2] == [held, "CLAIMED"] for line in lines)
    assert any(line.split()[:1] == [released] and "available again at" in line for line in lines)
    assert lines[-1] == "Churn: 1 of 10 releases in the last 180 days; 9 left"


def test_the_status_command_says_what_went_wrong_without_a_traceback(endpoint: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "moto_connect_ext.status", "--endpoint", endpoint, "--region", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr == f"cannot read {endpoint}: Amazon Connect is not available in 'x'\n"
