"""Contact flows.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true); flows a
test creates are deleted and numbers it claims released.
"""

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from . import (
    PARTNER_REGION,
    REGION,
    error_of,
    new_instance,
    replicate,
    with_connect_instance,
)

#: A small published flow AWS accepts: a message, then disconnect.
CONTENT = json.dumps(
    {
        "Version": "2019-10-30",
        "StartAction": "greet",
        "Metadata": {},
        "Actions": [
            {
                "Identifier": "greet",
                "Type": "MessageParticipant",
                "Parameters": {"Text": "Hello"},
                "Transitions": {"NextAction": "bye", "Errors": [], "Conditions": []},
            },
            {
                "Identifier": "bye",
                "Type": "DisconnectParticipant",
                "Parameters": {},
                "Transitions": {},
            },
        ],
    }
)
SAMPLE = "Sample inbound flow (first contact experience)"
DEFAULT_FLOWS = {
    "Default agent hold": "AGENT_HOLD",
    "Default agent transfer": "AGENT_TRANSFER",
    "Default agent whisper": "AGENT_WHISPER",
    "Default customer hold": "CUSTOMER_HOLD",
    "Default customer queue": "CUSTOMER_QUEUE",
    "Default customer whisper": "CUSTOMER_WHISPER",
    "Default outbound": "OUTBOUND_WHISPER",
    "Default queue transfer": "QUEUE_TRANSFER",
    SAMPLE: "CONTACT_FLOW",
}

Create = Callable[..., dict[str, str]]


def _flows(client: Any, instance_id: str) -> Iterator[Create]:
    """A function creating flows (CONTACT_FLOW with CONTENT unless told), each deleted after."""
    made: list[str] = []

    def create(name: str, **kwargs: Any) -> dict[str, str]:
        kwargs.setdefault("Type", "CONTACT_FLOW")
        kwargs.setdefault("Content", CONTENT)
        flow = client.create_contact_flow(InstanceId=instance_id, Name=name, **kwargs)
        made.append(flow["ContactFlowId"])
        return flow

    try:
        yield create
    finally:
        for flow_id in made:
            with suppress(client.exceptions.ResourceNotFoundException):
                client.delete_contact_flow(
                    InstanceId=instance_id, ContactFlowId=flow_id
                )


#: Not a decorator: moto's mypy settings refuse a decorated function whose type holds Any.
flows = contextmanager(_flows)


def all_flows(client: Any, instance_id: str) -> list[dict[str, str]]:
    pages = client.get_paginator("list_contact_flows").paginate(InstanceId=instance_id)
    return [flow for page in pages for flow in page["ContactFlowSummaryList"]]


def flow_named(client: Any, instance_id: str, name: str) -> dict[str, str]:
    return next(f for f in all_flows(client, instance_id) if f["Name"] == name)


@with_connect_instance()
def test_a_new_instance_has_the_default_flows(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Default flows": exactly these flows, ACTIVE and PUBLISHED."""
    client = boto3.client("connect", region_name=REGION)

    found = all_flows(client, instance_id)

    assert {f["Name"]: f["ContactFlowType"] for f in found} == DEFAULT_FLOWS
    assert {(f["ContactFlowState"], f["ContactFlowStatus"]) for f in found} == {
        ("ACTIVE", "PUBLISHED")
    }


@with_connect_instance(identity_management_type="SAML")
def test_a_replica_has_the_flows_of_its_source_with_the_same_ids(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Replica flows"."""
    client = boto3.client("connect", region_name=REGION)
    partner = boto3.client("connect", region_name=PARTNER_REGION)
    replicate(client, instance_id)

    with flows(client, instance_id) as create:
        flow = create("Main IVR")
        replica = {f["Id"]: f for f in all_flows(partner, instance_id)}

        assert set(replica) == {f["Id"] for f in all_flows(client, instance_id)}
        assert replica[flow["ContactFlowId"]]["Arn"].startswith(
            f"arn:aws:connect:{PARTNER_REGION}:"
        )
        client.update_contact_flow_name(
            InstanceId=instance_id, ContactFlowId=flow["ContactFlowId"], Name="Renamed"
        )
        described = partner.describe_contact_flow(
            InstanceId=instance_id, ContactFlowId=flow["ContactFlowId"]
        )
        assert described["ContactFlow"]["Name"] == "Renamed"


@with_connect_instance()
def test_an_unknown_flow_or_another_instances_arn_is_not_found(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Ids and ARNs": an unknown id, or an ARN of another instance."""
    client = boto3.client("connect", region_name=REGION)
    sample = flow_named(client, instance_id, SAMPLE)
    elsewhere = sample["Arn"].replace(
        instance_id, "11111111-2222-3333-4444-555555555555"
    )

    for flow_id in ("11111111-2222-3333-4444-555555555555", elsewhere):
        with pytest.raises(ClientError) as exc:
            client.describe_contact_flow(InstanceId=instance_id, ContactFlowId=flow_id)
        assert error_of(exc) == (
            "ResourceNotFoundException",
            f"Contact flow not found: {flow_id}",
        )


@with_connect_instance()
def test_a_flow_created_without_status_is_published_with_the_content_hash(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "CreateContactFlow"."""
    client = boto3.client("connect", region_name=REGION)

    with flows(client, instance_id) as create:
        flow = create("Main IVR")
        described = client.describe_contact_flow(
            InstanceId=instance_id, ContactFlowId=flow["ContactFlowId"]
        )["ContactFlow"]

    assert flow["FlowContentSha256"] == hashlib.sha256(CONTENT.encode()).hexdigest()
    assert described["Status"] == "PUBLISHED"


@with_connect_instance()
def test_flow_names_are_unique_in_an_instance_across_types_and_case_sensitive(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Names"."""
    client = boto3.client("connect", region_name=REGION)

    with flows(client, instance_id) as create:
        create("Main IVR")
        with pytest.raises(ClientError) as exc:
            create("Main IVR", Type="CUSTOMER_QUEUE")
        create("main ivr")

    assert error_of(exc) == (
        "DuplicateResourceException",
        "A contact flow named 'Main IVR' already exists in this instance.",
    )
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409


@with_connect_instance()
def test_an_instance_holds_at_most_100_flows_its_default_flows_included(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Flow quota"."""
    client = boto3.client("connect", region_name=REGION)

    with flows(client, instance_id) as create:
        with pytest.raises(ClientError) as exc:
            for index in range(100):
                create(f"flow-{index}")
        count = len(all_flows(client, instance_id))

    assert error_of(exc) == (
        "LimitExceededException",
        f"Instance {instance_id} has reached its limit of 100 contact flows.",
    )
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert count == 100


@with_connect_instance()
def test_content_longer_than_256000_characters_is_invalid_even_saved(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Content length"."""
    client = boto3.client("connect", region_name=REGION)

    with flows(client, instance_id) as create:
        with pytest.raises(ClientError) as exc:
            create("Too long", Content="x" * 256001, Status="SAVED")

    assert error_of(exc) == (
        "InvalidParameterException",
        "Content must be 1-256000 characters long, not 256001.",
    )


@with_connect_instance()
def test_a_flow_with_only_saved_content_is_described_with_its_saved_suffix(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "DescribeContactFlow"."""
    client = boto3.client("connect", region_name=REGION)

    with flows(client, instance_id) as create:
        flow = create("Draft", Status="SAVED")
        saved = client.describe_contact_flow(
            InstanceId=instance_id, ContactFlowId=f"{flow['ContactFlowId']}:$SAVED"
        )["ContactFlow"]
        with pytest.raises(ClientError) as unpublished:
            client.describe_contact_flow(
                InstanceId=instance_id, ContactFlowId=flow["ContactFlowId"]
            )
        with pytest.raises(ClientError) as version:
            client.describe_contact_flow(
                InstanceId=instance_id, ContactFlowId=f"{flow['ContactFlowId']}:1"
            )

    assert saved["Status"] == "SAVED"
    assert error_of(unpublished) == (
        "ContactFlowNotPublishedException",
        f"Contact flow {flow['ContactFlowArn']} has no published content; describe it with :$SAVED.",
    )
    assert error_of(version) == (
        "ResourceNotFoundException",
        f"Contact flow not found: {flow['ContactFlowId']}:1",
    )


@with_connect_instance()
def test_flows_are_listed_by_id_with_archived_and_saved_ones(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "ListContactFlows"."""
    client = boto3.client("connect", region_name=REGION)

    with flows(client, instance_id) as create:
        archived = create("Archived")
        client.update_contact_flow_metadata(
            InstanceId=instance_id,
            ContactFlowId=archived["ContactFlowId"],
            ContactFlowState="ARCHIVED",
        )
        draft = create("Draft", Status="SAVED")
        found = {f["Id"]: f for f in all_flows(client, instance_id)}

    assert list(found) == sorted(found)
    assert found[archived["ContactFlowId"]]["ContactFlowState"] == "ARCHIVED"
    assert found[draft["ContactFlowId"]]["ContactFlowStatus"] == "SAVED"


@with_connect_instance()
def test_deleting_an_instance_removes_its_flows_and_their_tags(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "DeleteInstance" (contact flows)."""
    client = boto3.client("connect", region_name=REGION)
    other_id, _ = new_instance(client)
    try:
        with flows(client, other_id) as create:
            flow = create("Tagged", Tags={"team": "ivr"})
            client.delete_instance(InstanceId=other_id)
            try:
                tags = client.list_tags_for_resource(resourceArn=flow["ContactFlowArn"])
            except ClientError as exc:
                # AWS may not know a deleted flow's ARN at all
                assert exc.response["Error"]["Code"] == "ResourceNotFoundException"
            else:
                assert tags["tags"] == {}
            with pytest.raises(ClientError) as listed:
                client.list_contact_flows(InstanceId=other_id)
    finally:
        with suppress(client.exceptions.ResourceNotFoundException):
            client.delete_instance(InstanceId=other_id)

    assert error_of(listed) == (
        "ResourceNotFoundException",
        f"Instance not found: {other_id}",
    )


@with_connect_instance()
def test_a_flow_type_outside_the_model_is_an_invalid_parameter(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "CreateContactFlow": a Type the model does not list."""
    client = boto3.client("connect", region_name=REGION)
    bogus: Any = "BOGUS"  # not a type the client's stubs allow

    with pytest.raises(ClientError) as exc:
        client.create_contact_flow(
            InstanceId=instance_id, Name="flow", Type=bogus, Content=CONTENT
        )

    code, message = error_of(exc)
    assert code == "InvalidParameterException"
    assert message.startswith(
        "1 validation error detected: Value 'BOGUS' at 'type' failed to satisfy "
        "constraint: Member must satisfy enum value set: ["
    ), message
