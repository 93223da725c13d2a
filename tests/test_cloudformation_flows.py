"""AWS::Connect::ContactFlow through moto's CloudFormation (issue 12's last resource), in both modes.

The templates live in tests/templates/ and pass cfn-lint (tests/test_cloudformation.py lints every
one). What a stack did is read back through the connect client, as a user would check it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from test_cloudformation import (
    STACK,
    cloudformation,
    create,
    number_of,
    outputs,
    released,
    resource_events,
    stack_events,
    stack_status,
    update,
)

from moto_connect_ext import control
from support import claim, client, error_of, new_instance

FLOW = "connect-contact-flow.yaml"
#: Valid Flow language: a flow that only hangs up.
HANG_UP = json.dumps(
    {
        "Version": "2019-10-30",
        "StartAction": "bye",
        "Actions": [{"Identifier": "bye", "Type": "DisconnectParticipant", "Transitions": {}}],
    }
)


def flow_of(flow_arn: str, instance_id: str) -> dict[str, Any]:
    described: dict[str, Any] = client().describe_contact_flow(
        InstanceId=instance_id, ContactFlowId=flow_arn
    )["ContactFlow"]
    return described


def flow_names(instance_id: str) -> list[str]:
    paginator = client().get_paginator("list_contact_flows")
    pages = paginator.paginate(InstanceId=instance_id)
    return sorted(f["Name"] for page in pages for f in page["ContactFlowSummaryList"])


def gone(flow_arn: str, instance_id: str) -> bool:
    with pytest.raises(ClientError) as excinfo:
        flow_of(flow_arn, instance_id)
    return error_of(excinfo)[0] == "ResourceNotFoundException"


def failure(status: str) -> tuple[str, str]:
    """The logical id and reason of the stack's (first) resource event with that status."""
    return next((e[0], e[2]) for e in resource_events() if e[1] == status)


def associate(number_arn: str, instance_id: str, flow_arn: str) -> None:
    client().associate_phone_number_contact_flow(
        PhoneNumberId=number_arn, InstanceId=instance_id, ContactFlowId=flow_arn
    )


# -- create -------------------------------------------------------------------------------------


@mock_aws
def test_a_yaml_stack_creates_and_publishes_a_flow_in_an_instance_made_outside_it() -> None:
    instance = new_instance(client())

    assert create(FLOW, InstanceArn=instance["Arn"]) == "CREATE_COMPLETE"

    out = outputs()
    assert out["FlowArn"] == out["FlowArnAttribute"]
    assert out["FlowArn"].startswith(f"{instance['Arn']}/contact-flow/")
    flow = flow_of(out["FlowArn"], instance["Id"])
    assert (flow["Name"], flow["Type"], flow["Description"]) == (
        "cfn-greeting",
        "CONTACT_FLOW",
        "Greets the caller and hangs up",
    )
    assert (flow["State"], flow["Status"], flow["Tags"]) == (
        "ACTIVE",
        "PUBLISHED",
        {"team": "support"},
    )
    assert '"Text": "Hello"' in flow["Content"]
    resources = cloudformation().describe_stack_resources(StackName=STACK)["StackResources"]
    assert [(r["LogicalResourceId"], r["PhysicalResourceId"]) for r in resources] == [
        ("GreetingFlow", out["FlowArn"])
    ]


@mock_aws
def test_state_archived_is_not_sent_at_create_but_with_the_next_update() -> None:
    """The provider's CreateContactFlow has no State; its update always sends the template's."""
    instance = new_instance(client())
    create(FLOW, InstanceArn=instance["Arn"], FlowState="ARCHIVED")
    flow_arn = outputs()["FlowArn"]
    assert flow_of(flow_arn, instance["Id"])["State"] == "ACTIVE"

    update(FLOW, InstanceArn=instance["Arn"], FlowState="ARCHIVED", Greeting="Bye")

    assert flow_of(flow_arn, instance["Id"])["State"] == "ARCHIVED"


# -- failure ------------------------------------------------------------------------------------


@mock_aws
def test_invalid_published_content_fails_the_stack_with_the_problem() -> None:
    instance = new_instance(client())

    status = create(FLOW, InstanceArn=instance["Arn"], StartAction="nowhere")

    assert status == "ROLLBACK_COMPLETE"
    assert failure("CREATE_FAILED") == (
        "GreetingFlow",
        'Resource handler returned message: "InvalidContactFlowException: The flow content has '
        '1 problem(s): StartAction "nowhere" does not name an action of the flow." '
        "(HandlerErrorCode: InvalidRequest)",
    )
    assert stack_events()[-2:] == ["ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"]
    assert "cfn-greeting" not in flow_names(instance["Id"])
    assert outputs() == {}


@mock_aws
def test_a_name_the_instance_already_has_fails_the_stack() -> None:
    instance = new_instance(client())
    client().create_contact_flow(
        InstanceId=instance["Id"],
        Name="cfn-greeting",
        Type="CONTACT_FLOW",
        Content=HANG_UP,
    )

    assert create(FLOW, InstanceArn=instance["Arn"]) == "ROLLBACK_COMPLETE"

    logical_id, reason = failure("CREATE_FAILED")
    assert logical_id == "GreetingFlow"
    assert reason.startswith('Resource handler returned message: "DuplicateResourceException: ')
    assert "'cfn-greeting' already exists" in reason
    assert reason.endswith("(HandlerErrorCode: AlreadyExists)")
    assert flow_names(instance["Id"]).count("cfn-greeting") == 1


@mock_aws
def test_a_flow_over_the_instance_quota_fails_the_stack() -> None:
    instance = new_instance(client())
    flows = client().list_contact_flows(InstanceId=instance["Id"])["ContactFlowSummaryList"]
    control.configure(contact_flows_per_instance=len(flows))

    assert create(FLOW, InstanceArn=instance["Arn"]) == "ROLLBACK_COMPLETE"

    _, reason = failure("CREATE_FAILED")
    assert f"reached its limit of {len(flows)} contact flows" in reason
    assert reason.startswith('Resource handler returned message: "LimitExceededException: ')
    assert reason.endswith("(HandlerErrorCode: ServiceLimitExceeded)")
    assert len(
        client().list_contact_flows(InstanceId=instance["Id"])["ContactFlowSummaryList"]
    ) == (len(flows))


@mock_aws
def test_a_type_the_resource_schema_does_not_know_fails_the_stack() -> None:
    instance = new_instance(client())

    status = create(FLOW, InstanceArn=instance["Arn"], FlowType="INBOUND")

    assert status == "ROLLBACK_COMPLETE"
    _, reason = failure("CREATE_FAILED")
    assert reason.startswith(
        "Properties validation failed for resource GreetingFlow with message: "
        "[#/Type: 'INBOUND' is not one of ['CONTACT_FLOW', "
    )
    assert "cfn-greeting" not in flow_names(instance["Id"])


# -- update -------------------------------------------------------------------------------------


@mock_aws
def test_name_description_content_and_tags_change_in_place() -> None:
    instance = new_instance(client())
    create(FLOW, InstanceArn=instance["Arn"])
    before = outputs()

    status = update(
        FLOW,
        InstanceArn=instance["Arn"],
        FlowName="cfn-welcome",
        FlowDescription="Welcomes the caller",
        Greeting="Welcome",
        Team="ops",
    )

    assert status == "UPDATE_COMPLETE"
    assert outputs() == before
    flow = flow_of(before["FlowArn"], instance["Id"])
    assert (flow["Name"], flow["Description"], flow["Tags"]) == (
        "cfn-welcome",
        "Welcomes the caller",
        {"team": "ops"},
    )
    assert '"Text": "Welcome"' in flow["Content"]
    assert flow["Status"] == "PUBLISHED"


@mock_aws
def test_invalid_content_in_an_update_rolls_the_flow_back_whole() -> None:
    """The provider renames before it sends the content; the rollback renames it back."""
    instance = new_instance(client())
    create(FLOW, InstanceArn=instance["Arn"])
    flow_arn = outputs()["FlowArn"]
    before = flow_of(flow_arn, instance["Id"])

    status = update(FLOW, InstanceArn=instance["Arn"], FlowName="renamed", StartAction="nowhere")

    assert status == "UPDATE_ROLLBACK_COMPLETE"
    _, reason = failure("UPDATE_FAILED")
    assert "InvalidContactFlowException" in reason
    after = flow_of(flow_arn, instance["Id"])
    assert (after["Name"], after["Content"]) == (before["Name"], before["Content"])


@mock_aws
def test_a_changed_type_replaces_the_flow_only_under_a_new_name() -> None:
    """Type is create-only: CloudFormation creates the new flow before it deletes the old, so
    under the same name the create is a duplicate and the update rolls back."""
    instance = new_instance(client())
    create(FLOW, InstanceArn=instance["Arn"])
    old = outputs()["FlowArn"]

    status = update(FLOW, InstanceArn=instance["Arn"], FlowType="CUSTOMER_QUEUE")

    assert status == "UPDATE_ROLLBACK_COMPLETE"
    assert "(HandlerErrorCode: AlreadyExists)" in failure("UPDATE_FAILED")[1]
    assert outputs()["FlowArn"] == old

    status = update(
        FLOW, InstanceArn=instance["Arn"], FlowType="CUSTOMER_QUEUE", FlowName="cfn-queue"
    )

    assert status == "UPDATE_COMPLETE"
    new = outputs()["FlowArn"]
    assert new != old and gone(old, instance["Id"])
    flow = flow_of(new, instance["Id"])
    assert (flow["Name"], flow["Type"]) == ("cfn-queue", "CUSTOMER_QUEUE")


@mock_aws
def test_a_changed_instance_fails_the_update_as_the_provider_refuses_it() -> None:
    connect = client()
    first, second = new_instance(connect, "first"), new_instance(connect, "second")
    create(FLOW, InstanceArn=first["Arn"])
    flow_arn = outputs()["FlowArn"]

    status = update(FLOW, InstanceArn=second["Arn"])

    assert status == "UPDATE_ROLLBACK_COMPLETE"
    assert failure("UPDATE_FAILED") == (
        "GreetingFlow",
        'Resource handler returned message: "Invalid request provided: InstanceArn cannot be '
        'updated." (HandlerErrorCode: InvalidRequest)',
    )
    assert flow_of(flow_arn, first["Id"])["Name"] == "cfn-greeting"
    assert "cfn-greeting" not in flow_names(second["Id"])


@mock_aws
def test_archiving_a_flow_a_number_points_to_fails_the_update() -> None:
    connect = client()
    instance = new_instance(connect)
    create(FLOW, InstanceArn=instance["Arn"])
    flow_arn = outputs()["FlowArn"]
    number = claim(connect, instance["Id"])
    associate(number["PhoneNumberArn"], instance["Id"], flow_arn)

    status = update(FLOW, InstanceArn=instance["Arn"], FlowState="ARCHIVED")

    assert status == "UPDATE_ROLLBACK_COMPLETE"
    _, reason = failure("UPDATE_FAILED")
    assert f"cannot be archived: phone number {number['PhoneNumberArn']} is associated" in reason
    assert flow_of(flow_arn, instance["Id"])["State"] == "ACTIVE"


# -- delete -------------------------------------------------------------------------------------


@mock_aws
def test_deleting_the_stack_deletes_the_flow_and_a_retained_flow_outlives_it() -> None:
    instance = new_instance(client())
    create(FLOW, InstanceArn=instance["Arn"])
    deleted = outputs()["FlowArn"]
    create("connect-contact-flow-retained.yaml", stack="kept", InstanceArn=instance["Arn"])
    kept = outputs("kept")["FlowArn"]

    for stack in (STACK, "kept"):
        cloudformation().delete_stack(StackName=stack)

    assert gone(deleted, instance["Id"])
    assert flow_of(kept, instance["Id"])["Name"] == "cfn-kept"
    assert "cfn-greeting" not in flow_names(instance["Id"])


@mock_aws
def test_a_flow_a_number_points_to_fails_the_stack_deletion_until_the_number_lets_go() -> None:
    connect = client()
    instance = new_instance(connect)
    create(FLOW, InstanceArn=instance["Arn"])
    flow_arn = outputs()["FlowArn"]
    number = claim(connect, instance["Id"])
    associate(number["PhoneNumberArn"], instance["Id"], flow_arn)

    cloudformation().delete_stack(StackName=STACK)

    assert stack_status() == "DELETE_FAILED"
    assert stack_events()[-2:] == ["DELETE_IN_PROGRESS", "DELETE_FAILED"]
    logical_id, reason = failure("DELETE_FAILED")
    assert logical_id == "GreetingFlow"
    assert reason == (
        'Resource handler returned message: "InvalidRequestException: Contact flow '
        f"{flow_arn} cannot be deleted: phone number {number['PhoneNumberArn']} is associated "
        'with it." (HandlerErrorCode: InvalidRequest)'
    )
    assert flow_of(flow_arn, instance["Id"])["Name"] == "cfn-greeting"

    connect.disassociate_phone_number_contact_flow(
        PhoneNumberId=number["PhoneNumberArn"], InstanceId=instance["Id"]
    )
    cloudformation().delete_stack(StackName=STACK)

    assert gone(flow_arn, instance["Id"])
    stacks = cloudformation().list_stacks()["StackSummaries"]
    assert [s["StackStatus"] for s in stacks if s["StackName"] == STACK] == ["DELETE_COMPLETE"]


# -- the story: a contact centre from one template -----------------------------------------------


@mock_aws
def test_one_template_makes_a_contact_centre_whose_number_is_then_pointed_at_its_flow() -> None:
    """No resource type associates a number with a flow (cfn-lint's schemas have none; the
    provider's issue 60 asks for it), so the association is an API call after the deployment."""
    assert create("connect-contact-centre-with-flow.json") == "CREATE_COMPLETE"
    out = outputs()
    connect = client()
    number = number_of(out["PhoneNumberArn"])
    assert number["InstanceId"] == out["InstanceId"]

    associate(out["PhoneNumberArn"], out["InstanceId"], out["FlowArn"])

    associations = connect.list_flow_associations(
        InstanceId=out["InstanceId"], ResourceType="VOICE_PHONE_NUMBER"
    )["FlowAssociationSummaryList"]
    assert associations == [
        {
            "ResourceId": out["PhoneNumberArn"],
            "FlowId": out["FlowArn"],
            "ResourceType": "VOICE_PHONE_NUMBER",
        }
    ]
    flow = flow_of(out["FlowArn"], out["InstanceId"])
    assert (flow["Name"], flow["State"], flow["Status"]) == ("Welcome", "ACTIVE", "PUBLISHED")

    cloudformation().delete_stack(StackName=STACK)

    assert released(out["PhoneNumberArn"])
    assert connect.list_instances()["InstanceSummaryList"] == []
    stacks = cloudformation().list_stacks()["StackSummaries"]
    assert [s["StackStatus"] for s in stacks if s["StackName"] == STACK] == ["DELETE_COMPLETE"]
