"""ReplicateInstance (reference C.6) and what deleting a replicated instance takes with it.

A replicable instance is ACTIVE, uses SAML identity management and has an alias; it can be
replicated once, into the partner Region of its pair (us-east-1 <-> us-west-2, eu-central-1 <->
eu-west-2). The replica has the same id, appears in the other Region's backend and comes with a
default traffic distribution group (TDG).
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from support import available, client, error_of

TDG_MODEL = "connect::traffic_distribution_group"
UNKNOWN_INSTANCE = "00000000-0000-4000-8000-000000000000"

# -- helpers ---------------------------------------------------------------------------------------


def saml_instance(connect: Any, alias: str | None = "source-instance") -> dict[str, str]:
    extra = {"InstanceAlias": alias} if alias else {}
    created = connect.create_instance(
        IdentityManagementType="SAML", InboundCallsEnabled=True, OutboundCallsEnabled=True, **extra
    )
    return {"Id": created["Id"], "Arn": created["Arn"]}


def instance_ids(connect: Any) -> list[str]:
    return [i["Id"] for i in connect.list_instances()["InstanceSummaryList"]]


def groups(connect: Any, **kwargs: Any) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = connect.list_traffic_distribution_groups(**kwargs)[
        "TrafficDistributionGroupSummaryList"
    ]
    return listed


def assert_not_replicated(source: Any, replica_region_client: Any, instance_id: str) -> None:
    """A refused ReplicateInstance left no replica and no TDG behind."""
    assert instance_id not in instance_ids(replica_region_client)
    assert groups(source) == []
    assert groups(replica_region_client) == []


# -- ReplicateInstance: success --------------------------------------------------------------------


@mock_aws
def test_replica_has_the_same_id_in_the_partner_region() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    instance = saml_instance(east)

    replica = east.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
    )

    assert replica["Id"] == instance["Id"]
    assert replica["Arn"] == instance["Arn"].replace(":us-east-1:", ":us-west-2:")
    described = west.describe_instance(InstanceId=instance["Id"])["Instance"]
    assert described["Id"] == instance["Id"]
    assert described["Arn"] == replica["Arn"]
    assert described["InstanceAlias"] == "replica-west"
    assert described["IdentityManagementType"] == "SAML"
    assert instance_ids(west) == [instance["Id"]]


@mock_aws
def test_source_instance_is_unchanged_by_replication() -> None:
    east = client("us-east-1")
    instance = saml_instance(east)

    east.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
    )

    described = east.describe_instance(InstanceId=instance["Id"])["Instance"]
    assert described["Arn"] == instance["Arn"]
    assert described["InstanceAlias"] == "source-instance"
    assert instance_ids(east) == [instance["Id"]]


@mock_aws
def test_replication_works_in_the_european_pair() -> None:
    frankfurt, london = client("eu-central-1"), client("eu-west-2")
    instance = saml_instance(frankfurt)

    replica = frankfurt.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion="eu-west-2", ReplicaAlias="replica-london"
    )

    assert replica["Id"] == instance["Id"]
    assert ":eu-west-2:" in replica["Arn"]
    assert london.describe_instance(InstanceId=instance["Id"])["Instance"]["Arn"] == replica["Arn"]


@mock_aws
def test_replication_works_from_the_western_member_of_a_pair() -> None:
    west, east = client("us-west-2"), client("us-east-1")
    instance = saml_instance(west)

    west.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion="us-east-1", ReplicaAlias="replica-east"
    )

    assert instance_ids(east) == [instance["Id"]]


@mock_aws
def test_replication_creates_a_default_tdg_visible_from_both_regions() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    instance = saml_instance(east)

    east.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
    )

    (default,) = groups(east)
    assert default["IsDefault"] is True
    assert default["InstanceArn"] == instance["Arn"]
    assert default["Status"] == "ACTIVE"
    assert ":us-east-1:" in default["Arn"]
    assert groups(west) == [default]
    described = east.describe_traffic_distribution_group(TrafficDistributionGroupId=default["Id"])
    assert described["TrafficDistributionGroup"]["IsDefault"] is True


@mock_aws
def test_replicate_accepts_the_instance_arn() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    instance = saml_instance(east)

    replica = east.replicate_instance(
        InstanceId=instance["Arn"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
    )

    assert replica["Id"] == instance["Id"]
    assert instance_ids(west) == [instance["Id"]]


@mock_aws
def test_replayed_replicate_returns_the_first_result_without_a_second_replica() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    instance = saml_instance(east)
    request = {
        "InstanceId": instance["Id"],
        "ReplicaRegion": "us-west-2",
        "ReplicaAlias": "replica-west",
        "ClientToken": "replicate-once",
    }

    first = east.replicate_instance(**request)
    second = east.replicate_instance(**request)

    assert (second["Id"], second["Arn"]) == (first["Id"], first["Arn"])
    assert instance_ids(west) == [instance["Id"]]
    assert len(groups(east)) == 1


# -- ReplicateInstance: refusals -------------------------------------------------------------------


@mock_aws
def test_replicate_into_the_same_region_is_refused() -> None:
    east = client("us-east-1")
    instance = saml_instance(east)

    with pytest.raises(ClientError) as excinfo:
        east.replicate_instance(
            InstanceId=instance["Id"], ReplicaRegion="us-east-1", ReplicaAlias="replica-east"
        )

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "ReplicaRegion" in message
    assert instance_ids(east) == [instance["Id"]]
    assert groups(east) == []


@mock_aws
def test_replicate_outside_the_documented_pair_is_refused() -> None:
    east, london = client("us-east-1"), client("eu-west-2")
    instance = saml_instance(east)

    with pytest.raises(ClientError) as excinfo:
        east.replicate_instance(
            InstanceId=instance["Id"], ReplicaRegion="eu-west-2", ReplicaAlias="replica-london"
        )

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "us-west-2" in message
    assert_not_replicated(east, london, instance["Id"])


@mock_aws
def test_replicate_from_a_region_without_a_partner_is_refused() -> None:
    sydney, west = client("ap-southeast-2"), client("us-west-2")
    instance = saml_instance(sydney)

    with pytest.raises(ClientError) as excinfo:
        sydney.replicate_instance(
            InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
        )

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "ap-southeast-2" in message
    assert_not_replicated(sydney, west, instance["Id"])


@mock_aws
def test_replicate_twice_is_refused() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    instance = saml_instance(east)
    east.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
    )

    with pytest.raises(ClientError) as excinfo:
        east.replicate_instance(
            InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west-2"
        )

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "already replicated" in message
    assert instance_ids(west) == [instance["Id"]]
    assert west.describe_instance(InstanceId=instance["Id"])["Instance"]["InstanceAlias"] == (
        "replica-west"
    )
    assert len(groups(east)) == 1


@mock_aws
def test_replicating_the_replica_back_is_refused() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    instance = saml_instance(east)
    east.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
    )

    with pytest.raises(ClientError) as excinfo:
        west.replicate_instance(
            InstanceId=instance["Id"], ReplicaRegion="us-east-1", ReplicaAlias="replica-east"
        )

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "already replicated" in message
    assert instance_ids(east) == [instance["Id"]]
    assert len(groups(west)) == 1


@mock_aws
def test_replicate_an_instance_without_saml_is_refused() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    created = east.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="managed-instance",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )

    with pytest.raises(ClientError) as excinfo:
        east.replicate_instance(
            InstanceId=created["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
        )

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "SAML" in message
    assert_not_replicated(east, west, created["Id"])


@mock_aws
def test_replicate_an_instance_without_alias_is_refused() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    instance = saml_instance(east, alias=None)

    with pytest.raises(ClientError) as excinfo:
        east.replicate_instance(
            InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
        )

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "alias" in message
    assert_not_replicated(east, west, instance["Id"])


@pytest.mark.in_process_only
@mock_aws
def test_replicate_an_instance_that_is_not_active_is_refused() -> None:
    from moto.connect.models import connect_backends
    from moto.core import DEFAULT_ACCOUNT_ID

    east, west = client("us-east-1"), client("us-west-2")
    instance = saml_instance(east)
    # moto creates instances ACTIVE at once; put this one back where AWS starts it.
    backend = connect_backends[DEFAULT_ACCOUNT_ID]["us-east-1"]
    backend.instances[instance["Id"]].instance_status = "CREATION_IN_PROGRESS"

    with pytest.raises(ClientError) as excinfo:
        east.replicate_instance(
            InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
        )

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "not ACTIVE" in message
    assert_not_replicated(east, west, instance["Id"])


@mock_aws
def test_replicate_an_unknown_instance_is_not_found() -> None:
    east, west = client("us-east-1"), client("us-west-2")

    with pytest.raises(ClientError) as excinfo:
        east.replicate_instance(
            InstanceId=UNKNOWN_INSTANCE, ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
        )

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert UNKNOWN_INSTANCE in message
    assert instance_ids(west) == []


@mock_aws
def test_replica_alias_taken_in_the_replica_region_is_a_conflict() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    instance = saml_instance(east)
    other = saml_instance(west, alias="taken-alias")

    with pytest.raises(ClientError) as excinfo:
        east.replicate_instance(
            InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="taken-alias"
        )

    code, message = error_of(excinfo)
    assert code == "ResourceConflictException"
    assert "taken-alias" in message
    assert instance_ids(west) == [other["Id"]]
    assert groups(east) == []


@mock_aws
def test_replica_alias_already_used_by_another_replica_is_a_conflict() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    first = saml_instance(east, alias="first-instance")
    second = saml_instance(east, alias="second-instance")
    east.replicate_instance(
        InstanceId=first["Id"], ReplicaRegion="us-west-2", ReplicaAlias="shared-replica"
    )

    with pytest.raises(ClientError) as excinfo:
        east.replicate_instance(
            InstanceId=second["Id"], ReplicaRegion="us-west-2", ReplicaAlias="shared-replica"
        )

    code, message = error_of(excinfo)
    assert code == "ResourceConflictException"
    assert "shared-replica" in message
    assert instance_ids(west) == [first["Id"]]
    assert groups(east, InstanceId=second["Id"]) == []
    # the refused instance can still be replicated under a free alias
    east.replicate_instance(
        InstanceId=second["Id"], ReplicaRegion="us-west-2", ReplicaAlias="second-replica"
    )
    assert sorted(instance_ids(west)) == sorted([first["Id"], second["Id"]])


# -- the default TDG ------------------------------------------------------------------------------


def replicated_default_tdg(east: Any) -> dict[str, Any]:
    """Replicate a new SAML instance us-east-1 -> us-west-2; the default TDG it comes with."""
    instance = saml_instance(east)
    east.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
    )
    (default,) = groups(east, InstanceId=instance["Id"])
    return default


def sign_in_of(distribution: dict[str, Any]) -> dict[str, bool]:
    return {d["Region"]: d["Enabled"] for d in distribution["SignInConfig"]["Distributions"]}


def telephony_of(distribution: dict[str, Any]) -> dict[str, int]:
    return {d["Region"]: d["Percentage"] for d in distribution["TelephonyConfig"]["Distributions"]}


@mock_aws
def test_default_tdg_cannot_be_deleted() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    default = replicated_default_tdg(east)

    with pytest.raises(ClientError) as excinfo:
        east.delete_traffic_distribution_group(TrafficDistributionGroupId=default["Id"])

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "default" in message
    described = east.describe_traffic_distribution_group(TrafficDistributionGroupId=default["Id"])
    assert described["TrafficDistributionGroup"]["Status"] == "ACTIVE"
    assert groups(west) == [default]


@mock_aws
def test_default_tdg_sends_all_traffic_home_with_sign_in_enabled_in_both_regions() -> None:
    east = client("us-east-1")
    default = replicated_default_tdg(east)

    distribution = east.get_traffic_distribution(Id=default["Id"])

    assert telephony_of(distribution) == {"us-east-1": 100, "us-west-2": 0}
    assert sign_in_of(distribution) == {"us-east-1": True, "us-west-2": True}


@mock_aws
def test_sign_in_config_on_the_default_tdg_is_applied() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    default = replicated_default_tdg(east)
    sign_in = {
        "Distributions": [
            {"Region": "us-east-1", "Enabled": True},
            {"Region": "us-west-2", "Enabled": False},
        ]
    }

    east.update_traffic_distribution(Id=default["Id"], SignInConfig=sign_in)

    distribution = west.get_traffic_distribution(Id=default["Arn"])
    assert sign_in_of(distribution) == {"us-east-1": True, "us-west-2": False}
    assert telephony_of(distribution) == {"us-east-1": 100, "us-west-2": 0}


# -- DeleteInstance of a replicated instance -------------------------------------------------------


def replicated_with_tdg_number(east: Any) -> dict[str, Any]:
    """A replicated instance with a second TDG holding one claimed number."""
    instance = saml_instance(east)
    east.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-west"
    )
    tdg = east.create_traffic_distribution_group(Name="tdg", InstanceId=instance["Id"])
    number = available(east, tdg["Arn"])[0]
    claimed = east.claim_phone_number(TargetArn=tdg["Arn"], PhoneNumber=number)
    return {"instance": instance, "tdg": tdg, "number": number, "claimed": claimed}


@mock_aws
def test_deleting_the_source_instance_removes_the_replica() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    setup = replicated_with_tdg_number(east)
    instance_id = setup["instance"]["Id"]

    east.delete_instance(InstanceId=instance_id)

    with pytest.raises(ClientError) as excinfo:
        west.describe_instance(InstanceId=instance_id)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    assert instance_ids(west) == []
    assert instance_ids(east) == []


@mock_aws
def test_deleting_the_source_instance_removes_its_tdgs_in_both_regions() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    setup = replicated_with_tdg_number(east)

    east.delete_instance(InstanceId=setup["instance"]["Id"])

    assert groups(east) == []
    assert groups(west) == []
    with pytest.raises(ClientError) as excinfo:
        east.describe_traffic_distribution_group(TrafficDistributionGroupId=setup["tdg"]["Arn"])
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


@mock_aws
def test_deleting_the_source_instance_releases_its_tdg_numbers() -> None:
    east, west = client("us-east-1"), client("us-west-2")
    setup = replicated_with_tdg_number(east)
    claimed = setup["claimed"]

    east.delete_instance(InstanceId=setup["instance"]["Id"])

    assert east.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
    assert west.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
    for connect, phone_number_id in (
        (east, claimed["PhoneNumberId"]),
        (west, claimed["PhoneNumberArn"]),
    ):
        with pytest.raises(ClientError) as excinfo:
            connect.describe_phone_number(PhoneNumberId=phone_number_id)
        assert error_of(excinfo)[0] == "ResourceNotFoundException"


@mock_aws
def test_tdg_numbers_released_with_the_instance_are_cooling_down() -> None:
    east = client("us-east-1")
    setup = replicated_with_tdg_number(east)
    successor = saml_instance(east, alias="successor")

    east.delete_instance(InstanceId=setup["instance"]["Id"])

    with pytest.raises(ClientError) as excinfo:
        east.claim_phone_number(InstanceId=successor["Id"], PhoneNumber=setup["number"])
    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert message == f"Phone number not available: {setup['number']}"
    assert setup["number"] not in available(east, successor["Arn"], count=10)
