"""Traffic distribution: how a TDG splits calls, agents and sign-in between its Regions.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true).
"""

import boto3
import pytest
from botocore.exceptions import ClientError

from . import (
    PARTNER_REGION,
    REGION,
    TDG_MODEL,
    active_tdg,
    error_of,
    first_status,
    replicate,
    settled_tdg,
    with_connect_instance,
)


@with_connect_instance(identity_management_type="SAML")
def test_distributions_start_at_home_and_must_add_up_to_100(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Traffic distribution"."""
    client = boto3.client("connect", region_name=REGION)
    replicate(client, instance_id)
    tdg = active_tdg(client, instance_arn)

    initial = client.get_traffic_distribution(Id=tdg["Id"])["TelephonyConfig"]
    with pytest.raises(ClientError) as exc:
        client.update_traffic_distribution(
            Id=tdg["Id"],
            TelephonyConfig={
                "Distributions": [
                    {"Region": REGION, "Percentage": 60},
                    {"Region": PARTNER_REGION, "Percentage": 60},
                ]
            },
        )
    client.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])

    shares = {d["Region"]: d["Percentage"] for d in initial["Distributions"]}
    assert shares[REGION] == 100
    assert sum(shares.values()) == 100
    assert error_of(exc) == (
        "InvalidRequestException",
        "TelephonyConfig percentages must be multiples of 10 that add up to 100.",
    )


@with_connect_instance(identity_management_type="SAML")
def test_a_tdg_being_created_has_no_distribution_to_get_or_update(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Not ACTIVE"."""
    client = boto3.client("connect", region_name=REGION)
    replicate(client, instance_id)

    with first_status(TDG_MODEL):
        tdg = client.create_traffic_distribution_group(
            Name="tdg", InstanceId=instance_arn
        )
        status = client.describe_traffic_distribution_group(
            TrafficDistributionGroupId=tdg["Id"]
        )["TrafficDistributionGroup"]["Status"]
        if status != "CREATION_IN_PROGRESS":
            client.delete_traffic_distribution_group(
                TrafficDistributionGroupId=tdg["Id"]
            )
            pytest.skip("the TDG was ACTIVE before it could be described")
        with pytest.raises(ClientError) as get:
            client.get_traffic_distribution(Id=tdg["Id"])
        with pytest.raises(ClientError) as update:
            client.update_traffic_distribution(
                Id=tdg["Id"],
                TelephonyConfig={
                    "Distributions": [
                        {"Region": REGION, "Percentage": 50},
                        {"Region": PARTNER_REGION, "Percentage": 50},
                    ]
                },
            )
    settled_tdg(client, tdg["Id"])
    client.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])

    assert error_of(get) == (
        "ResourceNotFoundException",
        f"Traffic distribution group {tdg['Arn']} is CREATION_IN_PROGRESS, not ACTIVE.",
    )
    assert error_of(update) == (
        "ResourceConflictException",
        f"Traffic distribution group {tdg['Arn']} is CREATION_IN_PROGRESS, not ACTIVE.",
    )
