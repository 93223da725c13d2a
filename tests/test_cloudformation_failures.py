"""Every CloudFormation failure ends in a final stack status with the reason, and leaves nothing
behind: malformed properties (checked against the resource schemas before any call), a Region
without Connect, and resources deleted behind the stack's back.

Templates are inline: tests/templates/ holds only templates cfn-lint passes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from moto import mock_aws
from test_cloudformation import (
    STACK,
    cloudformation,
    outputs,
    replicated_instance,
    resource_events,
    stack_status,
)

from support import client, error_of

INSTANCE_PROPERTIES: dict[str, Any] = {
    "IdentityManagementType": "CONNECT_MANAGED",
    "InstanceAlias": "cfn-hardening",
    "Attributes": {"InboundCalls": True, "OutboundCalls": True},
}


def template(resources: dict[str, Any], outputs: dict[str, Any] | None = None) -> str:
    document: dict[str, Any] = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}
    if outputs:
        document["Outputs"] = outputs
    return json.dumps(document)


def instance_resource(**overrides: Any) -> dict[str, Any]:
    return {"Type": "AWS::Connect::Instance", "Properties": {**INSTANCE_PROPERTIES, **overrides}}


def number_resource(**overrides: Any) -> dict[str, Any]:
    properties = {
        "TargetArn": {"Fn::GetAtt": ["Centre", "Arn"]},
        "CountryCode": "US",
        "Type": "TOLL_FREE",
        **overrides,
    }
    return {"Type": "AWS::Connect::PhoneNumber", "Properties": properties}


def failure_reason(status: str) -> str:
    return next(reason for _, seen, reason in resource_events() if seen == status)


def nothing_left() -> None:
    connect = client()
    assert connect.list_instances()["InstanceSummaryList"] == []
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


# -- malformed properties ------------------------------------------------------------------------

MALFORMED = [
    pytest.param(
        {"Centre": instance_resource(Tags=[{"Key": "a"}])},
        "Centre",
        "[#/Tags/0: 'Value' is a required property]",
        id="tag-without-value",
    ),
    pytest.param(
        {"Centre": instance_resource(Tags={"a": "b"})},
        "Centre",
        "[#/Tags: {'a': 'b'} is not of type 'array']",
        id="tags-as-a-map",
    ),
    pytest.param(
        {"Centre": instance_resource(Attributes="x")},
        "Centre",
        "[#/Attributes: 'x' is not of type 'object']",
        id="attributes-as-text",
    ),
    pytest.param(
        {"Centre": instance_resource(), "Line": number_resource(Tags=[{"Key": "a"}])},
        "Line",
        "[#/Tags/0: 'Value' is a required property]",
        id="a-later-resource-after-an-instance",
    ),
]


@pytest.mark.parametrize(("resources", "logical_id", "problems"), MALFORMED)
@mock_aws
def test_malformed_properties_fail_the_creation_and_roll_back_everything(
    resources: dict[str, Any], logical_id: str, problems: str
) -> None:
    cloudformation().create_stack(StackName=STACK, TemplateBody=template(resources))

    assert stack_status() == "ROLLBACK_COMPLETE"
    assert failure_reason("CREATE_FAILED") == (
        f"Properties validation failed for resource {logical_id} with message: {problems}"
    )
    nothing_left()


@mock_aws
def test_malformed_properties_fail_an_update_which_rolls_back() -> None:
    cloudformation().create_stack(
        StackName=STACK, TemplateBody=template({"Centre": instance_resource()})
    )
    before = client().list_instances()["InstanceSummaryList"]

    cloudformation().update_stack(
        StackName=STACK, TemplateBody=template({"Centre": instance_resource(Tags={"a": "b"})})
    )

    assert stack_status() == "UPDATE_ROLLBACK_COMPLETE"
    assert failure_reason("UPDATE_FAILED") == (
        "Properties validation failed for resource Centre with message: "
        "[#/Tags: {'a': 'b'} is not of type 'array']"
    )
    assert client().list_instances()["InstanceSummaryList"] == before


@mock_aws
def test_malformed_properties_in_a_change_set_roll_it_back_and_answer_the_reason() -> None:
    resources = {"Centre": instance_resource(), "Line": number_resource(Tags={"a": "b"})}
    cloudformation().create_change_set(
        StackName=STACK,
        ChangeSetName="malformed",
        ChangeSetType="CREATE",
        TemplateBody=template(resources),
    )

    with pytest.raises(ClientError) as excinfo:
        cloudformation().execute_change_set(StackName=STACK, ChangeSetName="malformed")

    reason = (
        "Properties validation failed for resource Line with message: "
        "[#/Tags: {'a': 'b'} is not of type 'array']"
    )
    assert error_of(excinfo) == ("ValidationError", reason)
    assert stack_status() == "ROLLBACK_COMPLETE"
    nothing_left()


@mock_aws
def test_parameter_text_for_a_boolean_is_converted_as_cloudformation_does() -> None:
    document = json.loads(
        template(
            {
                "Centre": instance_resource(
                    Attributes={"InboundCalls": {"Ref": "Inbound"}, "OutboundCalls": "false"}
                )
            }
        )
    )
    document["Parameters"] = {"Inbound": {"Type": "String", "Default": "true"}}
    cloudformation().create_stack(StackName=STACK, TemplateBody=json.dumps(document))

    assert stack_status() == "CREATE_COMPLETE"
    (summary,) = client().list_instances()["InstanceSummaryList"]
    assert (summary["InboundCallsEnabled"], summary["OutboundCallsEnabled"]) == (True, False)


# -- a Region without Connect --------------------------------------------------------------------


@mock_aws
def test_a_stack_in_a_region_without_connect_fails_with_the_api_reason() -> None:
    east2 = cloudformation("us-east-2")
    east2.create_stack(StackName=STACK, TemplateBody=template({"Centre": instance_resource()}))

    stack = east2.describe_stacks(StackName=STACK)["Stacks"][0]
    events = east2.describe_stack_events(StackName=STACK)["StackEvents"]
    reasons = [
        e.get("ResourceStatusReason") for e in events if e["ResourceStatus"] == "CREATE_FAILED"
    ]
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    assert reasons == [
        'Resource handler returned message: "InvalidSignatureException: Credential should be '
        "scoped to a valid region, not 'us-east-2'. Amazon Connect is not available in "
        'us-east-2." (HandlerErrorCode: GeneralServiceException)'
    ]


# -- resources deleted behind the stack's back ---------------------------------------------------

INSTANCE_OUTPUTS = {
    "CentreArn": {"Value": {"Fn::GetAtt": ["Centre", "Arn"]}},
    "CentreId": {"Value": {"Fn::GetAtt": ["Centre", "Id"]}},
}


def stack_of_a_deleted_instance() -> dict[str, str]:
    """A stack whose instance DeleteInstance removed before anything read the stack's outputs
    (moto resolves them on first read); the outputs it had."""
    cloudformation().create_stack(
        StackName=STACK,
        TemplateBody=template({"Centre": instance_resource()}, INSTANCE_OUTPUTS),
    )
    (instance,) = client().list_instances()["InstanceSummaryList"]
    client().delete_instance(InstanceId=instance["Id"])
    return {"CentreArn": instance["Arn"], "CentreId": instance["Id"]}


@mock_aws
def test_describe_stacks_answers_the_outputs_of_a_deleted_instance_as_they_were() -> None:
    before = stack_of_a_deleted_instance()
    cloudformation().create_stack(
        StackName="another", TemplateBody=template({"Other": instance_resource()})
    )

    listed = cloudformation().describe_stacks()["Stacks"]

    assert sorted(s["StackName"] for s in listed) == ["another", STACK]
    assert outputs() == before


@mock_aws
def test_deleting_a_stack_whose_instance_is_gone_completes() -> None:
    stack_of_a_deleted_instance()
    stack_id = cloudformation().describe_stacks(StackName=STACK)["Stacks"][0]["StackId"]

    cloudformation().delete_stack(StackName=STACK)

    deleted = cloudformation().describe_stacks(StackName=stack_id)["Stacks"][0]
    assert deleted["StackStatus"] == "DELETE_COMPLETE"
    assert cloudformation().describe_stacks()["Stacks"] == []


@mock_aws
def test_updating_a_stack_whose_instance_is_gone_ends_in_a_final_status_with_the_reason() -> None:
    before = stack_of_a_deleted_instance()
    changed = instance_resource(Attributes={"InboundCalls": False, "OutboundCalls": True})

    cloudformation().update_stack(
        StackName=STACK, TemplateBody=template({"Centre": changed}, INSTANCE_OUTPUTS)
    )

    assert stack_status() == "UPDATE_ROLLBACK_FAILED"
    assert failure_reason("UPDATE_FAILED") == (
        'Resource handler returned message: "ResourceNotFoundException: Instance not found: '
        f'{before["CentreId"]}" (HandlerErrorCode: NotFound)'
    )
    assert outputs() == before


@mock_aws
def test_describe_stacks_answers_the_outputs_of_a_deleted_group_as_they_were() -> None:
    instance = replicated_instance()
    group = {
        "Type": "AWS::Connect::TrafficDistributionGroup",
        "Properties": {"InstanceArn": instance["Arn"], "Name": "cfn-gone"},
    }
    group_outputs = {
        "GroupArn": {"Value": {"Fn::GetAtt": ["Group", "TrafficDistributionGroupArn"]}},
        "GroupStatus": {"Value": {"Fn::GetAtt": ["Group", "Status"]}},
    }
    cloudformation().create_stack(
        StackName=STACK, TemplateBody=template({"Group": group}, group_outputs)
    )
    listed = client().list_traffic_distribution_groups(InstanceId=instance["Id"])
    (arn,) = [
        g["Arn"] for g in listed["TrafficDistributionGroupSummaryList"] if g["Name"] == "cfn-gone"
    ]
    client().delete_traffic_distribution_group(TrafficDistributionGroupId=arn)

    assert outputs() == {"GroupArn": arn, "GroupStatus": "ACTIVE"}
    assert [s["StackName"] for s in cloudformation().describe_stacks()["Stacks"]] == [STACK]
    cloudformation().delete_stack(StackName=STACK)
    assert cloudformation().describe_stacks()["Stacks"] == []


# -- properties drawn from the resource schemas --------------------------------------------------

examples = settings(
    max_examples=15,
    phases=[Phase.explicit, Phase.generate],  # a stack per example: shrinking would take minutes
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
#: Text of the Basic Multilingual Plane: moto reads a template's JSON escapes of other characters
#: (surrogate pairs) as YAML, which leaves them lone surrogates it cannot answer.
bmp_text = st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=6)
json_scalars = st.none() | st.booleans() | st.integers(-5, 5) | bmp_text
#: Any JSON value: what a template may put where the schema wants something else.
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(bmp_text, inner, max_size=2),
    max_leaves=5,
)
TYPES = [
    "AWS::Connect::Instance",
    "AWS::Connect::PhoneNumber",
    "AWS::Connect::TrafficDistributionGroup",
    "AWS::Connect::ContactFlow",
]


def schema_of(resource_type: str) -> dict[str, Any]:
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

    schema: dict[str, Any] = PROVIDER_SCHEMA_MANAGER.get_resource_schema(
        "us-east-1", resource_type
    ).schema
    return schema


def drawn(node: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """A value the schema node describes, or (now and then, at any level) any JSON value."""
    if "$ref" in node:
        node = schema["definitions"][node["$ref"].rsplit("/", 1)[-1]]
    kind = node.get("type")
    if "enum" in node:
        good: st.SearchStrategy[Any] = st.sampled_from(node["enum"])
    elif kind == "object" and depth < 3:
        members = {n: drawn(m, schema, depth + 1) for n, m in node.get("properties", {}).items()}
        required = set(node.get("required", []))
        good = st.fixed_dictionaries(
            {n: v for n, v in members.items() if n in required},
            optional={n: v for n, v in members.items() if n not in required},
        )
    elif kind == "array" and depth < 3:
        good = st.lists(drawn(node.get("items", {}), schema, depth + 1), max_size=2)
    elif kind == "boolean":
        good = st.booleans()
    elif kind in ("integer", "number"):
        good = st.integers(0, 3)
    else:
        good = st.text("abc-", min_size=1, max_size=8)
    return st.one_of(good, good, good, json_values)


def properties_of(resource_type: str) -> st.SearchStrategy[dict[str, Any]]:
    schema = schema_of(resource_type)
    read_only = {path.rsplit("/", 1)[-1] for path in schema.get("readOnlyProperties", [])}
    writable = {n: m for n, m in schema["properties"].items() if n not in read_only}
    return drawn({"type": "object", "properties": writable}, schema)


@pytest.mark.parametrize("resource_type", TYPES)
@examples
@given(data=st.data())
def test_any_properties_end_in_a_final_status_and_leave_nothing_behind(
    resource_type: str, data: st.DataObject
) -> None:
    with mock_aws():
        properties = data.draw(properties_of(resource_type))
        resources = {"Drawn": {"Type": resource_type, "Properties": properties}}
        cloudformation().create_stack(StackName=STACK, TemplateBody=template(resources))

        status = stack_status()
        assert status in ("CREATE_COMPLETE", "ROLLBACK_COMPLETE"), resource_events()
        if status == "ROLLBACK_COMPLETE":
            assert failure_reason("CREATE_FAILED")
            nothing_left()
        assert len(cloudformation().describe_stacks()["Stacks"]) == 1
        cloudformation().delete_stack(StackName=STACK)
        assert cloudformation().describe_stacks()["Stacks"] == []
        nothing_left()
