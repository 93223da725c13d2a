"""Integers in the query string: the service reads ASCII digits (optionally negative), nothing else.

Python's ``int()`` also takes ``1_0``, ``+5``, `` 5`` and non-ASCII digits; each of those is the
operation's validation error, as any other text is. Checked through boto3 (with its own parameter
validation off, as a client in another language sends) and with hypothesis-drawn text for every
integer query member of the plugin's operations, in-process and against a server.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import fuzz_strategies as fs
import pytest
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from moto import mock_aws

from support import PLUGIN_OPERATIONS, claim, client, contract_violations, new_instance, raw_request

INTEGER_EXAMPLES = int(os.environ.get("INTEGER_EXAMPLES", "150"))
#: (operation, member) for every integer the plugin's operations take in the query string.
QUERY_INTEGERS = sorted(
    (name, member_name)
    for name in PLUGIN_OPERATIONS
    for member_name, member in (fs.operation(name).input_shape.members.items())
    if member.serialization.get("location") == "querystring"
    and member.type_name in ("integer", "long")
)
PYTHON_ONLY_INTEGERS = ["1_0", "+5", " 5", "5 ", "\u0665", "\uff15"]


def validation_code(operation: str) -> str:
    modelled = {shape.name for shape in fs.operation(operation).error_shapes}
    if "InvalidParameterException" in modelled:
        return "InvalidParameterException"
    return "InvalidRequestException"


def required(operation: str, instance: str) -> dict[str, Any]:
    """The operation's required members: these operations require at most an instance id."""
    return {name: instance for name in fs.operation(operation).input_shape.required_members}


def unvalidated_client() -> Any:
    """boto3 without its client-side checks, which would refuse a string for an integer."""
    return client(config=Config(parameter_validation=False, retries={"total_max_attempts": 1}))


@pytest.fixture
def east() -> Iterator[str]:
    with mock_aws():
        connect = client()
        instance = new_instance(connect)["Id"]
        claim(connect, instance)
        yield instance


def test_there_are_integer_query_members() -> None:
    assert QUERY_INTEGERS == [
        ("ListContactFlows", "MaxResults"),
        ("ListFlowAssociations", "MaxResults"),
        ("ListInstanceAttributes", "MaxResults"),
        ("ListPhoneNumbers", "MaxResults"),
        ("ListTrafficDistributionGroups", "MaxResults"),
    ]


@pytest.mark.parametrize(("operation", "member"), QUERY_INTEGERS)
@pytest.mark.parametrize("value", PYTHON_ONLY_INTEGERS)
def test_python_only_integers_are_a_validation_error_through_boto3(
    east: str, operation: str, member: str, value: str
) -> None:
    call = getattr(unvalidated_client(), xform_name(operation))
    with pytest.raises(ClientError) as e:
        call(**required(operation, east), **{member: value})
    error = e.value.response["Error"]
    assert error["Code"] == validation_code(operation)
    wire = fs.operation(operation).input_shape.members[member].serialization["name"]
    assert error["Message"] == (
        f"1 validation error detected: Value '{value}' at '{wire}' failed to satisfy constraint: "
        "Member must be of type integer"
    )


@pytest.mark.parametrize(("operation", "member"), QUERY_INTEGERS)
def test_ascii_digits_are_an_integer_through_boto3(east: str, operation: str, member: str) -> None:
    answer = getattr(unvalidated_client(), xform_name(operation))(
        **required(operation, east), **{member: "1"}
    )
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200


def query_texts() -> st.SearchStrategy[str]:
    """Digits with and without what ``int()`` tolerates, and any other text."""
    return st.one_of(
        st.integers(-(10**25), 10**25).map(str),
        st.from_regex(r"[+\- \t]?[0-9_]{1,5}[ \t\n]?", fullmatch=True),
        st.text(st.characters(categories=["Nd"]), min_size=1, max_size=4),
        st.text(max_size=12),
    )


@pytest.fixture(scope="module")
def instance() -> Iterator[str]:
    with mock_aws():
        connect = client()
        instance_id = new_instance(connect)["Id"]
        claim(connect, instance_id)
        yield instance_id


@pytest.mark.parametrize(("operation", "member"), QUERY_INTEGERS)
def test_any_query_text_is_an_ascii_integer_or_a_validation_error(
    instance: str, operation: str, member: str
) -> None:
    model = fs.operation(operation)
    shape = model.input_shape.members[member]
    low, high = shape.metadata.get("min", -(2**63)), shape.metadata.get("max", 2**63 - 1)
    before = client().list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]

    @settings(
        max_examples=INTEGER_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(text=query_texts())
    def check(text: str) -> None:
        request = fs.build(operation, {**required(operation, instance), member: text})
        response = raw_request(request.method, request.path, request.body)
        accepted = re.fullmatch(r"-?[0-9]+", text) is not None and low <= int(text) <= high
        assert (
            contract_violations(model, response.status_code, response.headers, response.content)
            == []
        )
        if accepted:
            assert response.status_code == 200, response.text[:300]
        else:
            assert response.status_code == 400, response.text[:300]
            assert response.headers["x-amzn-ErrorType"] == validation_code(operation)
            assert f"at '{shape.serialization['name']}'" in response.json()["Message"]
        assert client().list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == before

    check()
