"""Phone numbers claimed to traffic distribution groups (reference C.1, C.5, C.9 and D).

A TDG number belongs to the TDG's home Region (where it is claimed, moved and released) and is
visible from the partner Region too: in ListPhoneNumbersV2 and, by its full ARN only, in
DescribePhoneNumber. Cooldown, the churn rule and idempotency apply as to instance numbers.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from moto_connect_ext import control
from support import (
    as_account,
    available,
    claim,
    client,
    error_of,
    manual_progress,
    no_retries,
)

TDG_MODEL = "connect::traffic_distribution_group"
HOME, PARTNER = "us-east-1", "us-west-2"
OTHER_ACCOUNT = "111122223333"

# -- helpers ---------------------------------------------------------------------------------------


def replicated_tdg(east: Any, alias: str = "source-instance") -> dict[str, Any]:
    """A SAML instance in us-east-1 replicated to us-west-2, with a (non-default) TDG."""
    instance = east.create_instance(
        IdentityManagementType="SAML",
        InstanceAlias=alias,
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    east.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion=PARTNER, ReplicaAlias=f"{alias}-replica"
    )
    tdg = east.create_traffic_distribution_group(Name="tdg", InstanceId=instance["Id"])
    return {
        "InstanceId": instance["Id"],
        "InstanceArn": instance["Arn"],
        "Id": tdg["Id"],
        "Arn": tdg["Arn"],
    }


def listed_ids(connect: Any, **kwargs: Any) -> list[str]:
    listed = connect.list_phone_numbers_v2(**kwargs)["ListPhoneNumbersSummaryList"]
    return [n["PhoneNumberId"] for n in listed]


def summary_of(connect: Any, phone_number_id: str) -> dict[str, Any]:
    summary: dict[str, Any] = connect.describe_phone_number(PhoneNumberId=phone_number_id)[
        "ClaimedPhoneNumberSummary"
    ]
    return summary


def assert_not_found(connect: Any, phone_number_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        connect.describe_phone_number(PhoneNumberId=phone_number_id)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


# -- SearchAvailablePhoneNumbers -------------------------------------------------------------------


@mock_aws
def test_search_with_a_tdg_target_works_from_both_regions() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)

    from_home = east.search_available_phone_numbers(
        TargetArn=tdg["Arn"], PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE", MaxResults=3
    )["AvailableNumbersList"]
    from_partner = available(west, tdg["Arn"], count=3)

    assert len(from_home) == 3
    assert all(n["PhoneNumberCountryCode"] == "US" for n in from_home)
    assert all(n["PhoneNumberType"] == "TOLL_FREE" for n in from_home)
    assert [n["PhoneNumber"] for n in from_home] == from_partner


# -- ClaimPhoneNumber ------------------------------------------------------------------------------


@mock_aws
def test_claim_to_a_tdg_in_its_home_region() -> None:
    east = client(HOME)
    tdg = replicated_tdg(east)
    number = available(east, tdg["Arn"])[0]

    claimed = east.claim_phone_number(TargetArn=tdg["Arn"], PhoneNumber=number)

    assert claimed["PhoneNumberArn"] == (
        f"arn:aws:connect:{HOME}:{tdg['Arn'].split(':')[4]}:phone-number/{claimed['PhoneNumberId']}"
    )
    summary = summary_of(east, claimed["PhoneNumberId"])
    assert summary["PhoneNumber"] == number
    assert summary["TargetArn"] == tdg["Arn"]
    assert summary["PhoneNumberStatus"]["Status"] == "CLAIMED"
    assert number not in available(east, tdg["Arn"], count=10)


@mock_aws
def test_claim_to_a_tdg_from_the_replica_region_is_invalid_and_claims_nothing() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    number = available(west, tdg["Arn"])[0]

    with pytest.raises(ClientError) as excinfo:
        west.claim_phone_number(TargetArn=tdg["Arn"], PhoneNumber=number)

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert tdg["Arn"] in message
    assert listed_ids(west) == []
    assert listed_ids(east) == []
    assert available(east, tdg["Arn"])[0] == number


@mock_aws
def test_claim_to_a_missing_tdg_is_not_found() -> None:
    east = client(HOME)
    tdg = replicated_tdg(east)
    missing = tdg["Arn"].replace(tdg["Id"], str(uuid.UUID(int=7)))
    number = available(east, tdg["Arn"])[0]

    with pytest.raises(ClientError) as excinfo:
        east.claim_phone_number(TargetArn=missing, PhoneNumber=number)

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert missing in message
    assert listed_ids(east) == []


@mock_aws
def test_claim_to_a_tdg_that_is_not_active_is_not_found() -> None:
    east = client(HOME)
    with manual_progress(TDG_MODEL):
        tdg = replicated_tdg(east)
        number = available(east, tdg["InstanceArn"])[0]

        with pytest.raises(ClientError) as excinfo:
            east.claim_phone_number(TargetArn=tdg["Arn"], PhoneNumber=number)

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert "not ACTIVE" in message
    assert listed_ids(east) == []


@mock_aws
def test_claim_to_another_accounts_tdg_is_not_found() -> None:
    east = client(HOME)
    theirs = replicated_tdg(as_account(OTHER_ACCOUNT, HOME))
    assert f":{OTHER_ACCOUNT}:" in theirs["Arn"]
    mine = replicated_tdg(east)
    number = available(east, mine["Arn"])[0]

    with pytest.raises(ClientError) as excinfo:
        east.claim_phone_number(TargetArn=theirs["Arn"], PhoneNumber=number)

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert theirs["Arn"] in message
    assert listed_ids(east) == []
    assert listed_ids(as_account(OTHER_ACCOUNT, HOME)) == []


# -- ListPhoneNumbersV2 and DescribePhoneNumber from both Regions ----------------------------------


@mock_aws
def test_tdg_number_is_listed_in_both_regions() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    claimed = claim(east, tdg["Arn"])

    for connect in (east, west):
        (item,) = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
        assert item["PhoneNumberId"] == claimed["PhoneNumberId"]
        assert item["PhoneNumberArn"] == claimed["PhoneNumberArn"]
        assert item["PhoneNumber"] == claimed["PhoneNumber"]
        assert item["TargetArn"] == tdg["Arn"]


@mock_aws
def test_list_filtered_by_tdg_arn_in_both_regions() -> None:
    east, west = client(HOME), client(PARTNER)
    control.configure(phone_numbers_per_instance=10)
    tdg = replicated_tdg(east)
    on_tdg = claim(east, tdg["Arn"])
    on_instance = claim(east, tdg["InstanceArn"])

    assert listed_ids(east, TargetArn=tdg["Arn"]) == [on_tdg["PhoneNumberId"]]
    assert listed_ids(west, TargetArn=tdg["Arn"]) == [on_tdg["PhoneNumberId"]]
    assert listed_ids(east, TargetArn=tdg["InstanceArn"]) == [on_instance["PhoneNumberId"]]
    assert on_instance["PhoneNumberId"] not in listed_ids(west)


@mock_aws
def test_describe_tdg_number_by_arn_from_the_replica_region() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    claimed = claim(east, tdg["Arn"])

    from_partner = summary_of(west, claimed["PhoneNumberArn"])

    assert from_partner == summary_of(east, claimed["PhoneNumberId"])
    assert from_partner == summary_of(east, claimed["PhoneNumberArn"])
    assert from_partner["PhoneNumberArn"] == claimed["PhoneNumberArn"]
    assert from_partner["TargetArn"] == tdg["Arn"]


@mock_aws
def test_describe_tdg_number_by_uuid_from_the_replica_region_is_not_found() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    claimed = claim(east, tdg["Arn"])

    with pytest.raises(ClientError) as excinfo:
        west.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert claimed["PhoneNumberId"] in message


# -- ReleasePhoneNumber ----------------------------------------------------------------------------


@mock_aws
def test_release_tdg_number_at_home_removes_it_from_both_regions() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    claimed = claim(east, tdg["Arn"])

    east.release_phone_number(PhoneNumberId=claimed["PhoneNumberArn"])

    assert listed_ids(east) == []
    assert listed_ids(west) == []
    assert_not_found(east, claimed["PhoneNumberId"])
    assert_not_found(west, claimed["PhoneNumberArn"])


@mock_aws
def test_release_from_the_replica_region_by_arn_is_invalid_and_keeps_the_number() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    claimed = claim(east, tdg["Arn"])

    with pytest.raises(ClientError) as excinfo:
        west.release_phone_number(PhoneNumberId=claimed["PhoneNumberArn"])

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert claimed["PhoneNumberArn"] in message
    assert summary_of(east, claimed["PhoneNumberId"])["TargetArn"] == tdg["Arn"]
    assert listed_ids(west) == [claimed["PhoneNumberId"]]


@mock_aws
def test_release_from_the_replica_region_by_uuid_is_not_found() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    claimed = claim(east, tdg["Arn"])

    with pytest.raises(ClientError) as excinfo:
        west.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert claimed["PhoneNumberId"] in message
    assert listed_ids(east) == [claimed["PhoneNumberId"]]


# -- UpdatePhoneNumber between an instance and a TDG -----------------------------------------------


@mock_aws
def test_update_moves_an_instance_number_to_a_tdg() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    claimed = claim(east, tdg["InstanceArn"])
    assert listed_ids(west) == []

    moved = east.update_phone_number(PhoneNumberId=claimed["PhoneNumberId"], TargetArn=tdg["Arn"])

    assert moved["PhoneNumberId"] == claimed["PhoneNumberId"]
    assert summary_of(east, claimed["PhoneNumberId"])["TargetArn"] == tdg["Arn"]
    assert listed_ids(west, TargetArn=tdg["Arn"]) == [claimed["PhoneNumberId"]]
    assert summary_of(west, claimed["PhoneNumberArn"])["TargetArn"] == tdg["Arn"]


@mock_aws
def test_update_moves_a_tdg_number_back_to_the_instance() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    claimed = claim(east, tdg["Arn"])

    east.update_phone_number(PhoneNumberId=claimed["PhoneNumberId"], InstanceId=tdg["InstanceId"])

    summary = summary_of(east, claimed["PhoneNumberId"])
    assert summary["TargetArn"] == tdg["InstanceArn"]
    assert summary["InstanceId"] == tdg["InstanceId"]
    assert listed_ids(west) == []
    assert listed_ids(east, TargetArn=tdg["Arn"]) == []
    assert_not_found(west, claimed["PhoneNumberArn"])


@mock_aws
def test_update_to_a_tdg_from_the_replica_region_is_invalid() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    local = west.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="west-only",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    claimed = claim(west, local["Arn"])

    with pytest.raises(ClientError) as excinfo:
        west.update_phone_number(PhoneNumberId=claimed["PhoneNumberId"], TargetArn=tdg["Arn"])

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert tdg["Arn"] in message
    assert summary_of(west, claimed["PhoneNumberId"])["TargetArn"] == local["Arn"]
    assert listed_ids(east) == []


@mock_aws
def test_update_of_a_tdg_number_from_the_replica_region_is_invalid() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    claimed = claim(east, tdg["Arn"])

    with pytest.raises(ClientError) as excinfo:
        west.update_phone_number(
            PhoneNumberId=claimed["PhoneNumberArn"], InstanceId=tdg["InstanceId"]
        )

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert claimed["PhoneNumberArn"] in message
    assert summary_of(east, claimed["PhoneNumberId"])["TargetArn"] == tdg["Arn"]


# -- cooldown, churn, idempotency ------------------------------------------------------------------


@mock_aws
def test_released_tdg_number_is_cooling_down() -> None:
    east = client(HOME)
    tdg = replicated_tdg(east)
    claimed = claim(east, tdg["Arn"])
    east.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    with pytest.raises(ClientError) as excinfo:
        east.claim_phone_number(TargetArn=tdg["Arn"], PhoneNumber=claimed["PhoneNumber"])

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert message == f"Phone number not available: {claimed['PhoneNumber']}"
    assert claimed["PhoneNumber"] not in available(east, tdg["Arn"], count=10)
    assert listed_ids(east) == []


@mock_aws
def test_tdg_releases_count_toward_the_churn_limit() -> None:
    east = client(HOME, config=no_retries())
    control.configure(phone_numbers_per_instance=1, churn_limit_percent=100)
    tdg = replicated_tdg(east)
    claimed = claim(east, tdg["Arn"])
    east.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    number = available(east, tdg["Arn"])[0]

    with pytest.raises(ClientError) as excinfo:
        east.claim_phone_number(TargetArn=tdg["Arn"], PhoneNumber=number)

    code, message = error_of(excinfo)
    assert code == "LimitExceededException"
    assert "allowed limit exceeded" in message
    assert listed_ids(east) == []


@mock_aws
def test_replayed_claim_to_a_tdg_returns_the_same_number() -> None:
    east, west = client(HOME), client(PARTNER)
    tdg = replicated_tdg(east)
    number = available(east, tdg["Arn"])[0]
    token = str(uuid.uuid4())

    first = east.claim_phone_number(TargetArn=tdg["Arn"], PhoneNumber=number, ClientToken=token)
    second = east.claim_phone_number(TargetArn=tdg["Arn"], PhoneNumber=number, ClientToken=token)

    assert second["PhoneNumberId"] == first["PhoneNumberId"]
    assert second["PhoneNumberArn"] == first["PhoneNumberArn"]
    assert listed_ids(east) == [first["PhoneNumberId"]]
    assert listed_ids(west) == [first["PhoneNumberId"]]
