"""The Flow language's checks of published content.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true); flows a
test creates are deleted.
"""

import json

import boto3
import pytest
from botocore.exceptions import ClientError

from . import (
    REGION,
    error_of,
    error_response,
    with_connect_instance,
)
from .test_contact_flows import CONTENT, all_flows, flows


@with_connect_instance()
def test_published_content_naming_a_missing_action_lists_its_problems(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Published content"."""
    client = boto3.client("connect", region_name=REGION)
    broken = json.loads(CONTENT)
    broken["StartAction"] = "missing"

    with flows(client, instance_id) as create:
        with pytest.raises(ClientError) as exc:
            create("Broken", Content=json.dumps(broken))
        names = {f["Name"] for f in all_flows(client, instance_id)}

    assert error_of(exc) == (
        "InvalidContactFlowException",
        'The flow content has 1 problem(s): StartAction "missing" does not name an action of the flow.',
    )
    assert error_response(exc)["problems"]
    assert "Broken" not in names


@with_connect_instance()
def test_saved_content_is_not_checked_until_it_is_published(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Saved content"."""
    client = boto3.client("connect", region_name=REGION)

    with flows(client, instance_id) as create:
        flow = create("Draft", Content="{}", Status="SAVED")
        client.update_contact_flow_content(
            InstanceId=instance_id,
            ContactFlowId=f"{flow['ContactFlowId']}:$SAVED",
            Content='{"Version": "draft"}',
        )
        with pytest.raises(ClientError) as exc:
            client.update_contact_flow_content(
                InstanceId=instance_id,
                ContactFlowId=flow["ContactFlowId"],
                Content="{}",
            )
        client.update_contact_flow_content(
            InstanceId=instance_id, ContactFlowId=flow["ContactFlowId"], Content=CONTENT
        )
        latest = client.describe_contact_flow(
            InstanceId=instance_id, ContactFlowId=f"{flow['ContactFlowId']}:$SAVED"
        )["ContactFlow"]

    assert error_of(exc) == (
        "InvalidContactFlowException",
        "The flow content has 2 problem(s): Version must be '2019-10-30', not null.",
    )
    assert (latest["Status"], latest["Content"]) == ("PUBLISHED", CONTENT)
