"""pytest plugin (entry point ``pytest11``): installs the plugin at start-up and offers fixtures.

Because the plugin is installed before any test module is imported, plain ``from moto import
mock_aws`` serves the phone-number operations in every test run where this package is installed.

The client fixture is typed ``ConnectClient`` from ``boto3-stubs[connect]``, imported for type
checkers only: the stubs are no runtime dependency, and without them the type is ``Any``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import boto3
import pytest

from . import control, install, mock_aws

if TYPE_CHECKING:
    from mypy_boto3_connect import ConnectClient


class ConnectInstance(TypedDict):
    """The ``connect_instance`` fixture's value."""

    Id: str
    Arn: str


def pytest_configure(config: pytest.Config) -> None:
    install()


@pytest.fixture
def connect_client() -> Iterator[ConnectClient]:
    """A boto3 connect client (us-east-1) inside ``mock_aws``; state is fresh for each test."""
    with mock_aws():
        yield boto3.client("connect", region_name="us-east-1")


@pytest.fixture
def connect_instance(connect_client: ConnectClient) -> ConnectInstance:
    """A new ACTIVE Connect instance (``Id`` and ``Arn``) to claim numbers to."""
    created = connect_client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="test-instance",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return {"Id": created["Id"], "Arn": created["Arn"]}


@pytest.fixture
def connect_snapshot() -> Path:
    """The snapshot :func:`connect_world` restores: override this fixture to return its path
    (e.g. one a session-scoped fixture saved with ``control.save_state``)."""
    raise pytest.UsageError(
        "connect_world restores the snapshot the connect_snapshot fixture names: define a "
        "connect_snapshot fixture that returns its path"
    )


@pytest.fixture
def connect_world(connect_snapshot: Path) -> Iterator[dict[str, Any]]:
    """Inside ``mock_aws``, the Connect world of ``connect_snapshot`` restored afresh for each
    test (against a server in server test mode); the value is the snapshot's metadata.

    Restoring a seeded world is much cheaper than building it through the API before every test,
    and unlike one world shared by all tests, nothing one test does reaches the next.
    """
    with mock_aws():
        yield control.load_state(connect_snapshot)
