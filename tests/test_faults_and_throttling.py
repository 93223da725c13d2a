"""Injected faults and the throttle emulation: which calls fail, and that failing calls change nothing.

Both are checked before a request's parameters are read or any state is touched, so botocore's
retries can recover from them without a second effect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.retries.standard import ExponentialBackoff
from moto import mock_aws, settings

from moto_connect_ext import control
from support import (
    SERVER_MODE,
    as_account,
    available,
    claim,
    client,
    error_of,
    flow_content,
    new_instance,
    no_retries,
)

OTHER_ACCOUNT = "111122223333"


def retrying() -> Config:
    return Config(retries={"mode": "standard", "max_attempts": 5})


@pytest.fixture
def instant_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore's standard retries without their randomized sleep (up to 1 s, then 2 s, ...)."""
    monkeypatch.setattr(ExponentialBackoff, "delay_amount", lambda self, context: 0.0)


def outcome(call: Callable[[], Any]) -> str:
    """'ok', or the error code the call failed with."""
    try:
        call()
    except ClientError as error:
        return str(error.response["Error"]["Code"])
    return "ok"


def outcomes(call: Callable[[], Any], times: int) -> list[str]:
    return [outcome(call) for _ in range(times)]


def seed_moto_random(seed: int) -> None:
    """Seed moto's mock_random, which draws the fault probabilities, here or on the server."""
    if SERVER_MODE:
        endpoint = settings.test_server_mode_endpoint()
        requests.post(f"{endpoint}/moto-api/seed?a={seed}", timeout=10).raise_for_status()
    else:
        from moto.moto_api._internal import mock_random

        mock_random.seed(seed)


def listed_ids(connect: Any) -> list[str]:
    return [
        n["PhoneNumberId"] for n in connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    ]


# -- fault injection -----------------------------------------------------------------------------


@mock_aws
def test_fault_with_count_two_fails_exactly_the_next_two_matching_calls() -> None:
    connect = client(config=no_retries())
    claimed = claim(connect, new_instance(connect)["Id"])
    control.inject_fault("DescribePhoneNumber", "InternalServiceException", count=2)

    results = outcomes(
        lambda: connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"]), 4
    )

    assert results == ["InternalServiceException", "InternalServiceException", "ok", "ok"]


@mock_aws
def test_fault_leaves_other_operations_alone() -> None:
    connect = client(config=no_retries())
    claimed = claim(connect, new_instance(connect)["Id"])
    control.inject_fault("DescribePhoneNumber", "InternalServiceException")

    assert listed_ids(connect) == [claimed["PhoneNumberId"]]
    assert (
        outcome(lambda: connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"]))
        == "InternalServiceException"
    )


@mock_aws
def test_fault_carries_the_given_message() -> None:
    connect = client(config=no_retries())
    control.inject_fault("ListPhoneNumbersV2", "AccessDeniedException", message="Denied for test")

    with pytest.raises(ClientError) as excinfo:
        connect.list_phone_numbers_v2()

    assert excinfo.value.response["Error"] == {
        "Code": "AccessDeniedException",
        "Message": "Denied for test",
    }
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


@mock_aws
def test_fault_with_region_filter_fails_only_calls_in_that_region() -> None:
    east = client("us-east-1", config=no_retries())
    west = client("us-west-2", config=no_retries())
    control.inject_fault("ListPhoneNumbersV2", "InternalServiceException", region="us-west-2")

    east_before = outcome(east.list_phone_numbers_v2)
    west_result = outcome(west.list_phone_numbers_v2)
    east_after = outcome(east.list_phone_numbers_v2)

    assert (east_before, west_result, east_after) == ("ok", "InternalServiceException", "ok")
    assert outcome(west.list_phone_numbers_v2) == "ok"


@mock_aws
def test_fault_with_account_filter_fails_only_calls_of_that_account() -> None:
    mine = client(config=no_retries())
    theirs = as_account(OTHER_ACCOUNT, config=no_retries())
    control.inject_fault("ListPhoneNumbersV2", "InternalServiceException", account_id=OTHER_ACCOUNT)

    mine_result = outcome(mine.list_phone_numbers_v2)
    theirs_result = outcome(theirs.list_phone_numbers_v2)

    assert (mine_result, theirs_result) == ("ok", "InternalServiceException")
    assert outcome(theirs.list_phone_numbers_v2) == "ok"


@mock_aws
def test_fault_with_probability_follows_motos_seeded_random() -> None:
    connect = client(config=no_retries())
    control.inject_fault(
        "ListPhoneNumbersV2", "InternalServiceException", count=None, probability=0.5
    )

    seed_moto_random(42)
    first = outcomes(connect.list_phone_numbers_v2, 30)
    seed_moto_random(42)
    second = outcomes(connect.list_phone_numbers_v2, 30)

    assert first == second
    assert set(first) == {"ok", "InternalServiceException"}


@mock_aws
def test_inject_fault_with_an_error_the_operation_does_not_model_is_a_value_error() -> None:
    connect = client(config=no_retries())

    with pytest.raises(
        ValueError, match="ListPhoneNumbersV2 does not model ResourceInUseException"
    ):
        control.inject_fault("ListPhoneNumbersV2", "ResourceInUseException")

    assert outcome(connect.list_phone_numbers_v2) == "ok"


@mock_aws
def test_inject_fault_for_an_unknown_operation_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown connect operation 'ReleaseEveryPhoneNumber'"):
        control.inject_fault("ReleaseEveryPhoneNumber", "ThrottlingException")


@mock_aws
def test_a_wildcard_fault_fails_only_operations_that_model_its_error() -> None:
    """SearchAvailablePhoneNumbers does not model DuplicateResourceException: it must not get it,
    nor use the fault up; CreateContactFlow models it and gets it."""
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    control.inject_fault("*", "DuplicateResourceException", count=1)

    assert outcome(lambda: available(connect, instance_id)) == "ok"
    assert outcome(connect.list_phone_numbers_v2) == "ok"

    def create() -> Any:
        return connect.create_contact_flow(
            InstanceId=instance_id, Name="wildcard", Type="CONTACT_FLOW", Content=flow_content()
        )

    with pytest.raises(ClientError) as caught:
        create()
    assert error_of(caught) == ("DuplicateResourceException", "Injected fault")
    assert outcome(create) == "ok"


@mock_aws
def test_a_wildcard_fault_naming_an_error_no_operation_models_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="no connect operation models 'NoSuchBucket'"):
        control.inject_fault("*", "NoSuchBucket")


@mock_aws
def test_clear_faults_removes_pending_faults() -> None:
    connect = client(config=no_retries())
    control.inject_fault("ListPhoneNumbersV2", "InternalServiceException", count=None)
    assert outcome(connect.list_phone_numbers_v2) == "InternalServiceException"

    control.clear_faults()

    assert outcomes(connect.list_phone_numbers_v2, 3) == ["ok", "ok", "ok"]


@mock_aws
def test_failed_claim_leaves_the_number_available() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    number = available(connect, instance_id)[0]
    control.inject_fault("ClaimPhoneNumber", "ThrottlingException")

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)

    assert excinfo.value.response["Error"]["Code"] == "ThrottlingException"
    assert listed_ids(connect) == []
    assert available(connect, instance_id)[0] == number


@mock_aws
def test_failed_release_leaves_the_number_claimed() -> None:
    connect = client(config=no_retries())
    claimed = claim(connect, new_instance(connect)["Id"])
    control.inject_fault("ReleasePhoneNumber", "InternalServiceException")

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    assert excinfo.value.response["Error"]["Code"] == "InternalServiceException"
    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "CLAIMED"
    assert listed_ids(connect) == [claimed["PhoneNumberId"]]


@mock_aws
def test_botocore_retries_recover_a_throttled_claim_without_a_second_claim(
    instant_backoff: None,
) -> None:
    connect = client(config=retrying())
    instance_id = new_instance(connect)["Id"]
    number = available(connect, instance_id)[0]
    control.inject_fault("ClaimPhoneNumber", "ThrottlingException", count=2)

    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)

    assert claimed["ResponseMetadata"]["RetryAttempts"] == 2
    assert listed_ids(connect) == [claimed["PhoneNumberId"]]
    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumber"] == number
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "CLAIMED"
    assert number not in available(connect, instance_id, count=10)


@mock_aws
def test_botocore_retries_recover_a_throttled_release_counting_one_release(
    instant_backoff: None,
) -> None:
    # Quota 1 makes the 200% rule allow 2 releases: a release counted twice would block the
    # second claim below, one not counted would let the last claim through.
    control.configure(phone_numbers_per_instance=1)
    connect = client(config=retrying())
    strict = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    first = claim(connect, instance_id)
    control.inject_fault("ReleasePhoneNumber", "ThrottlingException", count=2)

    released = connect.release_phone_number(PhoneNumberId=first["PhoneNumberId"])

    assert released["ResponseMetadata"]["RetryAttempts"] == 2
    assert listed_ids(connect) == []
    second = claim(strict, instance_id)
    assert listed_ids(connect) == [second["PhoneNumberId"]]
    strict.release_phone_number(PhoneNumberId=second["PhoneNumberId"])
    third_number = available(strict, instance_id)[0]
    with pytest.raises(ClientError) as excinfo:
        strict.claim_phone_number(InstanceId=instance_id, PhoneNumber=third_number)
    assert excinfo.value.response["Error"]["Code"] == "LimitExceededException"
    assert "released 2 or more phone numbers" in excinfo.value.response["Error"]["Message"]
    assert listed_ids(connect) == []


# -- throttle emulation --------------------------------------------------------------------------


def throttle(**settings_: Any) -> None:
    """Throttling on with a frozen clock, so tokens refill only when the test moves the clock."""
    control.freeze_clock()
    control.configure(throttling=True, **settings_)


@mock_aws
def test_throttling_is_off_by_default() -> None:
    connect = client(config=no_retries())
    control.freeze_clock()

    assert outcomes(connect.list_phone_numbers_v2, 12) == ["ok"] * 12


@mock_aws
def test_throttle_allows_the_burst_then_throttles() -> None:
    connect = client(config=no_retries())
    throttle(throttle_burst=5, throttle_rate=2)

    results = outcomes(connect.list_phone_numbers_v2, 5)
    with pytest.raises(ClientError) as excinfo:
        connect.list_phone_numbers_v2()

    assert results == ["ok"] * 5
    assert excinfo.value.response["Error"] == {
        "Code": "ThrottlingException",
        "Message": "Rate exceeded",
    }
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429


@mock_aws
def test_throttle_refills_at_the_rate_as_the_clock_moves() -> None:
    connect = client(config=no_retries())
    throttle(throttle_burst=5, throttle_rate=2)
    assert outcomes(connect.list_phone_numbers_v2, 6)[-1] == "ThrottlingException"

    control.advance_clock(seconds=1)

    assert outcomes(connect.list_phone_numbers_v2, 3) == ["ok", "ok", "ThrottlingException"]


@mock_aws
def test_throttle_buckets_are_per_operation() -> None:
    connect = client(config=no_retries())
    claimed = claim(connect, new_instance(connect)["Id"])
    throttle(throttle_burst=2)
    describe = outcomes(
        lambda: connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"]), 3
    )

    listed = outcomes(connect.list_phone_numbers_v2, 2)

    assert describe == ["ok", "ok", "ThrottlingException"]
    assert listed == ["ok", "ok"]


@mock_aws
def test_throttle_buckets_are_per_region() -> None:
    east = client("us-east-1", config=no_retries())
    west = client("us-west-2", config=no_retries())
    throttle(throttle_burst=2)
    east_results = outcomes(east.list_phone_numbers_v2, 3)

    west_results = outcomes(west.list_phone_numbers_v2, 3)

    assert east_results == ["ok", "ok", "ThrottlingException"]
    assert west_results == ["ok", "ok", "ThrottlingException"]


@mock_aws
def test_throttle_buckets_are_per_account() -> None:
    mine = client(config=no_retries())
    theirs = as_account(OTHER_ACCOUNT, config=no_retries())
    throttle(throttle_burst=2)
    mine_results = outcomes(mine.list_phone_numbers_v2, 3)

    theirs_results = outcomes(theirs.list_phone_numbers_v2, 3)

    assert mine_results == ["ok", "ok", "ThrottlingException"]
    assert theirs_results == ["ok", "ok", "ThrottlingException"]
