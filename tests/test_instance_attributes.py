"""DescribeInstanceAttribute, UpdateInstanceAttribute and ListInstanceAttributes through boto3."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from moto_connect_ext import mock_aws
from moto_connect_ext.connect.models.instance_attributes import attribute_types
from support import client, error_of, new_instance

UNKNOWN_INSTANCE = "00000000-0000-4000-8000-000000000000"
#: The provider's verified defaults (terraform-provider-aws internal/service/connect/instance.go);
#: every other type not set at creation is false (decided).
DEFAULT_TRUE = {"AUTO_RESOLVE_BEST_VOICES", "CONTACT_LENS", "EARLY_MEDIA"}


def value_of(connect: Any, instance_id: str, attribute_type: str) -> str:
    attribute = connect.describe_instance_attribute(
        InstanceId=instance_id, AttributeType=attribute_type
    )["Attribute"]
    assert attribute["AttributeType"] == attribute_type
    value: str = attribute["Value"]
    return value


@mock_aws
def test_every_attribute_type_has_its_default() -> None:
    connect = client()
    instance = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="defaults",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=False,
    )
    expected = {
        name: "true" if name in DEFAULT_TRUE | {"INBOUND_CALLS"} else "false"
        for name in attribute_types()
    }
    described = {name: value_of(connect, instance["Id"], name) for name in attribute_types()}
    assert described == expected
    assert len(attribute_types()) == 14


@mock_aws
def test_update_is_read_back_by_describe_and_list() -> None:
    connect = client()
    instance = new_instance(connect)
    connect.update_instance_attribute(
        InstanceId=instance["Id"], AttributeType="CONTACTFLOW_LOGS", Value="true"
    )
    connect.update_instance_attribute(
        InstanceId=instance["Arn"], AttributeType="CONTACT_LENS", Value="false"
    )
    assert value_of(connect, instance["Id"], "CONTACTFLOW_LOGS") == "true"
    assert value_of(connect, instance["Arn"], "CONTACT_LENS") == "false"
    listed = {
        a["AttributeType"]: a["Value"]
        for page in connect.get_paginator("list_instance_attributes").paginate(
            InstanceId=instance["Id"]
        )
        for a in page["Attributes"]
    }
    assert listed["CONTACTFLOW_LOGS"] == "true"
    assert listed["CONTACT_LENS"] == "false"
    assert list(listed) == list(attribute_types())


@mock_aws
def test_inbound_and_outbound_calls_are_the_instances_own_flags() -> None:
    connect = client()
    instance = new_instance(connect)
    connect.update_instance_attribute(
        InstanceId=instance["Id"], AttributeType="OUTBOUND_CALLS", Value="false"
    )
    described = connect.describe_instance(InstanceId=instance["Id"])["Instance"]
    assert described["OutboundCallsEnabled"] is False
    assert described["InboundCallsEnabled"] is True
    assert value_of(connect, instance["Id"], "OUTBOUND_CALLS") == "false"


@mock_aws
def test_list_pages_hold_at_most_seven_attributes() -> None:
    connect = client()
    instance = new_instance(connect)
    first = connect.list_instance_attributes(InstanceId=instance["Id"])
    assert [a["AttributeType"] for a in first["Attributes"]] == list(attribute_types()[:7])
    second = connect.list_instance_attributes(
        InstanceId=instance["Id"], NextToken=first["NextToken"], MaxResults=5
    )
    assert [a["AttributeType"] for a in second["Attributes"]] == list(attribute_types()[7:12])
    third = connect.list_instance_attributes(
        InstanceId=instance["Id"], NextToken=second["NextToken"], MaxResults=5
    )
    assert [a["AttributeType"] for a in third["Attributes"]] == list(attribute_types()[12:])
    assert "NextToken" not in third


@mock_aws
@pytest.mark.parametrize("value", ["yes", "TRUE", "1"])
def test_a_value_that_is_not_true_or_false_is_refused_and_changes_nothing(value: str) -> None:
    connect = client()
    instance = new_instance(connect)
    with pytest.raises(ClientError) as excinfo:
        connect.update_instance_attribute(
            InstanceId=instance["Id"], AttributeType="EARLY_MEDIA", Value=value
        )
    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"1 validation error detected: Value '{value}' at 'value' failed to satisfy constraint: "
        "Member must satisfy enum value set: [true, false]",
    )
    assert value_of(connect, instance["Id"], "EARLY_MEDIA") == "true"


@mock_aws
def test_an_attribute_type_outside_the_model_is_refused() -> None:
    connect = client()
    instance = new_instance(connect)
    with pytest.raises(ClientError) as excinfo:
        connect.describe_instance_attribute(InstanceId=instance["Id"], AttributeType="VIDEO")
    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert message.startswith(
        "1 validation error detected: Value 'VIDEO' at 'attributeType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [INBOUND_CALLS, OUTBOUND_CALLS"
    )


@mock_aws
@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.describe_instance_attribute(
            InstanceId=UNKNOWN_INSTANCE, AttributeType="EARLY_MEDIA"
        ),
        lambda c: c.update_instance_attribute(
            InstanceId=UNKNOWN_INSTANCE, AttributeType="EARLY_MEDIA", Value="false"
        ),
        lambda c: c.list_instance_attributes(InstanceId=UNKNOWN_INSTANCE),
    ],
)
def test_an_unknown_instance_is_not_found(call: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        call(client())
    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        f"Instance not found: {UNKNOWN_INSTANCE}",
    )


@mock_aws
def test_attributes_go_with_a_deleted_instance() -> None:
    connect = client()
    instance = new_instance(connect)
    connect.update_instance_attribute(
        InstanceId=instance["Id"], AttributeType="EARLY_MEDIA", Value="false"
    )
    connect.delete_instance(InstanceId=instance["Id"])
    with pytest.raises(ClientError) as excinfo:
        connect.list_instance_attributes(InstanceId=instance["Id"])
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
