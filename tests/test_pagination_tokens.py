"""NextToken is the caller's text: whatever a token decodes to, a list operation answers a page or
its documented error (``InvalidParameterException``; ListTrafficDistributionGroups, which does not
model it, its validation error ``InvalidRequestException``), never a 5xx, and changes nothing.

The four operations that take a NextToken are checked with the issue's example (base64 of 5,000
``[``) through boto3 and raw HTTP, and with hypothesis-drawn tokens up to the model's maximum length
(``fuzz_strategies.next_tokens``), in-process and against a server.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Iterator
from typing import Any

import fuzz_strategies as fs
import pytest
from botocore import xform_name
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, Phase, given, settings
from moto import mock_aws

from support import (
    claim,
    client,
    contract_violations,
    error_of,
    new_instance,
    raw_request,
)

TOKEN_EXAMPLES = int(os.environ.get("TOKEN_EXAMPLES", "100"))
#: The issue's example: about 6,700 characters, well within the model's limit.
DEEPLY_NESTED = base64.urlsafe_b64encode(b"[" * 5000).decode()
#: Each list operation's other parameters, for an instance id.
LISTS: dict[str, Callable[[str], dict[str, Any]]] = {
    "ListPhoneNumbersV2": lambda instance: {"InstanceId": instance},
    "ListPhoneNumbers": lambda instance: {"InstanceId": instance},
    "SearchAvailablePhoneNumbers": lambda instance: {
        "InstanceId": instance,
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "TOLL_FREE",
    },
    "ListTrafficDistributionGroups": lambda instance: {},
}


def token_error(operation: str) -> str:
    """The error for a token the operation did not hand out: its validation error."""
    modelled = {shape.name for shape in fs.operation(operation).error_shapes}
    return (
        "InvalidParameterException"
        if "InvalidParameterException" in modelled
        else "InvalidRequestException"
    )


class World:
    """An instance with numbers claimed to it, real tokens of each list, and a snapshot of what the
    API shows (the same in-process and on a server)."""

    def __init__(self) -> None:
        self.connect = client()
        self.instance = new_instance(self.connect)["Id"]
        for _ in range(3):
            claim(self.connect, self.instance)
        self.tokens: dict[str, list[str]] = {}
        for operation, params in LISTS.items():
            page = getattr(self.connect, xform_name(operation))(
                **params(self.instance), MaxResults=1
            )
            self.tokens[operation] = [page["NextToken"]] if "NextToken" in page else []
        self.before = self.snapshot()

    def snapshot(self) -> dict[str, Any]:
        listed = self.connect.list_phone_numbers_v2(MaxResults=1000)
        stock = self.connect.search_available_phone_numbers(
            **LISTS["SearchAvailablePhoneNumbers"](self.instance), MaxResults=10
        )
        groups = self.connect.list_traffic_distribution_groups()
        return {
            "numbers": listed["ListPhoneNumbersSummaryList"],
            "stock": stock["AvailableNumbersList"],
            "groups": groups["TrafficDistributionGroupSummaryList"],
        }


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    with mock_aws():
        yield World()


@pytest.fixture
def east() -> Iterator[tuple[Any, str]]:
    with mock_aws():
        connect = client()
        yield connect, new_instance(connect)["Id"]


def send(operation: str, instance: str, token: str) -> Any:
    request = fs.build(operation, {**LISTS[operation](instance), "NextToken": token})
    try:
        return raw_request(request.method, request.path, request.body)
    except Exception as error:  # in-process, what a server answers with an HTML 500
        pytest.fail(f"{operation} raised {type(error).__name__}: {str(error)[:200]}")


@pytest.mark.parametrize("operation", LISTS)
def test_deeply_nested_token_is_the_documented_error_through_boto3(
    east: tuple[Any, str], operation: str
) -> None:
    connect, instance = east
    claim(connect, instance)
    with pytest.raises(ClientError) as e:
        getattr(connect, xform_name(operation))(
            **LISTS[operation](instance), NextToken=DEEPLY_NESTED
        )
    code, message = error_of(e)
    assert code == token_error(operation)
    assert message.startswith("Invalid NextToken: W1tb")
    assert len(connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]) == 1


@pytest.mark.parametrize("operation", LISTS)
def test_deeply_nested_token_is_the_documented_error_over_raw_http(
    east: tuple[Any, str], operation: str
) -> None:
    _, instance = east
    response = send(operation, instance, DEEPLY_NESTED)
    assert response.status_code == 400, response.text[:300]
    assert response.headers["x-amzn-ErrorType"] == token_error(operation)
    assert response.json()["Message"].startswith("Invalid NextToken: W1tb")


@pytest.mark.parametrize("operation", LISTS)
def test_any_token_gets_a_page_or_the_documented_error_and_changes_nothing(
    world: World, operation: str
) -> None:
    model = fs.operation(operation)
    answers: dict[int, int] = {}

    @settings(
        max_examples=TOKEN_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(token=fs.next_tokens(operation, world.tokens[operation]))
    def check(token: str) -> None:
        response = send(operation, world.instance, token)
        status = response.status_code
        answers[status] = answers.get(status, 0) + 1
        assert status in (200, 400), response.text[:300]
        assert contract_violations(model, status, response.headers, response.content) == []
        if status == 400:
            assert response.headers["x-amzn-ErrorType"] == token_error(operation)
        assert world.snapshot() == world.before

    check()
    assert answers.get(400), answers
