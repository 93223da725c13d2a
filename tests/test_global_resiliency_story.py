"""Acceptance: the global-resiliency story from end to end, as a user of boto3 walks it.

Create an instance, replicate it, create a traffic distribution group and wait for it, claim a
number to it, see the number from both Regions, shift traffic, and take it all down again.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from support import client, manual_progress

TDG_MODEL = "connect::traffic_distribution_group"
HOME, PARTNER = "us-east-1", "us-west-2"


def percentages(config: dict[str, Any]) -> dict[str, int]:
    return {d["Region"]: d["Percentage"] for d in config["Distributions"]}


def tdg_ids(connect: Any) -> set[str]:
    listed = connect.list_traffic_distribution_groups()["TrafficDistributionGroupSummaryList"]
    return {g["Id"] for g in listed}


@mock_aws
def test_global_resiliency_story() -> None:
    east, west = client(HOME), client(PARTNER)

    # 1. An instance that can be replicated: SAML identity management and an alias.
    instance = east.create_instance(
        IdentityManagementType="SAML",
        InstanceAlias="story-instance",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )

    # 2. Replicate it to the partner Region: same id there, plus a default TDG.
    replica = east.replicate_instance(
        InstanceId=instance["Id"], ReplicaRegion=PARTNER, ReplicaAlias="story-replica"
    )
    assert replica["Id"] == instance["Id"]
    assert west.describe_instance(InstanceId=instance["Id"])["Instance"]["Id"] == instance["Id"]
    (default,) = east.list_traffic_distribution_groups(InstanceId=instance["Id"])[
        "TrafficDistributionGroupSummaryList"
    ]
    assert default["IsDefault"] is True

    # 3. A TDG for the instance, created in the source Region; wait until it is ACTIVE.
    with manual_progress(TDG_MODEL, times=3):
        tdg = east.create_traffic_distribution_group(
            Name="story-tdg", InstanceId=instance["Id"], Tags={"story": "yes"}
        )
        statuses = []
        for _ in range(10):
            group = east.describe_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])
            statuses.append(group["TrafficDistributionGroup"]["Status"])
            if statuses[-1] == "ACTIVE":
                break
    assert statuses[0] == "CREATION_IN_PROGRESS"
    assert statuses[-1] == "ACTIVE"
    assert set(statuses) == {"CREATION_IN_PROGRESS", "ACTIVE"}
    assert group["TrafficDistributionGroup"]["Tags"] == {"story": "yes"}

    # 4. Search for a number with the TDG as target and claim it to the TDG.
    number = east.search_available_phone_numbers(
        TargetArn=tdg["Arn"], PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE", MaxResults=1
    )["AvailableNumbersList"][0]["PhoneNumber"]
    claimed = east.claim_phone_number(TargetArn=tdg["Arn"], PhoneNumber=number)

    # 5. The number is visible from both Regions; the replica Region needs its ARN.
    at_home = east.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    from_partner = west.describe_phone_number(PhoneNumberId=claimed["PhoneNumberArn"])
    assert at_home["ClaimedPhoneNumberSummary"] == from_partner["ClaimedPhoneNumberSummary"]
    assert from_partner["ClaimedPhoneNumberSummary"]["PhoneNumber"] == number
    assert from_partner["ClaimedPhoneNumberSummary"]["TargetArn"] == tdg["Arn"]
    listed = west.list_phone_numbers_v2(TargetArn=tdg["Arn"])["ListPhoneNumbersSummaryList"]
    assert [n["PhoneNumberArn"] for n in listed] == [claimed["PhoneNumberArn"]]

    # 6. Shift telephony traffic 50/50; both Regions see the new split.
    assert percentages(east.get_traffic_distribution(Id=tdg["Id"])["TelephonyConfig"]) == {
        HOME: 100,
        PARTNER: 0,
    }
    east.update_traffic_distribution(
        Id=tdg["Id"],
        TelephonyConfig={
            "Distributions": [
                {"Region": HOME, "Percentage": 50},
                {"Region": PARTNER, "Percentage": 50},
            ]
        },
    )
    for connect, tdg_id in ((east, tdg["Id"]), (west, tdg["Arn"])):
        distribution = connect.get_traffic_distribution(Id=tdg_id)
        assert percentages(distribution["TelephonyConfig"]) == {HOME: 50, PARTNER: 50}

    # 7. The TDG cannot go while a number is claimed to it.
    with pytest.raises(ClientError) as excinfo:
        east.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])
    assert excinfo.value.response["Error"]["Code"] == "ResourceInUseException"
    assert excinfo.value.response["ResourceType"] == "PHONE_NUMBER"
    assert excinfo.value.response["ResourceId"] == claimed["PhoneNumberArn"]
    assert tdg["Id"] in tdg_ids(west)

    # 8. Release the number in its home Region: gone from both Regions.
    east.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert east.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
    assert west.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []

    # 9. Now the TDG can be deleted; only the default TDG remains, seen from both Regions.
    east.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])
    assert tdg_ids(east) == {default["Id"]}
    assert tdg_ids(west) == {default["Id"]}
    with pytest.raises(ClientError) as excinfo:
        west.describe_traffic_distribution_group(TrafficDistributionGroupId=tdg["Arn"])
    assert excinfo.value.response["Error"]["Code"] == "ResourceNotFoundException"
