"""The cooldown after ReleasePhoneNumber (reference C.2 and D "Inventory"), through boto3.

A released number can be neither found nor claimed by anyone, in any Region, until the releasing
account's cooldown (default 180 days, configurable) has passed; then it is back in the stock.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from botocore.exceptions import ClientError
from freezegun import freeze_time
from moto import mock_aws

from moto_connect_ext import control
from support import as_account, available, client, error_of, new_instance

OTHER_ACCOUNT = "111122223333"
#: A fixed instant (a whole second) so the release time, and so the cooldown's end, is exact.
RELEASED_AT = datetime(2031, 3, 1, 12, 0, 0)
ONE_SECOND = timedelta(seconds=1)


def offered(connect: Any, instance_id: str, number: str) -> bool:
    """Whether a search for exactly this number (as the prefix) offers it."""
    return available(connect, instance_id, prefix=number, count=5) == [number]


def claimed_numbers(connect: Any) -> list[str]:
    summaries = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    return [item["PhoneNumber"] for item in summaries]


def assert_claim_refused(connect: Any, instance_id: str, number: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"Phone number not available: {number}",
    )
    assert number not in claimed_numbers(connect)


def claim_and_release(connect: Any, instance_id: str) -> str:
    """Claim the first available toll-free number, release it; the E.164 number."""
    number = available(connect, instance_id)[0]
    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    return number


def assert_unavailable(connect: Any, instance_id: str, number: str) -> None:
    assert not offered(connect, instance_id, number)
    assert_claim_refused(connect, instance_id, number)


def assert_available_and_claimable(connect: Any, instance_id: str, number: str) -> None:
    assert offered(connect, instance_id, number)
    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]
    assert summary["PhoneNumber"] == number
    assert summary["PhoneNumberStatus"]["Status"] == "CLAIMED"


# -- who cannot have it during the cooldown -----------------------------------------------------


@mock_aws
def test_released_number_is_not_offered_to_the_releasing_account() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    number = claim_and_release(connect, instance_id)

    assert not offered(connect, instance_id, number)
    assert number not in available(connect, instance_id, count=10)


@mock_aws
def test_released_number_cannot_be_claimed_back_by_the_releasing_account() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    number = claim_and_release(connect, instance_id)

    assert_claim_refused(connect, instance_id, number)


@mock_aws
def test_released_number_is_not_offered_to_another_account() -> None:
    connect = client()
    number = claim_and_release(connect, new_instance(connect)["Id"])
    other = as_account(OTHER_ACCOUNT)
    other_instance = new_instance(other, "other")["Id"]

    assert not offered(other, other_instance, number)
    assert number not in available(other, other_instance, count=10)


@mock_aws
def test_released_number_cannot_be_claimed_by_another_account() -> None:
    connect = client()
    number = claim_and_release(connect, new_instance(connect)["Id"])
    other = as_account(OTHER_ACCOUNT)

    assert_claim_refused(other, new_instance(other, "other")["Id"], number)


@mock_aws
def test_released_number_is_not_offered_in_another_region() -> None:
    connect = client("us-east-1")
    number = claim_and_release(connect, new_instance(connect)["Id"])
    west = client("us-west-2")
    west_instance = new_instance(west, "west")["Id"]

    assert not offered(west, west_instance, number)
    assert number not in available(west, west_instance, count=10)


@mock_aws
def test_released_number_cannot_be_claimed_in_another_region() -> None:
    connect = client("us-east-1")
    number = claim_and_release(connect, new_instance(connect)["Id"])
    west = client("us-west-2")

    assert_claim_refused(west, new_instance(west, "west")["Id"], number)


# -- when it ends: the plugin clock ------------------------------------------------------------


@mock_aws
def test_released_number_is_unavailable_one_second_before_the_cooldown_ends() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(RELEASED_AT)
    number = claim_and_release(connect, instance_id)

    control.advance_clock(days=179, hours=23, minutes=59, seconds=59)

    assert control.now() == RELEASED_AT + timedelta(days=180) - ONE_SECOND
    assert_unavailable(connect, instance_id, number)


@mock_aws
def test_released_number_is_searchable_and_claimable_when_the_cooldown_ends() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(RELEASED_AT)
    number = claim_and_release(connect, instance_id)
    control.advance_clock(days=179, hours=23, minutes=59, seconds=59)
    assert_unavailable(connect, instance_id, number)

    control.advance_clock(seconds=1)

    assert control.now() == RELEASED_AT + timedelta(days=180)
    assert_available_and_claimable(connect, instance_id, number)


@mock_aws
def test_released_number_comes_back_after_advance_clock_of_180_days() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    number = claim_and_release(connect, instance_id)

    control.advance_clock(days=180)

    assert_available_and_claimable(connect, instance_id, number)


@mock_aws
def test_cooled_down_number_can_be_claimed_by_another_account() -> None:
    connect = client()
    number = claim_and_release(connect, new_instance(connect)["Id"])
    control.advance_clock(days=180)
    other = as_account(OTHER_ACCOUNT)

    assert_available_and_claimable(other, new_instance(other, "other")["Id"], number)
    assert number not in claimed_numbers(connect)


@mock_aws
def test_cooled_down_number_can_be_claimed_in_another_region() -> None:
    connect = client("us-east-1")
    number = claim_and_release(connect, new_instance(connect)["Id"])
    control.advance_clock(days=180)
    west = client("us-west-2")

    assert_available_and_claimable(west, new_instance(west, "west")["Id"], number)


# -- when it ends: freezegun and time-machine move moto's clock --------------------------------


@pytest.mark.in_process_only
@mock_aws
def test_cooldown_follows_freezegun() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    with freeze_time(RELEASED_AT) as frozen:
        number = claim_and_release(connect, instance_id)
        frozen.tick(timedelta(days=180) - ONE_SECOND)
        assert_unavailable(connect, instance_id, number)

        frozen.tick(ONE_SECOND)

        assert control.now() == RELEASED_AT + timedelta(days=180)
        assert_available_and_claimable(connect, instance_id, number)


@pytest.mark.in_process_only
@mock_aws
def test_cooldown_follows_time_machine() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    with time_machine.travel(RELEASED_AT, tick=False) as traveller:
        number = claim_and_release(connect, instance_id)
        traveller.shift(timedelta(days=180) - ONE_SECOND)
        assert_unavailable(connect, instance_id, number)

        traveller.shift(ONE_SECOND)

        assert control.now() == RELEASED_AT + timedelta(days=180)
        assert_available_and_claimable(connect, instance_id, number)


# -- how long: the setting, and whose ----------------------------------------------------------


@mock_aws
def test_configured_cooldown_of_30_days_is_still_running_a_second_before_it_ends() -> None:
    control.configure(cooldown_days=30)
    connect = client()
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(RELEASED_AT)
    number = claim_and_release(connect, instance_id)

    control.advance_clock(days=30, seconds=-1)

    assert_unavailable(connect, instance_id, number)


@mock_aws
def test_configured_cooldown_of_30_days_ends_after_30_days() -> None:
    control.configure(cooldown_days=30)
    connect = client()
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(RELEASED_AT)
    number = claim_and_release(connect, instance_id)

    control.advance_clock(days=30)

    assert_available_and_claimable(connect, instance_id, number)


@mock_aws
def test_cooldown_is_fixed_by_the_settings_at_release_time() -> None:
    control.configure(cooldown_days=30)
    connect = client()
    instance_id = new_instance(connect)["Id"]
    number = claim_and_release(connect, instance_id)
    # A longer cooldown configured after the release does not lengthen this one.
    control.configure(cooldown_days=180)

    control.advance_clock(days=30)

    assert_available_and_claimable(connect, instance_id, number)


@mock_aws
def test_cooldown_configured_after_release_does_not_shorten_it() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    number = claim_and_release(connect, instance_id)
    control.configure(cooldown_days=30)

    control.advance_clock(days=31)

    assert_unavailable(connect, instance_id, number)


@mock_aws
def test_cooldown_of_the_releasing_account_applies_to_other_accounts() -> None:
    control.configure(account_id=OTHER_ACCOUNT, cooldown_days=30)
    other = as_account(OTHER_ACCOUNT)
    number = claim_and_release(other, new_instance(other, "other")["Id"])
    control.advance_clock(days=30)
    connect = client()

    # The default account (180 days) gets the number after the releaser's 30 days.
    assert_available_and_claimable(connect, new_instance(connect)["Id"], number)


@mock_aws
def test_another_accounts_cooldown_setting_does_not_apply_to_the_releasing_account() -> None:
    control.configure(account_id=OTHER_ACCOUNT, cooldown_days=30)
    connect = client()
    number = claim_and_release(connect, new_instance(connect)["Id"])
    control.advance_clock(days=31)
    other = as_account(OTHER_ACCOUNT)

    # Released by the default account: its 180 days apply, also for the account with 30.
    assert_unavailable(other, new_instance(other, "other")["Id"], number)


@mock_aws
def test_cooldown_of_the_releasing_region_applies() -> None:
    control.configure(region="us-west-2", cooldown_days=30)
    west = client("us-west-2")
    number = claim_and_release(west, new_instance(west, "west")["Id"])
    control.advance_clock(days=30)
    east = client("us-east-1")

    assert_available_and_claimable(east, new_instance(east)["Id"], number)
