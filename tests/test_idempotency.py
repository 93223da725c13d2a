"""Client tokens on Claim, Release, Update and UpdateMetadata (reference D "Idempotency tokens").

Per account, Region and operation, remembered 7 days (configurable): the same token with the same
parameters replays the first result with no second effect; with other parameters it is an
IdempotencyException. ClaimPhoneNumber's token must look like a UUID.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from moto_connect_ext import control
from support import available, client, error_of, new_instance, no_retries


def token() -> str:
    return str(uuid.uuid4())


def status_code(response: dict[str, Any]) -> int:
    return int(response["ResponseMetadata"]["HTTPStatusCode"])


def assert_token_conflict(excinfo: pytest.ExceptionInfo[ClientError], client_token: str) -> None:
    code, message = error_of(excinfo)
    assert code == "IdempotencyException"
    assert client_token in message
    assert status_code(excinfo.value.response) == 409


def claimed_numbers(connect: Any) -> list[str]:
    summaries = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    return sorted(item["PhoneNumber"] for item in summaries)


def describe(connect: Any, phone_number_id: str) -> dict[str, Any]:
    summary: dict[str, Any] = connect.describe_phone_number(PhoneNumberId=phone_number_id)[
        "ClaimedPhoneNumberSummary"
    ]
    return summary


def claim_one(connect: Any, instance_id: str, **kwargs: Any) -> dict[str, str]:
    number = available(connect, instance_id)[0]
    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number, **kwargs)
    # Describe once so the number settles (IN_PROGRESS -> CLAIMED) before follow-up calls.
    assert describe(connect, claimed["PhoneNumberId"])["PhoneNumberStatus"]["Status"] == "CLAIMED"
    return {"PhoneNumberId": claimed["PhoneNumberId"], "PhoneNumber": number}


def assert_not_found(connect: Any, phone_number_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        connect.describe_phone_number(PhoneNumberId=phone_number_id)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


# -- ClaimPhoneNumber ---------------------------------------------------------------------------


@mock_aws
def test_claim_retry_with_same_token_replays_the_first_result() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    number = available(connect, instance_id)[0]
    client_token = token()
    first = connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=number, ClientToken=client_token
    )

    retry = connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=number, ClientToken=client_token
    )

    assert retry["PhoneNumberId"] == first["PhoneNumberId"]
    assert retry["PhoneNumberArn"] == first["PhoneNumberArn"]
    assert claimed_numbers(connect) == [number]


@mock_aws
def test_claim_retries_do_not_use_up_the_instance_quota() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    number = available(connect, instance_id)[0]
    client_token = token()
    for _ in range(6):
        connect.claim_phone_number(
            InstanceId=instance_id, PhoneNumber=number, ClientToken=client_token
        )

    fresh = [claim_one(connect, instance_id) for _ in range(4)]

    # 1 + 4 = 5 numbers: all CLAIMED, none over the quota of 5.
    assert claimed_numbers(connect) == sorted([number] + [n["PhoneNumber"] for n in fresh])


@mock_aws
def test_claim_replay_after_release_claims_nothing() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    number = available(connect, instance_id)[0]
    client_token = token()
    first = connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=number, ClientToken=client_token
    )
    connect.release_phone_number(PhoneNumberId=first["PhoneNumberId"])

    retry = connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=number, ClientToken=client_token
    )

    assert retry["PhoneNumberId"] == first["PhoneNumberId"]
    assert claimed_numbers(connect) == []
    assert_not_found(connect, first["PhoneNumberId"])


@mock_aws
def test_claim_same_token_other_number_is_an_idempotency_conflict() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    first_number, second_number = available(connect, instance_id, count=2)
    client_token = token()
    connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=first_number, ClientToken=client_token
    )

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(
            InstanceId=instance_id, PhoneNumber=second_number, ClientToken=client_token
        )

    assert_token_conflict(excinfo, client_token)
    assert claimed_numbers(connect) == [first_number]
    assert second_number in available(connect, instance_id, count=2)


@mock_aws
def test_claim_same_token_other_description_is_an_idempotency_conflict() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    number = available(connect, instance_id)[0]
    client_token = token()
    first = connect.claim_phone_number(
        InstanceId=instance_id,
        PhoneNumber=number,
        PhoneNumberDescription="first",
        ClientToken=client_token,
    )

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(
            InstanceId=instance_id,
            PhoneNumber=number,
            PhoneNumberDescription="second",
            ClientToken=client_token,
        )

    assert_token_conflict(excinfo, client_token)
    assert describe(connect, first["PhoneNumberId"])["PhoneNumberDescription"] == "first"


@mock_aws
def test_claim_with_a_non_uuid_token_is_invalid() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    number = available(connect, instance_id)[0]

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number, ClientToken="abc")

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert "ClientToken" in message
    assert "abc" in message
    assert claimed_numbers(connect) == []
    assert available(connect, instance_id, prefix=number) == [number]


@mock_aws
def test_claim_token_expires_after_seven_days() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    first_number, second_number = available(connect, instance_id, count=2)
    client_token = token()
    connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=first_number, ClientToken=client_token
    )
    control.advance_clock(days=7, seconds=1)

    later = connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=second_number, ClientToken=client_token
    )

    assert describe(connect, later["PhoneNumberId"])["PhoneNumber"] == second_number
    assert claimed_numbers(connect) == sorted([first_number, second_number])


@mock_aws
def test_claim_token_is_remembered_just_before_seven_days() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    first_number, second_number = available(connect, instance_id, count=2)
    client_token = token()
    control.freeze_clock()  # a minute before the window ends, however slow the machine
    connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=first_number, ClientToken=client_token
    )
    control.advance_clock(days=6, hours=23, minutes=59)

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(
            InstanceId=instance_id, PhoneNumber=second_number, ClientToken=client_token
        )

    assert_token_conflict(excinfo, client_token)
    assert claimed_numbers(connect) == [first_number]


@mock_aws
def test_configured_idempotency_window_applies() -> None:
    control.configure(idempotency_window_days=1)
    connect = client()
    instance_id = new_instance(connect)["Id"]
    first_number, second_number = available(connect, instance_id, count=2)
    client_token = token()
    connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=first_number, ClientToken=client_token
    )
    control.advance_clock(days=1, seconds=1)

    later = connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=second_number, ClientToken=client_token
    )

    assert describe(connect, later["PhoneNumberId"])["PhoneNumber"] == second_number


@mock_aws
def test_claim_tokens_are_per_region() -> None:
    east = client("us-east-1")
    west = client("us-west-2")
    east_instance = new_instance(east)["Id"]
    west_instance = new_instance(west, "west")["Id"]
    first_number, second_number = available(east, east_instance, count=2)
    client_token = token()
    east.claim_phone_number(
        InstanceId=east_instance, PhoneNumber=first_number, ClientToken=client_token
    )

    west_claim = west.claim_phone_number(
        InstanceId=west_instance, PhoneNumber=second_number, ClientToken=client_token
    )

    assert describe(west, west_claim["PhoneNumberId"])["PhoneNumber"] == second_number
    assert claimed_numbers(east) == [first_number]


# -- ReleasePhoneNumber -------------------------------------------------------------------------


@mock_aws
def test_release_retry_after_success_returns_200() -> None:
    connect = client()
    claimed = claim_one(connect, new_instance(connect)["Id"])
    client_token = token()
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"], ClientToken=client_token)

    retry = connect.release_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], ClientToken=client_token
    )

    assert status_code(retry) == 200
    assert_not_found(connect, claimed["PhoneNumberId"])


@mock_aws
def test_release_without_the_same_token_after_success_is_not_found() -> None:
    connect = client()
    claimed = claim_one(connect, new_instance(connect)["Id"])
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"], ClientToken=token())

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"], ClientToken=token())

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert claimed["PhoneNumberId"] in message


@mock_aws
def test_release_retries_count_once_towards_the_churn_limit() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    first = claim_one(connect, instance_id)
    client_token = token()
    for _ in range(11):
        connect.release_phone_number(PhoneNumberId=first["PhoneNumberId"], ClientToken=client_token)
    for _ in range(2):
        batch = [claim_one(connect, instance_id) for _ in range(4)]
        for other in batch:
            connect.release_phone_number(PhoneNumberId=other["PhoneNumberId"])

    # 9 releases in all (limit 10): had the 10 replays counted, this claim were blocked.
    last = claim_one(connect, instance_id)

    assert claimed_numbers(connect) == [last["PhoneNumber"]]


@mock_aws
def test_release_same_token_other_number_is_an_idempotency_conflict() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    released = claim_one(connect, instance_id)
    kept = claim_one(connect, instance_id)
    client_token = token()
    connect.release_phone_number(PhoneNumberId=released["PhoneNumberId"], ClientToken=client_token)

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=kept["PhoneNumberId"], ClientToken=client_token)

    assert_token_conflict(excinfo, client_token)
    assert describe(connect, kept["PhoneNumberId"])["PhoneNumberStatus"]["Status"] == "CLAIMED"
    assert claimed_numbers(connect) == [kept["PhoneNumber"]]


@mock_aws
def test_release_retry_after_the_window_runs_again() -> None:
    connect = client()
    claimed = claim_one(connect, new_instance(connect)["Id"])
    client_token = token()
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"], ClientToken=client_token)
    control.advance_clock(days=7, seconds=1)

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(
            PhoneNumberId=claimed["PhoneNumberId"], ClientToken=client_token
        )

    assert error_of(excinfo)[0] == "ResourceNotFoundException"


# -- UpdatePhoneNumber ----------------------------------------------------------------------------


@mock_aws
def test_update_retry_with_same_token_replays_the_first_result() -> None:
    connect = client()
    source = new_instance(connect, "source")["Id"]
    destination = new_instance(connect, "destination")["Id"]
    claimed = claim_one(connect, source)
    client_token = token()
    first = connect.update_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=destination, ClientToken=client_token
    )

    retry = connect.update_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=destination, ClientToken=client_token
    )

    assert retry["PhoneNumberId"] == first["PhoneNumberId"] == claimed["PhoneNumberId"]
    assert retry["PhoneNumberArn"] == first["PhoneNumberArn"]
    assert describe(connect, claimed["PhoneNumberId"])["InstanceId"] == destination


@mock_aws
def test_update_replay_has_no_second_effect() -> None:
    connect = client()
    source = new_instance(connect, "source")["Id"]
    destination = new_instance(connect, "destination")["Id"]
    claimed = claim_one(connect, source)
    client_token = token()
    connect.update_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=destination, ClientToken=client_token
    )
    describe(connect, claimed["PhoneNumberId"])  # settles the update
    connect.update_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=source, ClientToken=token()
    )
    describe(connect, claimed["PhoneNumberId"])

    connect.update_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=destination, ClientToken=client_token
    )

    assert describe(connect, claimed["PhoneNumberId"])["InstanceId"] == source


@mock_aws
def test_update_same_token_other_target_is_an_idempotency_conflict() -> None:
    connect = client()
    source = new_instance(connect, "source")["Id"]
    destination = new_instance(connect, "destination")["Id"]
    third = new_instance(connect, "third")["Id"]
    claimed = claim_one(connect, source)
    client_token = token()
    connect.update_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=destination, ClientToken=client_token
    )
    describe(connect, claimed["PhoneNumberId"])

    with pytest.raises(ClientError) as excinfo:
        connect.update_phone_number(
            PhoneNumberId=claimed["PhoneNumberId"], InstanceId=third, ClientToken=client_token
        )

    assert_token_conflict(excinfo, client_token)
    assert describe(connect, claimed["PhoneNumberId"])["InstanceId"] == destination


@mock_aws
def test_update_token_expires_after_seven_days() -> None:
    connect = client()
    source = new_instance(connect, "source")["Id"]
    destination = new_instance(connect, "destination")["Id"]
    third = new_instance(connect, "third")["Id"]
    claimed = claim_one(connect, source)
    client_token = token()
    connect.update_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=destination, ClientToken=client_token
    )
    describe(connect, claimed["PhoneNumberId"])
    control.advance_clock(days=7, seconds=1)

    connect.update_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=third, ClientToken=client_token
    )

    assert describe(connect, claimed["PhoneNumberId"])["InstanceId"] == third


# -- UpdatePhoneNumberMetadata ------------------------------------------------------------------


@mock_aws
def test_update_metadata_replay_has_no_second_effect() -> None:
    connect = client()
    claimed = claim_one(connect, new_instance(connect)["Id"])
    client_token = token()
    connect.update_phone_number_metadata(
        PhoneNumberId=claimed["PhoneNumberId"],
        PhoneNumberDescription="first",
        ClientToken=client_token,
    )
    describe(connect, claimed["PhoneNumberId"])
    connect.update_phone_number_metadata(
        PhoneNumberId=claimed["PhoneNumberId"], PhoneNumberDescription="second", ClientToken=token()
    )
    describe(connect, claimed["PhoneNumberId"])

    retry = connect.update_phone_number_metadata(
        PhoneNumberId=claimed["PhoneNumberId"],
        PhoneNumberDescription="first",
        ClientToken=client_token,
    )

    assert status_code(retry) == 200
    assert describe(connect, claimed["PhoneNumberId"])["PhoneNumberDescription"] == "second"


@mock_aws
def test_update_metadata_same_token_other_description_is_an_idempotency_conflict() -> None:
    connect = client()
    claimed = claim_one(connect, new_instance(connect)["Id"])
    client_token = token()
    connect.update_phone_number_metadata(
        PhoneNumberId=claimed["PhoneNumberId"],
        PhoneNumberDescription="first",
        ClientToken=client_token,
    )
    describe(connect, claimed["PhoneNumberId"])

    with pytest.raises(ClientError) as excinfo:
        connect.update_phone_number_metadata(
            PhoneNumberId=claimed["PhoneNumberId"],
            PhoneNumberDescription="second",
            ClientToken=client_token,
        )

    assert_token_conflict(excinfo, client_token)
    assert describe(connect, claimed["PhoneNumberId"])["PhoneNumberDescription"] == "first"


# -- tokens belong to one operation -------------------------------------------------------------


@mock_aws
def test_claim_token_reused_on_update_is_not_a_conflict() -> None:
    connect = client()
    source = new_instance(connect, "source")["Id"]
    destination = new_instance(connect, "destination")["Id"]
    client_token = token()
    claimed = claim_one(connect, source, ClientToken=client_token)

    moved = connect.update_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=destination, ClientToken=client_token
    )

    assert moved["PhoneNumberId"] == claimed["PhoneNumberId"]
    assert describe(connect, claimed["PhoneNumberId"])["InstanceId"] == destination


@mock_aws
def test_claim_token_reused_on_metadata_update_and_release_is_not_a_conflict() -> None:
    connect = client()
    client_token = token()
    claimed = claim_one(connect, new_instance(connect)["Id"], ClientToken=client_token)

    connect.update_phone_number_metadata(
        PhoneNumberId=claimed["PhoneNumberId"],
        PhoneNumberDescription="described",
        ClientToken=client_token,
    )
    assert describe(connect, claimed["PhoneNumberId"])["PhoneNumberDescription"] == "described"
    released = connect.release_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], ClientToken=client_token
    )

    assert status_code(released) == 200
    assert claimed_numbers(connect) == []
