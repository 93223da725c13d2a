"""Replication and traffic distribution groups: the rules docs/behaviour.md of moto-connect-ext
records as modelled or decided, each ready to be settled against AWS
(MOTO_TEST_ALLOW_AWS_REQUEST=true).
"""

import boto3
import pytest
from botocore.exceptions import ClientError

from . import PARTNER_REGION, REGION, connect_aws_verified


@pytest.mark.aws_verified
@connect_aws_verified()
def test_an_instance_without_saml_cannot_be_replicated(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)

    with pytest.raises(ClientError) as exc:
        client.replicate_instance(
            InstanceId=instance_id, ReplicaRegion=PARTNER_REGION, ReplicaAlias="replica"
        )

    assert exc.value.response["Error"]["Code"] == "InvalidRequestException"


@pytest.mark.aws_verified
@connect_aws_verified()
def test_a_tdg_needs_a_replicated_instance(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)

    with pytest.raises(ClientError) as exc:
        client.create_traffic_distribution_group(Name="tdg", InstanceId=instance_arn)

    assert exc.value.response["Error"]["Code"] == "InvalidRequestException"


@pytest.mark.aws_verified
@connect_aws_verified()
def test_listing_tdgs_of_an_unknown_instance_is_an_invalid_request(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)
    unknown = instance_arn.replace(instance_id, "11111111-2222-3333-4444-555555555555")

    with pytest.raises(ClientError) as exc:
        client.list_traffic_distribution_groups(InstanceId=unknown)

    assert exc.value.response["Error"]["Code"] == "InvalidRequestException"


@pytest.mark.aws_verified
@connect_aws_verified(identity_management_type="SAML")
def test_replication_makes_a_default_tdg_that_cannot_be_deleted(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)
    alias = client.describe_instance(InstanceId=instance_id)["Instance"][
        "InstanceAlias"
    ]

    client.replicate_instance(
        InstanceId=instance_id,
        ReplicaRegion=PARTNER_REGION,
        ReplicaAlias=f"{alias}-replica",
    )
    groups = client.list_traffic_distribution_groups(InstanceId=instance_arn)[
        "TrafficDistributionGroupSummaryList"
    ]

    assert [(group["Name"], group["IsDefault"]) for group in groups] == [
        (f"{alias}-default", True)
    ]
    with pytest.raises(ClientError) as exc:
        client.delete_traffic_distribution_group(
            TrafficDistributionGroupId=groups[0]["Arn"]
        )
    assert exc.value.response["Error"]["Code"] == "InvalidRequestException"


@pytest.mark.aws_verified
@connect_aws_verified(identity_management_type="SAML")
def test_tdg_creation_is_idempotent_and_distributions_add_up_to_100(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)
    alias = client.describe_instance(InstanceId=instance_id)["Instance"][
        "InstanceAlias"
    ]
    client.replicate_instance(
        InstanceId=instance_id,
        ReplicaRegion=PARTNER_REGION,
        ReplicaAlias=f"{alias}-replica",
    )
    token = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"

    created = client.create_traffic_distribution_group(
        Name="tdg", InstanceId=instance_arn, ClientToken=token
    )
    again = client.create_traffic_distribution_group(
        Name="tdg", InstanceId=instance_arn, ClientToken=token
    )
    assert again["Id"] == created["Id"]

    with pytest.raises(ClientError) as exc:
        client.update_traffic_distribution(
            Id=created["Id"],
            TelephonyConfig={
                "Distributions": [
                    {"Region": REGION, "Percentage": 60},
                    {"Region": PARTNER_REGION, "Percentage": 60},
                ]
            },
        )
    assert exc.value.response["Error"]["Code"] == "InvalidRequestException"
    client.delete_traffic_distribution_group(TrafficDistributionGroupId=created["Id"])


@pytest.mark.aws_verified
@connect_aws_verified(identity_management_type="SAML")
def test_a_replica_alias_in_use_in_either_region_conflicts(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    client = boto3.client("connect", region_name=REGION)
    alias = client.describe_instance(InstanceId=instance_id)["Instance"][
        "InstanceAlias"
    ]

    with pytest.raises(ClientError) as exc:
        client.replicate_instance(
            InstanceId=instance_id, ReplicaRegion=PARTNER_REGION, ReplicaAlias=alias
        )

    assert exc.value.response["Error"]["Code"] == "ResourceConflictException"
