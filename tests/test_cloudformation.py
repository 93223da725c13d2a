"""AWS::Connect resources through moto's CloudFormation (issue 12), in both modes.

Every template the suite deploys lives in tests/templates/ and passes cfn-lint, whose bundled
resource schemas are AWS's own; one of them is synthesized by the CDK app in cdk/. Stacks are
created, updated and deleted through boto3's cloudformation client, and what they did is read
back through the connect client, as a user would check a deployment.
"""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import boto3
import moto.backends
import pytest
from botocore.exceptions import ClientError
from cfnlint.api import lint_file
from moto import mock_aws

from moto_connect_ext import control
from support import (
    as_account,
    claim,
    client,
    error_of,
    lapse_search_offers,
    new_instance,
    no_retries,
    request_number,
    sms_client,
)

TEMPLATES = Path(__file__).parent / "templates"
STACK = "contact-centre"
INSTANCE_AND_NUMBER = "connect-instance-and-number.yaml"
RETAINED = "connect-phone-number-retained.yaml"
OTHER_ACCOUNT = "111122223333"


@pytest.mark.parametrize("template", sorted(TEMPLATES.iterdir()), ids=lambda path: path.name)
def test_every_template_passes_cfn_lint(template: Path) -> None:
    assert [str(match) for match in lint_file(template)] == []


# -- helpers ------------------------------------------------------------------------------------


def cloudformation(region: str = "us-east-1") -> Any:
    return boto3.client("cloudformation", region_name=region, config=no_retries())


def body(name: str) -> str:
    return (TEMPLATES / name).read_text()


def as_parameters(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"ParameterKey": key, "ParameterValue": value} for key, value in values.items()]


def create(template: str, stack: str = STACK, **parameters: str) -> str:
    """Create a stack from a template in tests/templates/; its status."""
    cloudformation().create_stack(
        StackName=stack, TemplateBody=body(template), Parameters=as_parameters(parameters)
    )
    return stack_status(stack)


def update(template: str, stack: str = STACK, **parameters: str) -> str:
    cloudformation().update_stack(
        StackName=stack, TemplateBody=body(template), Parameters=as_parameters(parameters)
    )
    return stack_status(stack)


def stack_status(stack: str = STACK) -> str:
    status: str = cloudformation().describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
    return status


def outputs(stack: str = STACK) -> dict[str, str]:
    described = cloudformation().describe_stacks(StackName=stack)["Stacks"][0]
    return {item["OutputKey"]: item["OutputValue"] for item in described.get("Outputs", [])}


def resource_events(stack: str = STACK) -> list[tuple[str, str, str]]:
    """(logical id, status, reason) of the stack's events about its resources, oldest first."""
    events = cloudformation().describe_stack_events(StackName=stack)["StackEvents"]
    return [
        (event["LogicalResourceId"], event["ResourceStatus"], event.get("ResourceStatusReason", ""))
        for event in reversed(events)
        if event["ResourceType"] != "AWS::CloudFormation::Stack"
    ]


def stack_events(stack: str = STACK) -> list[str]:
    events = cloudformation().describe_stack_events(StackName=stack)["StackEvents"]
    return [
        event["ResourceStatus"]
        for event in reversed(events)
        if event["ResourceType"] == "AWS::CloudFormation::Stack"
    ]


def number_of(phone_number_arn: str) -> dict[str, Any]:
    summary: dict[str, Any] = client().describe_phone_number(PhoneNumberId=phone_number_arn)[
        "ClaimedPhoneNumberSummary"
    ]
    return summary


def released(phone_number_arn: str) -> bool:
    with pytest.raises(ClientError) as excinfo:
        client().describe_phone_number(PhoneNumberId=phone_number_arn)
    return error_of(excinfo)[0] == "ResourceNotFoundException"


def claimable(e164: str) -> bool:
    """Whether another account can claim the address (not while it cools down after a release,
    which holds for every account; that account's own churn record is clean)."""
    connect = as_account(OTHER_ACCOUNT)
    instance_id = new_instance(connect, f"claimer-{e164[1:]}")["Id"]
    try:
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=e164)
    except ClientError as error:
        assert error.response["Error"]["Message"] == f"Phone number not available: {e164}"
        return False
    return True


def all_claimed() -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = client().list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    return listed


# -- create -------------------------------------------------------------------------------------


@mock_aws
def test_a_yaml_stack_creates_the_instance_and_claims_a_number_for_it() -> None:
    assert create("connect-instance-and-number.yaml") == "CREATE_COMPLETE"

    out = outputs()
    connect = client()
    instance = connect.describe_instance(InstanceId=out["InstanceId"])["Instance"]
    assert (instance["Arn"], instance["InstanceAlias"]) == (
        out["InstanceArn"],
        "cfn-contact-centre",
    )
    assert instance["IdentityManagementType"] == "CONNECT_MANAGED"
    assert (instance["InboundCallsEnabled"], instance["OutboundCallsEnabled"]) == (True, False)
    assert out["InstanceStatus"] == instance["InstanceStatus"] == "ACTIVE"
    assert out["ServiceRole"] == instance["ServiceRole"]
    assert out["CreatedTime"].startswith(instance["CreatedTime"].strftime("%Y-%m-%dT%H:%M"))

    number = number_of(out["PhoneNumberArn"])
    assert out["PhoneNumberArnAttribute"] == number["PhoneNumberArn"] == out["PhoneNumberArn"]
    assert number["PhoneNumberStatus"]["Status"] == "CLAIMED"
    assert (number["PhoneNumber"], number["TargetArn"]) == (out["Address"], out["InstanceArn"])
    assert (number["PhoneNumberCountryCode"], number["PhoneNumberType"]) == ("US", "TOLL_FREE")
    assert number["PhoneNumberDescription"] == "Main line"
    assert number["Tags"] == {"team": "support"}

    resources = cloudformation().describe_stack_resources(StackName=STACK)["StackResources"]
    assert {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources} == {
        "ContactCentre": out["InstanceArn"],
        "MainLine": out["PhoneNumberArn"],
    }


@mock_aws
def test_a_json_stack_claims_a_number_with_the_prefix_for_a_target_made_outside_it() -> None:
    instance = new_instance(client())

    status = create("connect-phone-number.json", TargetArn=instance["Arn"], Prefix="+1888")

    assert status == "CREATE_COMPLETE"
    number = number_of(outputs()["PhoneNumberArn"])
    assert number["PhoneNumber"].startswith("+1888")
    assert number["PhoneNumber"] == outputs()["Address"]
    assert number["TargetArn"] == instance["Arn"]


# -- failure ------------------------------------------------------------------------------------


@mock_aws
def test_no_stock_for_the_query_fails_the_stack_with_the_reason_and_rolls_it_back() -> None:
    # +1212 is a New York area code: no toll-free number starts with it.
    status = create("connect-instance-and-number.yaml", Prefix="+1212")

    assert status == "ROLLBACK_COMPLETE"
    failed = [event for event in resource_events() if event[1] == "CREATE_FAILED"]
    assert [(logical_id, status) for logical_id, status, _ in failed] == [
        ("MainLine", "CREATE_FAILED")
    ]
    assert re.fullmatch(
        r'Resource handler returned message: "ResourceNotFoundException: No phone numbers '
        r"available for TargetArn arn:aws:connect:us-east-1:123456789012:instance/[-0-9a-f]+, "
        r'PhoneNumberCountryCode US, PhoneNumberType TOLL_FREE, PhoneNumberPrefix \+1212\." '
        r"\(HandlerErrorCode: NotFound\)",
        failed[0][2],
    )
    assert stack_events()[-2:] == ["ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"]
    assert client().list_instances()["InstanceSummaryList"] == []
    assert all_claimed() == []
    assert outputs() == {}
    assert cloudformation().describe_stack_resources(StackName=STACK)["StackResources"] == []


@mock_aws
def test_a_claim_the_churn_rule_refuses_fails_the_stack_and_claims_nothing() -> None:
    control.configure(phone_numbers_per_instance=1)  # churn limit: 2 releases
    connect = client()
    instance = new_instance(connect)
    for _ in range(2):
        connect.release_phone_number(PhoneNumberId=claim(connect, instance["Id"])["PhoneNumberId"])

    status = create("connect-phone-number.json", TargetArn=instance["Arn"])

    assert status == "ROLLBACK_COMPLETE"
    (logical_id, event, reason) = next(e for e in resource_events() if e[1] == "CREATE_FAILED")
    assert (logical_id, event) == ("Line", "CREATE_FAILED")
    assert reason.startswith(
        'Resource handler returned message: "LimitExceededException: The allowed limit exceeded'
    )
    assert reason.endswith("(HandlerErrorCode: ServiceLimitExceeded)")
    assert all_claimed() == []


@mock_aws
def test_a_claim_over_the_target_quota_fails_the_stack_and_leaves_no_failed_number() -> None:
    control.configure(phone_numbers_per_instance=1)
    connect = client()
    instance = new_instance(connect)
    kept = claim(connect, instance["Id"])

    status = create("connect-phone-number.json", TargetArn=instance["Arn"])

    assert status == "ROLLBACK_COMPLETE"
    reason = next(e[2] for e in resource_events() if e[1] == "CREATE_FAILED")
    assert "has reached its limit of 1 claimed phone numbers" in reason
    assert reason.endswith("(HandlerErrorCode: NotStabilized)")
    assert [n["PhoneNumberArn"] for n in all_claimed()] == [kept["PhoneNumberArn"]]


@mock_aws
def test_a_property_the_api_model_refuses_fails_the_stack_with_the_validation_message() -> None:
    status = create("connect-instance-and-number.yaml", NumberDescription="x" * 501)

    assert status == "ROLLBACK_COMPLETE"
    reason = next(e[2] for e in resource_events() if e[1] == "CREATE_FAILED")
    assert "Member must have length less than or equal to 500" in reason
    assert "phoneNumberDescription" in reason
    assert client().list_instances()["InstanceSummaryList"] == []
    assert all_claimed() == []


@mock_aws
def test_a_source_phone_number_arn_imports_the_number_and_stack_deletion_gives_it_back() -> None:
    instance = new_instance(client())
    sms = sms_client()
    source = request_number(sms)

    status = create(
        "connect-imported-number.yaml",
        TargetArn=instance["Arn"],
        SourcePhoneNumberArn=source["PhoneNumberArn"],
    )

    assert status == "CREATE_COMPLETE"
    number = number_of(outputs()["PhoneNumberArn"])
    assert outputs()["Address"] == number["PhoneNumber"] == source["PhoneNumber"]
    assert number["SourcePhoneNumberArn"] == source["PhoneNumberArn"]
    assert (number["TargetArn"], number["PhoneNumberStatus"]) == (
        instance["Arn"],
        {"Status": "CLAIMED"},
    )
    assert (number["PhoneNumberDescription"], number["Tags"]) == (
        "Imported SMS line",
        {"channel": "sms"},
    )

    cloudformation().delete_stack(StackName=STACK)

    assert released(number["PhoneNumberArn"])
    assert sms.release_phone_number(PhoneNumberId=source["PhoneNumberId"])["Status"] == "DELETED"


@mock_aws
def test_with_a_source_number_country_and_type_are_the_numbers_own() -> None:
    instance = new_instance(client())
    source = request_number(sms_client(), "US", "TOLL_FREE")

    status = create(
        "connect-imported-number.yaml",
        TargetArn=instance["Arn"],
        SourcePhoneNumberArn=source["PhoneNumberArn"],
        CountryCode="GB",
    )

    assert status == "CREATE_COMPLETE"
    number = number_of(outputs()["PhoneNumberArn"])
    assert (number["PhoneNumberCountryCode"], number["PhoneNumberType"]) == ("US", "TOLL_FREE")


@mock_aws
def test_a_source_number_that_cannot_be_imported_fails_the_stack_with_the_reason() -> None:
    instance = new_instance(client())
    source = request_number(sms_client(), NumberCapabilities=["VOICE"])

    status = create(
        "connect-imported-number.yaml",
        TargetArn=instance["Arn"],
        SourcePhoneNumberArn=source["PhoneNumberArn"],
    )

    assert status == "ROLLBACK_COMPLETE"
    assert [e for e in resource_events() if e[1] == "CREATE_FAILED"] == [
        (
            "ImportedLine",
            "CREATE_FAILED",
            'Resource handler returned message: "InvalidParameterException: Phone number '
            f"{source['PhoneNumberArn']} cannot be imported: it does not have the SMS "
            'capability" (HandlerErrorCode: InvalidRequest)',
        )
    ]
    assert all_claimed() == []


# -- update -------------------------------------------------------------------------------------


@mock_aws
def test_a_changed_target_moves_the_number_without_a_release() -> None:
    connect = client()
    first, second = new_instance(connect, "first"), new_instance(connect, "second")
    create("connect-phone-number.json", TargetArn=first["Arn"])
    before = outputs()

    assert update("connect-phone-number.json", TargetArn=second["Arn"]) == "UPDATE_COMPLETE"

    assert outputs() == before
    number = number_of(before["PhoneNumberArn"])
    assert (number["TargetArn"], number["PhoneNumberStatus"]["Status"]) == (
        second["Arn"],
        "CLAIMED",
    )
    assert [n["PhoneNumberArn"] for n in all_claimed()] == [before["PhoneNumberArn"]]


@mock_aws
def test_a_changed_description_or_tags_update_the_number_in_place() -> None:
    instance = new_instance(client())
    create("connect-phone-number.json", TargetArn=instance["Arn"])
    before = outputs()

    status = update(
        "connect-phone-number.json",
        TargetArn=instance["Arn"],
        NumberDescription="Support line",
        Team="billing",
    )

    assert status == "UPDATE_COMPLETE"
    assert outputs() == before
    number = number_of(before["PhoneNumberArn"])
    assert (number["PhoneNumberDescription"], number["Tags"]) == (
        "Support line",
        {"team": "billing"},
    )


@pytest.mark.parametrize(
    "change",
    [{"NumberType": "DID"}, {"CountryCode": "GB", "NumberType": "DID"}, {"Prefix": "+1888"}],
    ids=["type", "country", "prefix"],
)
@mock_aws
def test_a_changed_country_type_or_prefix_replaces_the_number_and_releases_the_old_one(
    change: dict[str, str],
) -> None:
    connect = client()
    instance = new_instance(connect)
    create("connect-phone-number.json", TargetArn=instance["Arn"])
    old = outputs()

    assert update("connect-phone-number.json", TargetArn=instance["Arn"], **change) == (
        "UPDATE_COMPLETE"
    )

    new = outputs()
    assert new["PhoneNumberArn"] != old["PhoneNumberArn"]
    assert new["Address"] != old["Address"]
    assert released(old["PhoneNumberArn"])
    assert [n["PhoneNumberArn"] for n in all_claimed()] == [new["PhoneNumberArn"]]
    # The old number cools down: nobody can claim it again for 180 days.
    assert not claimable(old["Address"])


@mock_aws
def test_the_replace_trap_each_careless_change_is_a_release_until_the_churn_rule_blocks() -> None:
    """Flip-flopping the number type in a template releases a number per update: with a churn
    limit of 2 releases the third update is refused, the stack rolls back, and keeps its number.

    (A replacement is claimed before the old number goes, so it needs room in the target's quota.)
    """
    control.configure(phone_numbers_per_instance=2, churn_limit_percent=100)
    connect = client()
    instance = new_instance(connect)
    create("connect-phone-number.json", TargetArn=instance["Arn"])
    addresses = [outputs()["Address"]]
    for number_type in ("DID", "TOLL_FREE"):
        update("connect-phone-number.json", TargetArn=instance["Arn"], NumberType=number_type)
        addresses.append(outputs()["Address"])
    held = outputs()

    status = update("connect-phone-number.json", TargetArn=instance["Arn"], NumberType="DID")

    assert status == "UPDATE_ROLLBACK_COMPLETE"
    reason = next(e[2] for e in resource_events() if e[1] == "UPDATE_FAILED")
    assert "LimitExceededException: The allowed limit exceeded" in reason
    assert stack_events()[-2:] == ["UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE"]
    assert outputs() == held
    assert number_of(held["PhoneNumberArn"])["PhoneNumberType"] == "TOLL_FREE"
    # Both released numbers cool down.
    lapse_search_offers()
    assert [claimable(e164) for e164 in addresses[:2]] == [False, False]


@mock_aws
def test_an_instance_changes_its_call_attributes_in_place() -> None:
    create("connect-instance-and-number.yaml")
    before = outputs()

    assert update("connect-instance-and-number.yaml", OutboundCalls="true") == "UPDATE_COMPLETE"

    assert outputs() == before
    instance = client().describe_instance(InstanceId=before["InstanceId"])["Instance"]
    assert (instance["InboundCallsEnabled"], instance["OutboundCallsEnabled"]) == (True, True)


def attributes_of(instance_id: str) -> dict[str, str]:
    listed = client().get_paginator("list_instance_attributes").paginate(InstanceId=instance_id)
    return {a["AttributeType"]: a["Value"] for page in listed for a in page["Attributes"]}


@mock_aws
def test_an_instance_sets_its_attributes_and_changes_them_in_place() -> None:
    assert create("connect-instance-attributes.yaml") == "CREATE_COMPLETE"
    instance_id = outputs()["InstanceId"]
    values = attributes_of(instance_id)
    assert {name: values[name] for name in ("CONTACTFLOW_LOGS", "CONTACT_LENS")} == {
        "CONTACTFLOW_LOGS": "true",
        "CONTACT_LENS": "false",
    }
    assert (values["EARLY_MEDIA"], values["MULTI_PARTY_CONFERENCE"]) == ("false", "true")
    assert (values["INBOUND_CALLS"], values["OUTBOUND_CALLS"]) == ("true", "false")
    assert values["AUTO_RESOLVE_BEST_VOICES"] == "true"  # not in the template: the default

    assert update("connect-instance-attributes.yaml", ContactLens="true") == "UPDATE_COMPLETE"

    assert outputs()["InstanceId"] == instance_id
    assert attributes_of(instance_id)["CONTACT_LENS"] == "true"


@mock_aws
def test_an_attribute_that_is_not_a_boolean_fails_the_stack_and_leaves_no_instance() -> None:
    status = create("connect-instance-attributes.yaml", ContactflowLogs="maybe")

    assert status == "ROLLBACK_COMPLETE"
    assert [e for e in resource_events() if e[1] == "CREATE_FAILED"] == [
        (
            "ContactCentre",
            "CREATE_FAILED",
            'Resource handler returned message: "InvalidParameterException: 1 validation error '
            "detected: Value 'maybe' at 'value' failed to satisfy constraint: Member must "
            'satisfy enum value set: [true, false]" (HandlerErrorCode: InvalidRequest)',
        )
    ]
    assert client().list_instances()["InstanceSummaryList"] == []


@mock_aws
def test_a_failed_update_rolls_back_what_it_changed_before_the_failure() -> None:
    """Both parameters were left to their defaults at creation: the rollback restores them."""
    create(INSTANCE_AND_NUMBER)
    before = outputs()

    status = update(INSTANCE_AND_NUMBER, OutboundCalls="true", NumberDescription="x" * 501)

    assert status == "UPDATE_ROLLBACK_COMPLETE"
    instance = client().describe_instance(InstanceId=before["InstanceId"])["Instance"]
    assert instance["OutboundCallsEnabled"] is False
    assert number_of(before["PhoneNumberArn"])["PhoneNumberDescription"] == "Main line"


@mock_aws
def test_a_changed_alias_replaces_the_instance_and_its_numbers_go_with_the_old_one() -> None:
    """moto does not move the stack's number to the new instance before the old one is deleted
    (docs/behaviour.md, "Replacement order"): DeleteInstance releases it."""
    create("connect-instance-and-number.yaml")
    before = outputs()

    assert update("connect-instance-and-number.yaml", Alias="renamed") == "UPDATE_COMPLETE"

    after = outputs()
    assert after["InstanceArn"] != before["InstanceArn"]
    instances = client().list_instances()["InstanceSummaryList"]
    assert [i["InstanceAlias"] for i in instances] == ["renamed"]
    assert released(before["PhoneNumberArn"])


# -- delete -------------------------------------------------------------------------------------


@mock_aws
def test_deleting_the_stack_releases_its_number_and_deletes_its_instance() -> None:
    connect = client()
    create("connect-instance-and-number.yaml")
    out = outputs()
    # A number claimed outside the stack to the stack's instance goes with the instance.
    extra = claim(connect, out["InstanceId"])

    cloudformation().delete_stack(StackName=STACK)

    assert released(out["PhoneNumberArn"]) and released(extra["PhoneNumberArn"])
    assert connect.list_instances()["InstanceSummaryList"] == []
    assert not claimable(out["Address"])


@mock_aws
def test_a_retained_number_outlives_its_stack() -> None:
    instance = new_instance(client())
    create("connect-phone-number-retained.yaml", TargetArn=instance["Arn"])
    kept = outputs()["PhoneNumberArn"]

    cloudformation().delete_stack(StackName=STACK)

    number = number_of(kept)
    assert (number["PhoneNumberStatus"]["Status"], number["TargetArn"]) == (
        "CLAIMED",
        instance["Arn"],
    )


@mock_aws
def test_a_number_with_update_replace_policy_retain_is_kept_when_a_change_replaces_it() -> None:
    instance = new_instance(client())
    create("connect-phone-number-retained.yaml", TargetArn=instance["Arn"])
    old = outputs()["PhoneNumberArn"]

    status = update(
        "connect-phone-number-retained.yaml", TargetArn=instance["Arn"], NumberType="TOLL_FREE"
    )

    assert status == "UPDATE_COMPLETE"
    new = outputs()["PhoneNumberArn"]
    assert new != old
    assert number_of(old)["PhoneNumberStatus"]["Status"] == "CLAIMED"
    assert number_of(new)["PhoneNumberType"] == "TOLL_FREE"
    assert sorted(n["PhoneNumberArn"] for n in all_claimed()) == sorted([old, new])


# -- traffic distribution groups ----------------------------------------------------------------


def replicated_instance() -> dict[str, str]:
    connect = client()
    created = connect.create_instance(
        IdentityManagementType="SAML",
        InstanceAlias="resilient",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    connect.replicate_instance(
        InstanceId=created["Id"], ReplicaRegion="us-west-2", ReplicaAlias="resilient-west"
    )
    return {"Id": created["Id"], "Arn": created["Arn"]}


@mock_aws
def test_a_traffic_distribution_group_stack_creates_the_group_and_a_number_claimed_to_it() -> None:
    instance = replicated_instance()

    assert create("connect-traffic-distribution-group.yaml", InstanceArn=instance["Arn"]) == (
        "CREATE_COMPLETE"
    )

    out = outputs()
    assert out["GroupArn"] == out["GroupArnAttribute"]
    assert out["GroupStatus"] == "ACTIVE"
    group = client().describe_traffic_distribution_group(
        TrafficDistributionGroupId=out["GroupArn"]
    )["TrafficDistributionGroup"]
    assert (group["Name"], group["Description"]) == ("cfn-resilience", "Traffic across Regions")
    assert (group["InstanceArn"], group["Tags"]) == (instance["Arn"], {"team": "support"})
    assert number_of(out["PhoneNumberArn"])["TargetArn"] == out["GroupArn"]
    # The partner Region sees the group's number too.
    west = client("us-west-2").describe_phone_number(PhoneNumberId=out["PhoneNumberArn"])
    assert west["ClaimedPhoneNumberSummary"]["TargetArn"] == out["GroupArn"]


@mock_aws
def test_a_traffic_distribution_group_changes_its_tags_in_place_and_goes_with_its_stack() -> None:
    instance = replicated_instance()
    create("connect-traffic-distribution-group.yaml", InstanceArn=instance["Arn"])
    before = outputs()

    status = update(
        "connect-traffic-distribution-group.yaml", InstanceArn=instance["Arn"], Team="ops"
    )

    assert status == "UPDATE_COMPLETE"
    assert outputs() == before
    connect = client()
    assert connect.list_tags_for_resource(resourceArn=before["GroupArn"])["tags"] == {"team": "ops"}

    cloudformation().delete_stack(StackName=STACK)

    assert released(before["PhoneNumberArn"])
    groups = connect.list_traffic_distribution_groups(InstanceId=instance["Id"])
    assert [g["IsDefault"] for g in groups["TrafficDistributionGroupSummaryList"]] == [True]


@mock_aws
def test_a_traffic_distribution_group_of_an_instance_not_replicated_fails_the_stack() -> None:
    instance = new_instance(client())

    status = create("connect-traffic-distribution-group.yaml", InstanceArn=instance["Arn"])

    assert status == "ROLLBACK_COMPLETE"
    reason = next(e for e in resource_events() if e[1] == "CREATE_FAILED")
    assert reason[0] == "Resilience"
    assert "InvalidRequestException: Instance" in reason[2] and "is not replicated" in reason[2]
    assert all_claimed() == []


@mock_aws
def test_renaming_a_group_that_holds_a_number_fails_the_update_and_keeps_the_group() -> None:
    """The rename replaces the group, but moto does not move the number over first, so the old
    group cannot be deleted: the new one goes again and the stack rolls back."""
    instance = replicated_instance()
    create("connect-traffic-distribution-group.yaml", InstanceArn=instance["Arn"])
    before = outputs()

    status = update(
        "connect-traffic-distribution-group.yaml", InstanceArn=instance["Arn"], GroupName="renamed"
    )

    assert status == "UPDATE_ROLLBACK_COMPLETE"
    reason = next(e[2] for e in resource_events() if e[1] == "UPDATE_FAILED")
    assert "ResourceInUseException" in reason and "(HandlerErrorCode: ResourceConflict)" in reason
    assert outputs() == before
    groups = client().list_traffic_distribution_groups(InstanceId=instance["Id"])
    names = sorted(g["Name"] for g in groups["TrafficDistributionGroupSummaryList"])
    assert names == ["cfn-resilience", "resilient-default"]
    assert number_of(before["PhoneNumberArn"])["TargetArn"] == before["GroupArn"]


@mock_aws
def test_a_group_holding_a_number_from_outside_the_stack_fails_the_deletion_and_stays() -> None:
    """Deleting the stack releases its own number; a number claimed outside it keeps the group,
    which DeleteTrafficDistributionGroup refuses: the stack is DELETE_FAILED, not gone."""
    instance = replicated_instance()
    create("connect-traffic-distribution-group.yaml", InstanceArn=instance["Arn"])
    out = outputs()
    outsider = claim(client(), out["GroupArn"])

    cloudformation().delete_stack(StackName=STACK)

    assert stack_status() == "DELETE_FAILED"
    (logical_id, _, reason) = next(e for e in resource_events() if e[1] == "DELETE_FAILED")
    assert logical_id == "Resilience"
    assert reason.startswith('Resource handler returned message: "ResourceInUseException: ')
    assert reason.endswith("(HandlerErrorCode: ResourceConflict)")
    assert released(out["PhoneNumberArn"])
    assert number_of(outsider["PhoneNumberArn"])["TargetArn"] == out["GroupArn"]


# -- the CDK template ---------------------------------------------------------------------------


@mock_aws
def test_the_cdk_synthesized_template_deploys_and_claims_its_number() -> None:
    assert create("cdk-connect-phone-number.template.json") == "CREATE_COMPLETE"

    out = outputs()
    number = number_of(out["PhoneNumberArn"])
    assert number["PhoneNumber"] == out["PhoneNumberAddress"]
    assert (number["PhoneNumberCountryCode"], number["PhoneNumberType"]) == ("US", "TOLL_FREE")
    assert (number["PhoneNumberDescription"], number["Tags"]) == ("Main line", {"team": "support"})
    instance = client().describe_instance(InstanceId=out["InstanceId"])["Instance"]
    assert number["TargetArn"] == instance["Arn"]
    assert instance["InstanceAlias"] == "cdk-contact-centre"


def execute_create_change_set(template: str, **parameters: str) -> None:
    """Create a stack as ``cdk deploy`` does: a CREATE change set, then its execution."""
    cloudformation().create_change_set(
        StackName=STACK,
        ChangeSetName="deploy",
        ChangeSetType="CREATE",
        TemplateBody=body(template),
        Parameters=as_parameters(parameters),
    )
    cloudformation().execute_change_set(StackName=STACK, ChangeSetName="deploy")


@mock_aws
def test_the_cdk_template_deploys_through_a_change_set_as_cdk_deploy_does() -> None:
    execute_create_change_set("cdk-connect-phone-number.template.json")

    (number,) = all_claimed()
    described = number_of(number["PhoneNumberArn"])
    assert (described["PhoneNumberType"], described["PhoneNumberDescription"]) == (
        "TOLL_FREE",
        "Main line",
    )
    instances = client().list_instances()["InstanceSummaryList"]
    assert [i["Arn"] for i in instances] == [described["TargetArn"]]


@mock_aws
def test_a_change_set_whose_claim_is_refused_rolls_back_and_answers_the_reason() -> None:
    with pytest.raises(ClientError) as excinfo:
        execute_create_change_set("connect-instance-and-number.yaml", Prefix="+1212")

    code, message = error_of(excinfo)
    assert code == "ValidationError"
    assert message.startswith(
        'Resource handler returned message: "ResourceNotFoundException: No phone numbers'
    )
    assert stack_status() == "ROLLBACK_COMPLETE"
    assert client().list_instances()["InstanceSummaryList"] == []
    assert all_claimed() == []


# -- registration -------------------------------------------------------------------------------


@pytest.mark.in_process_only
def test_the_types_register_even_when_a_stack_ran_before_the_plugin_was_installed(
    tmp_path: Path,
) -> None:
    """A fresh interpreter: a stack made before the plugin is installed has moto cache its type
    map without the Connect types (and skip the number with only a warning, the issue's report);
    once the plugin is installed, the next stack claims its number."""
    script = textwrap.dedent(
        """
        import sys
        import warnings

        import boto3
        from moto import mock_aws
        from moto.cloudformation import parsing

        def deploy(name, template, **parameters):
            cloudformation = boto3.client("cloudformation", region_name="us-east-1")
            cloudformation.create_stack(
                StackName=name,
                TemplateBody=open(template).read(),
                Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
            )
            return cloudformation.describe_stacks(StackName=name)["Stacks"][0]

        instance = "arn:aws:connect:us-east-1:123456789012:instance/0000"
        with mock_aws(), warnings.catch_warnings(record=True) as skipped:
            warnings.simplefilter("always")
            early = deploy("early", sys.argv[2], TargetArn=instance)
        assert early["StackStatus"] == "CREATE_COMPLETE", early
        assert any("PhoneNumber but it's not supported" in str(w.message) for w in skipped)
        assert "AWS::Connect::PhoneNumber" not in parsing.get_model_map()

        import moto_connect_ext

        with mock_aws():
            stack = deploy("later", sys.argv[1])
            assert stack["StackStatus"] == "CREATE_COMPLETE", stack
            arn = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}["PhoneNumberArn"]
            connect = boto3.client("connect", region_name="us-east-1")
            number = connect.describe_phone_number(PhoneNumberId=arn)["ClaimedPhoneNumberSummary"]
            print(number["PhoneNumberStatus"]["Status"])
        """
    )
    templates = [str(TEMPLATES / name) for name in (INSTANCE_AND_NUMBER, RETAINED)]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    environment.pop("TEST_SERVER_MODE", None)
    done = subprocess.run(
        [sys.executable, "-c", script, *templates],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,  # the package comes from this interpreter's path, not from the directory
        timeout=120,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "CLAIMED"), done.stderr


# -- the moto internals the CloudFormation hook relies on (see moto_connect_ext.compat) ---------


def test_moto_finds_resource_types_among_cloudformation_models_direct_subclasses() -> None:
    from moto.cloudformation import parsing
    from moto.core.common_models import CloudFormationModel

    from moto_connect_ext.connect.models import cloudformation as resources

    moto.backends.get_backend("cloudformation")  # prepares moto's CloudFormation
    for cached in (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map):
        assert callable(cached.cache_clear)
    assert parsing.get_model_list() == CloudFormationModel.__subclasses__()
    for resource in (resources.CfnInstance, resources.CfnPhoneNumber, resources.CfnContactFlow):
        assert parsing.get_model_map()[resource.cloudformation_type()] is resource


def test_moto_loads_the_cloudformation_backend_through_moto_backends_get_backend() -> None:
    from moto.core import botocore_stubber
    from moto.moto_server import werkzeug_app

    # In-process the stubber imports the module where it loads a backend; a server builds each
    # service's app from the module's function.
    assert "backends.get_backend(service)" in inspect.getsource(botocore_stubber)
    assert werkzeug_app.backends is moto.backends


def test_moto_runs_stacks_and_change_sets_through_the_methods_the_plugin_wraps() -> None:
    moto.backends.get_backend("cloudformation")
    from moto.cloudformation.models import ChangeSet, CloudFormationBackend, Stack

    wrapped = (
        Stack.create_resources,
        Stack.update,
        ChangeSet.apply,
        CloudFormationBackend.delete_stack,
    )
    for method in wrapped:
        assert method.__module__ == "moto_connect_ext.compat"
