"""Requests nothing stands behind: an operation without a handler, a Region without Connect.

moto answered both with an exception (NotImplementedError, KeyError): a traceback in-process, an HTML
500 on a server. Every operation of the botocore model now answers JSON that botocore reads as a
ClientError: an operation the mock does not implement is ``NotImplementedException`` (501, naming
the operation), a request signed for a Region where moto has no connect backend is
``InvalidSignatureException`` (403, naming the Region). Neither is retried by botocore, in its
legacy or standard retry mode, and neither changes anything.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterator
from typing import Any

import fuzz_strategies as fs
import moto
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from moto import mock_aws
from moto.core.utils import camelcase_to_underscores
from packaging.version import Version

from moto_connect_ext.connect.responses import ConnectResponse, not_implemented_operations
from support import (
    PLUGIN_OPERATIONS,
    claim,
    client,
    error_with_status,
    new_instance,
    raw_request,
)

UNIMPLEMENTED_EXAMPLES = int(os.environ.get("UNIMPLEMENTED_EXAMPLES", "150"))
#: A Region without Amazon Connect, where SDKs end up when no signing Region is set.
NO_CONNECT = "us-east-2"
UUID = "00000000-0000-4000-8000-000000000000"
#: moto's own connect operations, which the plugin serves through moto's handlers.
MOTO_OPERATIONS = {
    "CreateInstance",
    "DescribeInstance",
    "ListInstances",
    "DeleteInstance",
    "TagResource",
    "UntagResource",
    "ListTagsForResource",
}
#: AssociateFlow's association of an SMS number with a flow (not implemented; voice numbers use
#: AssociatePhoneNumberContactFlow).
FLOW_ASSOCIATION = {"ResourceType": "SMS_PHONE_NUMBER", "FlowId": UUID}


def model_request(
    operation: str, region: str = "us-east-1", labels: dict[str, str] | None = None
) -> fs.Request:
    """The request a client sends for ``operation``: URI labels (``labels``, else a UUID) and
    required query members filled in (without them, no operation matches)."""
    model = fs.operation(operation)
    names = re.findall(r"{(.*?)}", model.http["requestUri"])
    query = {
        name: UUID
        for name in model.input_shape.required_members
        if model.input_shape.members[name].serialization.get("location") == "querystring"
    }
    raw_labels = {name: fs._q((labels or {}).get(name, UUID)) for name in names}
    return fs.build(operation, query, region, raw_labels=raw_labels)


def send(request: fs.Request) -> requests.Response:
    try:
        return raw_request(request.method, request.path, request.body, request.region)
    except Exception as error:  # in-process, what a server answers with an HTML 500
        pytest.fail(f"{request.describe()} raised {type(error).__name__}: {str(error)[:200]}")


def problems_with(response: requests.Response, status: int, code: str, message: str) -> list[str]:
    """What differs from a JSON error of that status, code and message."""
    if response.headers.get("Content-Type") != "application/json":
        return [f"Content-Type {response.headers.get('Content-Type')}: {response.text[:120]!r}"]
    seen = (response.status_code, response.headers.get("x-amzn-ErrorType"), response.json())
    wanted = (status, code, {"__type": code, "Message": message})
    return [] if seen == wanted else [f"{seen} instead of {wanted}"]


def not_implemented_message(operation: str) -> str:
    return f"{operation} is not implemented by moto-connect-ext."


def region_message(region: str) -> str:
    return (
        f"Credential should be scoped to a valid region, not '{region}'. "
        f"Amazon Connect is not available in {region}."
    )


@pytest.fixture
def east() -> Iterator[tuple[Any, dict[str, str], dict[str, str]]]:
    """A client, an instance and a number claimed to it."""
    with mock_aws():
        connect = client()
        instance = new_instance(connect)
        yield connect, instance, claim(connect, instance["Id"])


# -- operations without a handler ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "call"),
    [
        (
            "AssociateFlow",
            lambda c, n: c.associate_flow(
                InstanceId=UUID, ResourceId=n["PhoneNumberArn"], **FLOW_ASSOCIATION
            ),
        ),
        (
            "DisassociateFlow",
            lambda c, n: c.disassociate_flow(
                InstanceId=UUID, ResourceId=n["PhoneNumberId"], ResourceType="SMS_PHONE_NUMBER"
            ),
        ),
    ],
    ids=["associate-flow", "disassociate-flow"],
)
@pytest.mark.parametrize("retry_mode", ["legacy", "standard"])
def test_operation_without_a_handler_is_not_implemented_through_boto3(
    east: tuple[Any, dict[str, str], dict[str, str]], operation: str, call: Any, retry_mode: str
) -> None:
    connect, _, number = east
    with pytest.raises(ClientError) as e:
        call(client(config=Config(retries={"mode": retry_mode})), number)
    assert error_with_status(e) == (
        "NotImplementedException",
        501,
        not_implemented_message(operation),
    )
    assert e.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert connect.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]["PhoneNumberStatus"] == {"Status": "CLAIMED"}


@pytest.mark.parametrize(
    ("method", "path", "operation"),
    [
        ("PUT", f"/flow-associations/{UUID}", "AssociateFlow"),
        ("DELETE", f"/flow-associations/{UUID}/{UUID}/SMS_PHONE_NUMBER", "DisassociateFlow"),
    ],
)
def test_operation_without_a_handler_is_not_implemented_over_raw_http(
    east: tuple[Any, dict[str, str], dict[str, str]], method: str, path: str, operation: str
) -> None:
    body = json.dumps({**FLOW_ASSOCIATION, "ResourceId": UUID})
    response = send(fs.Request(operation, "raw", method, path, body.encode(), "us-east-1", ""))
    assert (
        problems_with(response, 501, "NotImplementedException", not_implemented_message(operation))
        == []
    )


def test_not_implemented_are_the_operations_of_the_model_without_a_handler() -> None:
    unimplemented = not_implemented_operations()
    assert not unimplemented & (PLUGIN_OPERATIONS | MOTO_OPERATIONS)
    assert {"AssociateFlow", "DisassociateFlow"} <= unimplemented
    for operation in fs.SERVICE.operation_names:
        handled = hasattr(ConnectResponse, camelcase_to_underscores(operation))
        assert handled != (operation in unimplemented), operation


def test_every_operation_without_a_handler_answers_json_naming_it(
    east: tuple[Any, dict[str, str], dict[str, str]],
) -> None:
    connect, _, _ = east
    before = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    problems = {
        operation: problem
        for operation in sorted(not_implemented_operations())
        for problem in problems_with(
            send(model_request(operation)),
            501,
            "NotImplementedException",
            not_implemented_message(operation),
        )
    }
    assert problems == {}
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == before


@pytest.mark.parametrize("region", ["us-east-1", NO_CONNECT])
def test_any_request_near_an_unimplemented_operation_answers_json(
    east: tuple[Any, dict[str, str], dict[str, str]], region: str
) -> None:
    """Model requests of operations without a handler, their labels, method and body drawn at
    random: always a JSON error (not implemented, unknown, a validation error, or the Region's),
    never HTML or another 5xx, and nothing changes."""
    connect, _, _ = east
    before = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    unimplemented = sorted(not_implemented_operations())
    label = st.text(min_size=1, max_size=30)

    @settings(
        max_examples=UNIMPLEMENTED_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(
        operation=st.sampled_from(unimplemented),
        labels=st.dictionaries(st.sampled_from(["InstanceId", "Id", "PhoneNumberId"]), label),
        method=st.none() | st.sampled_from(["GET", "PUT", "POST", "DELETE", "PATCH"]),
        body=st.none() | st.binary(max_size=40),
    )
    def check(
        operation: str, labels: dict[str, str], method: str | None, body: bytes | None
    ) -> None:
        request = model_request(operation, region, labels)
        response = send(dataclasses.replace(request, method=method or request.method, body=body))
        assert response.headers.get("Content-Type") == "application/json", response.text[:200]
        assert response.status_code in (400, 403, 404, 501), response.text[:200]
        error = response.json()
        assert error["__type"] == response.headers["x-amzn-ErrorType"]
        # moto's own handlers (DescribeInstance takes /instance/x/bot) write "message".
        message = error.get("Message") or error["message"]
        if response.status_code == 501:
            assert message.split()[0] in unimplemented

    check()
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == before


# -- Regions without Connect ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias="nowhere",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        ),
        lambda c: c.describe_instance(InstanceId=UUID),
        lambda c: c.list_instances(),
        lambda c: c.list_tags_for_resource(resourceArn=f"arn:aws:connect:{NO_CONNECT}:1:x/y"),
        lambda c: c.list_phone_numbers_v2(),
        lambda c: c.search_available_phone_numbers(
            InstanceId=UUID, PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE"
        ),
        lambda c: c.claim_phone_number(InstanceId=UUID, PhoneNumber="+18005550100"),
        lambda c: c.list_traffic_distribution_groups(),
        lambda c: c.associate_flow(InstanceId=UUID, ResourceId=UUID, **FLOW_ASSOCIATION),
    ],
    ids=[
        "create-instance",
        "describe-instance",
        "list-instances",
        "list-tags",
        "list-numbers-v2",
        "search",
        "claim",
        "list-tdgs",
        "not-implemented",
    ],
)
@pytest.mark.parametrize("retry_mode", ["legacy", "standard"])
def test_region_without_connect_is_named_through_boto3(
    east: tuple[Any, dict[str, str], dict[str, str]], call: Any, retry_mode: str
) -> None:
    connect, _, _ = east
    with pytest.raises(ClientError) as e:
        call(client(NO_CONNECT, config=Config(retries={"mode": retry_mode})))
    assert error_with_status(e) == ("InvalidSignatureException", 403, region_message(NO_CONNECT))
    assert e.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert [i["InstanceAlias"] for i in connect.list_instances()["InstanceSummaryList"]] == [
        "test-instance"
    ]


@pytest.mark.parametrize("region", [NO_CONNECT, "eu-north-1"])
def test_every_operation_in_a_region_without_connect_answers_json_naming_it(
    east: tuple[Any, dict[str, str], dict[str, str]], region: str
) -> None:
    connect, _, _ = east
    before = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    problems = {
        operation: problem
        for operation in fs.SERVICE.operation_names
        for problem in problems_with(
            send(model_request(operation, region)),
            403,
            "InvalidSignatureException",
            region_message(region),
        )
    }
    assert problems == {}
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == before
    assert len(connect.list_instances()["InstanceSummaryList"]) == 1


@pytest.mark.in_process_only
def test_moto_setting_for_unknown_regions_still_serves_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``MOTO_ALLOW_NONEXISTENT_REGION=true`` asks moto for a backend in any Region."""
    monkeypatch.setenv("MOTO_ALLOW_NONEXISTENT_REGION", "true")
    with mock_aws():
        connect = client(NO_CONNECT)
        instance = new_instance(connect)
        number = claim(connect, instance["Id"])
        assert number["PhoneNumberArn"].startswith(f"arn:aws:connect:{NO_CONNECT}:")


# -- requests that match no operation ------------------------------------------------------------

#: moto 5.2.5's router (a normalized request) checks required query members; earlier regexes do not.
ROUTER_CHECKS_REQUIRED_QUERY = Version(moto.__version__) >= Version("5.2.5")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/nonsense"),
        ("GET", "/"),
        ("POST", "/"),
        ("PATCH", f"/phone-number/{UUID}"),
        pytest.param(
            "DELETE",
            f"/phone-number/{UUID}/contact-flow",  # instanceId (required) missing
            marks=pytest.mark.skipif(
                not ROUTER_CHECKS_REQUIRED_QUERY,
                reason="moto before 5.2.5 matches an operation without its required query members",
            ),
        ),
    ],
    ids=[
        "unknown-path",
        "root",
        "root-post",
        "unknown-method",
        "required-query-missing",
    ],
)
def test_request_matching_no_operation_is_unknown_operation(
    east: tuple[Any, dict[str, str], dict[str, str]], method: str, path: str
) -> None:
    response = send(fs.Request("-", "raw", method, path, None, "us-east-1", ""))
    message = f"No Amazon Connect operation matches {method} {path}"
    assert problems_with(response, 404, "UnknownOperationException", message) == []


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_a_path_of_slashes_is_unknown_operation_in_json(
    east: tuple[Any, dict[str, str], dict[str, str]], method: str
) -> None:
    """``//`` signed for connect: JSON, never werkzeug's HTML page. The message names the path
    as moto hands it on: ``/`` from a server's WSGI layer and from moto before 5.2 in-process,
    ``//`` from moto 5.2 in-process."""
    response = send(fs.Request("-", "raw", method, "//", None, "us-east-1", ""))
    answers = [
        problems_with(
            response,
            404,
            "UnknownOperationException",
            f"No Amazon Connect operation matches {method} {seen}",
        )
        for seen in ("/", "//")
    ]
    assert [] in answers, answers


@pytest.mark.parametrize(
    ("query", "headers"),
    [("?Action=Foo", {}), ("?Action=DescribeInstance", {}), ("", {"X-Amz-Target": "Connect.Foo"})],
    ids=["action-unknown", "action-of-another-operation", "target-header"],
)
def test_method_and_path_alone_name_the_operation(
    east: tuple[Any, dict[str, str], dict[str, str]], query: str, headers: dict[str, str]
) -> None:
    """Connect is rest-json: an ``Action`` parameter or ``X-Amz-Target`` header names nothing."""
    _, _, number = east
    listed = raw_request("POST", "/phone-number/list" + query, "{}", headers=headers)
    assert listed.status_code == 200, listed.text[:300]
    assert [n["PhoneNumberId"] for n in listed.json()["ListPhoneNumbersSummaryList"]] == [
        number["PhoneNumberId"]
    ]
    unknown = raw_request("GET", "/nonsense" + query, headers=headers)
    message = "No Amazon Connect operation matches GET /nonsense"
    assert problems_with(unknown, 404, "UnknownOperationException", message) == []
