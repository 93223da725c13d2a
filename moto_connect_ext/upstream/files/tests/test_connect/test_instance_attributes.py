"""Instance attributes.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true).
"""

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from . import REGION, error_of, new_instance, with_connect_instance

#: What the AWS provider for Terraform records as ListInstanceAttributes' defaults.
PROVIDER_DEFAULTS = {
    "AUTO_RESOLVE_BEST_VOICES": "true",
    "CONTACTFLOW_LOGS": "false",
    "CONTACT_LENS": "true",
    "EARLY_MEDIA": "true",
    "MULTI_PARTY_CONFERENCE": "false",
    "USE_CUSTOM_TTS_VOICES": "false",
}


def value_of(client: Any, instance_id: str, attribute_type: str) -> str:
    attribute = client.describe_instance_attribute(
        InstanceId=instance_id, AttributeType=attribute_type
    )["Attribute"]
    return str(attribute["Value"])


@with_connect_instance()
def test_defaults(instance_id: str = "", instance_arn: str = "") -> None:
    """Settles "Defaults"."""
    client = boto3.client("connect", region_name=REGION)

    values = {name: value_of(client, instance_id, name) for name in PROVIDER_DEFAULTS}

    assert values == PROVIDER_DEFAULTS
    assert value_of(client, instance_id, "HIGH_VOLUME_OUTBOUND") == "false"


@with_connect_instance()
def test_values_are_true_or_false(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Values"."""
    client = boto3.client("connect", region_name=REGION)

    with pytest.raises(ClientError) as exc:
        client.update_instance_attribute(
            InstanceId=instance_id, AttributeType="EARLY_MEDIA", Value="yes"
        )

    assert error_of(exc) == (
        "InvalidParameterException",
        "1 validation error detected: Value 'yes' at 'value' failed to satisfy "
        "constraint: Member must satisfy enum value set: [true, false]",
    )
    assert value_of(client, instance_id, "EARLY_MEDIA") == "true"


@with_connect_instance()
def test_list_order_and_page_size(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "ListInstanceAttributes"."""
    client = boto3.client("connect", region_name=REGION)

    first = client.list_instance_attributes(InstanceId=instance_id)
    rest = client.list_instance_attributes(
        InstanceId=instance_id, NextToken=first["NextToken"]
    )

    assert len(first["Attributes"]) == 7
    types = [a["AttributeType"] for a in first["Attributes"] + rest["Attributes"]]
    assert types[:2] == ["INBOUND_CALLS", "OUTBOUND_CALLS"]


@with_connect_instance()
def test_attributes_go_with_a_deleted_instance(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Deleted instance"."""
    client = boto3.client("connect", region_name=REGION)
    other_id, _ = new_instance(client)
    client.update_instance_attribute(
        InstanceId=other_id, AttributeType="EARLY_MEDIA", Value="false"
    )

    client.delete_instance(InstanceId=other_id)

    with pytest.raises(ClientError) as exc:
        client.describe_instance_attribute(
            InstanceId=other_id, AttributeType="EARLY_MEDIA"
        )
    assert error_of(exc) == (
        "ResourceNotFoundException",
        f"Instance not found: {other_id}",
    )
