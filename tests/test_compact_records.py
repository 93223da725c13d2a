"""The records the rules keep for a window (idempotency, cooldowns, churn) are compact and still
exact where compactness could cut corners: records that fall due out of the order they were made
(a window shortened meanwhile, the clock set back), tokens that are not UUIDs, answers that are not
UUID ARNs. The memory itself is measured in benchmarks/ (server_memory), not here.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from moto_connect_ext import control
from moto_connect_ext.connect.config import Settings
from moto_connect_ext.connect.ledger import IdempotencyLedger
from support import SERVER_MODE, available, client, error_of, new_instance


def claim_settled(connect: Any, instance_id: str) -> str:
    number = available(connect, instance_id)[0]
    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    phone_number_id: str = claimed["PhoneNumberId"]
    connect.describe_phone_number(PhoneNumberId=phone_number_id)
    return phone_number_id


def set_description(connect: Any, phone_number_id: str, text: str, token: str) -> None:
    connect.update_phone_number_metadata(
        PhoneNumberId=phone_number_id, PhoneNumberDescription=text, ClientToken=token
    )
    connect.describe_phone_number(PhoneNumberId=phone_number_id)


def is_remembered(connect: Any, phone_number_id: str, token: str) -> bool:
    """Whether ``token`` is still on record: reusing it with other parameters is a conflict."""
    try:
        set_description(connect, phone_number_id, f"other {uuid.uuid4()}", token)
    except ClientError as error:
        assert error.response["Error"]["Code"] == "IdempotencyException"
        return True
    return False


@mock_aws
def test_a_window_shortened_later_ends_the_newer_record_first() -> None:
    connect = client()
    phone_number_id = claim_settled(connect, new_instance(connect)["Id"])
    long_token, short_token = str(uuid.uuid4()), str(uuid.uuid4())
    set_description(connect, phone_number_id, "kept a week", long_token)
    control.configure(idempotency_window_days=1)
    set_description(connect, phone_number_id, "kept a day", short_token)

    control.advance_clock(days=1, seconds=1)

    assert not is_remembered(connect, phone_number_id, short_token)
    assert is_remembered(connect, phone_number_id, long_token)
    control.advance_clock(days=6)
    assert not is_remembered(connect, phone_number_id, long_token)


@mock_aws
def test_records_made_after_the_clock_was_set_back_end_at_their_own_time() -> None:
    connect = client()
    phone_number_id = claim_settled(connect, new_instance(connect)["Id"])
    start = control.freeze_clock()
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    set_description(connect, phone_number_id, "first", first)
    control.freeze_clock(start - timedelta(days=3))
    set_description(connect, phone_number_id, "second", second)

    control.advance_clock(days=7, seconds=1)  # the second's week is over, the first's is not

    assert not is_remembered(connect, phone_number_id, second)
    assert is_remembered(connect, phone_number_id, first)


@mock_aws
def test_a_cooldown_shortened_later_ends_the_newer_cooldown_first() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    first = claim_settled(connect, instance_id)
    first_number = connect.describe_phone_number(PhoneNumberId=first)["ClaimedPhoneNumberSummary"][
        "PhoneNumber"
    ]
    connect.release_phone_number(PhoneNumberId=first)
    control.configure(cooldown_days=30)
    second = claim_settled(connect, instance_id)
    second_number = connect.describe_phone_number(PhoneNumberId=second)[
        "ClaimedPhoneNumberSummary"
    ]["PhoneNumber"]
    connect.release_phone_number(PhoneNumberId=second)

    control.advance_clock(days=30)

    connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=second_number)
    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=first_number)
    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"Phone number not available: {first_number}",
    )


@mock_aws
def test_tokens_that_are_not_lower_case_uuids_are_tokens_of_their_own() -> None:
    """Release's ClientToken is any string (the model caps only its length); tokens are case-sensitive."""
    connect = client()
    instance_id = new_instance(connect)["Id"]
    lower = str(uuid.uuid4())
    tokens = [lower, lower.upper(), "a token that is not a UUID"]
    ids = [claim_settled(connect, instance_id) for _ in tokens]

    for phone_number_id, token in zip(ids, tokens, strict=True):
        connect.release_phone_number(PhoneNumberId=phone_number_id, ClientToken=token)
    for phone_number_id, token in zip(ids, tokens, strict=True):  # each replays its own release
        connect.release_phone_number(PhoneNumberId=phone_number_id, ClientToken=token)

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=ids[0], ClientToken=tokens[2])
    assert error_of(excinfo)[0] == "IdempotencyException"


@pytest.mark.skipif(SERVER_MODE, reason="the ledger on its own, in-process")
def test_the_ledger_replays_answers_of_any_form() -> None:
    """ARNs ending in a UUID are kept as the UUID and a shared prefix; anything else whole, as are
    answers beyond the ledger's table of prefixes."""
    ledger = IdempotencyLedger()
    at, settings = datetime(2026, 1, 1), Settings()
    answers = [None, "arn:aws:connect:us-east-1:123456789012:phone-number/not-a-uuid"]
    answers += [f"arn:aws:connect:us-east-1:{n:012d}:instance/{uuid.uuid4()}" for n in range(300)]
    tokens = [str(uuid.uuid4()) for _ in answers]
    for token, answer in zip(tokens, answers, strict=True):
        ledger.remember("replicate_instance", token, {"n": token}, answer, at, settings)

    for token, answer in zip(tokens, answers, strict=True):
        assert ledger.replay("replicate_instance", token, {"n": token}) == (True, answer)
    assert ledger.replay("create_traffic_distribution_group", tokens[2], {"n": tokens[2]}) == (
        False,
        None,
    )
    ledger.expire(at + timedelta(days=7))
    assert ledger.replay("replicate_instance", tokens[2], {"n": tokens[2]}) == (False, None)


@pytest.mark.skipif(SERVER_MODE, reason="the ledger on its own, in-process")
def test_the_ledger_expires_records_of_both_kinds_of_token_made_at_one_instant() -> None:
    """Records due before the last one queued wait in a heap; ties there never compare keys (an
    int for a UUID token, a pair of strings for any other)."""
    ledger = IdempotencyLedger()
    at = datetime(2026, 1, 1)
    ledger.remember("release_phone_number", str(uuid.uuid4()), {}, None, at, Settings())
    one_day = Settings(idempotency_window_days=1)
    tokens = [str(uuid.uuid4()), "not a UUID", str(uuid.uuid4())]
    for token in tokens:
        ledger.remember("release_phone_number", token, {}, None, at, one_day)

    ledger.expire(at + timedelta(days=1))

    assert [ledger.replay("release_phone_number", t, {}) for t in tokens] == [(False, None)] * 3
    assert ledger.next_due() == at + timedelta(days=7)
