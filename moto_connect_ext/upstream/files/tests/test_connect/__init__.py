"""Tests for the connect service."""

import time
from collections.abc import Callable
from functools import wraps
from typing import Literal
from uuid import uuid4

import boto3

from moto import mock_aws
from tests import allow_aws_request

REGION = "us-east-1"
#: ReplicateInstance's partner of REGION.
PARTNER_REGION = "us-west-2"

IdentityManagementType = Literal["CONNECT_MANAGED", "EXISTING_DIRECTORY", "SAML"]


def connect_aws_verified(
    identity_management_type: IdentityManagementType = "CONNECT_MANAGED",
) -> Callable[[Callable[[str, str], None]], Callable[[], None]]:
    """
    Function that is verified to work against AWS.
    Can be run against AWS at any time by setting:
      MOTO_TEST_ALLOW_AWS_REQUEST=true

    If this environment variable is not set, the function runs in a `mock_aws` context.

    The test gets a new ACTIVE instance in us-east-1 (its id and ARN), deleted afterwards
    with what it holds. Against AWS, phone numbers a test claims are billed until released.
    """

    def decorator(func: Callable[[str, str], None]) -> Callable[[], None]:
        @wraps(func)
        def wrapper() -> None:
            if allow_aws_request():
                _with_instance(func, identity_management_type)
            else:
                with mock_aws():
                    _with_instance(func, identity_management_type)

        return wrapper

    return decorator


def _with_instance(
    func: Callable[[str, str], None], identity_management_type: IdentityManagementType
) -> None:
    client = boto3.client("connect", region_name=REGION)
    instance = client.create_instance(
        IdentityManagementType=identity_management_type,
        InstanceAlias=f"moto-{uuid4().hex[:12]}",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    try:
        while (
            client.describe_instance(InstanceId=instance["Id"])["Instance"][
                "InstanceStatus"
            ]
            != "ACTIVE"
        ):
            time.sleep(10)
        func(instance["Id"], instance["Arn"])
    finally:
        client.delete_instance(InstanceId=instance["Id"])
