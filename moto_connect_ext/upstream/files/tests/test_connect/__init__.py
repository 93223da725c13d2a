"""Tests for the connect service."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import wraps
from typing import Any, Literal, cast
from uuid import uuid4

import boto3
import pytest
from botocore.exceptions import ClientError

from moto import mock_aws
from moto.moto_api import state_manager
from tests import allow_aws_request

REGION = "us-east-1"
#: ReplicateInstance's partner of REGION.
PARTNER_REGION = "us-west-2"
PHONE_NUMBER_MODEL = "connect::phone_number"
TDG_MODEL = "connect::traffic_distribution_group"


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    """The error's Code and Message."""
    error = cast(dict[str, Any], exc.value.response)["Error"]
    return error["Code"], error["Message"]


def error_response(exc: pytest.ExceptionInfo[ClientError]) -> dict[str, Any]:
    """The error's response, with the members its shape models (``ResourceType``, ...)."""
    return cast(dict[str, Any], exc.value.response)


IdentityManagementType = Literal["CONNECT_MANAGED", "EXISTING_DIRECTORY", "SAML"]


def with_connect_instance(
    identity_management_type: IdentityManagementType = "CONNECT_MANAGED",
) -> Callable[[Callable[[str, str], None]], Callable[[], None]]:
    """
    Runs the test in a `mock_aws` context, or against AWS when
    MOTO_TEST_ALLOW_AWS_REQUEST=true (not `aws_verified`: not run against AWS yet), with a
    new ACTIVE instance in us-east-1 (its id and ARN), deleted afterwards with what it holds.
    Against AWS, phone numbers a test claims are billed until released.
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
    instance_id, instance_arn = new_instance(client, identity_management_type)
    try:
        func(instance_id, instance_arn)
    finally:
        with suppress(client.exceptions.ResourceNotFoundException):
            client.delete_instance(InstanceId=instance_id)


def new_instance(
    client: Any, identity_management_type: IdentityManagementType = "CONNECT_MANAGED"
) -> tuple[str, str]:
    """A new instance, once ACTIVE: its id and ARN."""
    instance = client.create_instance(
        IdentityManagementType=identity_management_type,
        InstanceAlias=f"moto-{uuid4().hex[:12]}",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    _wait(
        client.describe_instance,
        "Instance",
        "InstanceStatus",
        InstanceId=instance["Id"],
    )
    return instance["Id"], instance["Arn"]


def replicate(client: Any, instance_id: str) -> None:
    """Replicate a SAML instance to PARTNER_REGION and wait for the replica to be ACTIVE."""
    alias = client.describe_instance(InstanceId=instance_id)["Instance"][
        "InstanceAlias"
    ]
    client.replicate_instance(
        InstanceId=instance_id,
        ReplicaRegion=PARTNER_REGION,
        ReplicaAlias=f"{alias}-replica",
    )
    partner = boto3.client("connect", region_name=PARTNER_REGION)
    _wait(
        partner.describe_instance, "Instance", "InstanceStatus", InstanceId=instance_id
    )


def active_tdg(client: Any, instance_arn: str, name: str = "tdg") -> dict[str, str]:
    """A new traffic distribution group of a replicated instance, once ACTIVE: its Id and Arn."""
    created = client.create_traffic_distribution_group(
        Name=name, InstanceId=instance_arn
    )
    settled_tdg(client, created["Id"])
    return created


def settled_tdg(client: Any, tdg_id: str) -> str:
    """The TDG's status once it is no longer CREATION_IN_PROGRESS."""
    return _wait(
        client.describe_traffic_distribution_group,
        "TrafficDistributionGroup",
        "Status",
        TrafficDistributionGroupId=tdg_id,
    )


def _claimed(client: Any, target_arn: str, **kwargs: Any) -> Iterator[dict[str, str]]:
    """A number claimed to the target (one the target's search offers unless ``PhoneNumber``
    is given), once it is out of IN_PROGRESS; released afterwards unless already gone."""
    number = kwargs.pop("PhoneNumber", None) or search(client, target_arn)[0]
    claim = client.claim_phone_number(
        TargetArn=target_arn, PhoneNumber=number, **kwargs
    )
    try:
        settled(client, claim["PhoneNumberArn"])
        yield claim
    finally:
        with suppress(client.exceptions.ResourceNotFoundException):
            # A failed claim cannot be released: AWS lets it go after a day
            if settled(client, claim["PhoneNumberArn"])["Status"] != "FAILED":
                client.release_phone_number(PhoneNumberId=claim["PhoneNumberArn"])


#: Not a decorator: moto's mypy settings refuse a decorated function whose type holds Any.
claimed = contextmanager(_claimed)


def search(
    client: Any, target_arn: str, number_type: str = "DID", **kwargs: Any
) -> list[str]:
    """The numbers a search of US numbers of the type offers."""
    found = client.search_available_phone_numbers(
        TargetArn=target_arn,
        PhoneNumberCountryCode=kwargs.pop("PhoneNumberCountryCode", "US"),
        PhoneNumberType=number_type,
        **kwargs,
    )["AvailableNumbersList"]
    return [number["PhoneNumber"] for number in found]


def settled(client: Any, phone_number_id: str) -> dict[str, str]:
    """The number's status once it is no longer IN_PROGRESS."""
    return _wait(
        client.describe_phone_number,
        "ClaimedPhoneNumberSummary",
        "PhoneNumberStatus",
        PhoneNumberId=phone_number_id,
    )


@contextmanager
def first_status(model_name: str) -> Iterator[None]:
    """Under mock_aws, new resources of the state manager's model stay in their first status
    (IN_PROGRESS, CREATION_IN_PROGRESS) for a few reads; AWS takes its own time."""
    if allow_aws_request():
        yield
        return
    state_manager.set_transition(model_name, {"progression": "manual", "times": 3})
    try:
        yield
    finally:
        state_manager.unset_transition(model_name)


_IN_PROGRESS = ("PENDING", "CREATION_IN_PROGRESS", "IN_PROGRESS")


#: How many times _wait describes a resource before it gives up (10s apart on AWS).
_WAIT_ATTEMPTS = 60


def _wait(describe: Callable[..., Any], key: str, field: str, **kwargs: Any) -> Any:
    """Describe until the resource's status leaves its in-progress states."""
    for _ in range(_WAIT_ATTEMPTS):
        status = describe(**kwargs)[key][field]
        current = status["Status"] if isinstance(status, dict) else status
        if current not in _IN_PROGRESS:
            return status
        time.sleep(10 if allow_aws_request() else 0)
    raise TimeoutError(
        f"{key} {kwargs} still {current} after {_WAIT_ATTEMPTS} describes"
    )
