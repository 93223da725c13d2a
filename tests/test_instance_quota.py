"""The per-instance quota of active numbers (reference C.3, C.4 and D), through boto3.

A claim beyond "Phone numbers per instance" (default 5) succeeds with ids, but the number's status
is FAILED with a Message saying the target reached its limit; the number is held for the claimer for
one day, then returns to the stock without cooldown.
"""

from __future__ import annotations

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


def claim_number(connect: Any, instance_id: str, number: str | None = None) -> dict[str, str]:
    number = number or available(connect, instance_id)[0]
    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    return {"PhoneNumberId": claimed["PhoneNumberId"], "PhoneNumber": number}


def fill(connect: Any, instance_id: str, count: int = 5) -> list[dict[str, str]]:
    return [claim_number(connect, instance_id) for _ in range(count)]


def status_of(connect: Any, phone_number_id: str) -> dict[str, str]:
    summary = connect.describe_phone_number(PhoneNumberId=phone_number_id)
    return dict(summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"])


def listed(connect: Any, **filters: Any) -> list[str]:
    summaries = connect.list_phone_numbers_v2(**filters)["ListPhoneNumbersSummaryList"]
    return sorted(item["PhoneNumberId"] for item in summaries)


def offered(connect: Any, instance_id: str, number: str) -> bool:
    return available(connect, instance_id, prefix=number, count=5) == [number]


def assert_not_found(connect: Any, phone_number_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        connect.describe_phone_number(PhoneNumberId=phone_number_id)
    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert phone_number_id in message


# -- the claim over the quota ------------------------------------------------------------------


@mock_aws
def test_sixth_claim_on_an_instance_returns_ids() -> None:
    connect = client()
    instance = new_instance(connect)
    fill(connect, instance["Id"])
    number = available(connect, instance["Id"])[0]

    claimed = connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=number)

    assert claimed["PhoneNumberId"]
    assert claimed["PhoneNumberArn"].endswith("/" + claimed["PhoneNumberId"])


@mock_aws
def test_sixth_claim_on_an_instance_is_failed_with_a_message() -> None:
    connect = client()
    instance = new_instance(connect)
    fill(connect, instance["Id"])

    sixth = claim_number(connect, instance["Id"])

    status = status_of(connect, sixth["PhoneNumberId"])
    assert status["Status"] == "FAILED"
    assert "reached its limit" in status["Message"]
    assert instance["Arn"] in status["Message"]


@mock_aws
def test_fifth_claim_on_an_instance_is_claimed() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    fill(connect, instance_id, 4)

    fifth = claim_number(connect, instance_id)

    assert status_of(connect, fifth["PhoneNumberId"]) == {"Status": "CLAIMED"}


@mock_aws
def test_failed_claim_appears_in_list_phone_numbers_v2() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    held = fill(connect, instance_id)

    sixth = claim_number(connect, instance_id)

    expected = sorted([n["PhoneNumberId"] for n in held] + [sixth["PhoneNumberId"]])
    assert listed(connect) == expected
    assert listed(connect, InstanceId=instance_id) == expected


@mock_aws
def test_quota_is_per_instance() -> None:
    connect = client()
    fill(connect, new_instance(connect, "first")["Id"])

    on_second = claim_number(connect, new_instance(connect, "second")["Id"])

    assert status_of(connect, on_second["PhoneNumberId"]) == {"Status": "CLAIMED"}


@mock_aws
def test_configured_quota_of_two_fails_the_third_claim() -> None:
    control.configure(phone_numbers_per_instance=2)
    connect = client()
    instance = new_instance(connect)
    held = fill(connect, instance["Id"], 2)

    third = claim_number(connect, instance["Id"])

    assert [status_of(connect, n["PhoneNumberId"])["Status"] for n in held] == ["CLAIMED"] * 2
    status = status_of(connect, third["PhoneNumberId"])
    assert status["Status"] == "FAILED"
    assert "reached its limit" in status["Message"]


# -- the hold: one day, for the claimer only ---------------------------------------------------


@mock_aws
def test_failed_claim_is_not_offered_to_another_account_during_the_hold() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    fill(connect, instance_id)
    sixth = claim_number(connect, instance_id)
    other = as_account(OTHER_ACCOUNT)

    other_instance = new_instance(other, "other")["Id"]

    assert not offered(other, other_instance, sixth["PhoneNumber"])
    assert sixth["PhoneNumber"] not in available(other, other_instance, count=10)


@mock_aws
def test_failed_claim_cannot_be_claimed_by_another_account_during_the_hold() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    fill(connect, instance_id)
    control.freeze_clock()  # a second before the hold ends, however slow the machine
    sixth = claim_number(connect, instance_id)
    other = as_account(OTHER_ACCOUNT)
    other_instance = new_instance(other, "other")["Id"]
    control.advance_clock(hours=23, minutes=59, seconds=59)

    with pytest.raises(ClientError) as excinfo:
        other.claim_phone_number(InstanceId=other_instance, PhoneNumber=sixth["PhoneNumber"])

    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"Phone number not available: {sixth['PhoneNumber']}",
    )
    assert listed(other) == []
    assert status_of(connect, sixth["PhoneNumberId"])["Status"] == "FAILED"


@mock_aws
def test_failed_claim_cannot_be_claimed_in_another_region_during_the_hold() -> None:
    connect = client("us-east-1")
    instance_id = new_instance(connect)["Id"]
    fill(connect, instance_id)
    sixth = claim_number(connect, instance_id)
    west = client("us-west-2")

    with pytest.raises(ClientError) as excinfo:
        west.claim_phone_number(
            InstanceId=new_instance(west, "west")["Id"], PhoneNumber=sixth["PhoneNumber"]
        )

    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"Phone number not available: {sixth['PhoneNumber']}",
    )
    assert listed(west) == []


@mock_aws
def test_failed_claim_is_gone_after_the_hold() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    held = fill(connect, instance_id)
    sixth = claim_number(connect, instance_id)

    control.advance_clock(days=1, seconds=1)

    assert_not_found(connect, sixth["PhoneNumberId"])
    assert listed(connect) == sorted(n["PhoneNumberId"] for n in held)


@mock_aws
def test_failed_claim_is_still_held_just_before_the_hold_ends() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    fill(connect, instance_id)
    control.freeze_clock()  # a minute before the hold ends, however slow the machine
    sixth = claim_number(connect, instance_id)

    control.advance_clock(hours=23, minutes=59)

    assert status_of(connect, sixth["PhoneNumberId"])["Status"] == "FAILED"
    assert sixth["PhoneNumberId"] in listed(connect)


@mock_aws
def test_failed_claim_returns_to_the_stock_without_cooldown() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    fill(connect, instance_id)
    sixth = claim_number(connect, instance_id)

    control.advance_clock(days=1, seconds=1)

    assert offered(connect, instance_id, sixth["PhoneNumber"])


@mock_aws
def test_failed_claim_can_be_claimed_by_another_account_after_the_hold() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    fill(connect, instance_id)
    sixth = claim_number(connect, instance_id)
    control.advance_clock(days=1, seconds=1)
    other = as_account(OTHER_ACCOUNT)
    other_instance = new_instance(other, "other")["Id"]

    assert offered(other, other_instance, sixth["PhoneNumber"])
    claimed = claim_number(other, other_instance, sixth["PhoneNumber"])

    assert status_of(other, claimed["PhoneNumberId"]) == {"Status": "CLAIMED"}
    assert_not_found(connect, sixth["PhoneNumberId"])


@mock_aws
def test_claimer_can_retry_after_making_room_and_gets_claimed() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    held = fill(connect, instance_id)
    sixth = claim_number(connect, instance_id)
    connect.release_phone_number(PhoneNumberId=held[0]["PhoneNumberId"])

    retried = claim_number(connect, instance_id, sixth["PhoneNumber"])

    assert status_of(connect, retried["PhoneNumberId"]) == {"Status": "CLAIMED"}
    numbers = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert sorted(n["PhoneNumber"] for n in numbers) == sorted(
        [n["PhoneNumber"] for n in held[1:]] + [sixth["PhoneNumber"]]
    )


@mock_aws
def test_retried_claim_stays_claimed_after_the_hold_would_have_ended() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    held = fill(connect, instance_id)
    sixth = claim_number(connect, instance_id)
    connect.release_phone_number(PhoneNumberId=held[0]["PhoneNumberId"])
    retried = claim_number(connect, instance_id, sixth["PhoneNumber"])

    control.advance_clock(days=2)

    assert status_of(connect, retried["PhoneNumberId"]) == {"Status": "CLAIMED"}
    other = as_account(OTHER_ACCOUNT)
    assert not offered(other, new_instance(other, "other")["Id"], sixth["PhoneNumber"])


@mock_aws
def test_retry_without_making_room_fails_again() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    held = fill(connect, instance_id)
    sixth = claim_number(connect, instance_id)

    retried = claim_number(connect, instance_id, sixth["PhoneNumber"])

    assert status_of(connect, retried["PhoneNumberId"])["Status"] == "FAILED"
    numbers = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    # One entry for the number, not one per attempt.
    assert sorted(n["PhoneNumber"] for n in numbers) == sorted(
        [n["PhoneNumber"] for n in held] + [sixth["PhoneNumber"]]
    )


@mock_aws
def test_failed_claim_does_not_count_towards_the_churn_limit() -> None:
    # Quota 1: the churn limit is 2 releases.
    control.configure(phone_numbers_per_instance=1)
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    first = claim_number(connect, instance_id)
    failed = claim_number(connect, instance_id)
    assert status_of(connect, failed["PhoneNumberId"])["Status"] == "FAILED"
    control.advance_clock(days=1, seconds=1)
    connect.release_phone_number(PhoneNumberId=first["PhoneNumberId"])

    # One release counted; had the expired failed claim counted too, this claim were blocked.
    after = claim_number(connect, instance_id)

    assert status_of(connect, after["PhoneNumberId"]) == {"Status": "CLAIMED"}


# -- moving numbers between instances ----------------------------------------------------------


@mock_aws
def test_moving_a_number_away_frees_a_slot_on_the_source_instance() -> None:
    connect = client()
    source = new_instance(connect, "source")["Id"]
    destination = new_instance(connect, "destination")["Id"]
    held = fill(connect, source)
    connect.update_phone_number(PhoneNumberId=held[0]["PhoneNumberId"], InstanceId=destination)

    sixth_on_source = claim_number(connect, source)

    assert status_of(connect, sixth_on_source["PhoneNumberId"]) == {"Status": "CLAIMED"}


@mock_aws
def test_moving_a_number_in_takes_a_slot_on_the_destination_instance() -> None:
    connect = client()
    source = new_instance(connect, "source")["Id"]
    destination = new_instance(connect, "destination")["Id"]
    moved = claim_number(connect, source)
    fill(connect, destination, 4)
    connect.update_phone_number(PhoneNumberId=moved["PhoneNumberId"], InstanceId=destination)

    over = claim_number(connect, destination)

    status = status_of(connect, over["PhoneNumberId"])
    assert status["Status"] == "FAILED"
    assert "reached its limit" in status["Message"]
    assert status_of(connect, moved["PhoneNumberId"]) == {"Status": "CLAIMED"}


# -- the hold's end is one event that every operation sees ---------------------------------------


def failed_claim_after_the_hold(connect: Any, target: str) -> dict[str, str]:
    """A failed claim (quota 1, second claim) to an instance id or TDG ARN, its hold just ended;
    the clock moves and no request runs in between."""
    control.configure(phone_numbers_per_instance=1)
    key = "TargetArn" if target.startswith("arn:") else "InstanceId"
    first, second = available(connect, target, count=2)
    kept = connect.claim_phone_number(**{key: target}, PhoneNumber=first)
    failed = connect.claim_phone_number(**{key: target}, PhoneNumber=second)
    assert status_of(connect, failed["PhoneNumberId"])["Status"] == "FAILED"
    connect.release_phone_number(PhoneNumberId=kept["PhoneNumberId"])
    control.advance_clock(days=1, seconds=1)
    return {"PhoneNumberId": failed["PhoneNumberId"], "PhoneNumberArn": failed["PhoneNumberArn"]}


@mock_aws
def test_failed_claim_cannot_be_tagged_after_the_hold() -> None:
    connect = client()
    failed = failed_claim_after_the_hold(connect, new_instance(connect)["Id"])

    with pytest.raises(ClientError) as excinfo:
        connect.tag_resource(resourceArn=failed["PhoneNumberArn"], tags={"env": "prod"})

    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        f"Resource not found: {failed['PhoneNumberArn']}",
    )
    assert_not_found(connect, failed["PhoneNumberId"])


@mock_aws
def test_failed_claim_tags_cannot_be_listed_after_the_hold() -> None:
    connect = client()
    failed = failed_claim_after_the_hold(connect, new_instance(connect)["Id"])

    with pytest.raises(ClientError) as excinfo:
        connect.list_tags_for_resource(resourceArn=failed["PhoneNumberArn"])

    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    assert listed(connect) == []


# -- DeleteInstance and failed claims ----------------------------------------------------------


@mock_aws
def test_deleting_an_instance_does_not_count_its_failed_claims_as_releases() -> None:
    # Quota 1: the churn limit is 2 releases. One claimed and two failed claims go with the
    # instance: one release. Had the failed claims counted, the next claim were blocked.
    control.configure(phone_numbers_per_instance=1)
    connect = client(config=no_retries())
    doomed = new_instance(connect, "doomed")["Id"]
    fill(connect, doomed, count=3)
    successor = new_instance(connect, "successor")["Id"]

    connect.delete_instance(InstanceId=doomed)

    after = claim_number(connect, successor)
    assert status_of(connect, after["PhoneNumberId"]) == {"Status": "CLAIMED"}


@mock_aws
def test_deleting_an_instance_returns_its_failed_claims_to_the_stock_without_cooldown() -> None:
    control.configure(phone_numbers_per_instance=1)
    connect = client()
    doomed = new_instance(connect, "doomed")["Id"]
    kept, failed = fill(connect, doomed, count=2)
    successor = new_instance(connect, "successor")["Id"]
    # This search walks past both numbers and remembers them as a run of taken numbers; the
    # failed claim leaving with its instance must end that memory, not wait for the hold.
    assert failed["PhoneNumber"] not in available(connect, successor)

    connect.delete_instance(InstanceId=doomed)

    assert available(connect, successor)[0] == failed["PhoneNumber"]
    assert offered(connect, successor, failed["PhoneNumber"])
    assert not offered(connect, successor, kept["PhoneNumber"])  # released: cooling down
    again = claim_number(connect, successor, failed["PhoneNumber"])
    assert status_of(connect, again["PhoneNumberId"]) == {"Status": "CLAIMED"}
