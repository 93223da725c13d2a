"""The control API refuses what would break a later call (issue 9) and is typed (issue 13).

Every example of the issue, through ``control`` (in-process, or over HTTP in server mode) and
through raw HTTP on ``/moto-api/connect/...`` (moto's in-process interception of
``http://motoapi.amazonaws.com``, or the live server).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, get_type_hints

import pytest
import requests
from botocore.exceptions import ClientError
from control_support import FROZEN_AT, control_state, control_url
from moto import mock_aws

import moto_connect_ext
from moto_connect_ext import control
from moto_connect_ext.connect.config import SETTING_RULES, Bounds, Settings, SettingsOverrides
from support import (
    SERVER_MODE,
    available,
    claim,
    client,
    error_of,
    new_instance,
    no_retries,
    set_transition,
    unset_transition,
)

PHONE_NUMBER_MODEL = "connect::phone_number"
TDG_MODEL = "connect::traffic_distribution_group"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}  # what curl -d sends


def claim_and_release(connect: Any) -> None:
    """The calls a bad setting used to break: claim and release with client tokens."""
    instance_id = new_instance(connect)["Id"]
    claimed = claim(connect, instance_id, ClientToken="1b4e28ba-2fa1-11d2-883f-0016d3cca427")
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"], ClientToken="release-1")


# -- settings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "setting",
    [
        {"cooldown_days": float("inf")},
        {"cooldown_days": float("nan")},
        {"cooldown_days": 1e9},
        {"churn_window_days": float("inf")},
        {"churn_limit_percent": float("nan")},
        {"idempotency_window_days": 1e12},
        {"throttle_rate": float("inf")},
        {"throttle_burst": 10**400},
    ],
    ids=lambda setting: "=".join(map(str, next(iter(setting.items()))))[:40],
)
@mock_aws
def test_configure_refuses_a_value_that_would_break_a_later_call(setting: dict[str, Any]) -> None:
    control.freeze_clock(FROZEN_AT)
    before = control_state()

    with pytest.raises(ValueError, match=next(iter(setting))):
        control.configure(**setting)

    assert control_state() == before
    claim_and_release(client())


@mock_aws
def test_the_largest_settings_at_the_end_of_the_clock_range_keep_every_call_working() -> None:
    control.freeze_clock(datetime(9000, 1, 1))
    control.configure(
        cooldown_days=36_500,
        churn_window_days=36_500,
        idempotency_window_days=36_500,
        throttling=True,
        throttle_rate=1_000_000,
        throttle_burst=1_000_000,
    )

    claim_and_release(client())


@mock_aws
def test_configure_names_the_range_of_a_setting_it_refuses() -> None:
    with pytest.raises(
        ValueError, match=r"cooldown_days must be a finite number >= 0 and <= 36500"
    ):
        control.configure(cooldown_days=36_501)


@mock_aws
def test_configure_refuses_a_scope_that_is_not_a_string() -> None:
    with pytest.raises(ValueError, match="region"):
        control.configure(region=5, cooldown_days=1)  # type: ignore[arg-type]

    assert control.effective_settings() == Settings()


# -- a churn limit of 0 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "setting",
    [
        {"phone_numbers_per_instance": 0},
        {"churn_limit_percent": 0},
        {"churn_limit_percent": 10},  # 10% of 5 rounds down to 0
    ],
    ids=lambda setting: "=".join(map(str, next(iter(setting.items())))),
)
@mock_aws
def test_a_churn_limit_of_zero_blocks_every_claim(setting: dict[str, Any]) -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    number = available(connect, instance_id)[0]
    control.configure(**setting)

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)

    code, message = error_of(excinfo)
    assert code == "LimitExceededException"
    assert "may release 0 phone numbers" in message
    assert "every claim is blocked while the limit is 0" in message
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


@mock_aws
def test_raising_a_churn_limit_of_zero_lifts_the_block() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    control.configure(churn_limit_percent=0)
    with pytest.raises(ClientError, match="every claim is blocked"):
        claim(connect, instance_id)

    control.configure(churn_limit_percent=200)

    claim(connect, instance_id)


@mock_aws
def test_a_churn_limit_of_zero_uses_the_configured_error() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    control.configure(phone_numbers_per_instance=0, blocked_claim_error="InvalidParameterException")

    with pytest.raises(ClientError) as excinfo:
        claim(connect, instance_id)

    assert error_of(excinfo)[0] == "InvalidParameterException"


# -- the clock ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "delta",
    [
        {"days": 1e12},
        {"days": 10**30},
        {"days": float("inf")},
        {"hours": float("nan")},
        {"seconds": "60"},
        {"days": True},
        {"fortnights": 1},
        {"days": 2_600_000},  # past the end of the clock's range
    ],
    ids=lambda delta: "=".join(map(str, next(iter(delta.items()))))[:40],
)
@mock_aws
def test_advance_clock_refuses_a_bad_step_and_changes_nothing(delta: dict[str, Any]) -> None:
    control.freeze_clock(FROZEN_AT)

    with pytest.raises(ValueError, match=r"clock|must be|unit"):
        control.advance_clock(**delta)

    assert control.now() == FROZEN_AT
    claim_and_release(client())


@pytest.mark.parametrize(
    "at",
    [
        datetime(1, 1, 1),
        datetime.max,
        datetime(1969, 12, 31, 23, 59),
        datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-23))),
        datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=23))),
    ],
    ids=str,
)
@mock_aws
def test_freeze_clock_refuses_an_instant_outside_the_range(at: datetime) -> None:
    control.freeze_clock(FROZEN_AT)

    with pytest.raises(ValueError, match="the clock stays within"):
        control.freeze_clock(at)

    assert control.now() == FROZEN_AT


@mock_aws
def test_freeze_clock_accepts_the_ends_of_the_range() -> None:
    assert control.freeze_clock(datetime(1970, 1, 1)) == datetime(1970, 1, 1)
    assert control.freeze_clock(datetime(9000, 1, 1)) == datetime(9000, 1, 1)


# -- time progressions follow the plugin clock -----------------------------------------------


@pytest.fixture
def hour_long_transitions() -> Any:
    for model in (PHONE_NUMBER_MODEL, TDG_MODEL):
        set_transition(model, {"progression": "time", "seconds": 3600})
    yield
    for model in (PHONE_NUMBER_MODEL, TDG_MODEL):
        unset_transition(model)


def number_status(connect: Any, phone_number_id: str) -> str:
    summary = connect.describe_phone_number(PhoneNumberId=phone_number_id)
    return str(summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"])


@mock_aws
def test_a_time_progression_of_a_number_follows_advance_clock(hour_long_transitions: Any) -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])
    assert number_status(connect, claimed["PhoneNumberId"]) == "IN_PROGRESS"

    control.advance_clock(hours=2)

    assert number_status(connect, claimed["PhoneNumberId"]) == "CLAIMED"


@mock_aws
def test_a_frozen_clock_holds_a_time_progression(hour_long_transitions: Any) -> None:
    connect = client()
    control.freeze_clock(FROZEN_AT)
    claimed = claim(connect, new_instance(connect)["Id"])

    control.advance_clock(minutes=59)

    assert number_status(connect, claimed["PhoneNumberId"]) == "IN_PROGRESS"


@mock_aws
def test_a_time_progression_of_a_tdg_follows_advance_clock(hour_long_transitions: Any) -> None:
    connect = client()
    created = connect.create_instance(
        IdentityManagementType="SAML",
        InstanceAlias="source-instance",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    connect.replicate_instance(
        InstanceId=created["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica-instance"
    )
    tdg_id = connect.create_traffic_distribution_group(Name="tdg", InstanceId=created["Id"])["Id"]

    def tdg_status() -> str:
        described = connect.describe_traffic_distribution_group(TrafficDistributionGroupId=tdg_id)
        return str(described["TrafficDistributionGroup"]["Status"])

    assert tdg_status() == "CREATION_IN_PROGRESS"

    control.advance_clock(hours=2)

    assert tdg_status() == "ACTIVE"


# -- reading the settings ----------------------------------------------------------------------


@mock_aws
def test_effective_settings_are_the_defaults_at_first() -> None:
    assert control.effective_settings() == Settings()
    assert control.effective_settings("111122223333", "eu-west-2") == Settings()


@mock_aws
def test_effective_settings_merge_the_overrides_of_each_scope() -> None:
    control.configure(cooldown_days=30)
    control.configure(region="us-west-2", phone_numbers_per_instance=2)
    control.configure(account_id="111122223333", region="us-west-2", throttling=True)

    assert control.effective_settings() == Settings(cooldown_days=30)
    assert control.effective_settings(region="us-west-2") == Settings(
        cooldown_days=30, phone_numbers_per_instance=2
    )
    assert control.effective_settings("111122223333", "us-west-2") == Settings(
        cooldown_days=30, phone_numbers_per_instance=2, throttling=True
    )


# -- the HTTP endpoints ------------------------------------------------------------------------


@mock_aws
def test_curl_advance_clock_example_moves_the_clock() -> None:
    control.freeze_clock(FROZEN_AT)

    answer = requests.post(control_url("advance-clock"), data='{"days": 180}', headers=FORM)

    assert answer.status_code == 200
    assert answer.json() == {"now": (FROZEN_AT + timedelta(days=180)).isoformat()}
    assert control.now() == FROZEN_AT + timedelta(days=180)


@mock_aws
def test_curl_configure_example_applies_the_setting() -> None:
    answer = requests.post(
        control_url("configure"), data='{"phone_numbers_per_instance": 99}', headers=FORM
    )

    assert answer.status_code == 200
    assert control.effective_settings().phone_numbers_per_instance == 99


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        ("notjson", "application/x-www-form-urlencoded", "not JSON"),
        ('{"bogus": 1}', "application/x-www-form-urlencoded", "unknown setting"),
        ("[1, 2]", "application/json", "must be a JSON object, not list"),
        ('"text"', "text/plain", "must be a JSON object, not str"),
        ('{"cooldown_days": Infinity}', "application/json", "cooldown_days"),
        ('{"cooldown_days": 1e400}', "application/json", "cooldown_days"),
        ("[" * 100_000, "application/json", "not JSON"),
        (b"\xff\xfe{", "application/octet-stream", "not JSON"),
    ],
    ids=["notjson", "bogus", "array", "string", "Infinity", "1e400", "deep", "binary"],
)
@mock_aws
def test_a_bad_configure_body_is_a_json_400_that_changes_nothing(
    body: str | bytes, content_type: str, error: str
) -> None:
    control.freeze_clock(FROZEN_AT)
    before = control_state()

    answer = requests.post(
        control_url("configure"), data=body, headers={"Content-Type": content_type}
    )

    assert answer.status_code == 400
    assert answer.headers["Content-Type"] == "application/json"
    assert error in answer.json()["error"]
    assert control_state() == before


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("advance-clock", '{"days": 1e12}'),
        ("advance-clock", '{"days": NaN}'),
        ("advance-clock", '{"bogus": 1}'),
        ("freeze-clock", '{"at": 5}'),
        ("freeze-clock", '{"at": "yesterday"}'),
        ("freeze-clock", '{"at": "0001-01-01T00:00:00"}'),
        ("unfreeze-clock", '{"now": true}'),
        (
            "inject-fault",
            '{"operation": "ClaimPhoneNumber", "error": "ThrottlingException", "count": 1e400}',
        ),
        ("inject-fault", '{"operation": ["ClaimPhoneNumber"], "error": "ThrottlingException"}'),
        (
            "inject-fault",
            '{"operation": "ClaimPhoneNumber", "error": "ThrottlingException", "probability": NaN}',
        ),
        ("reset", "[]"),
    ],
)
@mock_aws
def test_a_bad_control_body_is_a_json_400_that_changes_nothing(action: str, body: str) -> None:
    control.freeze_clock(FROZEN_AT)
    before = control_state()

    answer = requests.post(
        control_url(action), data=body, headers={"Content-Type": "application/json"}
    )

    assert answer.status_code == 400, answer.text
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json()["error"]
    assert control_state() == before
    claim_and_release(client())


@mock_aws
def test_an_empty_body_means_no_arguments() -> None:
    control.freeze_clock(FROZEN_AT)

    answer = requests.post(control_url("unfreeze-clock"))

    assert answer.status_code == 200
    assert datetime.fromisoformat(answer.json()["now"]) >= FROZEN_AT


@mock_aws
def test_get_now_reads_the_clock() -> None:
    control.freeze_clock(FROZEN_AT)

    answer = requests.get(control_url("now"))

    assert answer.status_code == 200
    assert answer.json() == {"now": FROZEN_AT.isoformat()}


@mock_aws
def test_get_settings_reads_the_effective_settings_of_a_scope() -> None:
    control.configure(region="us-west-2", phone_numbers_per_instance=2)

    everywhere = requests.get(control_url("settings"))
    west = requests.get(control_url("settings"), params={"region": "us-west-2"})

    assert everywhere.status_code == west.status_code == 200
    assert everywhere.json() == dataclasses.asdict(Settings())
    assert west.json() == dataclasses.asdict(Settings(phone_numbers_per_instance=2))


@pytest.mark.parametrize("query", ["bogus=1", "region=a&region=b"])
@mock_aws
def test_get_settings_with_a_bad_query_is_a_json_400(query: str) -> None:
    answer = requests.get(control_url("settings") + "?" + query)

    assert answer.status_code == 400
    assert answer.json()["error"]


@pytest.mark.parametrize(
    ("action", "query"),
    [("configure", "cooldown_days=3"), ("advance-clock", "days=3"), ("reset", "x")],
)
@mock_aws
def test_a_post_that_changes_state_refuses_a_query_string(action: str, query: str) -> None:
    """Its arguments are typed (numbers, booleans), which a query string cannot carry: refused
    with a 400 naming them, rather than answered 200 with the query ignored."""
    control.configure(cooldown_days=30)
    control.freeze_clock(FROZEN_AT)
    before = control_state()

    answer = requests.post(control_url(action) + "?" + query)

    assert answer.status_code == 400
    assert answer.headers["Content-Type"] == "application/json"
    name = query.split("=")[0]
    assert answer.json() == {
        "error": f"{action} takes its arguments as a JSON object body; query parameter(s) "
        f"{name} refused"
    }
    assert control_state() == before


@mock_aws
def test_a_post_with_both_a_query_string_and_a_body_is_refused() -> None:
    control.freeze_clock(FROZEN_AT)
    before = control_state()

    answer = requests.post(
        control_url("settings") + "?region=us-west-2", data='{"region": "us-east-1"}'
    )

    assert answer.status_code == 400
    assert answer.json() == {
        "error": "settings takes its arguments in the body or the query string, not both; "
        "query parameter(s) region refused"
    }
    assert control_state() == before


@mock_aws
def test_post_settings_reads_the_query_string_of_its_scope() -> None:
    control.configure(region="us-west-2", phone_numbers_per_instance=2)

    west = requests.post(control_url("settings") + "?region=us-west-2")

    assert west.status_code == 200
    assert west.json() == dataclasses.asdict(Settings(phone_numbers_per_instance=2))


@pytest.mark.parametrize("action", ["configure", "advance-clock", "reset"])
@mock_aws
def test_get_on_an_action_that_changes_state_is_a_json_405(action: str) -> None:
    control.freeze_clock(FROZEN_AT)

    answer = requests.get(control_url(action))

    assert answer.status_code == 405
    assert answer.headers["Allow"] == "POST"
    assert answer.json() == {"error": "use POST"}
    assert control.now() == FROZEN_AT


# -- the typed API -----------------------------------------------------------------------------


def test_configure_keywords_are_the_settings_fields_with_their_types() -> None:
    assert get_type_hints(SettingsOverrides) == get_type_hints(Settings)


TYPED_CALLS = """
from moto_connect_ext import control

control.configure(cooldown_days=1, throttling=True, region="us-east-1")
control.configure(cooldown_dayz=1)  # error
control.configure(phone_numbers_per_instance=2.5)  # error
control.ServerControl("http://127.0.0.1:5000").configure(throttle_burst="5")  # error
"""


@pytest.mark.skipif(SERVER_MODE, reason="a static check, the same in both modes")
def test_mypy_reports_a_misspelt_or_mistyped_setting(tmp_path: Path) -> None:
    calls = TYPED_CALLS.lstrip()
    (tmp_path / "calls.py").write_text(calls)
    # A process of its own: mypy raises the recursion limit of the process it runs in.
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-untyped-imports", "calls.py"],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(Path(moto_connect_ext.__file__).parents[1])},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "calls.py" in checked.stdout, checked.stderr  # mypy ran (it is in the test extra)
    report = checked.stdout

    flagged = sorted(
        int(line.split(":")[1])
        for line in report.splitlines()
        if line.startswith("calls.py:") and ": error:" in line
    )
    wanted = [n for n, line in enumerate(calls.splitlines(), 1) if line.endswith("# error")]
    assert flagged == wanted, report
    assert 'Unexpected keyword argument "cooldown_dayz"' in report


def test_every_setting_declares_what_it_accepts() -> None:
    """Validation is driven by SETTING_RULES: numbers need bounds, text needs choices."""
    assert set(SETTING_RULES) == {field.name for field in dataclasses.fields(Settings)}
    for field in dataclasses.fields(Settings):
        kind = get_type_hints(Settings)[field.name]
        rule = SETTING_RULES[field.name]
        if kind in (int, float):
            assert isinstance(rule, Bounds), field.name
            assert rule.admits(field.default), field.name
        if kind is str:
            assert isinstance(rule, tuple), field.name
            assert field.default in rule, field.name


def test_server_control_settings_come_back_as_settings() -> None:
    """ServerControl rebuilds Settings from the JSON a server sends (all fields, by name)."""
    assert Settings(**json.loads(json.dumps(dataclasses.asdict(Settings())))) == Settings()
