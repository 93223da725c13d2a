"""pytest plugin (entry point ``pytest11``): installs the plugin at start-up and offers fixtures.

Because the plugin is installed before any test module is imported, plain ``from moto import
mock_aws`` serves the phone-number operations in every test run where this package is installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from . import install, mock_aws


def pytest_configure(config: pytest.Config) -> None:
    install()


@pytest.fixture
def connect_client() -> Iterator[Any]:
    """A boto3 connect client (us-east-1) inside ``mock_aws``; state is fresh for each test."""
    with mock_aws():
        yield boto3.client("connect", region_name="us-east-1")  # type: ignore[no-untyped-call]


@pytest.fixture
def connect_instance(connect_client: Any) -> dict[str, str]:
    """A new ACTIVE Connect instance (``Id`` and ``Arn``) to claim numbers to."""
    created = connect_client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="test-instance",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return {"Id": created["Id"], "Arn": created["Arn"]}
