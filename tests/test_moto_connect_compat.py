"""moto's own connect operations keep working through the plugin's routes and response class.

The plugin routes every connect path to its subclass of moto's ``ConnectResponse``; instances,
analytics data set associations and tags on instance ARNs must behave exactly as moto alone.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from support import available, claim

UNKNOWN_INSTANCE = "00000000-0000-4000-8000-000000000000"


def create(connect: Any, alias: str, **extra: Any) -> dict[str, Any]:
    created: dict[str, Any] = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=alias,
        InboundCallsEnabled=True,
        OutboundCallsEnabled=False,
        **extra,
    )
    return created


def test_instance_lifecycle(connect_client: Any) -> None:
    created = create(connect_client, "compat-one", Tags={"Team": "blue"})
    assert created["Arn"].endswith(f":instance/{created['Id']}")

    instance = connect_client.describe_instance(InstanceId=created["Id"])["Instance"]
    assert instance["Id"] == created["Id"]
    assert instance["Arn"] == created["Arn"]
    assert instance["InstanceAlias"] == "compat-one"
    assert instance["IdentityManagementType"] == "CONNECT_MANAGED"
    assert instance["InstanceStatus"] == "ACTIVE"
    assert instance["InboundCallsEnabled"] is True
    assert instance["OutboundCallsEnabled"] is False
    assert instance["Tags"] == {"Team": "blue"}

    second = create(connect_client, "compat-two")
    listed = connect_client.list_instances()["InstanceSummaryList"]
    assert {i["Id"] for i in listed} == {created["Id"], second["Id"]}
    page = connect_client.list_instances(MaxResults=1)
    assert len(page["InstanceSummaryList"]) == 1
    rest = connect_client.list_instances(MaxResults=1, NextToken=page["NextToken"])
    assert {page["InstanceSummaryList"][0]["Id"], rest["InstanceSummaryList"][0]["Id"]} == {
        created["Id"],
        second["Id"],
    }

    connect_client.delete_instance(InstanceId=created["Id"])

    assert [i["Id"] for i in connect_client.list_instances()["InstanceSummaryList"]] == [
        second["Id"]
    ]
    with pytest.raises(ClientError) as excinfo:
        connect_client.describe_instance(InstanceId=created["Id"])
    assert excinfo.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_unknown_instance_is_not_found(connect_client: Any) -> None:
    for call in (
        lambda: connect_client.describe_instance(InstanceId=UNKNOWN_INSTANCE),
        lambda: connect_client.delete_instance(InstanceId=UNKNOWN_INSTANCE),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert excinfo.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_analytics_data_set_associations(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    instance_id = connect_instance["Id"]

    associated = connect_client.associate_analytics_data_set(
        InstanceId=instance_id, DataSetId="dataset-b"
    )
    connect_client.associate_analytics_data_set(
        InstanceId=instance_id, DataSetId="dataset-a", TargetAccountId="210987654321"
    )

    assert associated["DataSetId"] == "dataset-b"
    assert "ResourceShareArn" in associated
    results = connect_client.list_analytics_data_associations(InstanceId=instance_id)["Results"]
    assert [r["DataSetId"] for r in results] == ["dataset-a", "dataset-b"]
    assert {r["TargetAccountId"] for r in results if r["DataSetId"] == "dataset-a"} == {
        "210987654321"
    }
    filtered = connect_client.list_analytics_data_associations(
        InstanceId=instance_id, DataSetId="dataset-b"
    )
    assert [r["DataSetId"] for r in filtered["Results"]] == ["dataset-b"]

    with pytest.raises(ClientError) as excinfo:
        connect_client.associate_analytics_data_set(InstanceId=instance_id, DataSetId="dataset-b")
    assert excinfo.value.response["Error"]["Code"] == "InvalidParameterException"

    connect_client.disassociate_analytics_data_set(InstanceId=instance_id, DataSetId="dataset-b")

    results = connect_client.list_analytics_data_associations(InstanceId=instance_id)["Results"]
    assert [r["DataSetId"] for r in results] == ["dataset-a"]
    with pytest.raises(ClientError) as excinfo:
        connect_client.disassociate_analytics_data_set(
            InstanceId=instance_id, DataSetId="dataset-b"
        )
    assert excinfo.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_tags_on_an_instance_arn(connect_client: Any) -> None:
    arn = create(connect_client, "tagged", Tags={"Env": "test"})["Arn"]

    connect_client.tag_resource(resourceArn=arn, tags={"Team": "blue", "Cost": "42"})

    assert connect_client.list_tags_for_resource(resourceArn=arn)["tags"] == {
        "Env": "test",
        "Team": "blue",
        "Cost": "42",
    }

    connect_client.untag_resource(resourceArn=arn, tagKeys=["Env", "Cost"])

    assert connect_client.list_tags_for_resource(resourceArn=arn)["tags"] == {"Team": "blue"}


def test_instance_and_phone_number_tags_stay_apart(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    """Both live in moto's tagging service; tagging one must not touch the other."""
    number = claim(connect_client, connect_instance["Id"], Tags={"Kind": "number"})

    connect_client.tag_resource(resourceArn=connect_instance["Arn"], tags={"Kind": "instance"})

    assert connect_client.list_tags_for_resource(resourceArn=connect_instance["Arn"])["tags"] == {
        "Kind": "instance"
    }
    assert connect_client.list_tags_for_resource(resourceArn=number["PhoneNumberArn"])["tags"] == {
        "Kind": "number"
    }


def test_phone_numbers_work_alongside_moto_instances(connect_client: Any) -> None:
    """An instance created by moto's handler is a claim target for the plugin."""
    instance = create(connect_client, "target")
    number = available(connect_client, instance["Id"])[0]

    connect_client.claim_phone_number(TargetArn=instance["Arn"], PhoneNumber=number)

    listed = connect_client.list_phone_numbers_v2(InstanceId=instance["Id"])
    assert [n["PhoneNumber"] for n in listed["ListPhoneNumbersSummaryList"]] == [number]
