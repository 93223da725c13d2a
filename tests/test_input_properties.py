"""Properties of client input the model cannot bound by itself: lone surrogates in any string
member, and objects and arrays nested too deep to walk.

A lone surrogate (JSON's ``"\\ud800"``) can be neither stored nor answered as UTF-8; nesting past
the bound would make a recursive walk fail. Either is a JSON 400 that changes nothing, for every
operation the plugin answers, in-process and on a server.
"""

from __future__ import annotations

from typing import Any

import fuzz_strategies as fs
import pytest
from botocore.model import MapShape, Shape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from moto import mock_aws

from moto_connect_ext.connect.validation import MAX_NESTING
from support import PLUGIN_OPERATIONS, client, flow_content, new_instance, raw_request

UNPAIRED = "Member must be valid Unicode text (it has an unpaired surrogate)"
TOO_DEEP = f"The request body nests objects and arrays more than {MAX_NESTING} levels deep."

examples = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def string_slots(operation: str) -> list[tuple[str, str]]:
    """The body's string members of ``operation``: (member, "value"), and for a map of strings
    (Tags) (member, "key") and (member, "map value")."""
    slots: list[tuple[str, str]] = []
    for name, member in fs.operation(operation).input_shape.members.items():
        if member.serialization.get("location") is not None:
            continue
        if member.type_name == "string":
            slots.append((name, "value"))
        elif isinstance(member, MapShape) and member.key.type_name == "string":
            slots += [(name, "key"), (name, "map value")]
    return slots


#: Every operation the plugin answers (and TagResource, whose tags it checks), by string slot.
SLOTS = [
    (operation, *slot)
    for operation in sorted(PLUGIN_OPERATIONS | {"TagResource"})
    for slot in string_slots(operation)
]

surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)


def plain_text(shape: Shape) -> st.SearchStrategy[str]:
    """A value the member's model takes, or plain text where it names something real."""
    drawn = fs.valid(shape, real=True)
    return drawn.map(lambda v: v if isinstance(v, str) else "plain")


@st.composite
def with_surrogate(draw: st.DrawFn, shape: Shape) -> str:
    text = draw(plain_text(shape))
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(surrogates) + text[at:]


def world() -> tuple[Any, fs.Pools]:
    """A client, and pools naming a real instance and flow (so only the surrogate is wrong)."""
    connect = client()
    instance = new_instance(connect)
    flow = connect.create_contact_flow(
        InstanceId=instance["Id"], Name="real", Type="CONTACT_FLOW", Content=flow_content()
    )
    pools = fs.Pools(
        values={
            "InstanceId": [instance["Id"]],
            "ARN": [instance["Arn"]],
            "ContactFlowId": [flow["ContactFlowId"]],
            "ContactFlowName": ["A name"],
            "ContactFlowContent": [flow_content()],
        }
    )
    return connect, pools


def visible_state(connect: Any, instance_id: str) -> Any:
    flows = connect.search_contact_flows(InstanceId=instance_id, MaxResults=100)["ContactFlows"]
    numbers = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    return flows, numbers


@examples
@given(slot=st.sampled_from(SLOTS), data=st.data())
def test_a_lone_surrogate_in_any_string_member_is_a_400_that_changes_nothing(
    slot: tuple[str, str, str], data: st.DataObject
) -> None:
    operation, member, where = slot
    with mock_aws():
        connect, pools = world()
        shape = fs.operation(operation).input_shape
        params = pools.resolve(data.draw(fs.structure(shape, real=True)))
        target = shape.members[member]
        if where == "value":
            params[member] = data.draw(with_surrogate(target))
        elif where == "key":
            params[member] = {data.draw(with_surrogate(target.key)): "v"}
        else:
            params[member] = {"k": data.draw(with_surrogate(target.value))}
        instance_id = pools.values["InstanceId"][0]
        before = visible_state(connect, instance_id)
        request = fs.build(operation, params)

        answer = raw_request(request.method, request.path, request.body)

        assert answer.status_code == 400, (request.describe(), answer.text[:300])
        assert answer.headers["Content-Type"] == "application/json"
        assert answer.headers["x-amzn-ErrorType"] in (
            "InvalidParameterException",
            "InvalidRequestException",
        )
        assert UNPAIRED in answer.json()["Message"], answer.json()
        assert visible_state(connect, instance_id) == before


@pytest.mark.parametrize("operation", sorted(PLUGIN_OPERATIONS))
@settings(examples, max_examples=8)
@given(levels=st.integers(MAX_NESTING, 500), data=st.data())
def test_a_body_nested_past_the_bound_is_a_json_400_for_every_operation(
    operation: str, levels: int, data: st.DataObject
) -> None:
    """A member nested ``levels`` deep (objects or arrays, as text: the json module recurses)."""
    model = fs.operation(operation)
    if not any(m.serialization.get("location") is None for m in model.input_shape.members.values()):
        return  # no JSON body to nest in
    opener = data.draw(st.sampled_from(['{"a": ', "["]))
    closer = "}" if opener.startswith("{") else "]"
    body = '{"Extra": ' + opener * levels + "1" + closer * levels + "}"
    located = {
        name: "abc"  # path labels and query members, so the route is the operation's
        for name, member in model.input_shape.members.items()
        if member.serialization.get("location") is not None and member.type_name == "string"
    }
    request = fs.build(operation, located)
    with mock_aws():
        answer = raw_request(request.method, request.path, body)

    assert answer.status_code == 400, answer.text[:300]
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json()["Message"] == TOO_DEEP
