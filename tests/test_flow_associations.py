"""Phone numbers and contact flows: Associate/DisassociatePhoneNumberContactFlow,
ListFlowAssociations, BatchGetFlowAssociation, and what release, move and instance deletion do to
an association (docs/behaviour.md, "Contact flows"), with the user's whole story and its TDG variant.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.core import set_initial_no_auth_action_count
from test_contact_flows import create
from test_iam import ALLOW_CONNECT, SETUP_CALLS, assert_json_error, create_user_with_policy, deny
from test_tdg_phone_numbers import replicated_tdg

from support import (
    available,
    claim,
    client,
    error_of,
    error_with_status,
    flow_content,
    manual_progress,
    new_instance,
    no_retries,
)

HOME, PARTNER = "us-east-1", "us-west-2"
PHONE_NUMBER_MODEL = "connect::phone_number"
SAMPLE = "Sample inbound flow (first contact experience)"


@pytest.fixture
def connect() -> Any:
    with mock_aws():
        yield client()


@pytest.fixture
def instance(connect: Any) -> dict[str, str]:
    return new_instance(connect)


def flow_named(connect: Any, instance_id: str, name: str) -> dict[str, Any]:
    pages = connect.get_paginator("list_contact_flows").paginate(InstanceId=instance_id)
    return next(f for page in pages for f in page["ContactFlowSummaryList"] if f["Name"] == name)


def associations(connect: Any, instance_id: str, **kwargs: Any) -> list[dict[str, str]]:
    pages = connect.get_paginator("list_flow_associations").paginate(
        InstanceId=instance_id, **kwargs
    )
    return [a for page in pages for a in page["FlowAssociationSummaryList"]]


def associate(connect: Any, number: str, instance_id: str, flow_id: str) -> None:
    connect.associate_phone_number_contact_flow(
        PhoneNumberId=number, InstanceId=instance_id, ContactFlowId=flow_id
    )


def test_the_whole_story(connect):
    """Create an instance, find the default inbound flow by name, create and publish a flow, search,
    claim, associate, list, move the number and release it."""
    instance = new_instance(connect)
    sample = flow_named(connect, instance["Id"], SAMPLE)
    assert sample["ContactFlowType"] == "CONTACT_FLOW"
    draft = create(connect, instance["Id"], "Main IVR", Content="{}", Status="SAVED")
    connect.update_contact_flow_content(
        InstanceId=instance["Id"], ContactFlowId=draft["ContactFlowId"], Content=flow_content()
    )
    number = available(connect, instance["Id"])[0]
    claimed = connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=number)
    associate(connect, claimed["PhoneNumberId"], instance["Id"], draft["ContactFlowId"])
    assert associations(connect, instance["Id"], ResourceType="VOICE_PHONE_NUMBER") == [
        {
            "ResourceId": claimed["PhoneNumberArn"],
            "FlowId": draft["ContactFlowArn"],
            "ResourceType": "VOICE_PHONE_NUMBER",
        }
    ]
    associate(connect, claimed["PhoneNumberArn"], instance["Id"], sample["Arn"])  # replaces
    assert [a["FlowId"] for a in associations(connect, instance["Id"])] == [sample["Arn"]]
    other = new_instance(connect, "other")
    connect.update_phone_number(PhoneNumberId=claimed["PhoneNumberId"], InstanceId=other["Id"])
    assert associations(connect, instance["Id"]) == []
    assert associations(connect, other["Id"]) == []  # the move does not migrate the flow
    other_sample = flow_named(connect, other["Id"], SAMPLE)
    associate(connect, claimed["PhoneNumberId"], other["Id"], other_sample["Id"])
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert associations(connect, other["Id"]) == []
    flow = connect.describe_contact_flow(InstanceId=other["Id"], ContactFlowId=other_sample["Id"])
    assert flow["ContactFlow"]["State"] == "ACTIVE"


def test_only_published_active_inbound_flows(connect, instance):
    number = claim(connect, instance["Id"])["PhoneNumberId"]
    queue = flow_named(connect, instance["Id"], "Default customer queue")
    saved = create(connect, instance["Id"], "saved", Status="SAVED")
    archived = create(connect, instance["Id"], "archived")
    connect.update_contact_flow_metadata(
        InstanceId=instance["Id"],
        ContactFlowId=archived["ContactFlowId"],
        ContactFlowState="ARCHIVED",
    )
    for flow_arn, reason in (
        (queue["Arn"], "its type is CUSTOMER_QUEUE, not CONTACT_FLOW"),
        (saved["ContactFlowArn"], "it is not published"),
        (archived["ContactFlowArn"], "it is ARCHIVED"),
    ):
        with pytest.raises(ClientError) as excinfo:
            associate(connect, number, instance["Id"], flow_arn)
        assert error_with_status(excinfo) == (
            "InvalidParameterException",
            400,
            f"Contact flow {flow_arn} cannot be associated with a phone number: {reason}.",
        )
    assert associations(connect, instance["Id"]) == []


def test_unknown_things_are_not_found(connect, instance):
    number = claim(connect, instance["Id"])
    flow = create(connect, instance["Id"])["ContactFlowId"]
    other = new_instance(connect, "other")
    for kwargs in (
        {
            "PhoneNumberId": number["PhoneNumberId"],
            "InstanceId": other["Id"],
            "ContactFlowId": flow,
        },
        {
            "PhoneNumberId": number["PhoneNumberId"],
            "InstanceId": instance["Id"],
            "ContactFlowId": "x",
        },
        {
            "PhoneNumberId": "00000000-0000-4000-8000-000000000000",
            "InstanceId": instance["Id"],
            "ContactFlowId": flow,
        },
    ):
        with pytest.raises(ClientError) as excinfo:
            connect.associate_phone_number_contact_flow(**kwargs)
        assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_disassociate(connect, instance):
    number = claim(connect, instance["Id"])["PhoneNumberArn"]
    flow = create(connect, instance["Id"])["ContactFlowId"]
    with pytest.raises(ClientError) as excinfo:
        connect.disassociate_phone_number_contact_flow(
            PhoneNumberId=number, InstanceId=instance["Id"]
        )
    assert error_with_status(excinfo)[:2] == ("ResourceNotFoundException", 404)
    associate(connect, number, instance["Id"], flow)
    connect.disassociate_phone_number_contact_flow(PhoneNumberId=number, InstanceId=instance["Id"])
    assert associations(connect, instance["Id"]) == []
    connect.delete_contact_flow(InstanceId=instance["Id"], ContactFlowId=flow)


def test_a_flow_in_use_cannot_be_deleted_or_archived(connect, instance):
    number = claim(connect, instance["Id"])["PhoneNumberArn"]
    flow = create(connect, instance["Id"])
    associate(connect, number, instance["Id"], flow["ContactFlowId"])
    message = f"Contact flow {flow['ContactFlowArn']} cannot be {{}}: phone number {number} is associated with it."
    with pytest.raises(ClientError) as excinfo:
        connect.delete_contact_flow(InstanceId=instance["Id"], ContactFlowId=flow["ContactFlowId"])
    assert error_with_status(excinfo) == ("InvalidRequestException", 400, message.format("deleted"))
    with pytest.raises(ClientError) as excinfo:
        connect.update_contact_flow_metadata(
            InstanceId=instance["Id"],
            ContactFlowId=flow["ContactFlowId"],
            Description="changed",
            ContactFlowState="ARCHIVED",
        )
    assert error_of(excinfo) == ("InvalidRequestException", message.format("archived"))
    described = connect.describe_contact_flow(
        InstanceId=instance["Id"], ContactFlowId=flow["ContactFlowId"]
    )["ContactFlow"]
    assert (described["State"], described.get("Description")) == ("ACTIVE", None)


def test_in_progress_and_failed_numbers_cannot_be_associated(connect, instance):
    from moto_connect_ext import control

    flow = create(connect, instance["Id"])["ContactFlowId"]
    with manual_progress(PHONE_NUMBER_MODEL):
        pending = claim(connect, instance["Id"])["PhoneNumberArn"]
        with pytest.raises(ClientError) as excinfo:
            associate(connect, pending, instance["Id"], flow)
        assert error_of(excinfo) == (
            "InvalidParameterException",
            f"Phone number {pending} is IN_PROGRESS; only a CLAIMED number can be associated "
            "with a flow.",
        )
    control.configure(phone_numbers_per_instance=1)
    failed = claim(connect, instance["Id"])["PhoneNumberArn"]
    with pytest.raises(ClientError) as excinfo:
        associate(connect, failed, instance["Id"], flow)
    assert error_of(excinfo)[1].startswith(f"Phone number {failed} is FAILED")


def test_batch_get_and_list_paging(connect, instance):
    from moto_connect_ext import control

    control.configure(phone_numbers_per_instance=10)
    flow = create(connect, instance["Id"])
    numbers = [claim(connect, instance["Id"])["PhoneNumberArn"] for _ in range(4)]
    for arn in numbers[:3]:
        associate(connect, arn, instance["Id"], flow["ContactFlowId"])
    listed = associations(connect, instance["Id"], PaginationConfig={"PageSize": 2})
    assert sorted(a["ResourceId"] for a in listed) == sorted(numbers[:3])
    assert associations(connect, instance["Id"], ResourceType="INBOUND_EMAIL") == []
    got = connect.batch_get_flow_association(
        InstanceId=instance["Id"], ResourceIds=[numbers[3], numbers[1], numbers[0]]
    )["FlowAssociationSummaryList"]
    assert [(a["ResourceId"], a["FlowId"]) for a in got] == [
        (numbers[1], flow["ContactFlowArn"]),
        (numbers[0], flow["ContactFlowArn"]),
    ]


def test_delete_instance_removes_associations(connect, instance):
    number = claim(connect, instance["Id"])["PhoneNumberArn"]
    flow = create(connect, instance["Id"])["ContactFlowId"]
    associate(connect, number, instance["Id"], flow)
    connect.delete_instance(InstanceId=instance["Id"])
    with pytest.raises(ClientError) as excinfo:
        connect.list_flow_associations(InstanceId=instance["Id"])
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_the_tdg_story_across_two_regions():
    with mock_aws():
        east, west = client(HOME), client(PARTNER)
        tdg = replicated_tdg(east)
        instance_id = tdg["InstanceId"]
        # F8: the replica has the source's flows, with the same ids.
        east_flows = {f["Name"]: f["Id"] for f in flow_named_all(east, instance_id)}
        west_flows = {f["Name"]: f["Id"] for f in flow_named_all(west, instance_id)}
        assert east_flows == west_flows
        made = create(east, instance_id, "Global IVR")
        west_flow = west.describe_contact_flow(
            InstanceId=instance_id, ContactFlowId=made["ContactFlowId"]
        )["ContactFlow"]
        assert west_flow["Arn"] == made["ContactFlowArn"].replace(HOME, PARTNER)
        number = claim(east, tdg["Arn"])
        # From the partner Region a UUID is not found; the ARN works.
        with pytest.raises(ClientError) as excinfo:
            associate(west, number["PhoneNumberId"], instance_id, made["ContactFlowId"])
        assert error_of(excinfo)[0] == "ResourceNotFoundException"
        associate(west, number["PhoneNumberArn"], instance_id, made["ContactFlowId"])
        # F7: mirrored to the other instance of the pair.
        for connect, region in ((east, HOME), (west, PARTNER)):
            assert associations(connect, instance_id) == [
                {
                    "ResourceId": number["PhoneNumberArn"],
                    "FlowId": made["ContactFlowArn"].replace(HOME, region),
                    "ResourceType": "VOICE_PHONE_NUMBER",
                }
            ]
        with pytest.raises(ClientError) as excinfo:
            west.delete_contact_flow(InstanceId=instance_id, ContactFlowId=made["ContactFlowId"])
        assert error_of(excinfo)[0] == "InvalidRequestException"
        associate(east, number["PhoneNumberId"], instance_id, made["ContactFlowId"])
        east.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
        assert associations(east, instance_id) == associations(west, instance_id) == []
        west.delete_contact_flow(InstanceId=instance_id, ContactFlowId=made["ContactFlowId"])
        with pytest.raises(ClientError) as excinfo:
            east.describe_contact_flow(InstanceId=instance_id, ContactFlowId=made["ContactFlowId"])
        assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_a_home_number_of_a_replicated_instance_keeps_its_flow_when_deleted_elsewhere():
    with mock_aws():
        east, west = client(HOME), client(PARTNER)
        tdg = replicated_tdg(east)
        instance_id = tdg["InstanceId"]
        number = claim(east, instance_id)["PhoneNumberArn"]
        flow = create(east, instance_id)["ContactFlowId"]
        associate(east, number, instance_id, flow)
        assert associations(west, instance_id) == []  # an instance number is not mirrored
        with pytest.raises(ClientError) as excinfo:
            west.delete_contact_flow(InstanceId=instance_id, ContactFlowId=flow)
        assert error_of(excinfo)[0] == "InvalidRequestException"


def flow_named_all(connect: Any, instance_id: str) -> list[dict[str, Any]]:
    pages = connect.get_paginator("list_contact_flows").paginate(InstanceId=instance_id)
    return [f for page in pages for f in page["ContactFlowSummaryList"]]


def test_disassociating_a_tdg_number_in_either_region_removes_both():
    with mock_aws():
        east, west = client(HOME), client(PARTNER)
        tdg = replicated_tdg(east)
        instance_id = tdg["InstanceId"]
        number = claim(east, tdg["Arn"])["PhoneNumberArn"]
        sample = flow_named(east, instance_id, SAMPLE)["Id"]
        associate(east, number, instance_id, sample)
        west.disassociate_phone_number_contact_flow(PhoneNumberId=number, InstanceId=instance_id)
        assert associations(east, instance_id) == associations(west, instance_id) == []


def test_deleting_a_replicated_source_removes_the_replica_flows():
    with mock_aws():
        east, west = client(HOME), client(PARTNER)
        instance_id = replicated_tdg(east)["InstanceId"]
        west_arn = create(west, instance_id, Tags={"k": "v"})["ContactFlowArn"]
        east.delete_instance(InstanceId=instance_id)
        for call in (
            lambda: west.list_contact_flows(InstanceId=instance_id),
            lambda: west.list_tags_for_resource(resourceArn=west_arn),
        ):
            with pytest.raises(ClientError) as excinfo:
                call()
            assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_a_flow_tagged_before_replication_is_tagged_in_the_replica():
    with mock_aws():
        east, west = client(HOME), client(PARTNER)
        instance = east.create_instance(
            IdentityManagementType="SAML",
            InstanceAlias="tagged-source",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )
        before = create(east, instance["Id"], "Before", Tags={"team": "blue"})["ContactFlowId"]
        east.replicate_instance(
            InstanceId=instance["Id"], ReplicaRegion=PARTNER, ReplicaAlias="tagged-replica"
        )
        after = create(east, instance["Id"], "After", Tags={"team": "blue"})["ContactFlowId"]

        for flow_id in (before, after):
            replica = west.describe_contact_flow(InstanceId=instance["Id"], ContactFlowId=flow_id)
            arn = replica["ContactFlow"]["Arn"]
            assert f":{PARTNER}:" in arn
            assert replica["ContactFlow"]["Tags"] == {"team": "blue"}
            assert west.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "blue"}
        found = west.search_contact_flows(
            InstanceId=instance["Id"],
            SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "team", "TagValue": "blue"}}},
        )
        assert sorted(f["Name"] for f in found["ContactFlows"]) == ["After", "Before"]


def test_an_update_to_the_same_instance_keeps_the_association(connect, instance):
    number = claim(connect, instance["Id"])["PhoneNumberArn"]
    flow = create(connect, instance["Id"])
    associate(connect, number, instance["Id"], flow["ContactFlowId"])
    connect.update_phone_number(PhoneNumberId=number, InstanceId=instance["Id"])
    assert [a["FlowId"] for a in associations(connect, instance["Id"])] == [flow["ContactFlowArn"]]


def test_faults_and_iam_reach_the_flow_operations(connect, instance):
    from moto_connect_ext import control

    number = claim(connect, instance["Id"])["PhoneNumberArn"]
    flow = create(connect, instance["Id"])["ContactFlowId"]
    control.inject_fault("AssociatePhoneNumberContactFlow", "ThrottlingException")
    with pytest.raises(ClientError) as excinfo:
        associate(client(config=no_retries()), number, instance["Id"], flow)
    assert error_with_status(excinfo)[:2] == ("ThrottlingException", 429)
    assert associations(connect, instance["Id"]) == []


@mock_aws
@set_initial_no_auth_action_count(SETUP_CALLS)
def test_iam_authorizes_and_denies_the_flow_operations() -> None:
    statements = [ALLOW_CONNECT, deny("connect:DisassociatePhoneNumberContactFlow")]
    connect = client(**create_user_with_policy(statements))
    instance = new_instance(connect)
    number = claim(connect, instance["Id"])["PhoneNumberArn"]
    flow = create(connect, instance["Id"])["ContactFlowId"]
    associate(connect, number, instance["Id"], flow)  # PUT with a body
    assert len(associations(connect, instance["Id"])) == 1  # GET, no body
    with pytest.raises(ClientError) as excinfo:  # DELETE, no body
        connect.disassociate_phone_number_contact_flow(
            PhoneNumberId=number, InstanceId=instance["Id"]
        )
    assert assert_json_error(excinfo, "AccessDeniedException", 403)
    assert len(associations(connect, instance["Id"])) == 1
