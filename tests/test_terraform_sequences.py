"""The AWS provider for Terraform's call sequences, made with boto3, in both modes.

Each test drives one resource the way terraform-provider-aws does (internal/service/connect/:
instance.go, phone_number.go, contact_flow.go, phone_number_contact_flow_association.go; and
internal/service/pinpointsmsvoicev2/phone_number.go): the
same operations in the same order, with the same waits, and reads back every attribute the
provider sets into its state. A recorder on the client checks the order of the calls.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from moto_connect_ext import mock_aws
from moto_connect_ext.connect.config import PHONE_NUMBER_MODEL
from moto_connect_ext.pinpointsmsvoicev2.models import SMS_PHONE_NUMBER_MODEL
from support import client, flow_content, manual_progress, sms_client

#: The provider's InstanceAttributeMapping (enum.go): attribute type -> its schema attribute.
INSTANCE_ATTRIBUTES = {
    "AUTO_RESOLVE_BEST_VOICES": "auto_resolve_best_voices_enabled",
    "CONTACTFLOW_LOGS": "contact_flow_logs_enabled",
    "CONTACT_LENS": "contact_lens_enabled",
    "EARLY_MEDIA": "early_media_enabled",
    "INBOUND_CALLS": "inbound_calls_enabled",
    "MULTI_PARTY_CONFERENCE": "multi_party_conference_enabled",
    "OUTBOUND_CALLS": "outbound_calls_enabled",
}
#: Polls a waiter makes at most before the test calls it stuck (the provider times out).
POLLS = 20


class Recorder:
    """The operations a client sends, in order."""

    def __init__(self, client: Any) -> None:
        self.calls: list[str] = []
        service = client.meta.service_model.service_id.hyphenize()
        client.meta.events.register(f"before-call.{service}", self._record)

    def _record(self, model: Any, **_: Any) -> None:
        self.calls.append(model.name)

    def take(self) -> list[str]:
        calls, self.calls = self.calls, []
        return calls


def wait_for(read: Callable[[], str | None], pending: set[str], target: str | None) -> int:
    """The provider's StateChangeConf: poll until ``target`` (None: not found), failing on any
    state that is neither pending nor the target; the number of polls."""
    for polls in range(1, POLLS + 1):
        state = read()
        if state == target:
            return polls
        assert state in pending, f"unexpected state {state}"
    raise AssertionError(f"still {state} after {POLLS} polls")


def not_found_as_none(read: Callable[[], str]) -> Callable[[], str | None]:
    def wrapped() -> str | None:
        try:
            return read()
        except ClientError as error:
            if error.response["Error"]["Code"] == "ResourceNotFoundException":
                return None
            raise

    return wrapped


def parse_bool(value: str) -> bool:
    """Go's strconv.ParseBool, which the provider reads each attribute value with."""
    accepted = {"1": True, "t": True, "T": True, "TRUE": True, "true": True, "True": True}
    accepted |= {"0": False, "f": False, "F": False, "FALSE": False, "false": False}
    accepted["False"] = False
    return accepted[value]


# -- aws_connect_instance ----------------------------------------------------------------------


def instance_create(connect: Any, config: dict[str, Any]) -> str:
    created = connect.create_instance(
        ClientToken=uuid.uuid4().hex,
        IdentityManagementType=config["identity_management_type"],
        InboundCallsEnabled=config["inbound_calls_enabled"],
        OutboundCallsEnabled=config["outbound_calls_enabled"],
        InstanceAlias=config["instance_alias"],
    )
    instance_id: str = created["Id"]
    wait_for(
        lambda: connect.describe_instance(InstanceId=instance_id)["Instance"]["InstanceStatus"],
        {"CREATION_IN_PROGRESS"},
        "ACTIVE",
    )
    for attribute_type, key in INSTANCE_ATTRIBUTES.items():
        if config[key]:  # d.GetOk: a false boolean is "not set"
            connect.update_instance_attribute(
                InstanceId=instance_id,
                AttributeType=attribute_type,
                Value=str(config[key]).lower(),
            )
    return instance_id


def instance_read(connect: Any, instance_id: str) -> dict[str, Any]:
    instance = connect.describe_instance(InstanceId=instance_id)["Instance"]
    state = {
        "arn": instance["Arn"],
        "created_time": instance["CreatedTime"],
        "identity_management_type": instance["IdentityManagementType"],
        "inbound_calls_enabled": instance["InboundCallsEnabled"],
        "instance_alias": instance["InstanceAlias"],
        "outbound_calls_enabled": instance["OutboundCallsEnabled"],
        "service_role": instance["ServiceRole"],
        "status": instance["InstanceStatus"],
    }
    for attribute_type, key in INSTANCE_ATTRIBUTES.items():
        attribute = connect.describe_instance_attribute(
            InstanceId=instance_id, AttributeType=attribute_type
        )["Attribute"]
        state[key] = parse_bool(attribute["Value"])
    return state


@mock_aws
def test_aws_connect_instance() -> None:
    connect = client()
    recorder = Recorder(connect)
    config = {
        "identity_management_type": "CONNECT_MANAGED",
        "instance_alias": "tf-acc-test",
        "inbound_calls_enabled": True,
        "outbound_calls_enabled": True,
        "auto_resolve_best_voices_enabled": True,
        "contact_flow_logs_enabled": True,
        "contact_lens_enabled": True,
        "early_media_enabled": True,
        "multi_party_conference_enabled": True,
    }

    instance_id = instance_create(connect, config)
    state = instance_read(connect, instance_id)

    assert recorder.take() == [
        "CreateInstance",
        "DescribeInstance",
        *["UpdateInstanceAttribute"] * 7,
        "DescribeInstance",
        *["DescribeInstanceAttribute"] * 7,
    ]
    assert {key: state[key] for key in config} == config
    assert state["status"] == "ACTIVE"
    assert state["arn"].endswith(f":instance/{instance_id}")
    assert state["service_role"].startswith("arn:aws:iam::")

    # Update: only the changed attributes, then the next refresh reads them all back.
    config |= {"contact_lens_enabled": False, "outbound_calls_enabled": False}
    for attribute_type in ("CONTACT_LENS", "OUTBOUND_CALLS"):
        connect.update_instance_attribute(
            InstanceId=instance_id, AttributeType=attribute_type, Value="false"
        )
    assert {
        key: value for key, value in instance_read(connect, instance_id).items() if key in config
    } == config

    # Delete, then wait until DescribeInstance answers ResourceNotFoundException.
    recorder.take()
    connect.delete_instance(InstanceId=instance_id)
    wait_for(
        not_found_as_none(
            lambda: connect.describe_instance(InstanceId=instance_id)["Instance"]["InstanceStatus"]
        ),
        {"ACTIVE"},
        None,
    )
    assert recorder.take() == ["DeleteInstance", "DescribeInstance"]


@mock_aws
def test_aws_connect_instance_with_the_default_attributes_sends_only_the_true_ones() -> None:
    """The provider sends an attribute only if d.GetOk finds it, which a false boolean is not:
    with the schema's defaults, what it does not send must read back as the default."""
    connect = client()
    recorder = Recorder(connect)
    config = {
        "identity_management_type": "CONNECT_MANAGED",
        "instance_alias": "tf-defaults",
        "inbound_calls_enabled": True,
        "outbound_calls_enabled": False,
        "auto_resolve_best_voices_enabled": True,
        "contact_flow_logs_enabled": False,
        "contact_lens_enabled": True,
        "early_media_enabled": True,
        "multi_party_conference_enabled": False,
    }
    instance_id = instance_create(connect, config)
    assert recorder.take().count("UpdateInstanceAttribute") == 4
    state = instance_read(connect, instance_id)
    assert {key: state[key] for key in config} == config


# -- aws_connect_phone_number ------------------------------------------------------------------


def phone_number_read(connect: Any, phone_number_id: str) -> dict[str, Any]:
    summary = connect.describe_phone_number(PhoneNumberId=phone_number_id)[
        "ClaimedPhoneNumberSummary"
    ]
    return {
        "arn": summary["PhoneNumberArn"],
        "country_code": summary["PhoneNumberCountryCode"],
        "description": summary.get("PhoneNumberDescription"),
        "phone_number": summary["PhoneNumber"],
        "type": summary["PhoneNumberType"],
        "target_arn": summary["TargetArn"],
        "status": [
            {
                "message": summary["PhoneNumberStatus"].get("Message", ""),
                "status": summary["PhoneNumberStatus"]["Status"],
            }
        ],
        "tags": summary.get("Tags", {}),
    }


def phone_number_status(connect: Any, phone_number_id: str) -> Callable[[], str]:
    def read() -> str:
        summary = connect.describe_phone_number(PhoneNumberId=phone_number_id)
        status: str = summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"]
        return status

    return read


@mock_aws
def test_aws_connect_phone_number() -> None:
    connect = client()
    recorder = Recorder(connect)
    first = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="tf-first",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    second = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="tf-second",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    recorder.take()

    # Create: search one, claim it with a UUID token, wait for CLAIMED, read.
    with manual_progress(PHONE_NUMBER_MODEL, times=2):
        found = connect.search_available_phone_numbers(
            MaxResults=1,
            PhoneNumberCountryCode="US",
            PhoneNumberType="DID",
            TargetArn=first["Arn"],
            PhoneNumberPrefix="+1",
        )["AvailableNumbersList"]
        assert len(found) == 1
        claimed = connect.claim_phone_number(
            ClientToken=str(uuid.uuid4()),
            PhoneNumber=found[0]["PhoneNumber"],
            Tags={"Name": "tf-acc"},
            TargetArn=first["Arn"],
            PhoneNumberDescription="test",
        )
        phone_number_id = claimed["PhoneNumberId"]
        polls = wait_for(phone_number_status(connect, phone_number_id), {"IN_PROGRESS"}, "CLAIMED")
    state = phone_number_read(connect, phone_number_id)

    assert polls == 2  # IN_PROGRESS once, then CLAIMED
    assert recorder.take() == [
        "SearchAvailablePhoneNumbers",
        "ClaimPhoneNumber",
        *["DescribePhoneNumber"] * 3,
    ]
    assert state == {
        "arn": claimed["PhoneNumberArn"],
        "country_code": "US",
        "description": "test",
        "phone_number": found[0]["PhoneNumber"],
        "type": "DID",
        "target_arn": first["Arn"],
        "status": [{"message": "", "status": "CLAIMED"}],
        "tags": {"Name": "tf-acc"},
    }

    # Update: move, wait for CLAIMED, tags (untag removed keys, then tag new values), read.
    with manual_progress(PHONE_NUMBER_MODEL, times=1):
        connect.update_phone_number(
            ClientToken=str(uuid.uuid4()), PhoneNumberId=phone_number_id, TargetArn=second["Arn"]
        )
        wait_for(phone_number_status(connect, phone_number_id), {"IN_PROGRESS"}, "CLAIMED")
    connect.untag_resource(resourceArn=state["arn"], tagKeys=["Name"])
    connect.tag_resource(resourceArn=state["arn"], tags={"Key2": "Value2"})
    state = phone_number_read(connect, phone_number_id)
    assert (state["target_arn"], state["tags"]) == (second["Arn"], {"Key2": "Value2"})
    assert state["status"] == [{"message": "", "status": "CLAIMED"}]

    # Delete: release with a UUID token, then wait until Describe answers not found.
    recorder.take()
    connect.release_phone_number(ClientToken=str(uuid.uuid4()), PhoneNumberId=phone_number_id)
    wait_for(not_found_as_none(phone_number_status(connect, phone_number_id)), {"CLAIMED"}, None)
    assert recorder.take() == ["ReleasePhoneNumber", "DescribePhoneNumber"]


# -- aws_connect_contact_flow ------------------------------------------------------------------


def contact_flow_read(connect: Any, instance_id: str, flow_id: str) -> dict[str, Any]:
    flow = connect.describe_contact_flow(InstanceId=instance_id, ContactFlowId=flow_id)[
        "ContactFlow"
    ]
    return {
        "arn": flow["Arn"],
        "contact_flow_id": flow["Id"],
        "instance_id": instance_id,
        "name": flow["Name"],
        "description": flow.get("Description"),
        "type": flow["Type"],
        "content": flow["Content"],
        "tags": flow.get("Tags", {}),
    }


@mock_aws
def test_aws_connect_contact_flow() -> None:
    connect = client()
    instance_id = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="tf-flows",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    recorder = Recorder(connect)

    created = connect.create_contact_flow(
        Name="tf-flow",
        InstanceId=instance_id,
        Type="CONTACT_FLOW",
        Description="Test Contact Flow Description",
        Content=flow_content("Hello"),
        Tags={"Name": "Test Contact Flow"},
    )
    resource_id = f"{instance_id}:{created['ContactFlowId']}"  # the provider's id
    state = contact_flow_read(connect, *resource_id.split(":", 1))
    assert state == {
        "arn": created["ContactFlowArn"],
        "contact_flow_id": created["ContactFlowId"],
        "instance_id": instance_id,
        "name": "tf-flow",
        "description": "Test Contact Flow Description",
        "type": "CONTACT_FLOW",
        "content": flow_content("Hello"),
        "tags": {"Name": "Test Contact Flow"},
    }

    # Update: name and description, then content, then tags, then read.
    connect.update_contact_flow_name(
        ContactFlowId=created["ContactFlowId"],
        InstanceId=instance_id,
        Name="tf-flow-renamed",
        Description="Updated",
    )
    connect.update_contact_flow_content(
        ContactFlowId=created["ContactFlowId"],
        InstanceId=instance_id,
        Content=flow_content("Goodbye"),
    )
    state = contact_flow_read(connect, instance_id, created["ContactFlowId"])
    assert (state["name"], state["description"]) == ("tf-flow-renamed", "Updated")
    assert state["content"] == flow_content("Goodbye")

    connect.delete_contact_flow(ContactFlowId=created["ContactFlowId"], InstanceId=instance_id)
    assert recorder.take() == [
        "CreateContactFlow",
        "DescribeContactFlow",
        "UpdateContactFlowName",
        "UpdateContactFlowContent",
        "DescribeContactFlow",
        "DeleteContactFlow",
    ]
    with pytest.raises(ClientError) as excinfo:
        connect.describe_contact_flow(
            InstanceId=instance_id, ContactFlowId=created["ContactFlowId"]
        )
    assert excinfo.value.response["Error"]["Code"] == "ResourceNotFoundException"


# -- aws_connect_phone_number_contact_flow_association -----------------------------------------


def association_read(
    connect: Any, phone_number_id: str, instance_id: str, flow_id: str
) -> list[dict[str, Any]]:
    """findPhoneNumberContactFlowAssociationByThreePartKey: the number, the flow, then every
    page of the instance's VOICE_PHONE_NUMBER associations, filtered on both ARNs."""
    number = connect.describe_phone_number(PhoneNumberId=phone_number_id)[
        "ClaimedPhoneNumberSummary"
    ]
    flow = connect.describe_contact_flow(InstanceId=instance_id, ContactFlowId=flow_id)[
        "ContactFlow"
    ]
    pages = connect.get_paginator("list_flow_associations").paginate(
        InstanceId=instance_id, ResourceType="VOICE_PHONE_NUMBER"
    )
    return [
        summary
        for page in pages
        for summary in page["FlowAssociationSummaryList"]
        if summary["ResourceId"] == number["PhoneNumberArn"] and summary["FlowId"] == flow["Arn"]
    ]


@mock_aws
def test_aws_connect_phone_number_contact_flow_association() -> None:
    connect = client()
    instance = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="tf-association",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    found = connect.search_available_phone_numbers(
        MaxResults=1, PhoneNumberCountryCode="US", PhoneNumberType="DID", TargetArn=instance["Arn"]
    )["AvailableNumbersList"]
    number = connect.claim_phone_number(
        ClientToken=str(uuid.uuid4()),
        PhoneNumber=found[0]["PhoneNumber"],
        TargetArn=instance["Arn"],
    )
    flow = connect.create_contact_flow(
        Name="tf-inbound", InstanceId=instance["Id"], Type="CONTACT_FLOW", Content=flow_content()
    )
    recorder = Recorder(connect)

    connect.associate_phone_number_contact_flow(
        ContactFlowId=flow["ContactFlowId"],
        InstanceId=instance["Id"],
        PhoneNumberId=number["PhoneNumberId"],
    )
    found_associations = association_read(
        connect, number["PhoneNumberId"], instance["Id"], flow["ContactFlowId"]
    )
    assert found_associations == [
        {
            "ResourceId": number["PhoneNumberArn"],
            "FlowId": flow["ContactFlowArn"],
            "ResourceType": "VOICE_PHONE_NUMBER",
        }
    ]
    connect.disassociate_phone_number_contact_flow(
        InstanceId=instance["Id"], PhoneNumberId=number["PhoneNumberId"]
    )
    assert (
        association_read(connect, number["PhoneNumberId"], instance["Id"], flow["ContactFlowId"])
        == []
    )
    assert recorder.take() == [
        "AssociatePhoneNumberContactFlow",
        "DescribePhoneNumber",
        "DescribeContactFlow",
        "ListFlowAssociations",
        "DisassociatePhoneNumberContactFlow",
        "DescribePhoneNumber",
        "DescribeContactFlow",
        "ListFlowAssociations",
    ]


# -- aws_pinpointsmsvoicev2_phone_number ---------------------------------------------------------


def sms_status(sms: Any, phone_number_id: str) -> Callable[[], str | None]:
    """findPhoneNumberByID as the provider's waiters read it: DELETED or not found is gone."""

    def read() -> str | None:
        try:
            numbers = sms.describe_phone_numbers(PhoneNumberIds=[phone_number_id])["PhoneNumbers"]
        except ClientError as error:
            if error.response["Error"]["Code"] == "ResourceNotFoundException":
                return None
            raise
        status: str = numbers[0]["Status"]
        return None if status == "DELETED" else status

    return read


@mock_aws
def test_aws_pinpointsmsvoicev2_phone_number() -> None:
    """internal/service/pinpointsmsvoicev2/phone_number.go: request with a ClientToken and the
    tags, wait for ACTIVE, update the two-way settings and wait again; the update sends every
    updatable member; delete releases and waits until the number is gone."""
    sms = sms_client()
    recorder = Recorder(sms)
    with manual_progress(SMS_PHONE_NUMBER_MODEL, times=2):
        requested = sms.request_phone_number(
            ClientToken="terraform-20261207000000000000000001",
            IsoCountryCode="US",
            MessageType="TRANSACTIONAL",
            NumberCapabilities=["SMS"],
            NumberType="TOLL_FREE",
            DeletionProtectionEnabled=False,
            Tags=[{"Key": "Name", "Value": "tf-acc"}],
        )
        phone_number_id = requested["PhoneNumberId"]
        wait_for(sms_status(sms, phone_number_id), {"PENDING", "ASSOCIATING"}, "ACTIVE")
    sms.update_phone_number(
        PhoneNumberId=phone_number_id,
        SelfManagedOptOutsEnabled=True,
        TwoWayChannelArn="arn:aws:sns:us-east-1:123456789012:tf-acc",
        TwoWayEnabled=True,
    )
    wait_for(sms_status(sms, phone_number_id), {"PENDING", "ASSOCIATING"}, "ACTIVE")
    state = sms.describe_phone_numbers(PhoneNumberIds=[phone_number_id])["PhoneNumbers"][0]
    tags = sms.list_tags_for_resource(ResourceArn=state["PhoneNumberArn"])["Tags"]
    assert recorder.take() == [
        "RequestPhoneNumber",
        "DescribePhoneNumbers",
        "DescribePhoneNumbers",
        "UpdatePhoneNumber",
        "DescribePhoneNumbers",
        "DescribePhoneNumbers",
        "ListTagsForResource",
    ]
    assert {
        key: state[key]
        for key in (
            "IsoCountryCode",
            "MessageType",
            "NumberCapabilities",
            "NumberType",
            "OptOutListName",
            "DeletionProtectionEnabled",
            "SelfManagedOptOutsEnabled",
            "TwoWayChannelArn",
            "TwoWayEnabled",
        )
    } == {
        "IsoCountryCode": "US",
        "MessageType": "TRANSACTIONAL",
        "NumberCapabilities": ["SMS"],
        "NumberType": "TOLL_FREE",
        "OptOutListName": "Default",
        "DeletionProtectionEnabled": False,
        "SelfManagedOptOutsEnabled": True,
        "TwoWayChannelArn": "arn:aws:sns:us-east-1:123456789012:tf-acc",
        "TwoWayEnabled": True,
    }
    assert (state["PhoneNumber"], state["MonthlyLeasingPrice"]) == (
        requested["PhoneNumber"],
        "2.00",
    )
    assert tags == [{"Key": "Name", "Value": "tf-acc"}]

    # Update: every updatable member, then wait for ACTIVE.
    sms.update_phone_number(
        PhoneNumberId=phone_number_id,
        DeletionProtectionEnabled=True,
        OptOutListName="Default",
        SelfManagedOptOutsEnabled=True,
        TwoWayChannelArn="arn:aws:sns:us-east-1:123456789012:tf-acc",
        TwoWayEnabled=True,
    )
    wait_for(sms_status(sms, phone_number_id), {"PENDING", "ASSOCIATING"}, "ACTIVE")
    with pytest.raises(ClientError) as excinfo:  # the protection the update turned on
        sms.release_phone_number(PhoneNumberId=phone_number_id)
    assert excinfo.value.response["Error"]["Code"] == "ConflictException"
    sms.update_phone_number(PhoneNumberId=phone_number_id, DeletionProtectionEnabled=False)

    recorder.take()
    sms.release_phone_number(PhoneNumberId=phone_number_id)
    wait_for(sms_status(sms, phone_number_id), {"DISASSOCIATING"}, None)
    assert recorder.take() == ["ReleasePhoneNumber", "DescribePhoneNumbers"]
