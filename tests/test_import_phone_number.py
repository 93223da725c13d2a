"""ImportPhoneNumber: a number held in End User Messaging SMS brought into an instance, in both
modes. The documented rules (Region, quota, churn, idempotency) and the decided ones
(docs/behaviour.md, "Imported numbers")."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from moto_connect_ext import control, mock_aws
from moto_connect_ext.connect.config import PHONE_NUMBER_MODEL
from moto_connect_ext.pinpointsmsvoicev2.models import SMS_PHONE_NUMBER_MODEL
from support import (
    as_account,
    available,
    client,
    error_of,
    manual_progress,
    new_instance,
    no_retries,
    request_number,
    sms_client,
)

OTHER_ACCOUNT = "111122223333"


def summary_of(connect: Any, phone_number_id: str) -> dict[str, Any]:
    summary: dict[str, Any] = connect.describe_phone_number(PhoneNumberId=phone_number_id)[
        "ClaimedPhoneNumberSummary"
    ]
    return summary


def imported(connect: Any, instance_id: str, source_arn: str, **kwargs: Any) -> dict[str, str]:
    answer = connect.import_phone_number(
        InstanceId=instance_id, SourcePhoneNumberArn=source_arn, **kwargs
    )
    return {"PhoneNumberId": answer["PhoneNumberId"], "PhoneNumberArn": answer["PhoneNumberArn"]}


def refused(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    return error_of(excinfo)


@mock_aws
@pytest.mark.parametrize(
    ("kind", "connect_type"), [("LONG_CODE", "DID"), ("TOLL_FREE", "TOLL_FREE")]
)
def test_an_imported_number_is_described_with_its_source(kind: str, connect_type: str) -> None:
    connect, sms = client(), sms_client()
    instance = new_instance(connect)
    source = request_number(sms, "US", kind)

    with manual_progress(PHONE_NUMBER_MODEL, times=2):
        number = imported(
            connect,
            instance["Id"],
            source["PhoneNumberArn"],
            PhoneNumberDescription="SMS line",
            Tags={"channel": "sms"},
        )
        statuses = [summary_of(connect, number["PhoneNumberId"])["PhoneNumberStatus"] for _ in "ab"]

    assert statuses == [{"Status": "IN_PROGRESS"}, {"Status": "CLAIMED"}]
    summary = summary_of(connect, number["PhoneNumberArn"])
    assert summary == {
        "PhoneNumberId": number["PhoneNumberId"],
        "PhoneNumberArn": number["PhoneNumberArn"],
        "PhoneNumber": source["PhoneNumber"],
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": connect_type,
        "PhoneNumberDescription": "SMS line",
        "TargetArn": instance["Arn"],
        "InstanceId": instance["Id"],
        "Tags": {"channel": "sms"},
        "PhoneNumberStatus": {"Status": "CLAIMED"},
        "SourcePhoneNumberArn": source["PhoneNumberArn"],
    }


@mock_aws
def test_lists_show_an_imported_number_and_searches_and_claims_never_offer_it() -> None:
    connect, sms = client(), sms_client()
    instance = new_instance(connect)
    source = request_number(sms)
    number = imported(connect, instance["Id"], source["PhoneNumberArn"])

    v2 = connect.list_phone_numbers_v2(InstanceId=instance["Id"])["ListPhoneNumbersSummaryList"]
    assert [(n["PhoneNumberId"], n["SourcePhoneNumberArn"]) for n in v2] == [
        (number["PhoneNumberId"], source["PhoneNumberArn"])
    ]
    v1 = connect.list_phone_numbers(InstanceId=instance["Id"])["PhoneNumberSummaryList"]
    assert [n["Id"] for n in v1] == [number["PhoneNumberId"]]
    assert source["PhoneNumber"] not in available(connect, instance["Id"], "US", "DID", count=10)
    assert refused(
        connect.claim_phone_number, InstanceId=instance["Id"], PhoneNumber=source["PhoneNumber"]
    ) == ("InvalidParameterException", f"Phone number not available: {source['PhoneNumber']}")


@mock_aws
def test_the_instance_must_be_of_this_region() -> None:
    west = new_instance(client("us-west-2"))
    source = request_number(sms_client())
    assert refused(
        client().import_phone_number,
        InstanceId=west["Arn"],
        SourcePhoneNumberArn=source["PhoneNumberArn"],
    ) == (
        "InvalidParameterException",
        f"InstanceId {west['Arn']} is not in this Region (us-east-1).",
    )


@mock_aws
def test_the_source_number_must_be_of_the_instances_region() -> None:
    instance = new_instance(client())
    west = request_number(sms_client("us-west-2"))
    assert refused(
        client().import_phone_number,
        InstanceId=instance["Id"],
        SourcePhoneNumberArn=west["PhoneNumberArn"],
    ) == (
        "InvalidParameterException",
        f"SourcePhoneNumberArn {west['PhoneNumberArn']} is not in this Region (us-east-1).",
    )
    assert sms_client("us-west-2").release_phone_number(PhoneNumberId=west["PhoneNumberId"])


@mock_aws
def test_a_traffic_distribution_group_cannot_take_an_imported_number() -> None:
    """ImportPhoneNumber has no TargetArn: a group's ARN is too long for InstanceId, and a
    group's id names no instance."""
    connect = client()
    new_instance(connect)
    group_id = str(uuid.uuid4())
    group_arn = f"arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/{group_id}"
    source = request_number(sms_client())
    assert refused(
        connect.import_phone_number,
        InstanceId=group_arn,
        SourcePhoneNumberArn=source["PhoneNumberArn"],
    ) == (
        "InvalidParameterException",
        f"1 validation error detected: Value '{group_arn[:100]}...' at 'instanceId' failed to "
        "satisfy constraint: Member must have length less than or equal to 100",
    )
    assert refused(
        connect.import_phone_number,
        InstanceId=group_id,
        SourcePhoneNumberArn=source["PhoneNumberArn"],
    ) == ("ResourceNotFoundException", f"Instance not found: {group_id}")
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


@mock_aws
def test_unknown_instance_unknown_source_malformed_and_foreign_sources() -> None:
    connect = client()
    instance = new_instance(connect)
    source = request_number(sms_client())
    unknown_instance = str(uuid.uuid4())
    assert refused(
        connect.import_phone_number,
        InstanceId=unknown_instance,
        SourcePhoneNumberArn=source["PhoneNumberArn"],
    ) == ("ResourceNotFoundException", f"Instance not found: {unknown_instance}")

    unknown = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-" + "0" * 32
    assert refused(
        connect.import_phone_number, InstanceId=instance["Id"], SourcePhoneNumberArn=unknown
    ) == ("ResourceNotFoundException", f"Phone number not found: {unknown}")

    for malformed in (
        "phone-123",
        f"arn:aws:connect:us-east-1:123456789012:instance/{uuid.uuid4()}",
    ):
        assert refused(
            connect.import_phone_number, InstanceId=instance["Id"], SourcePhoneNumberArn=malformed
        ) == (
            "InvalidParameterException",
            "SourcePhoneNumberArn must be the ARN of an AWS End User Messaging SMS phone number: "
            + malformed,
        )

    foreign = source["PhoneNumberArn"].replace("123456789012", OTHER_ACCOUNT)
    assert refused(
        connect.import_phone_number, InstanceId=instance["Id"], SourcePhoneNumberArn=foreign
    ) == (
        "AccessDeniedException",
        f"You do not have access to {foreign} from account 123456789012.",
    )


@mock_aws
def test_another_accounts_instance_cannot_import_this_accounts_number() -> None:
    source = request_number(sms_client())
    other = as_account(OTHER_ACCOUNT)
    instance = new_instance(other)
    code, message = refused(
        other.import_phone_number,
        InstanceId=instance["Id"],
        SourcePhoneNumberArn=source["PhoneNumberArn"],
    )
    assert (code, message) == (
        "AccessDeniedException",
        f"You do not have access to {source['PhoneNumberArn']} from account {OTHER_ACCOUNT}.",
    )


@mock_aws
def test_a_client_token_replays_the_import_and_refuses_other_parameters() -> None:
    connect = client()
    instance = new_instance(connect)
    source = request_number(sms_client())
    other_source = request_number(sms_client())
    token = str(uuid.uuid4())
    first = imported(connect, instance["Id"], source["PhoneNumberArn"], ClientToken=token)
    again = imported(connect, instance["Id"], source["PhoneNumberArn"], ClientToken=token)

    assert again == first
    listed = connect.list_phone_numbers_v2(InstanceId=instance["Id"])["ListPhoneNumbersSummaryList"]
    assert len(listed) == 1
    code, message = refused(
        connect.import_phone_number,
        InstanceId=instance["Id"],
        SourcePhoneNumberArn=other_source["PhoneNumberArn"],
        ClientToken=token,
    )
    assert code == "IdempotencyException"
    assert message == f"The client token {token} was already used with different parameters."


@mock_aws
def test_an_import_beyond_the_instance_quota_is_failed_and_let_go_after_a_day() -> None:
    connect, sms = client(), sms_client()
    control.configure(phone_numbers_per_instance=1)
    instance = new_instance(connect)
    imported(connect, instance["Id"], request_number(sms)["PhoneNumberArn"])
    source = request_number(sms)

    number = imported(connect, instance["Id"], source["PhoneNumberArn"])

    assert summary_of(connect, number["PhoneNumberId"])["PhoneNumberStatus"] == {
        "Status": "FAILED",
        "Message": f"The target {instance['Arn']} has reached its limit of 1 claimed phone numbers.",
    }
    assert refused(sms.release_phone_number, PhoneNumberId=source["PhoneNumberId"])[0] == (
        "ConflictException"
    )
    control.advance_clock(days=1, seconds=1)
    assert refused(connect.describe_phone_number, PhoneNumberId=number["PhoneNumberId"])[0] == (
        "ResourceNotFoundException"
    )
    assert sms.release_phone_number(PhoneNumberId=source["PhoneNumberId"])["Status"] == "DELETED"


@mock_aws
def test_releasing_imported_numbers_counts_toward_the_churn_rule_and_blocks_imports() -> None:
    connect, sms = client(config=no_retries()), sms_client()
    control.configure(phone_numbers_per_instance=1)  # churn limit: 200% of 1 = 2 releases
    instance = new_instance(connect)
    source = request_number(sms)
    for _ in range(2):
        number = imported(connect, instance["Id"], source["PhoneNumberArn"])
        connect.release_phone_number(PhoneNumberId=number["PhoneNumberId"])

    code, message = refused(
        connect.import_phone_number,
        InstanceId=instance["Id"],
        SourcePhoneNumberArn=source["PhoneNumberArn"],
    )
    assert code == "LimitExceededException"
    assert message.startswith(
        "The allowed limit exceeded: this account released 2 or more phone numbers in us-east-1 "
        "within 180 days (200% of the quota of 1); claims are blocked until "
    )


@mock_aws
@pytest.mark.parametrize(
    ("kind", "capabilities", "problem"),
    [
        ("SIMULATOR", ["SMS"], "SIMULATOR numbers cannot be used with Amazon Connect"),
        ("LONG_CODE", ["VOICE"], "it does not have the SMS capability"),
    ],
)
def test_simulator_numbers_and_numbers_without_sms_cannot_be_imported(
    kind: str, capabilities: list[str], problem: str
) -> None:
    connect = client()
    instance = new_instance(connect)
    source = request_number(sms_client(), "US", kind, NumberCapabilities=capabilities)
    assert refused(
        connect.import_phone_number,
        InstanceId=instance["Id"],
        SourcePhoneNumberArn=source["PhoneNumberArn"],
    ) == (
        "InvalidParameterException",
        f"Phone number {source['PhoneNumberArn']} cannot be imported: {problem}",
    )


@mock_aws
def test_a_pending_number_cannot_be_imported_until_active() -> None:
    connect, sms = client(), sms_client()
    instance = new_instance(connect)
    with manual_progress(SMS_PHONE_NUMBER_MODEL, times=2):
        source = request_number(sms)
        assert refused(
            connect.import_phone_number,
            InstanceId=instance["Id"],
            SourcePhoneNumberArn=source["PhoneNumberArn"],
        ) == (
            "InvalidParameterException",
            f"Phone number {source['PhoneNumberArn']} cannot be imported: its status is PENDING, "
            "not ACTIVE",
        )
        sms.describe_phone_numbers(PhoneNumberIds=[source["PhoneNumberId"]])
        sms.describe_phone_numbers(PhoneNumberIds=[source["PhoneNumberId"]])
    assert imported(connect, instance["Id"], source["PhoneNumberArn"])["PhoneNumberId"]


@mock_aws
def test_a_number_imported_once_cannot_be_imported_again() -> None:
    connect = client()
    first, second = new_instance(connect, "first"), new_instance(connect, "second")
    source = request_number(sms_client())
    number = imported(connect, first["Id"], source["PhoneNumberArn"])
    assert refused(
        connect.import_phone_number,
        InstanceId=second["Id"],
        SourcePhoneNumberArn=source["PhoneNumberArn"],
    ) == (
        "InvalidParameterException",
        f"Phone number {source['PhoneNumberArn']} cannot be imported: it is already imported "
        "into Amazon Connect",
    )
    assert summary_of(connect, number["PhoneNumberId"])["InstanceId"] == first["Id"]


@mock_aws
def test_while_imported_end_user_messaging_refuses_release_but_takes_updates() -> None:
    connect, sms = client(), sms_client()
    instance = new_instance(connect)
    source = request_number(sms)
    number = imported(connect, instance["Id"], source["PhoneNumberArn"])

    with pytest.raises(ClientError) as excinfo:
        sms.release_phone_number(PhoneNumberId=source["PhoneNumberId"])
    assert error_of(excinfo) == (
        "ConflictException",
        f"Phone number {source['PhoneNumberId']} is imported into Amazon Connect as "
        f"{number['PhoneNumberArn']}; release it from Amazon Connect first.",
    )
    assert excinfo.value.response["Reason"] == "RESOURCE_DELETION_NOT_ALLOWED"
    updated = sms.update_phone_number(
        PhoneNumberId=source["PhoneNumberId"], DeletionProtectionEnabled=True
    )
    assert (updated["Status"], updated["DeletionProtectionEnabled"]) == ("ACTIVE", True)


@mock_aws
def test_release_gives_the_number_back_to_end_user_messaging_without_cooldown() -> None:
    connect, sms = client(), sms_client()
    instance = new_instance(connect)
    source = request_number(sms)
    number = imported(connect, instance["Id"], source["PhoneNumberArn"], Tags={"k": "v"})

    connect.release_phone_number(PhoneNumberId=number["PhoneNumberId"])

    assert refused(connect.describe_phone_number, PhoneNumberId=number["PhoneNumberId"])[0] == (
        "ResourceNotFoundException"
    )
    held = sms.describe_phone_numbers(PhoneNumberIds=[source["PhoneNumberId"]])["PhoneNumbers"]
    assert held[0]["Status"] == "ACTIVE"
    again = imported(connect, instance["Id"], source["PhoneNumberArn"])
    assert summary_of(connect, again["PhoneNumberId"]).get("Tags", {}) == {}
    connect.release_phone_number(PhoneNumberId=again["PhoneNumberId"])
    sms.release_phone_number(PhoneNumberId=source["PhoneNumberId"])
    claimed = connect.claim_phone_number(
        InstanceId=instance["Id"], PhoneNumber=source["PhoneNumber"]
    )
    assert claimed["PhoneNumberId"]


@mock_aws
def test_deleting_the_instance_gives_its_imported_numbers_back() -> None:
    connect, sms = client(), sms_client()
    instance = new_instance(connect)
    source = request_number(sms)
    imported(connect, instance["Id"], source["PhoneNumberArn"])

    connect.delete_instance(InstanceId=instance["Id"])

    assert sms.release_phone_number(PhoneNumberId=source["PhoneNumberId"])["Status"] == "DELETED"
