"""Contact flows: create, describe (and ``:$SAVED``), list, update, delete, search, tags, quota and
the default flows of a new instance (docs/behaviour.md, "Contact flows")."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from moto_connect_ext import control
from support import (
    client,
    error_of,
    error_with_status,
    flow_content,
    new_instance,
    no_retries,
    raw_request,
)

DEFAULT_NAMES = {
    "Default agent hold": "AGENT_HOLD",
    "Default agent transfer": "AGENT_TRANSFER",
    "Default agent whisper": "AGENT_WHISPER",
    "Default customer hold": "CUSTOMER_HOLD",
    "Default customer queue": "CUSTOMER_QUEUE",
    "Default customer whisper": "CUSTOMER_WHISPER",
    "Default outbound": "OUTBOUND_WHISPER",
    "Default queue transfer": "QUEUE_TRANSFER",
    "Sample inbound flow (first contact experience)": "CONTACT_FLOW",
}


def create(connect: Any, instance_id: str, name: str = "My flow", **kwargs: Any) -> Any:
    kwargs.setdefault("Type", "CONTACT_FLOW")
    kwargs.setdefault("Content", flow_content())
    return connect.create_contact_flow(InstanceId=instance_id, Name=name, **kwargs)


def all_flows(connect: Any, instance_id: str, **kwargs: Any) -> list[dict[str, Any]]:
    paginator = connect.get_paginator("list_contact_flows")
    pages = paginator.paginate(InstanceId=instance_id, **kwargs)
    return [flow for page in pages for flow in page["ContactFlowSummaryList"]]


@pytest.fixture
def connect() -> Any:
    with mock_aws():
        yield client()


@pytest.fixture
def instance(connect: Any) -> dict[str, str]:
    return new_instance(connect)


def test_a_new_instance_has_the_default_flows(connect, instance):
    flows = all_flows(connect, instance["Id"])
    assert {f["Name"]: f["ContactFlowType"] for f in flows} == DEFAULT_NAMES
    for flow in flows:
        assert flow["ContactFlowState"] == "ACTIVE"
        assert flow["ContactFlowStatus"] == "PUBLISHED"
        assert flow["Arn"] == f"{instance['Arn']}/contact-flow/{flow['Id']}"
        described = connect.describe_contact_flow(
            InstanceId=instance["Id"], ContactFlowId=flow["Id"]
        )
        assert json.loads(described["ContactFlow"]["Content"])["Version"] == "2019-10-30"


def test_create_describe_and_the_sha256(connect, instance):
    created = create(connect, instance["Id"], Description="greets", Tags={"team": "a"})
    assert created["ContactFlowArn"] == f"{instance['Arn']}/contact-flow/{created['ContactFlowId']}"
    assert created["FlowContentSha256"] == hashlib.sha256(flow_content().encode()).hexdigest()
    flow = connect.describe_contact_flow(
        InstanceId=instance["Id"], ContactFlowId=created["ContactFlowId"]
    )["ContactFlow"]
    assert {
        k: flow[k] for k in ("Id", "Arn", "Name", "Type", "State", "Status", "Description")
    } == {
        "Id": created["ContactFlowId"],
        "Arn": created["ContactFlowArn"],
        "Name": "My flow",
        "Type": "CONTACT_FLOW",
        "State": "ACTIVE",
        "Status": "PUBLISHED",
        "Description": "greets",
    }
    assert flow["Content"] == flow_content()
    assert flow["FlowContentSha256"] == created["FlowContentSha256"]
    assert flow["Tags"] == {"team": "a"}
    assert flow["LastModifiedRegion"] == "us-east-1"
    by_arn = connect.describe_contact_flow(
        InstanceId=instance["Arn"], ContactFlowId=created["ContactFlowArn"]
    )
    assert by_arn["ContactFlow"]["Id"] == created["ContactFlowId"]


def test_published_content_is_checked_and_refused_with_problems(connect, instance):
    broken = json.dumps({"Version": "2019-10-30", "StartAction": "nowhere", "Actions": []})
    with pytest.raises(ClientError) as excinfo:
        create(connect, instance["Id"], Content=broken)
    code, status, _ = error_with_status(excinfo)
    assert (code, status) == ("InvalidContactFlowException", 400)
    assert excinfo.value.response["problems"] == [
        {"message": 'StartAction "nowhere" does not name an action of the flow.'}
    ]
    assert "My flow" not in {f["Name"] for f in all_flows(connect, instance["Id"])}


def test_saved_content_is_not_checked_and_describe_needs_saved(connect, instance):
    created = create(connect, instance["Id"], Content="not json", Status="SAVED")
    flow_id = created["ContactFlowId"]
    with pytest.raises(ClientError) as excinfo:
        connect.describe_contact_flow(InstanceId=instance["Id"], ContactFlowId=flow_id)
    assert error_with_status(excinfo)[:2] == ("ContactFlowNotPublishedException", 404)
    saved = connect.describe_contact_flow(
        InstanceId=instance["Id"], ContactFlowId=f"{flow_id}:$SAVED"
    )
    assert (saved["ContactFlow"]["Status"], saved["ContactFlow"]["Content"]) == (
        "SAVED",
        "not json",
    )
    arn_saved = connect.describe_contact_flow(
        InstanceId=instance["Id"], ContactFlowId=f"{created['ContactFlowArn']}:$SAVED"
    )
    assert arn_saved["ContactFlow"]["Content"] == "not json"


def test_content_updates_publish_or_save(connect, instance):
    flow_id = create(connect, instance["Id"])["ContactFlowId"]
    connect.update_contact_flow_content(
        InstanceId=instance["Id"], ContactFlowId=f"{flow_id}:$SAVED", Content="draft"
    )
    published = connect.describe_contact_flow(InstanceId=instance["Id"], ContactFlowId=flow_id)
    assert published["ContactFlow"]["Content"] == flow_content()
    draft = connect.describe_contact_flow(
        InstanceId=instance["Id"], ContactFlowId=f"{flow_id}:$SAVED"
    )
    assert (draft["ContactFlow"]["Content"], draft["ContactFlow"]["Status"]) == ("draft", "SAVED")
    with pytest.raises(ClientError) as excinfo:
        connect.update_contact_flow_content(
            InstanceId=instance["Id"], ContactFlowId=flow_id, Content="{}"
        )
    assert error_of(excinfo)[0] == "InvalidContactFlowException"
    connect.update_contact_flow_content(
        InstanceId=instance["Id"], ContactFlowId=flow_id, Content=flow_content("Bye")
    )
    for suffix in ("", ":$SAVED"):
        flow = connect.describe_contact_flow(
            InstanceId=instance["Id"], ContactFlowId=flow_id + suffix
        )["ContactFlow"]
        assert (flow["Content"], flow["Status"]) == (flow_content("Bye"), "PUBLISHED")


def test_content_longer_than_documented_is_refused_whatever_the_status(connect, instance):
    with pytest.raises(ClientError) as excinfo:
        create(connect, instance["Id"], Content="x" * 256_001, Status="SAVED")
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Content must be 1-256000 characters long, not 256001.",
    )


def test_names_are_unique_per_instance(connect, instance):
    first = create(connect, instance["Id"], "one")["ContactFlowId"]
    create(connect, instance["Id"], "two")
    with pytest.raises(ClientError) as excinfo:
        create(connect, instance["Id"], "one", Type="CUSTOMER_QUEUE")
    assert error_with_status(excinfo)[:2] == ("DuplicateResourceException", 409)
    with pytest.raises(ClientError) as excinfo:
        connect.update_contact_flow_name(InstanceId=instance["Id"], ContactFlowId=first, Name="two")
    assert error_of(excinfo)[0] == "DuplicateResourceException"
    with pytest.raises(ClientError) as excinfo:
        connect.update_contact_flow_metadata(
            InstanceId=instance["Id"], ContactFlowId=first, Name="Default outbound"
        )
    assert error_of(excinfo)[0] == "DuplicateResourceException"
    other = new_instance(connect, "other")
    create(connect, other["Id"], "one")


def test_name_description_and_state_updates(connect, instance):
    flow_id = create(connect, instance["Id"], "old")["ContactFlowId"]
    connect.update_contact_flow_name(
        InstanceId=instance["Id"], ContactFlowId=flow_id, Name="new", Description="d1"
    )
    connect.update_contact_flow_metadata(
        InstanceId=instance["Id"],
        ContactFlowId=flow_id,
        Description="d2",
        ContactFlowState="ARCHIVED",
    )
    flow = connect.describe_contact_flow(InstanceId=instance["Id"], ContactFlowId=flow_id)[
        "ContactFlow"
    ]
    assert (flow["Name"], flow["Description"], flow["State"]) == ("new", "d2", "ARCHIVED")
    create(connect, instance["Id"], "old")  # the old name is free again
    listed = {f["Name"]: f for f in all_flows(connect, instance["Id"])}
    assert listed["new"]["ContactFlowState"] == "ARCHIVED"  # archived flows are listed


def test_list_filters_by_type_and_pages(connect, instance):
    for i in range(5):
        create(connect, instance["Id"], f"queue {i}", Type="CUSTOMER_QUEUE")
    queues = all_flows(connect, instance["Id"], ContactFlowTypes=["CUSTOMER_QUEUE"])
    assert len(queues) == 6  # with the default customer queue
    paged = all_flows(connect, instance["Id"], PaginationConfig={"PageSize": 2})
    assert len(paged) == 14 and len({f["Id"] for f in paged}) == 14
    first = connect.list_contact_flows(InstanceId=instance["Id"], MaxResults=3)
    with pytest.raises(ClientError) as excinfo:
        connect.list_contact_flows(
            InstanceId=instance["Id"], ContactFlowTypes=["AGENT_HOLD"], NextToken=first["NextToken"]
        )
    assert error_of(excinfo)[0] == "InvalidParameterException"


def test_delete_removes_the_flow_and_its_tags(connect, instance):
    created = create(connect, instance["Id"], Tags={"k": "v"})
    connect.delete_contact_flow(InstanceId=instance["Id"], ContactFlowId=created["ContactFlowArn"])
    for call in (
        lambda: connect.describe_contact_flow(
            InstanceId=instance["Id"], ContactFlowId=created["ContactFlowId"]
        ),
        lambda: connect.delete_contact_flow(
            InstanceId=instance["Id"], ContactFlowId=created["ContactFlowId"]
        ),
        lambda: connect.list_tags_for_resource(resourceArn=created["ContactFlowArn"]),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_unknown_flows_and_instances(connect, instance):
    other = new_instance(connect, "other")
    flow = create(connect, other["Id"])
    for instance_id, flow_id in (
        (instance["Id"], flow["ContactFlowId"]),  # a flow of another instance
        (instance["Id"], flow["ContactFlowArn"]),
        (instance["Id"], "no-such-flow"),
        (instance["Id"], f"{flow['ContactFlowId']}:7"),  # versions are not modelled
        ("no-such-instance", flow["ContactFlowId"]),
    ):
        with pytest.raises(ClientError) as excinfo:
            connect.describe_contact_flow(InstanceId=instance_id, ContactFlowId=flow_id)
        assert error_with_status(excinfo)[:2] == ("ResourceNotFoundException", 404)


def test_tags_on_flow_arns(connect, instance):
    arn = create(connect, instance["Id"])["ContactFlowArn"]
    connect.tag_resource(resourceArn=arn, tags={"a": "1", "b": "2"})
    connect.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}
    with pytest.raises(ClientError) as excinfo:
        connect.tag_resource(resourceArn=arn + "0", tags={"a": "1"})
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_the_flow_quota_counts_the_defaults(connect, instance):
    control.configure(contact_flows_per_instance=10)
    create(connect, instance["Id"], "tenth")
    limited = client(config=no_retries())
    with pytest.raises(ClientError) as excinfo:
        create(limited, instance["Id"], "eleventh")
    assert error_with_status(excinfo) == (
        "LimitExceededException",
        429,
        f"Instance {instance['Id']} has reached its limit of 10 contact flows.",
    )
    assert len(all_flows(connect, instance["Id"])) == 10


def test_the_flow_quota_setting_is_checked():
    with pytest.raises(ValueError, match="contact_flows_per_instance"):
        control.configure(contact_flows_per_instance=-1)


def test_search_by_name_type_state_status_and_tags(connect, instance):
    create(connect, instance["Id"], "Billing main", Tags={"dept": "billing"})
    create(connect, instance["Id"], "Billing queue", Type="CUSTOMER_QUEUE", Status="SAVED")
    archived = create(connect, instance["Id"], "Sales")["ContactFlowId"]
    connect.update_contact_flow_metadata(
        InstanceId=instance["Id"], ContactFlowId=archived, ContactFlowState="ARCHIVED"
    )

    def names(**kwargs: Any) -> list[str]:
        found = connect.search_contact_flows(InstanceId=instance["Id"], **kwargs)
        assert found["ApproximateTotalCount"] == len(found["ContactFlows"])
        return sorted(f["Name"] for f in found["ContactFlows"])

    name = {"FieldName": "name", "ComparisonType": "STARTS_WITH", "Value": "billing"}
    assert names(SearchCriteria={"StringCondition": name}) == ["Billing main", "Billing queue"]
    assert names(
        SearchCriteria={"AndConditions": [{"StringCondition": name}, {"StatusCondition": "SAVED"}]}
    ) == ["Billing queue"]
    assert names(
        SearchCriteria={
            "OrConditions": [{"StateCondition": "ARCHIVED"}, {"TypeCondition": "CUSTOMER_QUEUE"}]
        }
    ) == ["Billing queue", "Default customer queue", "Sales"]
    assert names(
        SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "dept", "TagValue": "billing"}}}
    ) == ["Billing main"]
    contains = {"FieldName": "name", "ComparisonType": "CONTAINS", "Value": "x"}
    with pytest.raises(ClientError) as excinfo:
        connect.search_contact_flows(
            InstanceId=instance["Id"], SearchCriteria={"StringCondition": contains}
        )
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "A CONTAINS value must be 2-25 characters long, not 1.",
    )
    pages = connect.get_paginator("search_contact_flows").paginate(
        InstanceId=instance["Id"], PaginationConfig={"PageSize": 5}
    )
    assert sum(len(p["ContactFlows"]) for p in pages) == 12


def test_delete_instance_removes_its_flows(connect, instance):
    arn = create(connect, instance["Id"], Tags={"k": "v"})["ContactFlowArn"]
    connect.delete_instance(InstanceId=instance["Id"])
    with pytest.raises(ClientError) as excinfo:
        connect.list_tags_for_resource(resourceArn=arn)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as excinfo:
        connect.list_contact_flows(InstanceId=instance["Id"])
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_empty_content_is_refused_and_names_are_case_sensitive(connect, instance):
    with pytest.raises(ClientError) as excinfo:
        create(connect, instance["Id"], Content="", Status="SAVED")
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Content must be 1-256000 characters long, not 0.",
    )
    create(connect, instance["Id"], "default outbound")  # "Default outbound" exists


# -- hardening: lone surrogates, deep criteria, search content ---------------------------------

UNPAIRED = "Member must be valid Unicode text (it has an unpaired surrogate)"


def unpaired(shown: str, member: str) -> str:
    return (
        f"1 validation error detected: Value '{shown}' at '{member}' failed to satisfy "
        f"constraint: {UNPAIRED}"
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"Content": "\ud800", "Status": "SAVED"}, unpaired("\\ud800", "content")),
        ({"name": "flow \ud800"}, unpaired("flow \\ud800", "name")),
        ({"Description": "\udfff"}, unpaired("\\udfff", "description")),
        ({"Tags": {"k": "\ud800"}}, unpaired("\\ud800", "tags.k")),
    ],
    ids=["saved-content", "name", "description", "tag-value"],
)
def test_a_lone_surrogate_in_a_new_flow_is_refused_and_nothing_is_created(
    connect, instance, overrides, message
):
    before = connect.search_contact_flows(InstanceId=instance["Id"])["ContactFlows"]

    with pytest.raises(ClientError) as excinfo:
        create(connect, instance["Id"], **overrides)

    assert error_with_status(excinfo) == ("InvalidParameterException", 400, message)
    after = connect.search_contact_flows(InstanceId=instance["Id"])["ContactFlows"]
    assert after == before
    assert len(all_flows(connect, instance["Id"])) == len(before)


def test_a_lone_surrogate_in_a_flow_update_is_refused_and_the_flow_reads_back(connect, instance):
    flow = create(connect, instance["Id"])
    flow_id, arn = flow["ContactFlowId"], flow["ContactFlowArn"]
    updates = [
        lambda: connect.update_contact_flow_content(
            InstanceId=instance["Id"], ContactFlowId=flow_id + ":$SAVED", Content="\ud800"
        ),
        lambda: connect.update_contact_flow_name(
            InstanceId=instance["Id"], ContactFlowId=flow_id, Name="\ud800"
        ),
        lambda: connect.update_contact_flow_metadata(
            InstanceId=instance["Id"], ContactFlowId=flow_id, Description="\ud800"
        ),
        lambda: connect.tag_resource(resourceArn=arn, tags={"k": "\ud800"}),
    ]
    for update in updates:
        with pytest.raises(ClientError) as excinfo:
            update()
        code, message = error_of(excinfo)
        assert code == "InvalidParameterException"
        assert message.endswith(UNPAIRED)

    saved = connect.describe_contact_flow(
        InstanceId=instance["Id"], ContactFlowId=flow_id + ":$SAVED"
    )["ContactFlow"]
    assert (saved["Name"], saved["Content"], saved["Status"]) == (
        "My flow",
        flow_content(),
        "PUBLISHED",
    )
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {}
    assert connect.search_contact_flows(InstanceId=instance["Id"])["ApproximateTotalCount"] == 10


def nested_criteria(instance_id: str, branch: str, levels: int) -> str:
    """A SearchContactFlows body whose criteria nest ``levels`` conditions deep, as text (the
    json module recurses, and botocore's validation too, so neither can build it)."""
    inner = '{"StatusCondition": "PUBLISHED"}'
    head = f'{{"InstanceId": "{instance_id}", "SearchCriteria": '
    return head + f'{{"{branch}": [' * levels + inner + "]}" * levels + "}"


@pytest.mark.parametrize("branch", ["OrConditions", "AndConditions"])
@pytest.mark.parametrize(
    ("levels", "message"),
    [
        (32, "The request body nests objects and arrays more than 64 levels deep."),
        (400, "The request body nests objects and arrays more than 64 levels deep."),
        (450, "The request body nests objects and arrays more than 64 levels deep."),
        (5000, "The request body is not valid JSON."),  # too deep for the parser itself
    ],
)
def test_criteria_nested_too_deep_are_a_json_400(connect, instance, branch, levels, message):
    answer = raw_request(
        "POST", "/search-contact-flows", nested_criteria(instance["Id"], branch, levels)
    )

    assert answer.status_code == 400, answer.text[:300]
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.headers["x-amzn-ErrorType"] == "InvalidParameterException"
    assert answer.json()["Message"] == message


@pytest.mark.parametrize("branch", ["OrConditions", "AndConditions"])
def test_criteria_as_deep_as_the_bound_are_searched(connect, instance, branch):
    answer = raw_request(
        "POST", "/search-contact-flows", nested_criteria(instance["Id"], branch, 31)
    )

    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["ApproximateTotalCount"] == 9


def test_search_returns_the_latest_content_as_describe_with_saved_does(connect, instance):
    flow_id = create(connect, instance["Id"], "Draft me")["ContactFlowId"]
    draft = flow_content("A newer draft")
    connect.update_contact_flow_content(
        InstanceId=instance["Id"], ContactFlowId=flow_id + ":$SAVED", Content=draft
    )

    found = connect.search_contact_flows(
        InstanceId=instance["Id"],
        SearchCriteria={
            "StringCondition": {"FieldName": "name", "ComparisonType": "EXACT", "Value": "Draft me"}
        },
    )["ContactFlows"]
    latest = connect.describe_contact_flow(
        InstanceId=instance["Id"], ContactFlowId=flow_id + ":$SAVED"
    )["ContactFlow"]

    assert [f["Content"] for f in found] == [draft]
    assert found[0]["FlowContentSha256"] == hashlib.sha256(draft.encode()).hexdigest()
    assert found == [latest]
