"""Replication and traffic distribution groups.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true).
"""

import boto3
import pytest
from botocore.exceptions import ClientError

from . import (
    PARTNER_REGION,
    REGION,
    active_tdg,
    claimed,
    error_of,
    error_response,
    replicate,
    search,
    settled_tdg,
    with_connect_instance,
)

UNKNOWN_ID = "11111111-2222-3333-4444-555555555555"
TOKEN = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"


@with_connect_instance()
def test_an_instance_without_saml_cannot_be_replicated(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Replicable instance"."""
    client = boto3.client("connect", region_name=REGION)

    with pytest.raises(ClientError) as exc:
        client.replicate_instance(
            InstanceId=instance_id, ReplicaRegion=PARTNER_REGION, ReplicaAlias="replica"
        )

    assert error_of(exc) == (
        "InvalidRequestException",
        "Only instances with SAML identity management can be replicated.",
    )


@with_connect_instance()
def test_a_tdg_needs_a_replicated_instance(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Creating a TDG"."""
    client = boto3.client("connect", region_name=REGION)

    with pytest.raises(ClientError) as exc:
        client.create_traffic_distribution_group(Name="tdg", InstanceId=instance_arn)

    assert error_of(exc) == (
        "InvalidRequestException",
        f"Instance {instance_id} is not replicated; replicate it first.",
    )


@with_connect_instance()
def test_listing_tdgs_of_an_unknown_instance_is_an_invalid_request(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Listing TDGs"."""
    client = boto3.client("connect", region_name=REGION)
    unknown = instance_arn.replace(instance_id, UNKNOWN_ID)

    with pytest.raises(ClientError) as exc:
        client.list_traffic_distribution_groups(InstanceId=unknown)

    assert error_of(exc) == (
        "InvalidRequestException",
        f"Instance not found: {UNKNOWN_ID}",
    )


@with_connect_instance(identity_management_type="SAML")
def test_replication_makes_a_default_tdg_that_cannot_be_deleted(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Default TDG"."""
    client = boto3.client("connect", region_name=REGION)
    alias = client.describe_instance(InstanceId=instance_id)["Instance"][
        "InstanceAlias"
    ]

    replicate(client, instance_id)
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
    assert error_of(exc) == (
        "InvalidRequestException",
        "The default traffic distribution group cannot be deleted.",
    )


@with_connect_instance(identity_management_type="SAML")
def test_a_tdg_token_replays_its_creation_and_with_other_parameters_just_runs(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Idempotency of Replicate / CreateTDG"."""
    client = boto3.client("connect", region_name=REGION)
    replicate(client, instance_id)

    created = client.create_traffic_distribution_group(
        Name="tdg", InstanceId=instance_arn, ClientToken=TOKEN
    )
    again = client.create_traffic_distribution_group(
        Name="tdg", InstanceId=instance_arn, ClientToken=TOKEN
    )
    other = client.create_traffic_distribution_group(
        Name="other", InstanceId=instance_arn, ClientToken=TOKEN
    )
    for group in (created, other):
        settled_tdg(client, group["Id"])
        client.delete_traffic_distribution_group(TrafficDistributionGroupId=group["Id"])

    assert again["Id"] == created["Id"]
    assert other["Id"] != created["Id"]


@with_connect_instance(identity_management_type="SAML")
def test_a_replica_alias_in_use_in_either_region_conflicts(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Replica alias"."""
    client = boto3.client("connect", region_name=REGION)
    alias = client.describe_instance(InstanceId=instance_id)["Instance"][
        "InstanceAlias"
    ]

    with pytest.raises(ClientError) as exc:
        client.replicate_instance(
            InstanceId=instance_id, ReplicaRegion=PARTNER_REGION, ReplicaAlias=alias
        )

    assert error_of(exc) == (
        "ResourceConflictException",
        f"The alias {alias} is already in use.",
    )


@with_connect_instance(identity_management_type="SAML")
def test_a_tdg_with_numbers_or_unknown_or_elsewhere_cannot_be_deleted(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Deleting a TDG"."""
    client = boto3.client("connect", region_name=REGION)
    partner = boto3.client("connect", region_name=PARTNER_REGION)
    replicate(client, instance_id)
    tdg = active_tdg(client, instance_arn)

    with claimed(client, tdg["Arn"]) as number:
        with pytest.raises(ClientError) as in_use:
            client.delete_traffic_distribution_group(
                TrafficDistributionGroupId=tdg["Id"]
            )
    with pytest.raises(ClientError) as elsewhere:
        partner.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Arn"])
    with pytest.raises(ClientError) as unknown:
        client.delete_traffic_distribution_group(TrafficDistributionGroupId=UNKNOWN_ID)
    client.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])

    assert error_of(in_use) == (
        "ResourceInUseException",
        f"Phone numbers are claimed to traffic distribution group {tdg['Arn']}; release or move them first.",
    )
    assert error_response(in_use)["ResourceType"] == "PHONE_NUMBER"
    assert error_response(in_use)["ResourceId"] == number["PhoneNumberArn"]
    assert error_of(elsewhere) == (
        "InvalidRequestException",
        f"Delete traffic distribution group {tdg['Arn']} in its Region, {REGION}.",
    )
    assert error_of(unknown) == (
        "InvalidRequestException",
        f"Traffic distribution group not found: {UNKNOWN_ID}",
    )


@with_connect_instance(identity_management_type="SAML")
def test_tdg_numbers_are_claimed_in_the_home_region_to_a_known_tdg_alone(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "TDG numbers" (traffic distribution)."""
    client = boto3.client("connect", region_name=REGION)
    partner = boto3.client("connect", region_name=PARTNER_REGION)
    replicate(client, instance_id)
    tdg = active_tdg(client, instance_arn)
    number = search(client, tdg["Arn"])[0]
    unknown = tdg["Arn"].replace(tdg["Id"], UNKNOWN_ID)

    with pytest.raises(ClientError) as from_partner:
        partner.claim_phone_number(TargetArn=tdg["Arn"], PhoneNumber=number)
    with pytest.raises(ClientError) as with_instance:
        client.claim_phone_number(
            TargetArn=tdg["Arn"], InstanceId=instance_id, PhoneNumber=number
        )
    with pytest.raises(ClientError) as unknown_tdg:
        client.claim_phone_number(TargetArn=unknown, PhoneNumber=number)
    client.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])

    assert error_of(from_partner) == (
        "InvalidParameterException",
        f"Traffic distribution group {tdg['Arn']} belongs to {REGION}; claim and move its numbers there.",
    )
    assert error_of(with_instance) == (
        "InvalidParameterException",
        "InstanceId cannot be combined with a traffic distribution group TargetArn.",
    )
    assert error_of(unknown_tdg) == (
        "ResourceNotFoundException",
        f"Traffic distribution group not found: {unknown}",
    )


@with_connect_instance(identity_management_type="SAML")
def test_a_tdg_number_is_released_in_its_home_region_only(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Releasing TDG numbers"."""
    client = boto3.client("connect", region_name=REGION)
    partner = boto3.client("connect", region_name=PARTNER_REGION)
    replicate(client, instance_id)
    tdg = active_tdg(client, instance_arn)

    with claimed(client, tdg["Arn"]) as number:
        with pytest.raises(ClientError) as by_arn:
            partner.release_phone_number(PhoneNumberId=number["PhoneNumberArn"])
        with pytest.raises(ClientError) as by_id:
            partner.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    client.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])

    assert error_of(by_arn) == (
        "InvalidParameterException",
        f"Phone number {number['PhoneNumberArn']} belongs to {REGION}; call this operation there.",
    )
    assert error_of(by_id) == (
        "ResourceNotFoundException",
        f"Phone number not found: {number['PhoneNumberId']}",
    )


@with_connect_instance(identity_management_type="SAML")
def test_deleting_a_replicated_source_releases_its_numbers_and_deletes_the_replica(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Deleting an instance"."""
    client = boto3.client("connect", region_name=REGION)
    partner = boto3.client("connect", region_name=PARTNER_REGION)
    replicate(client, instance_id)

    with claimed(client, instance_arn) as number:
        client.delete_instance(InstanceId=instance_id)
        with pytest.raises(ClientError) as released:
            client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])
    with pytest.raises(ClientError) as replica:
        partner.describe_instance(InstanceId=instance_id)

    assert error_of(released) == (
        "ResourceNotFoundException",
        f"Phone number not found: {number['PhoneNumberId']}",
    )
    assert error_of(replica) == (
        "ResourceNotFoundException",
        f"Instance with id {instance_id} not found",
    )
