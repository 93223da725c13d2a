"""Contact flows and the number-to-flow association.

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
    active_tdg,
    claimed,
    error_of,
    error_response,
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


def associations(client: Any, instance_id: str) -> list[dict[str, str]]:
    return client.list_flow_associations(
        InstanceId=instance_id, ResourceType="VOICE_PHONE_NUMBER"
    )["FlowAssociationSummaryList"]


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
def test_searching_flows_by_name_ignores_case_and_checks_contains_length(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "SearchContactFlows"."""
    client = boto3.client("connect", region_name=REGION)

    def by_name(value: str) -> Any:
        return client.search_contact_flows(
            InstanceId=instance_id,
            SearchCriteria={
                "StringCondition": {
                    "FieldName": "name",
                    "Value": value,
                    "ComparisonType": "CONTAINS",
                }
            },
        )

    with flows(client, instance_id) as create:
        create("Main IVR")
        found = by_name("main iv")
        with pytest.raises(ClientError) as exc:
            by_name("M")

    assert [f["Name"] for f in found["ContactFlows"]] == ["Main IVR"]
    assert found["ApproximateTotalCount"] == 1
    assert error_of(exc) == (
        "InvalidParameterException",
        "A CONTAINS value must be 2-25 characters long, not 1.",
    )


@with_connect_instance()
def test_a_number_points_to_one_published_active_inbound_flow(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Associating a number"."""
    client = boto3.client("connect", region_name=REGION)
    whisper = flow_named(client, instance_id, "Default agent whisper")
    sample = flow_named(client, instance_id, SAMPLE)

    with flows(client, instance_id) as create, claimed(client, instance_arn) as number:
        draft = create("Draft", Status="SAVED")
        archived = create("Archived")
        client.update_contact_flow_metadata(
            InstanceId=instance_id,
            ContactFlowId=archived["ContactFlowId"],
            ContactFlowState="ARCHIVED",
        )
        main = create("Main IVR")
        for refused, arn, why in (
            (
                whisper["Id"],
                whisper["Arn"],
                "its type is AGENT_WHISPER, not CONTACT_FLOW",
            ),
            (draft["ContactFlowId"], draft["ContactFlowArn"], "it is not published"),
            (archived["ContactFlowId"], archived["ContactFlowArn"], "it is ARCHIVED"),
        ):
            with pytest.raises(ClientError) as exc:
                client.associate_phone_number_contact_flow(
                    PhoneNumberId=number["PhoneNumberId"],
                    InstanceId=instance_id,
                    ContactFlowId=refused,
                )
            assert error_of(exc) == (
                "InvalidParameterException",
                f"Contact flow {arn} cannot be associated with a phone number: {why}.",
            )
        for flow_id in (sample["Id"], main["ContactFlowId"]):
            client.associate_phone_number_contact_flow(
                PhoneNumberId=number["PhoneNumberId"],
                InstanceId=instance_id,
                ContactFlowId=flow_id,
            )
        found = associations(client, instance_id)

    assert [a["FlowId"] for a in found] == [main["ContactFlowArn"]]


@with_connect_instance()
def test_disassociating_a_number_without_a_flow_is_not_found(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Disassociating"."""
    client = boto3.client("connect", region_name=REGION)

    with claimed(client, instance_arn) as number:
        with pytest.raises(ClientError) as exc:
            client.disassociate_phone_number_contact_flow(
                PhoneNumberId=number["PhoneNumberId"], InstanceId=instance_id
            )

    assert error_of(exc) == (
        "ResourceNotFoundException",
        f"Phone number {number['PhoneNumberArn']} is not associated with a flow in instance {instance_id}.",
    )


@with_connect_instance()
def test_associations_read_as_arns_and_batch_get_leaves_out_numbers_without_one(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Reading associations"."""
    client = boto3.client("connect", region_name=REGION)
    sample = flow_named(client, instance_id, SAMPLE)
    unknown = f"{instance_arn.split(':instance/')[0]}:phone-number/{'1' * 8}-2222-3333-4444-{'5' * 12}"

    with claimed(client, instance_arn) as number:
        client.associate_phone_number_contact_flow(
            PhoneNumberId=number["PhoneNumberId"],
            InstanceId=instance_id,
            ContactFlowId=sample["Id"],
        )
        listed = associations(client, instance_id)
        batch = client.batch_get_flow_association(
            InstanceId=instance_id,
            ResourceIds=[unknown, number["PhoneNumberArn"]],
            ResourceType="VOICE_PHONE_NUMBER",
        )["FlowAssociationSummaryList"]
        client.disassociate_phone_number_contact_flow(
            PhoneNumberId=number["PhoneNumberId"], InstanceId=instance_id
        )

    expected = {
        "ResourceId": number["PhoneNumberArn"],
        "FlowId": sample["Arn"],
        "ResourceType": "VOICE_PHONE_NUMBER",
    }
    assert listed == [expected]
    assert batch == [expected]


@with_connect_instance()
def test_releasing_a_number_removes_its_association_and_keeps_the_flow(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Release and move": the release."""
    client = boto3.client("connect", region_name=REGION)
    sample = flow_named(client, instance_id, SAMPLE)

    with claimed(client, instance_arn) as number:
        client.associate_phone_number_contact_flow(
            PhoneNumberId=number["PhoneNumberId"],
            InstanceId=instance_id,
            ContactFlowId=sample["Id"],
        )
        client.release_phone_number(PhoneNumberId=number["PhoneNumberId"])

    assert associations(client, instance_id) == []
    assert flow_named(client, instance_id, SAMPLE)["ContactFlowState"] == "ACTIVE"


@with_connect_instance()
def test_a_flow_a_number_points_to_cannot_be_deleted_or_archived(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "A flow in use"."""
    client = boto3.client("connect", region_name=REGION)

    with flows(client, instance_id) as create, claimed(client, instance_arn) as number:
        flow = create("Main IVR")
        client.associate_phone_number_contact_flow(
            PhoneNumberId=number["PhoneNumberId"],
            InstanceId=instance_id,
            ContactFlowId=flow["ContactFlowId"],
        )
        with pytest.raises(ClientError) as deleted:
            client.delete_contact_flow(
                InstanceId=instance_id, ContactFlowId=flow["ContactFlowId"]
            )
        with pytest.raises(ClientError) as archived:
            client.update_contact_flow_metadata(
                InstanceId=instance_id,
                ContactFlowId=flow["ContactFlowId"],
                ContactFlowState="ARCHIVED",
            )
        state = client.describe_contact_flow(
            InstanceId=instance_id, ContactFlowId=flow["ContactFlowId"]
        )["ContactFlow"]["State"]
        client.disassociate_phone_number_contact_flow(
            PhoneNumberId=number["PhoneNumberId"], InstanceId=instance_id
        )

    for exc, verb in ((deleted, "deleted"), (archived, "archived")):
        assert error_of(exc) == (
            "InvalidRequestException",
            f"Contact flow {flow['ContactFlowArn']} cannot be {verb}: phone number "
            f"{number['PhoneNumberArn']} is associated with it.",
        )
    assert state == "ACTIVE"


@with_connect_instance(identity_management_type="SAML")
def test_a_tdg_numbers_association_is_mirrored_in_the_replica(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "TDG numbers" (contact flows): the replica names the number by ARN only."""
    client = boto3.client("connect", region_name=REGION)
    partner = boto3.client("connect", region_name=PARTNER_REGION)
    replicate(client, instance_id)
    tdg = active_tdg(client, instance_arn)
    sample = flow_named(client, instance_id, SAMPLE)

    with claimed(client, tdg["Arn"]) as number:
        with pytest.raises(ClientError) as by_id:
            partner.associate_phone_number_contact_flow(
                PhoneNumberId=number["PhoneNumberId"],
                InstanceId=instance_id,
                ContactFlowId=sample["Id"],
            )
        partner.associate_phone_number_contact_flow(
            PhoneNumberId=number["PhoneNumberArn"],
            InstanceId=instance_id,
            ContactFlowId=sample["Id"],
        )
        home, replica = (
            associations(client, instance_id),
            associations(partner, instance_id),
        )
        client.disassociate_phone_number_contact_flow(
            PhoneNumberId=number["PhoneNumberId"], InstanceId=instance_id
        )
        after = associations(partner, instance_id)
    client.delete_traffic_distribution_group(TrafficDistributionGroupId=tdg["Id"])

    assert error_of(by_id) == (
        "ResourceNotFoundException",
        f"Phone number not found: {number['PhoneNumberId']}",
    )
    assert [a["FlowId"] for a in home] == [sample["Arn"]]
    assert [a["FlowId"] for a in replica] == [
        flow_named(partner, instance_id, SAMPLE)["Arn"]
    ]
    assert after == []


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
