"""Unit tests for the Flow-language checks and the default flows (pure: no moto, no boto3)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from moto_connect_ext.connect.default_flows import DEFAULT_FLOWS
from moto_connect_ext.connect.flow_content import MAX_CONTENT
from moto_connect_ext.connect.flow_language import problem_limits, problems
from support import flow_document


def check(document: Any) -> list[str]:
    return problems(json.dumps(document))


def test_the_documented_example_shape_is_valid() -> None:
    assert check(flow_document()) == []


def test_not_json_and_not_an_object() -> None:
    assert problems("{") == ["Content is not valid JSON."]
    assert problems("[1]") == ["Content must be a JSON object."]
    assert problems("[" * 100_000) == ["Content is not valid JSON."]


def test_length_limits() -> None:
    assert problems("") == ["Content must be 1-256000 characters long, not 0."]
    assert problems(" " * (MAX_CONTENT + 1)) == [
        f"Content must be 1-256000 characters long, not {MAX_CONTENT + 1}."
    ]


def test_version_must_be_the_only_supported_one() -> None:
    assert check(flow_document(Version="2020-01-01")) == [
        "Version must be '2019-10-30', not \"2020-01-01\"."
    ]


def test_start_action_must_name_an_action() -> None:
    assert check(flow_document(StartAction="nowhere")) == [
        'StartAction "nowhere" does not name an action of the flow.'
    ]
    assert check(flow_document(StartAction=["greet"])) == [
        'StartAction ["greet"] does not name an action of the flow.'
    ]


def test_dangling_transitions_are_each_a_problem() -> None:
    document = flow_document()
    document["Actions"][0]["Transitions"] = {
        "NextAction": "gone",
        "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "lost"}],
        "Conditions": [{"NextAction": {"odd": 1}}],
    }
    assert check(document) == [
        'Actions[0].Transitions.NextAction "gone" does not name an action of the flow.',
        'Actions[0].Transitions.Errors[0].NextAction "lost" does not name an action of the flow.',
        'Actions[0].Transitions.Conditions[0].NextAction {"odd": 1} does not name an action of '
        "the flow.",
    ]


def test_identifier_rules() -> None:
    document = flow_document()
    document["Actions"] += [
        {"Identifier": "greet", "Type": "X"},
        {"Identifier": "a" * 51, "Type": "X"},
        {"Identifier": "a:b(c)", "Type": "X"},
        {"Identifier": "constructor", "Type": "X"},
        {"Identifier": 7, "Type": ""},
        "not an action",
        {"Identifier": "t", "Type": "X", "Transitions": []},
    ]
    found = check(document)
    assert found[:2] == [
        'Actions[2].Identifier "greet" is not unique in the flow.',
        f'Actions[3].Identifier "{"a" * 51}" is longer than 50 characters.',
    ]
    assert 'Actions[4].Identifier "a:b(c)" contains ( ) :, which are not allowed.' in found
    assert 'Actions[5].Identifier "constructor" is a reserved name.' in found
    assert "Actions[6].Identifier must be a non-empty string." in found
    assert "Actions[6].Type must be a non-empty string." in found
    assert "Actions[7] must be a JSON object." in found
    assert "Actions[8].Transitions must be a JSON object." in found


def test_too_many_actions() -> None:
    actions = [{"Identifier": f"a{i}", "Type": "X", "Transitions": {}} for i in range(251)]
    assert check(flow_document(StartAction="a0", Actions=actions)) == [
        "A flow may have at most 250 actions; this one has 251."
    ]


def test_problems_fit_the_model_limits() -> None:
    actions = [{"Identifier": "x" * 300, "Type": "X"} for _ in range(80)]
    found = check(flow_document(StartAction="x", Actions=actions))
    assert problem_limits() == (50, 256)
    assert len(found) == problem_limits()[0]
    assert all(1 <= len(message) <= problem_limits()[1] for message in found)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
        ),
    )
)
def test_any_json_gets_a_bounded_answer_and_never_raises(document: Any) -> None:
    found = check(document)
    assert len(found) <= problem_limits()[0]
    assert all(
        isinstance(message, str) and 1 <= len(message) <= problem_limits()[1] for message in found
    )


def test_default_flows_are_valid_and_named_as_documented() -> None:
    assert [(f.name, f.type) for f in DEFAULT_FLOWS] == [
        ("Default agent hold", "AGENT_HOLD"),
        ("Default agent transfer", "AGENT_TRANSFER"),
        ("Default agent whisper", "AGENT_WHISPER"),
        ("Default customer hold", "CUSTOMER_HOLD"),
        ("Default customer queue", "CUSTOMER_QUEUE"),
        ("Default customer whisper", "CUSTOMER_WHISPER"),
        ("Default outbound", "OUTBOUND_WHISPER"),
        ("Default queue transfer", "QUEUE_TRANSFER"),
        ("Sample inbound flow (first contact experience)", "CONTACT_FLOW"),
    ]
    for default in DEFAULT_FLOWS:
        assert problems(default.content) == [], default.name
