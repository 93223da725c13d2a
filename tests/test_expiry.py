"""Expiry is one event: when a failed claim's hold, a cooldown, a churn record or an idempotency
record ends, every operation (and moto's ``/moto-api/data.json``) sees it end at the same moment,
and what the rules no longer need leaves the process's state.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
from botocore.exceptions import ClientError
from moto import mock_aws, settings

from moto_connect_ext import control
from support import SERVER_MODE, available, client, error_of, new_instance


def data_json_numbers() -> list[str]:
    """PhoneNumberIds moto's model registry lists, in-process or on the server."""
    base = settings.test_server_mode_endpoint() if SERVER_MODE else "http://motoapi.amazonaws.com"
    models = requests.get(f"{base}/moto-api/data.json").json()
    return sorted(n["phone_number_id"] for n in models["connect"].get("PhoneNumber", []))


def claim_two_with_quota_one(connect: Any, target: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Quota 1: the first claim is CLAIMED, the second FAILED (held for a day)."""
    control.configure(phone_numbers_per_instance=1)
    key = "TargetArn" if target.startswith("arn:") else "InstanceId"
    first, second = available(connect, target, count=2)
    kept = connect.claim_phone_number(**{key: target}, PhoneNumber=first)
    failed = connect.claim_phone_number(**{key: target}, PhoneNumber=second)
    return kept, failed


@mock_aws
def test_data_json_lists_held_numbers_only() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    kept, failed = claim_two_with_quota_one(connect, instance_id)
    released = connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=available(connect, instance_id)[0]
    )
    connect.release_phone_number(PhoneNumberId=kept["PhoneNumberId"])

    assert data_json_numbers() == sorted([failed["PhoneNumberId"], released["PhoneNumberId"]])


@mock_aws
def test_data_json_drops_a_failed_claim_when_its_hold_ends() -> None:
    connect = client()
    kept, failed = claim_two_with_quota_one(connect, new_instance(connect)["Id"])
    assert data_json_numbers() == sorted([kept["PhoneNumberId"], failed["PhoneNumberId"]])

    control.advance_clock(days=1, seconds=1)  # and no connect request before data.json

    assert data_json_numbers() == [kept["PhoneNumberId"]]


@mock_aws
def test_failed_claim_to_a_tdg_does_not_keep_it_in_use_after_the_hold() -> None:
    connect = client()
    instance = connect.create_instance(
        IdentityManagementType="SAML",
        InstanceAlias="source",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    connect.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica"
    )
    tdg = connect.create_traffic_distribution_group(Name="tdg", InstanceId=instance["Id"])
    kept, _ = claim_two_with_quota_one(connect, tdg["Arn"])
    connect.release_phone_number(PhoneNumberId=kept["PhoneNumberId"])
    with pytest.raises(ClientError) as excinfo:  # the failed claim is still held
        connect.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])
    assert error_of(excinfo)[0] == "ResourceInUseException"

    control.advance_clock(days=1, seconds=1)

    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
    connect.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])


@pytest.mark.skipif(SERVER_MODE, reason="inspects the process's state")
@mock_aws
def test_released_numbers_leave_every_structure_when_their_windows_end() -> None:
    from moto_connect_ext.connect.models import connect_backend
    from moto_connect_ext.connect.models.phone_numbers import PhoneNumber
    from moto_connect_ext.connect.models.stock import cooldowns

    control.configure(phone_numbers_per_instance=100, churn_limit_percent=10_000)
    connect = client()
    instance_id = new_instance(connect)["Id"]
    for number in available(connect, instance_id, count=10):
        claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    backend = connect_backend("123456789012", "us-east-1")
    assert len(cooldowns().cooling_until) == 10
    assert len(backend.ledger._records) == 20
    assert PhoneNumber.instances_tracked == []

    control.advance_clock(days=181)
    connect.list_phone_numbers_v2()  # any plugin operation: everything due expires first

    assert cooldowns().cooling_until == {}
    assert backend.ledger._records == {}
    assert len(backend.churn._releases) == 0
