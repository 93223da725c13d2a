"""Properties of the control API (issue 9): whatever it is sent, it refuses or it keeps working.

A refused call is a ValueError (functions) or a JSON 400/405 (HTTP) and leaves the effective
settings and the clock as they were; an accepted one never makes a later Search, Claim, Describe,
Release or advance_clock crash (an AWS-shaped 4xx is fine, a 5xx or a Python exception is not).
The functions run in-process or, in server mode, over HTTP; the raw bodies go to
``/moto-api/connect/...`` through moto's in-process interception or to the live server.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import botocore.session
import requests
from botocore.exceptions import ClientError
from control_support import FROZEN_AT, control_state, control_url
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from moto import mock_aws

from moto_connect_ext import control
from moto_connect_ext.connect.config import SETTING_RULES, Bounds, Settings
from support import available, client, new_instance, no_retries

ACCOUNT, REGION = "123456789012", "us-east-1"
CONNECT_ERRORS = {
    shape.name for shape in botocore.session.get_session().get_service_model("connect").error_shapes
}
FIELDS = {field.name: field for field in dataclasses.fields(Settings)}
#: Argument names of every control action, so drawn bodies often get past "unknown argument".
ARGUMENT_NAMES = sorted(
    {*FIELDS, *control.CLOCK_UNITS, "at", "account_id", "region", "operation", "error", "count"}
    | {"probability", "message"}
)

examples = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# -- strategies --------------------------------------------------------------------------------

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
)


def setting_values(name: str) -> st.SearchStrategy[Any]:
    """Values in, at and just outside a setting's declared range or choices, and anything."""
    kind = type(FIELDS[name].default)
    if kind is bool:
        typed: st.SearchStrategy[Any] = st.booleans()
    elif kind is str:
        choices = SETTING_RULES[name]
        assert isinstance(choices, tuple)
        typed = st.sampled_from(choices)
    else:
        rule = SETTING_RULES[name]
        assert isinstance(rule, Bounds)
        low, high = rule.low, rule.high
        typed = st.integers(int(low) - 1, int(high) + 1) | st.floats(low - 1, high * 1.01)
    return st.one_of(typed, typed, anything)


overrides = st.lists(st.sampled_from(sorted(FIELDS)), max_size=3, unique=True).flatmap(
    lambda names: st.fixed_dictionaries({name: setting_values(name) for name in names})
)
scopes = st.fixed_dictionaries(
    {},
    optional={
        "account_id": st.sampled_from([None, ACCOUNT, "111122223333", 12]),
        "region": st.sampled_from([None, REGION, "us-west-2", ["us-east-1"]]),
    },
)
clock_steps = st.dictionaries(
    st.sampled_from(control.CLOCK_UNITS)
    | st.sampled_from(control.CLOCK_UNITS)
    | st.text(max_size=6),
    st.integers(0, 10**6) | st.floats(0, 1e6) | anything,
    max_size=3,
)
instants = st.sampled_from(
    [datetime(1, 1, 2), datetime(1970, 1, 1), datetime(9000, 1, 1), datetime(9999, 12, 30)]
) | st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.none()
    | st.builds(timezone, st.timedeltas(timedelta(hours=-23), timedelta(hours=23))),
)
json_values = st.recursive(
    anything,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
argument_objects = st.dictionaries(
    st.sampled_from(ARGUMENT_NAMES) | st.text(max_size=8), json_values, max_size=4
)
bodies = st.one_of(
    st.binary(max_size=40),
    st.text(max_size=40).map(str.encode),
    json_values.map(lambda value: json.dumps(value).encode()),
    argument_objects.map(lambda value: json.dumps(value).encode()),
    argument_objects.map(lambda value: json.dumps(value).encode()),
)
content_types = st.sampled_from(
    [
        "application/json",
        "application/x-www-form-urlencoded",
        "text/plain; charset=latin-1",
        "multipart/form-data; boundary=x",
        "application/octet-stream",
        "",
    ]
)

# -- the property ------------------------------------------------------------------------------


def keeps_working() -> None:
    """Search, Claim, Describe, Release and advance_clock answer without crashing, twice."""
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    for _ in range(2):
        numbers = answered(available, connect, instance_id)
        claimed = numbers and answered(
            connect.claim_phone_number,
            InstanceId=instance_id,
            PhoneNumber=numbers[0],
            ClientToken=str(uuid.uuid4()),
        )
        if claimed:
            answered(connect.describe_phone_number, PhoneNumberId=claimed["PhoneNumberId"])
            answered(
                connect.release_phone_number,
                PhoneNumberId=claimed["PhoneNumberId"],
                ClientToken=str(uuid.uuid4()),
            )
        try:
            control.advance_clock(days=1)
        except ValueError as refused:
            assert "the clock stays within" in str(refused)


def answered(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The call's result, or None for an AWS-shaped error it answered (a modelled code, no 5xx
    unless an injected fault asked for one)."""
    try:
        return call(*args, **kwargs)
    except ClientError as error:
        assert error.response["Error"]["Code"] in CONNECT_ERRORS, error.response
        return None


# -- through the functions (over HTTP in server mode) ------------------------------------------


@examples
@given(settings_given=overrides, scope=scopes)
def test_configure_refuses_without_a_change_or_keeps_every_call_working(
    settings_given: dict[str, Any], scope: dict[str, Any]
) -> None:
    with mock_aws():
        control.freeze_clock(FROZEN_AT)
        before = control_state()
        try:
            control.configure(**scope, **settings_given)
        except ValueError:
            event("refused")
            assert control_state() == before
            return
        event("accepted")
        keeps_working()


@examples
@given(delta=clock_steps)
def test_advance_clock_refuses_without_a_change_or_moves_exactly(delta: dict[str, Any]) -> None:
    with mock_aws():
        control.freeze_clock(FROZEN_AT)
        try:
            moved = control.advance_clock(**delta)
        except ValueError:
            event("refused")
            assert control.now() == FROZEN_AT
            return
        event("accepted")
        assert moved == control.now() == FROZEN_AT + timedelta(**delta)
        keeps_working()


@examples
@given(at=instants)
def test_freeze_clock_refuses_without_a_change_or_stops_the_clock_there(at: datetime) -> None:
    with mock_aws():
        control.freeze_clock(FROZEN_AT)
        try:
            frozen = control.freeze_clock(at)
        except ValueError:
            event("refused")
            assert control.now() == FROZEN_AT
            return
        event("accepted")
        expected = at.astimezone(timezone.utc).replace(tzinfo=None) if at.tzinfo else at
        assert frozen == control.now() == expected
        keeps_working()


# -- raw HTTP bodies -----------------------------------------------------------------------------


@settings(examples, max_examples=150)
@given(
    action=st.sampled_from(control.ACTIONS),
    method=st.sampled_from(
        ["POST", "POST", "POST", "POST", "POST", "GET", "GET", "PUT", "DELETE", "PATCH"]
    ),
    body=bodies,
    content_type=content_types,
    query=st.dictionaries(
        st.sampled_from(["account_id", "region", "x"]), st.text(max_size=6), max_size=2
    ),
)
def test_any_control_request_gets_json_and_a_refusal_changes_nothing(
    action: str, method: str, body: bytes, content_type: str, query: dict[str, str]
) -> None:
    with mock_aws():
        control.freeze_clock(FROZEN_AT)
        before = control_state()

        answer = requests.request(
            method,
            control_url(action),
            data=body,
            params=query,
            headers={"Content-Type": content_type},
            timeout=30,
        )

        assert answer.status_code in (200, 400, 405), answer.text
        assert answer.headers["Content-Type"] == "application/json"
        assert isinstance(answer.json(), dict)
        event(f"HTTP {answer.status_code}")
        if answer.status_code == 200:
            keeps_working()
        else:
            assert control_state() == before


@settings(examples, max_examples=60)
@given(
    action=st.sampled_from(control.ACTIONS),
    query=st.dictionaries(
        st.sampled_from(ARGUMENT_NAMES) | st.text(min_size=1, max_size=6),
        st.text(max_size=6),
        min_size=1,
        max_size=3,
    ),
    body=st.sampled_from([b"", b"{}"]) | argument_objects.map(lambda v: json.dumps(v).encode()),
)
def test_a_post_query_string_is_honoured_or_refused_never_ignored(
    action: str, query: dict[str, str], body: bytes
) -> None:
    """Honoured: a read with no body answers as the same GET does. Otherwise a 400 that changes
    nothing; never a 200 that went on as if the query were not there."""
    with mock_aws():
        control.freeze_clock(FROZEN_AT)
        before = control_state()

        posted = requests.post(
            control_url(action),
            params=query,
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=30,
        )

        event(f"HTTP {posted.status_code}")
        assert posted.headers["Content-Type"] == "application/json"
        if posted.status_code == 200:
            assert action in ("now", "settings") and not json.loads(body or b"{}")
            read = requests.get(control_url(action), params=query, timeout=30)
            assert (read.status_code, read.json()) == (200, posted.json())
        else:
            assert posted.status_code == 400, posted.text
            assert control_state() == before
