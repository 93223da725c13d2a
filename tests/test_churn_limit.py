"""The 200% churn rule (reference C.3 and D), through boto3.

Each release in the rolling window (180 days) counts one; while the count is at 200% of the
per-instance quota (default 5 -> 10 releases), claims of that account in that Region are refused
with LimitExceededException (configurable) until 180 days after the oldest counted release.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from moto_connect_ext import control
from support import (
    as_account,
    available,
    client,
    error_of,
    new_instance,
    no_retries,
)

OTHER_ACCOUNT = "111122223333"
#: A fixed instant (a whole second), so release times and the date the block lifts are exact.
START = datetime(2031, 1, 1, 0, 0, 0)


def status_code(excinfo: pytest.ExceptionInfo[ClientError]) -> int:
    return int(excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"])


def search_numbers(connect: Any, instance_id: str, count: int) -> list[str]:
    """``count`` available toll-free numbers, paging through the search (10 per page)."""
    found: list[str] = []
    token: str | None = None
    while len(found) < count:
        extra = {"NextToken": token} if token else {}
        page = connect.search_available_phone_numbers(
            InstanceId=instance_id,
            PhoneNumberCountryCode="US",
            PhoneNumberType="TOLL_FREE",
            MaxResults=10,
            **extra,
        )
        found += [item["PhoneNumber"] for item in page["AvailableNumbersList"]]
        token = page.get("NextToken")
        assert token or len(found) >= count, "the stock ran out"
    return found[:count]


def claim_all(connect: Any, instance_id: str, count: int) -> list[str]:
    """Claim ``count`` numbers to the instance; their PhoneNumberIds."""
    return [
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)["PhoneNumberId"]
        for number in search_numbers(connect, instance_id, count)
    ]


def release_all(connect: Any, phone_number_ids: list[str]) -> None:
    for phone_number_id in phone_number_ids:
        connect.release_phone_number(PhoneNumberId=phone_number_id)


def churn(connect: Any, instance_id: str, releases: int, per_round: int = 5) -> None:
    """Claim and release ``releases`` numbers on one instance, ``per_round`` at a time."""
    done = 0
    while done < releases:
        batch = min(per_round, releases - done)
        release_all(connect, claim_all(connect, instance_id, batch))
        done += batch


def claimed_numbers(connect: Any) -> list[str]:
    summaries = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    return sorted(item["PhoneNumber"] for item in summaries)


def assert_claim_blocked(
    connect: Any, instance_id: str, code: str = "LimitExceededException", status: int = 429
) -> str:
    """The next claim is refused by the churn rule, changes nothing; the error message."""
    number = search_numbers(connect, instance_id, 1)[0]
    before = claimed_numbers(connect)
    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    found_code, message = error_of(excinfo)
    assert found_code == code
    assert status_code(excinfo) == status
    assert "limit" in message
    assert claimed_numbers(connect) == before
    return message


def assert_claim_succeeds(connect: Any, instance_id: str) -> str:
    number = search_numbers(connect, instance_id, 1)[0]
    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]
    assert summary["PhoneNumber"] == number
    assert summary["PhoneNumberStatus"]["Status"] == "CLAIMED"
    return number


def lifts_at(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


# -- the reference's example: quota 99 ----------------------------------------------------------


@mock_aws
def test_seed_example_quota_99_blocks_until_180_days_after_the_first_release() -> None:
    """Reference C.3: quota 99; claim 99, release 99, claim 99, release 99 -> blocked."""
    control.configure(phone_numbers_per_instance=99)
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(START)
    release_all(connect, claim_all(connect, instance_id, 99))
    control.advance_clock(days=1)
    release_all(connect, claim_all(connect, instance_id, 99))

    message = assert_claim_blocked(connect, instance_id)
    assert lifts_at(START + timedelta(days=180)) in message
    control.advance_clock(days=178, hours=23, minutes=59, seconds=59)
    assert_claim_blocked(connect, instance_id)
    control.advance_clock(seconds=1)

    assert control.now() == START + timedelta(days=180)
    assert_claim_succeeds(connect, instance_id)


# -- the default quota of 5: 10 releases --------------------------------------------------------


@mock_aws
def test_ten_releases_block_the_next_claim_with_limit_exceeded() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(START)
    churn(connect, instance_id, 10)

    message = assert_claim_blocked(connect, instance_id)

    assert lifts_at(START + timedelta(days=180)) in message


@mock_aws
def test_nine_releases_do_not_block_a_claim() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    churn(connect, instance_id, 9)

    assert_claim_succeeds(connect, instance_id)


@mock_aws
def test_block_message_names_the_oldest_release_plus_the_window() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(START)
    churn(connect, instance_id, 5)
    control.advance_clock(days=10)
    churn(connect, instance_id, 5)

    message = assert_claim_blocked(connect, instance_id)

    assert lifts_at(START + timedelta(days=180)) in message
    assert lifts_at(START + timedelta(days=190)) not in message


@mock_aws
def test_block_lifts_at_the_time_its_message_names() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(START)
    churn(connect, instance_id, 5)
    control.advance_clock(days=10)
    churn(connect, instance_id, 5)

    control.advance_clock(days=170)

    assert control.now() == START + timedelta(days=180)
    assert_claim_succeeds(connect, instance_id)


@mock_aws
def test_block_holds_one_second_before_it_lifts() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(START)
    churn(connect, instance_id, 10)

    control.advance_clock(days=180, seconds=-1)

    assert_claim_blocked(connect, instance_id)


@mock_aws
def test_releases_older_than_the_window_no_longer_count() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    churn(connect, instance_id, 5)
    control.advance_clock(days=181)
    churn(connect, instance_id, 9)

    # 14 releases in all, but only 9 inside the last 180 days.
    assert_claim_succeeds(connect, instance_id)


@mock_aws
def test_blocked_claim_error_is_configurable() -> None:
    control.configure(blocked_claim_error="InvalidParameterException")
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(START)
    churn(connect, instance_id, 10)

    message = assert_claim_blocked(connect, instance_id, "InvalidParameterException", 400)

    assert lifts_at(START + timedelta(days=180)) in message


@mock_aws
def test_configured_churn_limit_percent_applies() -> None:
    control.configure(churn_limit_percent=100)
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    churn(connect, instance_id, 5)

    assert_claim_blocked(connect, instance_id)


@mock_aws
def test_configured_churn_window_applies() -> None:
    control.configure(churn_window_days=30)
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    control.freeze_clock(START)
    churn(connect, instance_id, 10)

    message = assert_claim_blocked(connect, instance_id)
    assert lifts_at(START + timedelta(days=30)) in message
    control.advance_clock(days=30, seconds=1)

    assert_claim_succeeds(connect, instance_id)


# -- where: per account and Region --------------------------------------------------------------


@mock_aws
def test_block_does_not_reach_another_region() -> None:
    connect = client("us-east-1", config=no_retries())
    churn(connect, new_instance(connect)["Id"], 10)
    west = client("us-west-2", config=no_retries())

    assert_claim_succeeds(west, new_instance(west, "west")["Id"])


@mock_aws
def test_block_does_not_reach_another_account() -> None:
    connect = client(config=no_retries())
    churn(connect, new_instance(connect)["Id"], 10)
    other = as_account(OTHER_ACCOUNT)

    assert_claim_succeeds(other, new_instance(other, "other")["Id"])


@mock_aws
def test_block_covers_every_instance_of_the_account_in_the_region() -> None:
    connect = client(config=no_retries())
    churn(connect, new_instance(connect, "first")["Id"], 10)

    assert_claim_blocked(connect, new_instance(connect, "second")["Id"])


# -- what a block leaves alone ------------------------------------------------------------------


@mock_aws
def test_blocked_claim_leaves_the_number_available() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    churn(connect, instance_id, 10)
    number = search_numbers(connect, instance_id, 1)[0]

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)

    assert error_of(excinfo)[0] == "LimitExceededException"
    assert claimed_numbers(connect) == []
    assert available(connect, instance_id, prefix=number, count=5) == [number]
    other = as_account(OTHER_ACCOUNT)
    other.claim_phone_number(InstanceId=new_instance(other, "other")["Id"], PhoneNumber=number)


@mock_aws
def test_blocked_account_can_still_describe_its_numbers() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    kept = claim_all(connect, instance_id, 1)[0]
    churn(connect, instance_id, 10, per_round=4)
    assert_claim_blocked(connect, instance_id)

    summary = connect.describe_phone_number(PhoneNumberId=kept)["ClaimedPhoneNumberSummary"]

    assert summary["PhoneNumberId"] == kept
    assert summary["PhoneNumberStatus"]["Status"] == "CLAIMED"


@mock_aws
def test_blocked_account_can_still_release() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    kept = claim_all(connect, instance_id, 1)[0]
    churn(connect, instance_id, 10, per_round=4)
    assert_claim_blocked(connect, instance_id)

    response = connect.release_phone_number(PhoneNumberId=kept)

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert claimed_numbers(connect) == []
