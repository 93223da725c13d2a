"""The control API: the plugin clock and the rules' settings (reference D "Time"; control.py).

Checked through what users see: ``control.now()`` and the behaviour of the rules (the per-instance
quota is the quickest setting to observe: with quota N, claim N+1 on one instance is FAILED).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from moto import mock_aws

from moto_connect_ext import control
from support import as_account, available, client, new_instance

OTHER_ACCOUNT = "111122223333"
FROZEN_AT = datetime(2032, 5, 17, 8, 30, 15)
#: How far the real clock may move while a test runs (server round trips on a loaded machine).
SLACK = timedelta(seconds=30)


def real_utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def statuses_of_claims(connect: Any, count: int) -> list[str]:
    """Claim ``count`` numbers to one new instance; the status of each, in order."""
    instance_id = new_instance(connect, f"quota-probe-{count}")["Id"]
    statuses = []
    for number in available(connect, instance_id, count=count):
        claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        statuses.append(summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"])
    return statuses


def assert_quota(connect: Any, quota: int) -> None:
    """The instance quota in force for this client's account and Region is ``quota``."""
    assert statuses_of_claims(connect, quota + 1) == ["CLAIMED"] * quota + ["FAILED"]


def assert_near_real_time(at: datetime) -> None:
    assert abs(at - real_utc_now()) < SLACK


# -- the clock -----------------------------------------------------------------------------------


@mock_aws
def test_now_follows_the_real_clock_by_default() -> None:
    assert_near_real_time(control.now())


@mock_aws
def test_now_moves_with_advance_clock() -> None:
    before = control.now()

    returned = control.advance_clock(days=3, hours=2)

    after = control.now()
    step = timedelta(days=3, hours=2)
    assert before + step <= returned <= after
    assert after - before < step + SLACK


@mock_aws
def test_advance_clock_adds_up() -> None:
    control.freeze_clock(FROZEN_AT)

    control.advance_clock(days=1)
    control.advance_clock(seconds=90)

    assert control.now() == FROZEN_AT + timedelta(days=1, seconds=90)


@mock_aws
def test_advance_clock_refuses_to_go_backwards() -> None:
    control.freeze_clock(FROZEN_AT)

    with pytest.raises(ValueError, match="forward"):
        control.advance_clock(days=-1)

    assert control.now() == FROZEN_AT


@mock_aws
def test_freeze_clock_stops_now_at_the_given_instant() -> None:
    returned = control.freeze_clock(FROZEN_AT)

    assert returned == FROZEN_AT
    assert control.now() == FROZEN_AT
    assert control.now() == FROZEN_AT


@mock_aws
def test_freeze_clock_accepts_an_aware_datetime() -> None:
    aware = datetime(2032, 5, 17, 10, 30, 15, tzinfo=timezone(timedelta(hours=2)))

    control.freeze_clock(aware)

    assert control.now() == FROZEN_AT


@mock_aws
def test_advance_clock_moves_a_frozen_clock() -> None:
    control.freeze_clock(FROZEN_AT)

    control.advance_clock(days=180)

    assert control.now() == FROZEN_AT + timedelta(days=180)


@mock_aws
def test_unfreeze_continues_from_the_frozen_instant_in_the_past() -> None:
    past = datetime(2020, 2, 2, 2, 2, 2)
    control.freeze_clock(past)

    resumed = control.unfreeze_clock()

    assert resumed >= past
    later = control.now()
    assert past <= resumed <= later < past + SLACK


@mock_aws
def test_unfreeze_continues_from_the_frozen_instant_in_the_future() -> None:
    control.freeze_clock(FROZEN_AT)
    control.advance_clock(days=2)

    resumed = control.unfreeze_clock()

    frozen_end = FROZEN_AT + timedelta(days=2)
    later = control.now()
    assert frozen_end <= resumed <= later < frozen_end + SLACK


@mock_aws
def test_unfreeze_then_advance_keeps_moving_forward() -> None:
    control.freeze_clock(FROZEN_AT)
    control.unfreeze_clock()

    control.advance_clock(days=1)

    at = control.now()
    assert FROZEN_AT + timedelta(days=1) <= at < FROZEN_AT + timedelta(days=1) + SLACK


@mock_aws
def test_rules_read_the_plugin_clock() -> None:
    """A frozen clock dates the cooldown: it ends 180 days after the frozen release instant."""
    connect = client()
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(FROZEN_AT)
    number = available(connect, instance_id)[0]
    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    control.advance_clock(days=180)

    assert available(connect, instance_id, prefix=number) == [number]


# -- configure: validation ---------------------------------------------------------------------


@mock_aws
def test_configure_rejects_an_unknown_setting_by_name() -> None:
    with pytest.raises(ValueError, match="foo"):
        control.configure(foo=1)


@mock_aws
def test_configure_rejects_a_negative_cooldown() -> None:
    with pytest.raises(ValueError, match="cooldown_days"):
        control.configure(cooldown_days=-1)


@mock_aws
def test_configure_rejects_an_unknown_blocked_claim_error() -> None:
    with pytest.raises(ValueError, match="blocked_claim_error"):
        control.configure(blocked_claim_error="Nope")


@mock_aws
def test_configure_rejects_a_fractional_quota() -> None:
    with pytest.raises(ValueError, match="phone_numbers_per_instance"):
        control.configure(phone_numbers_per_instance=2.5)


@mock_aws
def test_rejected_configure_with_an_unknown_name_changes_nothing() -> None:
    with pytest.raises(ValueError, match="foo"):
        control.configure(phone_numbers_per_instance=2, foo=1)

    assert_quota(client(), 5)


@mock_aws
def test_rejected_configure_with_a_bad_value_changes_nothing() -> None:
    control.configure(phone_numbers_per_instance=2)

    with pytest.raises(ValueError, match="cooldown_days"):
        control.configure(phone_numbers_per_instance=3, cooldown_days=-1)

    assert_quota(client(), 2)


@mock_aws
def test_rejected_blocked_claim_error_changes_nothing() -> None:
    control.configure(phone_numbers_per_instance=1)

    with pytest.raises(ValueError, match="blocked_claim_error"):
        control.configure(phone_numbers_per_instance=3, blocked_claim_error="Nope")

    assert_quota(client(), 1)


# -- configure: scope --------------------------------------------------------------------------


@mock_aws
def test_global_setting_applies_everywhere() -> None:
    control.configure(phone_numbers_per_instance=1)

    assert_quota(client("us-east-1"), 1)
    assert_quota(client("us-west-2"), 1)
    assert_quota(as_account(OTHER_ACCOUNT), 1)


@mock_aws
def test_region_override_applies_only_in_that_region() -> None:
    control.configure(region="us-west-2", phone_numbers_per_instance=1)

    assert_quota(client("us-west-2"), 1)
    assert_quota(client("us-east-1"), 5)


@mock_aws
def test_account_override_applies_only_to_that_account() -> None:
    control.configure(account_id=OTHER_ACCOUNT, phone_numbers_per_instance=1)

    assert_quota(as_account(OTHER_ACCOUNT), 1)
    assert_quota(client(), 5)


@mock_aws
def test_account_and_region_override_applies_only_there() -> None:
    control.configure(account_id=OTHER_ACCOUNT, region="us-west-2", phone_numbers_per_instance=1)

    assert_quota(as_account(OTHER_ACCOUNT, "us-west-2"), 1)
    assert_quota(as_account(OTHER_ACCOUNT, "us-east-1"), 5)
    assert_quota(client("us-west-2"), 5)


@mock_aws
def test_narrower_override_wins_over_the_global_setting() -> None:
    control.configure(phone_numbers_per_instance=1)
    control.configure(region="us-west-2", phone_numbers_per_instance=2)

    assert_quota(client("us-west-2"), 2)
    assert_quota(client("us-east-1"), 1)


@mock_aws
def test_configure_twice_keeps_earlier_settings_of_the_same_scope() -> None:
    control.configure(phone_numbers_per_instance=1)
    control.configure(cooldown_days=30)

    assert_quota(client(), 1)


# -- back to the defaults ------------------------------------------------------------------------


@mock_aws
def test_reset_restores_default_settings() -> None:
    control.configure(phone_numbers_per_instance=1)
    control.configure(region="us-west-2", phone_numbers_per_instance=2)

    control.reset()

    assert_quota(client("us-east-1"), 5)
    assert_quota(client("us-west-2"), 5)


@mock_aws
def test_reset_restores_the_real_clock_after_a_freeze() -> None:
    control.freeze_clock(FROZEN_AT)

    control.reset()

    assert_near_real_time(control.now())


@mock_aws
def test_reset_restores_the_real_clock_after_an_advance() -> None:
    control.advance_clock(days=400)

    control.reset()

    assert_near_real_time(control.now())


def test_a_new_mock_aws_restores_default_settings() -> None:
    with mock_aws():
        control.configure(phone_numbers_per_instance=1)
        control.configure(account_id=OTHER_ACCOUNT, phone_numbers_per_instance=2)
        assert_quota(client(), 1)

    with mock_aws():
        assert_quota(client(), 5)
        assert_quota(as_account(OTHER_ACCOUNT), 5)


def test_a_new_mock_aws_restores_the_real_clock() -> None:
    with mock_aws():
        control.advance_clock(days=400)
        control.freeze_clock()

    with mock_aws():
        assert_near_real_time(control.now())
