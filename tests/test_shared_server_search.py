"""A user's suite run with pytest-xdist against one shared server, without resets between tests.

Each of its tests searches for the first US toll-free number and claims it a moment later, as a
new user's test would. Both workers search at the same time. As in AWS, searches side by side
return the same numbers, so such a suite turns on ``search_offer_seconds`` (README, "Parallel
tests"): every search then offers a number no other search has just been offered, and all eight
claims succeed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from moto_connect_ext.control import ServerControl
from moto_connect_ext.server import running

USER_SUITE = """
import os
import time
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

SYNC = Path(os.environ["USER_SUITE_SYNC_DIR"])


def search_together():
    \"\"\"Wait (at most 5 s) until the other worker has searched as often as this one, so that
    both searches of a round come before either claim, as they often do by chance.\"\"\"
    me = os.environ["PYTEST_XDIST_WORKER"]
    mine = SYNC / me
    count = int(mine.read_text() or 0) + 1 if mine.exists() else 1
    mine.write_text(str(count))
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        others = [int(p.read_text() or 0) for p in SYNC.iterdir() if p.name != me]
        if others and min(others) >= count:
            return
        time.sleep(0.02)


@pytest.mark.parametrize("test_number", range(8))
@mock_aws
def test_search_then_claim(test_number):
    connect = boto3.client("connect", region_name="us-east-1")
    instance_id = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=f"user-test-{test_number}",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    number = connect.search_available_phone_numbers(
        InstanceId=instance_id,
        PhoneNumberCountryCode="US",
        PhoneNumberType="TOLL_FREE",
        MaxResults=1,
    )["AvailableNumbersList"][0]["PhoneNumber"]
    search_together()
    connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
"""


@pytest.fixture
def shared_server(tmp_path: Path) -> Iterator[str]:
    """A moto-connect-server of this test's own, whichever mode the suite runs in."""
    with running(tmp_path / "server.log") as server:
        yield server.endpoint


def test_xdist_workers_sharing_a_server_each_claim_what_they_were_offered(
    tmp_path: Path, shared_server: str
) -> None:
    ServerControl(shared_server).configure(search_offer_seconds=60)
    suite = tmp_path / "test_user_suite.py"
    suite.write_text(USER_SUITE)
    (tmp_path / "sync").mkdir()
    env = {
        **os.environ,
        "TEST_SERVER_MODE": "true",
        "TEST_SERVER_MODE_ENDPOINT": shared_server,
        "MOTO_CALL_RESET_API": "false",
        "USER_SUITE_SYNC_DIR": str(tmp_path / "sync"),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_MAX_ATTEMPTS": "1",
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "2",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            suite.name,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "8 passed" in run.stdout, run.stdout[-3000:]
    connect = boto3.client(
        "connect",
        region_name="us-east-1",
        endpoint_url=shared_server,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    claimed = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert len({n["PhoneNumber"] for n in claimed}) == 8
