"""Every operation checks everything before it changes anything: a failure leaves no half-done work.

Two kinds of failure. An injected InternalServiceException (``control.inject_fault``), in-process and
against a server, must leave the number exactly as it was, and a retry with the same ClientToken
must then take effect once. An error raised part-way inside the backend, at one of its seams with
moto (the tagging service, the state manager), is injected in-process by monkeypatching; the
backend's whole state (see ``test_fuzz.backend_snapshot``) must be unchanged after it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto.utilities.tagging_service import TaggingService
from test_fuzz import backend_snapshot, differences

from moto_connect_ext import control, mock_aws
from support import available, claim, client, new_instance, no_retries

ISE_MESSAGE = "Request processing failed because of an error or failure with the service."


class Injected(RuntimeError):
    """A failure raised inside the backend by the test."""


@pytest.fixture
def connect() -> Iterator[Any]:
    with mock_aws():
        yield client(config=no_retries())


@pytest.fixture
def instance(connect: Any) -> dict[str, str]:
    return new_instance(connect)


def listed(connect: Any) -> list[dict[str, Any]]:
    return list(connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"])


def assert_internal_error(error: pytest.ExceptionInfo[ClientError]) -> None:
    assert error.value.response["Error"]["Code"] == "InternalServiceException"
    assert error.value.response["Error"]["Message"] == ISE_MESSAGE
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500


def fail_with(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> None:
    def boom(*_: Any, **__: Any) -> None:
        raise Injected(f"{name} failed")

    monkeypatch.setattr(owner, name, boom)


def assert_unchanged(before: dict[str, Any], after: dict[str, Any]) -> None:
    assert after == before, "state changed by a failed call:\n" + "\n".join(
        differences(before, after)
    )


# -- injected InternalServiceException: in-process and against a server -----------------------


def test_injected_internal_error_on_claim_leaves_the_number_in_stock(
    connect: Any, instance: dict[str, str]
) -> None:
    number = available(connect, instance["Id"])[0]
    control.inject_fault("ClaimPhoneNumber", "InternalServiceException")
    with pytest.raises(ClientError) as e:
        connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=number)
    assert_internal_error(e)
    assert listed(connect) == []
    assert available(connect, instance["Id"])[0] == number


def test_claim_retried_with_its_token_after_an_injected_error_takes_effect_once(
    connect: Any, instance: dict[str, str]
) -> None:
    number = available(connect, instance["Id"])[0]
    token = str(uuid.uuid4())
    control.inject_fault("ClaimPhoneNumber", "InternalServiceException")
    with pytest.raises(ClientError) as e:
        connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=number, ClientToken=token)
    assert_internal_error(e)
    first = connect.claim_phone_number(
        InstanceId=instance["Id"], PhoneNumber=number, ClientToken=token
    )
    again = connect.claim_phone_number(
        InstanceId=instance["Id"], PhoneNumber=number, ClientToken=token
    )
    assert again["PhoneNumberId"] == first["PhoneNumberId"]
    assert [n["PhoneNumberId"] for n in listed(connect)] == [first["PhoneNumberId"]]


def test_injected_internal_error_on_release_leaves_the_number_claimed(
    connect: Any, instance: dict[str, str]
) -> None:
    held = claim(connect, instance["Id"])
    control.inject_fault("ReleasePhoneNumber", "InternalServiceException")
    with pytest.raises(ClientError) as e:
        connect.release_phone_number(PhoneNumberId=held["PhoneNumberId"])
    assert_internal_error(e)
    summary = connect.describe_phone_number(PhoneNumberId=held["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "CLAIMED"
    assert [n["PhoneNumberId"] for n in listed(connect)] == [held["PhoneNumberId"]]


def test_injected_internal_error_on_release_does_not_count_toward_the_churn_limit(
    connect: Any, instance: dict[str, str]
) -> None:
    """With a limit of one release, a failed release must leave claims open."""
    control.configure(phone_numbers_per_instance=5, churn_limit_percent=20)  # floor(20% x 5) = 1
    held = claim(connect, instance["Id"])
    control.inject_fault("ReleasePhoneNumber", "InternalServiceException")
    with pytest.raises(ClientError) as e:
        connect.release_phone_number(PhoneNumberId=held["PhoneNumberId"])
    assert_internal_error(e)
    second = claim(connect, instance["Id"], kind="DID")
    assert {n["PhoneNumberId"] for n in listed(connect)} == {
        held["PhoneNumberId"],
        second["PhoneNumberId"],
    }


def test_injected_internal_error_on_update_leaves_the_number_on_its_instance(
    connect: Any, instance: dict[str, str]
) -> None:
    other = new_instance(connect, "other")
    held = claim(connect, instance["Id"])
    control.inject_fault("UpdatePhoneNumber", "InternalServiceException")
    with pytest.raises(ClientError) as e:
        connect.update_phone_number(PhoneNumberId=held["PhoneNumberId"], InstanceId=other["Id"])
    assert_internal_error(e)
    summary = connect.describe_phone_number(PhoneNumberId=held["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["InstanceId"] == instance["Id"]
    assert connect.list_phone_numbers(InstanceId=other["Id"])["PhoneNumberSummaryList"] == []


def test_injected_internal_error_on_update_metadata_keeps_the_description(
    connect: Any, instance: dict[str, str]
) -> None:
    held = claim(connect, instance["Id"], PhoneNumberDescription="before")
    control.inject_fault("UpdatePhoneNumberMetadata", "InternalServiceException")
    with pytest.raises(ClientError) as e:
        connect.update_phone_number_metadata(
            PhoneNumberId=held["PhoneNumberId"], PhoneNumberDescription="after"
        )
    assert_internal_error(e)
    summary = connect.describe_phone_number(PhoneNumberId=held["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberDescription"] == "before"


# -- an error raised part-way inside the backend (in-process) --------------------------------


@pytest.mark.in_process_only
def test_claim_failing_while_tagging_leaves_no_half_claimed_number(
    connect: Any, instance: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto_connect_ext.connect.models.stock import registry

    number = available(connect, instance["Id"])[0]
    before = backend_snapshot()
    fail_with(monkeypatch, TaggingService, "tag_resource")
    with pytest.raises(Injected):
        connect.claim_phone_number(
            InstanceId=instance["Id"], PhoneNumber=number, Tags={"team": "a"}
        )
    monkeypatch.undo()
    assert_unchanged(before, backend_snapshot())
    assert number not in registry().holders
    assert listed(connect) == []
    assert available(connect, instance["Id"])[0] == number


@pytest.mark.in_process_only
def test_claim_retrying_a_failed_claim_and_failing_while_tagging_keeps_the_failed_claim(
    connect: Any, instance: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claimer may claim its own FAILED number again; if that fails, the FAILED claim stays."""
    control.configure(phone_numbers_per_instance=1)
    claim(connect, instance["Id"])
    failed = claim(connect, instance["Id"], kind="DID")  # over the quota: FAILED, held for a day
    status = connect.describe_phone_number(PhoneNumberId=failed["PhoneNumberId"])
    assert status["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "FAILED"
    before = backend_snapshot()
    fail_with(monkeypatch, TaggingService, "tag_resource")
    with pytest.raises(Injected):
        connect.claim_phone_number(
            InstanceId=instance["Id"], PhoneNumber=failed["PhoneNumber"], Tags={"team": "a"}
        )
    monkeypatch.undo()
    assert_unchanged(before, backend_snapshot())
    again = connect.describe_phone_number(PhoneNumberId=failed["PhoneNumberId"])
    assert again["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "FAILED"


@pytest.mark.in_process_only
def test_release_failing_while_dropping_tags_leaves_the_number_claimed(
    connect: Any, instance: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto_connect_ext.connect.models.stock import cooldowns, registry

    held = claim(connect, instance["Id"], Tags={"team": "a"})
    before = backend_snapshot()
    fail_with(monkeypatch, TaggingService, "delete_all_tags_for_resource")
    with pytest.raises(Injected):
        connect.release_phone_number(PhoneNumberId=held["PhoneNumberId"])
    monkeypatch.undo()
    assert_unchanged(before, backend_snapshot())
    assert held["PhoneNumber"] in registry().holders
    assert held["PhoneNumber"] not in cooldowns().cooling_until
    assert [n["PhoneNumberId"] for n in listed(connect)] == [held["PhoneNumberId"]]


@pytest.mark.in_process_only
def test_update_failing_part_way_leaves_the_number_on_its_instance(
    connect: Any, instance: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto_connect_ext.connect.models import phone_numbers as models

    other = new_instance(connect, "other")
    held = claim(connect, instance["Id"])
    before = backend_snapshot()
    fail_with(monkeypatch, models, "ManagedState")  # the state manager, as the number restarts
    with pytest.raises(Injected):
        connect.update_phone_number(PhoneNumberId=held["PhoneNumberId"], InstanceId=other["Id"])
    monkeypatch.undo()
    assert_unchanged(before, backend_snapshot())
    summary = connect.describe_phone_number(PhoneNumberId=held["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["InstanceId"] == instance["Id"]


@pytest.mark.in_process_only
def test_update_metadata_failing_part_way_keeps_the_description(
    connect: Any, instance: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto_connect_ext.connect.models import phone_numbers as models

    held = claim(connect, instance["Id"], PhoneNumberDescription="before")
    before = backend_snapshot()
    fail_with(monkeypatch, models, "ManagedState")
    with pytest.raises(Injected):
        connect.update_phone_number_metadata(
            PhoneNumberId=held["PhoneNumberId"], PhoneNumberDescription="after"
        )
    monkeypatch.undo()
    assert_unchanged(before, backend_snapshot())
    summary = connect.describe_phone_number(PhoneNumberId=held["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberDescription"] == "before"
