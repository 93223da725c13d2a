"""Traffic distribution groups (reference C.7, C.8 and D): lifecycle, lookup, lists, distribution.

A TDG belongs to a replicated instance and lives in the instance's source Region (its home); the
partner Region sees it by ARN only. Its status comes from moto's state manager
(``connect::traffic_distribution_group``): CREATION_IN_PROGRESS -> ACTIVE, PENDING_DELETION on
delete.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from support import client, error_of, manual_progress

TDG_MODEL = "connect::traffic_distribution_group"
HOME, PARTNER = "us-east-1", "us-west-2"
UNKNOWN_INSTANCE = "00000000-0000-4000-8000-000000000000"
UNKNOWN_TDG = "00000000-0000-4000-8000-00000000000a"

# -- helpers ---------------------------------------------------------------------------------------


def saml_instance(connect: Any, alias: str = "source-instance") -> dict[str, str]:
    created = connect.create_instance(
        IdentityManagementType="SAML",
        InstanceAlias=alias,
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return {"Id": created["Id"], "Arn": created["Arn"]}


def replicated(connect: Any, alias: str = "source-instance") -> dict[str, str]:
    """A SAML instance in us-east-1 replicated to us-west-2."""
    instance = saml_instance(connect, alias)
    connect.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion=PARTNER, ReplicaAlias=f"{alias}-replica"
    )
    return instance


def new_tdg(connect: Any, instance_id: str, name: str = "tdg", **kwargs: Any) -> dict[str, str]:
    created = connect.create_traffic_distribution_group(Name=name, InstanceId=instance_id, **kwargs)
    return {"Id": created["Id"], "Arn": created["Arn"]}


def describe(connect: Any, tdg_id: str) -> dict[str, Any]:
    group: dict[str, Any] = connect.describe_traffic_distribution_group(
        TrafficDistributionGroupId=tdg_id
    )["TrafficDistributionGroup"]
    return group


def listed(connect: Any, **kwargs: Any) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = connect.list_traffic_distribution_groups(**kwargs)[
        "TrafficDistributionGroupSummaryList"
    ]
    return groups


def listed_ids(connect: Any, **kwargs: Any) -> set[str]:
    return {g["Id"] for g in listed(connect, **kwargs)}


def default_tdg(connect: Any, instance_id: str) -> dict[str, Any]:
    (group,) = [g for g in listed(connect, InstanceId=instance_id) if g["IsDefault"]]
    return group


def split(home: int, partner: int) -> dict[str, Any]:
    return {
        "Distributions": [
            {"Region": HOME, "Percentage": home},
            {"Region": PARTNER, "Percentage": partner},
        ]
    }


def percentages(config: dict[str, Any]) -> dict[str, int]:
    return {d["Region"]: d["Percentage"] for d in config["Distributions"]}


def telephony_of(connect: Any, tdg_id: str) -> dict[str, int]:
    return percentages(connect.get_traffic_distribution(Id=tdg_id)["TelephonyConfig"])


def claim_to(connect: Any, tdg_arn: str) -> dict[str, Any]:
    number = connect.search_available_phone_numbers(
        TargetArn=tdg_arn, PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE", MaxResults=1
    )["AvailableNumbersList"][0]["PhoneNumber"]
    claimed: dict[str, Any] = connect.claim_phone_number(TargetArn=tdg_arn, PhoneNumber=number)
    return claimed


# -- CreateTrafficDistributionGroup ----------------------------------------------------------------


@mock_aws
def test_create_tdg_in_the_source_region() -> None:
    east = client(HOME)
    instance = replicated(east)

    created = new_tdg(east, instance["Id"], name="sales", Description="sales lines")

    assert created["Arn"].startswith("arn:aws:connect:us-east-1:")
    assert created["Arn"].endswith(f":traffic-distribution-group/{created['Id']}")
    group = describe(east, created["Id"])
    assert group["Id"] == created["Id"]
    assert group["Arn"] == created["Arn"]
    assert group["Name"] == "sales"
    assert group["Description"] == "sales lines"
    assert group["InstanceArn"] == instance["Arn"]
    assert group["Status"] == "ACTIVE"
    assert group["IsDefault"] is False


@mock_aws
def test_create_tdg_in_the_replica_region_is_refused() -> None:
    east, west = client(HOME), client(PARTNER)
    instance = replicated(east)
    before = listed_ids(east)

    with pytest.raises(ClientError) as excinfo:
        west.create_traffic_distribution_group(Name="tdg", InstanceId=instance["Id"])

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert HOME in message
    assert listed_ids(east) == before
    assert listed_ids(west) == before


@mock_aws
def test_create_tdg_for_an_instance_that_is_not_replicated_is_refused() -> None:
    east = client(HOME)
    instance = saml_instance(east)

    with pytest.raises(ClientError) as excinfo:
        east.create_traffic_distribution_group(Name="tdg", InstanceId=instance["Id"])

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert instance["Id"] in message
    assert "not replicated" in message
    assert listed(east) == []


@mock_aws
def test_create_tdg_for_an_unknown_instance_is_not_found() -> None:
    east = client(HOME)

    with pytest.raises(ClientError) as excinfo:
        east.create_traffic_distribution_group(Name="tdg", InstanceId=UNKNOWN_INSTANCE)

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert UNKNOWN_INSTANCE in message
    assert listed(east) == []


@mock_aws
def test_tags_given_at_creation_appear_in_describe_from_both_regions() -> None:
    east, west = client(HOME), client(PARTNER)
    instance = replicated(east)

    created = new_tdg(east, instance["Id"], Tags={"team": "support", "tier": "gold"})

    assert describe(east, created["Id"])["Tags"] == {"team": "support", "tier": "gold"}
    assert describe(west, created["Arn"])["Tags"] == {"team": "support", "tier": "gold"}


@mock_aws
def test_replayed_create_tdg_returns_the_same_group() -> None:
    east = client(HOME)
    instance = replicated(east)

    first = new_tdg(east, instance["Id"], ClientToken="create-tdg-once")
    second = new_tdg(east, instance["Id"], ClientToken="create-tdg-once")

    assert second == first
    assert [g["Id"] for g in listed(east) if not g["IsDefault"]] == [first["Id"]]


# -- status through the state manager --------------------------------------------------------------


@mock_aws
def test_new_tdg_is_creation_in_progress_until_described_enough() -> None:
    east = client(HOME)
    instance = replicated(east)

    with manual_progress(TDG_MODEL, times=3):
        created = new_tdg(east, instance["Id"])
        (listed_status,) = [g["Status"] for g in listed(east) if g["Id"] == created["Id"]]
        seen = [describe(east, created["Id"])["Status"] for _ in range(4)]

    assert listed_status == "CREATION_IN_PROGRESS"
    # moto's manual progression: the status moves on with the third describe
    assert seen == ["CREATION_IN_PROGRESS", "CREATION_IN_PROGRESS", "ACTIVE", "ACTIVE"]


@mock_aws
def test_delete_puts_the_tdg_in_pending_deletion() -> None:
    east = client(HOME)
    instance = replicated(east)

    with manual_progress(TDG_MODEL, times=2):
        created = new_tdg(east, instance["Id"])
        describe(east, created["Id"])
        assert describe(east, created["Id"])["Status"] == "ACTIVE"

        east.delete_traffic_distribution_group(TrafficDistributionGroupId=created["Id"])

        (summary,) = [g for g in listed(east) if g["Id"] == created["Id"]]
        assert summary["Status"] == "PENDING_DELETION"
        assert describe(east, created["Id"])["Status"] == "PENDING_DELETION"


@mock_aws
def test_get_traffic_distribution_of_a_tdg_in_creation_fails() -> None:
    east = client(HOME)
    instance = replicated(east)

    with manual_progress(TDG_MODEL):
        created = new_tdg(east, instance["Id"])

        with pytest.raises(ClientError) as excinfo:
            east.get_traffic_distribution(Id=created["Id"])

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert "CREATION_IN_PROGRESS" in message


@mock_aws
def test_update_traffic_distribution_of_a_tdg_in_creation_fails_and_changes_nothing() -> None:
    east = client(HOME)
    instance = replicated(east)

    with manual_progress(TDG_MODEL, times=1):
        created = new_tdg(east, instance["Id"])

        with pytest.raises(ClientError) as excinfo:
            east.update_traffic_distribution(Id=created["Id"], TelephonyConfig=split(50, 50))

        code, message = error_of(excinfo)
        assert code == "ResourceConflictException"
        assert "not ACTIVE" in message
        assert describe(east, created["Id"])["Status"] == "ACTIVE"
        assert telephony_of(east, created["Id"]) == {HOME: 100, PARTNER: 0}


# -- DeleteTrafficDistributionGroup ----------------------------------------------------------------


@mock_aws
def test_delete_tdg_by_id_at_home() -> None:
    east, west = client(HOME), client(PARTNER)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"])

    east.delete_traffic_distribution_group(TrafficDistributionGroupId=created["Id"])

    with pytest.raises(ClientError) as excinfo:
        describe(east, created["Id"])
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    assert created["Id"] not in listed_ids(east)
    assert created["Id"] not in listed_ids(west)
    assert len(listed(east)) == 1  # the default TDG stays


@mock_aws
def test_delete_tdg_from_the_replica_region_is_refused() -> None:
    east, west = client(HOME), client(PARTNER)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"])

    with pytest.raises(ClientError) as excinfo:
        west.delete_traffic_distribution_group(TrafficDistributionGroupId=created["Arn"])

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert HOME in message
    assert describe(east, created["Id"])["Status"] == "ACTIVE"
    assert created["Id"] in listed_ids(west)


@mock_aws
def test_delete_tdg_with_claimed_numbers_is_in_use() -> None:
    east = client(HOME)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"])
    claimed = claim_to(east, created["Arn"])

    with pytest.raises(ClientError) as excinfo:
        east.delete_traffic_distribution_group(TrafficDistributionGroupId=created["Id"])

    code, message = error_of(excinfo)
    assert code == "ResourceInUseException"
    assert created["Arn"] in message
    assert excinfo.value.response["ResourceType"] == "PHONE_NUMBER"
    assert excinfo.value.response["ResourceId"] == claimed["PhoneNumberArn"]
    assert describe(east, created["Id"])["Status"] == "ACTIVE"
    summary = east.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["TargetArn"] == created["Arn"]


# -- Describe, Get and UpdateTrafficDistribution: id or ARN ---------------------------------------------------


@mock_aws
def test_describe_get_update_and_delete_accept_the_arn_at_home() -> None:
    east = client(HOME)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"])

    east.update_traffic_distribution(Id=created["Arn"], TelephonyConfig=split(0, 100))

    assert describe(east, created["Arn"]) == describe(east, created["Id"])
    assert east.get_traffic_distribution(Id=created["Arn"])["Id"] == created["Id"]
    assert telephony_of(east, created["Arn"]) == {HOME: 0, PARTNER: 100}
    east.delete_traffic_distribution_group(TrafficDistributionGroupId=created["Arn"])
    assert created["Id"] not in listed_ids(east)


@mock_aws
def test_describe_get_and_update_accept_the_arn_from_the_replica_region() -> None:
    east, west = client(HOME), client(PARTNER)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"], name="sales")

    west.update_traffic_distribution(Id=created["Arn"], TelephonyConfig=split(40, 60))

    group = describe(west, created["Arn"])
    assert group == describe(east, created["Id"])
    assert group["Name"] == "sales"
    assert group["InstanceArn"] == instance["Arn"]
    assert telephony_of(west, created["Arn"]) == {HOME: 40, PARTNER: 60}
    assert telephony_of(east, created["Id"]) == {HOME: 40, PARTNER: 60}


@mock_aws
def test_describe_get_and_update_by_id_from_the_replica_region_are_not_found() -> None:
    east, west = client(HOME), client(PARTNER)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"])
    tdg_id = created["Id"]
    calls = {
        "describe": lambda: west.describe_traffic_distribution_group(
            TrafficDistributionGroupId=tdg_id
        ),
        "get": lambda: west.get_traffic_distribution(Id=tdg_id),
        "update": lambda: west.update_traffic_distribution(
            Id=tdg_id, TelephonyConfig=split(40, 60)
        ),
    }

    for name, call in calls.items():
        with pytest.raises(ClientError) as excinfo:
            call()
        code, message = error_of(excinfo)
        assert code == "ResourceNotFoundException", name
        assert tdg_id in message, name
    assert telephony_of(east, tdg_id) == {HOME: 100, PARTNER: 0}


@mock_aws
def test_describe_unknown_tdg_is_not_found() -> None:
    east = client(HOME)
    replicated(east)

    with pytest.raises(ClientError) as excinfo:
        describe(east, UNKNOWN_TDG)

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert UNKNOWN_TDG in message


# -- ListTrafficDistributionGroups -----------------------------------------------------------------


@mock_aws
def test_list_shows_the_same_groups_from_both_regions() -> None:
    east, west = client(HOME), client(PARTNER)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"], name="sales")

    from_home, from_partner = listed(east), listed(west)

    assert from_home == from_partner
    assert {g["Id"] for g in from_home} == {
        default_tdg(east, instance["Id"])["Id"],
        created["Id"],
    }
    (summary,) = [g for g in from_home if g["Id"] == created["Id"]]
    assert summary == {
        "Id": created["Id"],
        "Arn": created["Arn"],
        "Name": "sales",
        "InstanceArn": instance["Arn"],
        "Status": "ACTIVE",
        "IsDefault": False,
    }


@mock_aws
def test_list_filters_by_instance_id_in_both_regions() -> None:
    east, west = client(HOME), client(PARTNER)
    first = replicated(east, "first-instance")
    second = replicated(east, "second-instance")
    first_tdg = new_tdg(east, first["Id"])
    second_tdg = new_tdg(east, second["Id"])

    for connect in (east, west):
        assert listed_ids(connect, InstanceId=first["Id"]) == {
            default_tdg(east, first["Id"])["Id"],
            first_tdg["Id"],
        }
        assert listed_ids(connect, InstanceId=second["Id"]) == {
            default_tdg(east, second["Id"])["Id"],
            second_tdg["Id"],
        }


@mock_aws
def test_list_pages_one_group_at_a_time_from_the_replica_region() -> None:
    east, west = client(HOME), client(PARTNER)
    instance = replicated(east)
    new_tdg(east, instance["Id"], name="tdg-a")
    new_tdg(east, instance["Id"], name="tdg-b")

    seen: list[str] = []
    pages = west.get_paginator("list_traffic_distribution_groups").paginate(
        PaginationConfig={"PageSize": 1}
    )
    for page in pages:
        assert len(page["TrafficDistributionGroupSummaryList"]) == 1
        seen += [g["Id"] for g in page["TrafficDistributionGroupSummaryList"]]

    assert len(seen) == 3
    assert set(seen) == listed_ids(east)


@mock_aws
def test_list_refuses_max_results_above_ten() -> None:
    east = client(HOME)
    replicated(east)

    with pytest.raises(ClientError) as excinfo:
        east.list_traffic_distribution_groups(MaxResults=11)

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "maxResults" in message
    assert "less than or equal to 10" in message


# -- GetTrafficDistribution ------------------------------------------------------------------------


@mock_aws
def test_new_tdg_sends_all_traffic_to_its_home_region() -> None:
    east = client(HOME)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"])

    distribution = east.get_traffic_distribution(Id=created["Id"])

    assert distribution["Id"] == created["Id"]
    assert distribution["Arn"] == created["Arn"]
    assert percentages(distribution["TelephonyConfig"]) == {HOME: 100, PARTNER: 0}
    assert percentages(distribution["AgentConfig"]) == {HOME: 100, PARTNER: 0}
    assert "SignInConfig" not in distribution


# -- UpdateTrafficDistribution ---------------------------------------------------------------------


@mock_aws
def test_update_shifts_telephony_to_fifty_fifty() -> None:
    east = client(HOME)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"])

    east.update_traffic_distribution(Id=created["Id"], TelephonyConfig=split(50, 50))

    assert telephony_of(east, created["Id"]) == {HOME: 50, PARTNER: 50}
    agent = east.get_traffic_distribution(Id=created["Id"])["AgentConfig"]
    assert percentages(agent) == {HOME: 100, PARTNER: 0}


@pytest.mark.parametrize(
    ("distributions", "complaint"),
    [
        pytest.param(
            [{"Region": HOME, "Percentage": 55}, {"Region": PARTNER, "Percentage": 45}],
            "multiples of 10",
            id="not-in-steps-of-ten",
        ),
        pytest.param(
            [{"Region": HOME, "Percentage": 60}, {"Region": PARTNER, "Percentage": 60}],
            "add up to 100",
            id="more-than-100",
        ),
        pytest.param([{"Region": HOME, "Percentage": 100}], PARTNER, id="partner-missing"),
        pytest.param(
            [{"Region": HOME, "Percentage": 50}, {"Region": HOME, "Percentage": 50}],
            PARTNER,
            id="home-region-twice",
        ),
    ],
)
@mock_aws
def test_invalid_telephony_distribution_is_refused_and_changes_nothing(
    distributions: list[dict[str, Any]], complaint: str
) -> None:
    east = client(HOME)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"])
    east.update_traffic_distribution(Id=created["Id"], TelephonyConfig=split(80, 20))

    with pytest.raises(ClientError) as excinfo:
        east.update_traffic_distribution(
            Id=created["Id"], TelephonyConfig={"Distributions": distributions}
        )

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "TelephonyConfig" in message
    assert complaint in message
    assert telephony_of(east, created["Id"]) == {HOME: 80, PARTNER: 20}


@mock_aws
def test_invalid_agent_distribution_is_refused_and_changes_nothing() -> None:
    east = client(HOME)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"])

    with pytest.raises(ClientError) as excinfo:
        east.update_traffic_distribution(
            Id=created["Id"], TelephonyConfig=split(50, 50), AgentConfig=split(35, 65)
        )

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "AgentConfig" in message
    distribution = east.get_traffic_distribution(Id=created["Id"])
    assert percentages(distribution["TelephonyConfig"]) == {HOME: 100, PARTNER: 0}
    assert percentages(distribution["AgentConfig"]) == {HOME: 100, PARTNER: 0}


@mock_aws
def test_sign_in_config_on_a_tdg_that_is_not_default_is_refused_and_changes_nothing() -> None:
    east = client(HOME)
    instance = replicated(east)
    created = new_tdg(east, instance["Id"])
    sign_in = {
        "Distributions": [{"Region": HOME, "Enabled": True}, {"Region": PARTNER, "Enabled": False}]
    }

    with pytest.raises(ClientError) as excinfo:
        east.update_traffic_distribution(
            Id=created["Id"], TelephonyConfig=split(50, 50), SignInConfig=sign_in
        )

    code, message = error_of(excinfo)
    assert code == "InvalidRequestException"
    assert "SignInConfig" in message
    assert "default" in message
    distribution = east.get_traffic_distribution(Id=created["Id"])
    assert percentages(distribution["TelephonyConfig"]) == {HOME: 100, PARTNER: 0}
    assert "SignInConfig" not in distribution
