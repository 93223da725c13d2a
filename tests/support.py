"""Helpers shared by the tests: server-mode awareness, raw signed HTTP, the wire contract."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError
from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape
from moto import settings
from moto.moto_api import state_manager

from moto_connect_ext import control
from moto_connect_ext.connect.models.stock import OFFER_TIME

SERVER_MODE = settings.TEST_SERVER_MODE
#: Set by CI: a client a test needs (an SDK, Chromium) must be there; elsewhere its test skips.
REQUIRED = "MOTO_CONNECT_REQUIRE_SDK_CLIENTS"


def require(ready: bool, missing: str, install: str) -> None:
    """Skip, saying how to install it, when a client cannot run; fail where it is required."""
    if ready:
        return
    if os.environ.get(REQUIRED) == "1":
        pytest.fail(f"{missing}: {install} ({REQUIRED}=1 requires it)", pytrace=False)
    pytest.skip(f"{missing}; to run it: {install}")


def no_retries() -> Config:
    """A client config without retries; a new one each time, as moto's server mode writes the
    client's Region into the config object it is given."""
    return Config(retries={"total_max_attempts": 1})


#: Error codes the reference decides on beyond each operation's modelled list.
DECIDED_ERRORS: dict[str, set[str]] = {
    "ClaimPhoneNumber": {"LimitExceededException"},
    # An import is blocked by the churn rule as a claim is (docs/behaviour.md, "Churn").
    "ImportPhoneNumber": {"LimitExceededException"},
    # Without its required ``instanceId`` query member the request matches no operation
    # (docs/behaviour.md, "No matching operation").
    "DisassociatePhoneNumberContactFlow": {"UnknownOperationException"},
}
#: Errors AWS may answer to any request before the operation runs (authentication, IAM).
COMMON_ERRORS = {
    "AccessDeniedException",
    "InvalidSignatureException",
    "UnrecognizedClientException",
}
#: The operations this project adds, by family, in the contract's order (the fuzzer draws them
#: in this order, so a derandomized run replays); the contract covers each of them.
PHONE_NUMBER_FAMILY = (
    "ClaimPhoneNumber",
    "ReleasePhoneNumber",
    "DescribePhoneNumber",
    "ListPhoneNumbersV2",
    "ListPhoneNumbers",
    "SearchAvailablePhoneNumbers",
    "UpdatePhoneNumber",
    "UpdatePhoneNumberMetadata",
)
PHONE_NUMBER_OPERATIONS = frozenset(PHONE_NUMBER_FAMILY)
RESILIENCY_OPERATIONS = frozenset(
    {
        "ReplicateInstance",
        "CreateTrafficDistributionGroup",
        "DescribeTrafficDistributionGroup",
        "ListTrafficDistributionGroups",
        "DeleteTrafficDistributionGroup",
        "GetTrafficDistribution",
        "UpdateTrafficDistribution",
    }
)
FLOW_FAMILY = (
    "CreateContactFlow",
    "DescribeContactFlow",
    "ListContactFlows",
    "UpdateContactFlowContent",
    "UpdateContactFlowName",
    "UpdateContactFlowMetadata",
    "DeleteContactFlow",
    "SearchContactFlows",
    "AssociatePhoneNumberContactFlow",
    "DisassociatePhoneNumberContactFlow",
    "ListFlowAssociations",
    "BatchGetFlowAssociation",
)
FLOW_OPERATIONS = frozenset(FLOW_FAMILY)
INSTANCE_ATTRIBUTE_OPERATIONS = frozenset(
    {"DescribeInstanceAttribute", "UpdateInstanceAttribute", "ListInstanceAttributes"}
)
PLUGIN_OPERATIONS = (
    PHONE_NUMBER_OPERATIONS
    | RESILIENCY_OPERATIONS
    | FLOW_OPERATIONS
    | INSTANCE_ATTRIBUTE_OPERATIONS
    | {"ImportPhoneNumber"}
)
#: The End User Messaging SMS (pinpoint-sms-voice-v2) operations this project serves.
SMS_VOICE_OPERATIONS = frozenset(
    {
        "RequestPhoneNumber",
        "DescribePhoneNumbers",
        "UpdatePhoneNumber",
        "ReleasePhoneNumber",
        "TagResource",
        "UntagResource",
        "ListTagsForResource",
    }
)


def flow_document(text: str = "Hello", **overrides: Any) -> dict[str, Any]:
    """A small flow that passes the published-content checks (the documented example's shape: a
    message, then disconnect), with top-level members replaced by ``overrides``."""
    document: dict[str, Any] = {
        "Version": "2019-10-30",
        "StartAction": "greet",
        "Metadata": {},
        "Actions": [
            {
                "Identifier": "greet",
                "Type": "MessageParticipant",
                "Parameters": {"Text": text},
                "Transitions": {"NextAction": "bye", "Errors": [], "Conditions": []},
            },
            {"Identifier": "bye", "Type": "DisconnectParticipant", "Transitions": {}},
        ],
    }
    document.update(overrides)
    return document


def flow_content(text: str = "Hello") -> str:
    """:func:`flow_document` as CreateContactFlow's ``Content``."""
    return json.dumps(flow_document(text))


def endpoint(region: str) -> str:
    if SERVER_MODE:
        return settings.test_server_mode_endpoint()
    return f"https://connect.{region}.amazonaws.com"


def client(region: str = "us-east-1", **kwargs: Any) -> Any:
    return boto3.client("connect", region_name=region, **kwargs)


def sms_client(region: str = "us-east-1", **kwargs: Any) -> Any:
    """An End User Messaging SMS client (pinpoint-sms-voice-v2)."""
    return boto3.client("pinpoint-sms-voice-v2", region_name=region, **kwargs)


def request_number(
    sms: Any, country: str = "US", kind: str = "LONG_CODE", **kwargs: Any
) -> dict[str, Any]:
    """RequestPhoneNumber of an SMS and voice number, without ResponseMetadata."""
    kwargs.setdefault("NumberCapabilities", ["SMS", "VOICE"])
    answer: dict[str, Any] = sms.request_phone_number(
        IsoCountryCode=country, MessageType="TRANSACTIONAL", NumberType=kind, **kwargs
    )
    answer.pop("ResponseMetadata")
    return answer


def as_account(account_id: str, region: str = "us-east-1", **kwargs: Any) -> Any:
    """A connect client whose requests moto attributes to ``account_id`` (x-moto-account-id),
    in-process and against a server."""
    connect = client(region, **kwargs)

    def add_header(request: Any, **_: Any) -> None:
        request.headers["x-moto-account-id"] = account_id

    connect.meta.events.register("before-sign.connect", add_header)
    return connect


def error_of(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    """The error code and message of a ClientError caught with pytest.raises."""
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


def error_with_status(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, int, str]:
    """The error code, HTTP status and message of a ClientError caught with pytest.raises."""
    response = excinfo.value.response
    return (
        response["Error"]["Code"],
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Message"],
    )


def raw_request(
    method: str,
    path: str,
    body: bytes | str | None = None,
    region: str = "us-east-1",
    headers: dict[str, str] | None = None,
) -> requests.Response:
    """Send a SigV4-signed request as a non-Python client would: body and path exactly as given."""
    url = endpoint(region) + path
    data = body.encode() if isinstance(body, str) else body
    request = AWSRequest(method=method, url=url, data=data, headers=headers or {})
    if "Content-Type" not in request.headers:
        request.headers["Content-Type"] = "application/json"
    SigV4Auth(Credentials("AKIAIOSFODNN7EXAMPLE", "secret"), "connect", region).add_auth(request)
    prepared = request.prepare()
    return requests.request(method, prepared.url, data=data, headers=dict(prepared.headers))


def set_transition(model_name: str, transition: dict[str, Any]) -> None:
    """moto's state manager, in-process or on the server."""
    if SERVER_MODE:
        requests.post(
            settings.test_server_mode_endpoint() + "/moto-api/state-manager/set-transition",
            data=json.dumps({"model_name": model_name, "transition": transition}),
        ).raise_for_status()
    else:
        state_manager.set_transition(model_name, transition)


def unset_transition(model_name: str) -> None:
    if SERVER_MODE:
        requests.post(
            settings.test_server_mode_endpoint() + "/moto-api/state-manager/unset-transition",
            data=json.dumps({"model_name": model_name}),
        ).raise_for_status()
    else:
        state_manager.unset_transition(model_name)


@contextmanager
def manual_progress(model_name: str, times: int = 1000) -> Iterator[None]:
    """Keep new resources of model_name in their first status for ``times`` describes."""
    set_transition(model_name, {"progression": "manual", "times": times})
    try:
        yield
    finally:
        unset_transition(model_name)


def new_instance(connect: Any, alias: str = "test-instance") -> dict[str, str]:
    created = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=alias,
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return {"Id": created["Id"], "Arn": created["Arn"]}


def _target(target: str) -> dict[str, str]:
    """An instance id, or the ARN of an instance or a traffic distribution group."""
    return {"TargetArn": target} if target.startswith("arn:") else {"InstanceId": target}


def available(
    connect: Any,
    target: str,
    country: str = "US",
    kind: str = "TOLL_FREE",
    count: int = 1,
    prefix: str | None = None,
) -> list[str]:
    extra = {"PhoneNumberPrefix": prefix} if prefix else {}
    found = connect.search_available_phone_numbers(
        **_target(target),
        PhoneNumberCountryCode=country,
        PhoneNumberType=kind,
        MaxResults=count,
        **extra,
    )["AvailableNumbersList"]
    return [n["PhoneNumber"] for n in found]


def lapse_search_offers() -> None:
    """Let the numbers earlier searches offered lapse (docs/behaviour.md, "Offers"): the next
    search starts again from the first free number, as in a fresh test. Moves the plugin clock."""
    control.advance_clock(seconds=OFFER_TIME.total_seconds() + 1)


def claim(
    connect: Any, target: str, country: str = "US", kind: str = "TOLL_FREE", **kwargs: Any
) -> dict[str, str]:
    """Claim the first available number of that country and type to an instance (id or ARN) or
    a traffic distribution group (ARN); PhoneNumberId, Arn, number."""
    number = available(connect, target, country, kind)[0]
    claimed = connect.claim_phone_number(**_target(target), PhoneNumber=number, **kwargs)
    return {
        "PhoneNumberId": claimed["PhoneNumberId"],
        "PhoneNumberArn": claimed["PhoneNumberArn"],
        "PhoneNumber": number,
    }


# -- the wire contract -------------------------------------------------------------------------


def contract_violations(
    operation: OperationModel, status: int, headers: Any, body: bytes
) -> list[str]:
    """What is wrong with one raw HTTP response of a plugin operation, per the botocore model."""
    name = operation.name
    try:
        json.loads(body or b"{}")
    except ValueError:
        return [f"{name}: status {status}, body is not JSON: {body[:80]!r}"]
    if status < 300:
        expected = operation.http.get("responseCode", 200)
        problems = [] if status == expected else [f"{name}: status {status}, model says {expected}"]
        document = json.loads(body) if body else {}
        if operation.output_shape is None:
            if document not in ({}, None):
                problems.append(f"{name}: body {document!r} but the operation has no output")
            return problems
        return problems + _shape_violations(operation.output_shape, document, name)
    # rest-json sends ``Code:...``; JSON 1.0 (End User Messaging) ``Prefix#Code``
    code = headers.get("x-amzn-ErrorType", "").split(":")[0].rpartition("#")[2]
    problems = []
    if not code:
        problems.append(f"{name}: error response without x-amzn-ErrorType")
    allowed = {s.name for s in operation.error_shapes} | DECIDED_ERRORS.get(name, set())
    allowed |= COMMON_ERRORS
    if code not in allowed:
        problems.append(f"{name}: error code {code!r} is not modelled ({sorted(allowed)})")
    known = code in operation.service_model.shape_names
    shape = operation.service_model.shape_for(code) if known else None
    if shape is not None:
        expected = shape.metadata.get("error", {}).get("httpStatusCode")
        if expected is not None and expected != status:
            problems.append(f"{name}: {code} with status {status}, model says {expected}")
    document = json.loads(body) if body else {}
    if not document.get("Message"):
        problems.append(f"{name}: {code} without Message")
    return problems


_JSON = {
    "string": str,
    "integer": int,
    "long": int,
    "boolean": bool,
    "list": list,
    "map": dict,
    "structure": dict,
    "double": (int, float),
    "float": (int, float),
    "timestamp": (int, float),
}


def _shape_violations(shape: Shape, value: Any, path: str) -> list[str]:
    expected = _JSON[shape.type_name]
    if not isinstance(value, expected) or (
        isinstance(value, bool) and shape.type_name != "boolean"
    ):
        return [f"{path}: {value!r} is not a {shape.type_name}"]
    problems: list[str] = []
    enum = shape.metadata.get("enum")
    if enum and value not in enum:
        problems.append(f"{path}: {value!r} not in enum")
    if isinstance(shape, StructureShape):
        for key in value:
            if key not in shape.members:
                problems.append(f"{path}.{key}: not a member of {shape.name}")
        for required in shape.required_members:
            if required not in value:
                problems.append(f"{path}.{required}: required member missing")
        for key, item in value.items():
            if key in shape.members:
                problems += _shape_violations(shape.members[key], item, f"{path}.{key}")
    elif isinstance(shape, ListShape):
        for index, item in enumerate(value):
            problems += _shape_violations(shape.member, item, f"{path}[{index}]")
    elif isinstance(shape, MapShape):
        for key, item in value.items():
            problems += _shape_violations(shape.value, item, f"{path}[{key}]")
    return problems
