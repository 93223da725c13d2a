"""The number-to-flow association.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true); flows a
test creates are deleted and numbers it claims released.
"""

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
    replicate,
    with_connect_instance,
)
from .test_contact_flows import SAMPLE, flow_named, flows


def associations(client: Any, instance_id: str) -> list[dict[str, str]]:
    return client.list_flow_associations(
        InstanceId=instance_id, ResourceType="VOICE_PHONE_NUMBER"
    )["FlowAssociationSummaryList"]


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
