"""End User Messaging SMS (pinpoint-sms-voice-v2) phone numbers through boto3, in both modes."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from moto_connect_ext import mock_aws
from moto_connect_ext.pinpointsmsvoicev2.models import SMS_PHONE_NUMBER_MODEL
from support import (
    available,
    client,
    error_of,
    manual_progress,
    new_instance,
    request_number,
    sms_client,
)

UNKNOWN_ID = "phone-00000000000000000000000000000000"


def described(sms: Any, *ids: str, **kwargs: Any) -> list[dict[str, Any]]:
    numbers: list[dict[str, Any]] = sms.describe_phone_numbers(PhoneNumberIds=list(ids), **kwargs)[
        "PhoneNumbers"
    ]
    return numbers


def reason_of(excinfo: pytest.ExceptionInfo[ClientError]) -> str | None:
    reason: str | None = excinfo.value.response.get("Reason")
    return reason


@mock_aws
def test_a_requested_number_is_valid_for_its_country_and_type_and_active() -> None:
    sms = sms_client()
    number = request_number(
        sms, "GB", "LONG_CODE", Tags=[{"Key": "team", "Value": "care"}], OptOutListName="Care"
    )

    assert number["PhoneNumber"].startswith("+44")
    assert number["PhoneNumberArn"] == (
        f"arn:aws:sms-voice:us-east-1:123456789012:phone-number/{number['PhoneNumberId']}"
    )
    assert number["PhoneNumberId"].startswith("phone-") and len(number["PhoneNumberId"]) == 38
    assert (number["Status"], number["IsoCountryCode"], number["NumberType"]) == (
        "ACTIVE",
        "GB",
        "LONG_CODE",
    )
    assert number["NumberCapabilities"] == ["SMS", "VOICE"]
    assert number["Tags"] == [{"Key": "team", "Value": "care"}]
    assert (number["OptOutListName"], number["DeletionProtectionEnabled"]) == ("Care", False)
    assert number["MonthlyLeasingPrice"] == "1.00"
    toll_free = request_number(sms, "US", "TOLL_FREE")
    assert toll_free["PhoneNumber"][:5] in {
        "+1800",
        "+1833",
        "+1844",
        "+1855",
        "+1866",
        "+1877",
        "+1888",
    }


@mock_aws
def test_the_status_moves_from_pending_to_active_through_the_state_manager() -> None:
    sms = sms_client()
    with manual_progress(SMS_PHONE_NUMBER_MODEL, times=2):
        number = request_number(sms)
        assert number["Status"] == "PENDING"
        statuses = [described(sms, number["PhoneNumberId"])[0]["Status"] for _ in range(2)]
    assert statuses == ["PENDING", "ACTIVE"]


@mock_aws
def test_one_stock_a_number_held_in_either_service_is_not_offered_by_the_other() -> None:
    sms, connect = sms_client(), client()
    instance = new_instance(connect)
    first_offer = available(connect, instance["Id"], "US", "DID")[0]
    requested = request_number(sms)

    assert requested["PhoneNumber"] == first_offer  # a search holds nothing: the first free one
    later = available(connect, instance["Id"], "US", "DID", count=10)
    assert requested["PhoneNumber"] not in later
    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=requested["PhoneNumber"])
    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"Phone number not available: {requested['PhoneNumber']}",
    )


@mock_aws
def test_describe_by_id_or_arn_with_filters_and_pages() -> None:
    sms = sms_client()
    long_codes = [request_number(sms) for _ in range(3)]
    toll_free = request_number(sms, kind="TOLL_FREE", DeletionProtectionEnabled=True)

    by_arn = described(sms, long_codes[0]["PhoneNumberArn"], toll_free["PhoneNumberId"])
    assert {n["PhoneNumberId"] for n in by_arn} == {
        long_codes[0]["PhoneNumberId"],
        toll_free["PhoneNumberId"],
    }
    protected = described(
        sms, Filters=[{"Name": "deletion-protection-enabled", "Values": ["true"]}]
    )
    assert [n["PhoneNumberId"] for n in protected] == [toll_free["PhoneNumberId"]]
    long_only = described(sms, Filters=[{"Name": "number-type", "Values": ["LONG_CODE"]}])
    assert len(long_only) == 3

    pages = list(
        sms.get_paginator("describe_phone_numbers").paginate(PaginationConfig={"PageSize": 3})
    )
    assert [len(page["PhoneNumbers"]) for page in pages] == [3, 1]
    ids = [n["PhoneNumberId"] for page in pages for n in page["PhoneNumbers"]]
    assert ids == sorted(n["PhoneNumberId"] for n in [*long_codes, toll_free])
    assert described(sms, Owner="SHARED") == []


@mock_aws
def test_describe_of_an_unknown_id_is_not_found() -> None:
    sms = sms_client()
    request_number(sms)
    with pytest.raises(ClientError) as excinfo:
        described(sms, UNKNOWN_ID)
    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        f"Phone number {UNKNOWN_ID} does not exist.",
    )
    assert excinfo.value.response["ResourceType"] == "phone-number"
    assert excinfo.value.response["ResourceId"] == UNKNOWN_ID


@mock_aws
def test_a_number_of_another_region_is_not_found_here() -> None:
    number = request_number(sms_client("us-west-2"))
    with pytest.raises(ClientError) as excinfo:
        described(sms_client(), number["PhoneNumberArn"])
    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        f"Phone number {number['PhoneNumberArn']} does not exist.",
    )


@mock_aws
def test_deletion_protection_refuses_release_until_turned_off() -> None:
    sms = sms_client()
    number = request_number(sms)
    updated = sms.update_phone_number(
        PhoneNumberId=number["PhoneNumberArn"], DeletionProtectionEnabled=True
    )
    assert updated["DeletionProtectionEnabled"] is True

    with pytest.raises(ClientError) as excinfo:
        sms.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert error_of(excinfo) == (
        "ConflictException",
        f"Phone number {number['PhoneNumberId']} has deletion protection enabled.",
    )
    assert reason_of(excinfo) == "DELETION_PROTECTION_ENABLED"
    assert described(sms, number["PhoneNumberId"])[0]["Status"] == "ACTIVE"

    sms.update_phone_number(PhoneNumberId=number["PhoneNumberId"], DeletionProtectionEnabled=False)
    released = sms.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert (released["Status"], released["PhoneNumber"]) == ("DELETED", number["PhoneNumber"])


@mock_aws
def test_a_released_number_is_gone_and_back_in_the_stock_at_once() -> None:
    sms, connect = sms_client(), client()
    instance = new_instance(connect)
    number = request_number(sms, Tags=[{"Key": "k", "Value": "v"}])
    sms.release_phone_number(PhoneNumberId=number["PhoneNumberArn"])

    with pytest.raises(ClientError) as excinfo:
        described(sms, number["PhoneNumberId"])
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    claimed = connect.claim_phone_number(
        InstanceId=instance["Id"], PhoneNumber=number["PhoneNumber"]
    )
    assert claimed["PhoneNumberId"]


@mock_aws
def test_update_changes_only_what_it_is_given() -> None:
    sms = sms_client()
    number = request_number(sms)
    updated = sms.update_phone_number(
        PhoneNumberId=number["PhoneNumberId"],
        TwoWayEnabled=True,
        TwoWayChannelArn="connect.us-east-1.amazonaws.com",
        SelfManagedOptOutsEnabled=True,
    )
    assert (updated["TwoWayEnabled"], updated["TwoWayChannelArn"]) == (
        True,
        "connect.us-east-1.amazonaws.com",
    )
    assert (updated["SelfManagedOptOutsEnabled"], updated["DeletionProtectionEnabled"]) == (
        True,
        False,
    )
    assert described(sms, number["PhoneNumberId"])[0]["TwoWayEnabled"] is True


@mock_aws
def test_tags_are_added_listed_and_removed() -> None:
    sms = sms_client()
    number = request_number(sms)
    arn = number["PhoneNumberArn"]
    sms.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    sms.untag_resource(ResourceArn=arn, TagKeys=["a"])
    listed = sms.list_tags_for_resource(ResourceArn=arn)
    assert (listed["ResourceArn"], listed["Tags"]) == (arn, [{"Key": "b", "Value": "2"}])

    unknown = f"arn:aws:sms-voice:us-east-1:123456789012:phone-number/{UNKNOWN_ID}"
    with pytest.raises(ClientError) as excinfo:
        sms.tag_resource(ResourceArn=unknown, Tags=[{"Key": "a", "Value": "1"}])
    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        f"Phone number {unknown} does not exist.",
    )


@mock_aws
def test_bad_input_is_a_validation_exception_from_the_model_and_requests_nothing() -> None:
    sms = sms_client()
    with pytest.raises(ClientError) as excinfo:
        sms.request_phone_number(
            IsoCountryCode="us",
            MessageType="TRANSACTIONAL",
            NumberCapabilities=["SMS", "FAX"],
            NumberType="LONG_CODE",
        )
    assert error_of(excinfo) == (
        "ValidationException",
        "2 validation errors detected: Value 'us' at 'isoCountryCode' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [A-Z]{2}; Value 'FAX' at "
        "'numberCapabilities.2.member' failed to satisfy constraint: Member must satisfy enum "
        "value set: [SMS, VOICE, MMS, RCS]",
    )
    assert reason_of(excinfo) == "FIELD_VALIDATION_FAILED"
    assert described(sms) == []


@mock_aws
@pytest.mark.parametrize("kind", ["TEN_DLC", "SIMULATOR"])
def test_ten_dlc_and_simulator_numbers_are_us_only(kind: str) -> None:
    sms = sms_client()
    with pytest.raises(ClientError) as excinfo:
        request_number(sms, "GB", kind)
    assert error_of(excinfo) == (
        "ValidationException",
        f"{kind} phone numbers are only available in US, not GB.",
    )
    assert reason_of(excinfo) == "COUNTRY_CODE_MISMATCH"
    assert request_number(sms, "US", kind)["PhoneNumber"].startswith("+1")


@mock_aws
def test_an_arn_of_another_account_is_access_denied() -> None:
    sms = sms_client()
    number = request_number(sms)
    foreign = number["PhoneNumberArn"].replace("123456789012", "111122223333")
    with pytest.raises(ClientError) as excinfo:
        described(sms, foreign)
    assert error_of(excinfo) == (
        "AccessDeniedException",
        f"You do not have access to {foreign} from account 123456789012.",
    )


@mock_aws
def test_numbers_released_here_are_offered_by_the_connect_search_that_skipped_them() -> None:
    # Two in a row: a search remembers a run of taken numbers, which their release must end.
    sms, connect = sms_client(), client()
    instance = new_instance(connect)
    numbers = [request_number(sms), request_number(sms)]
    skipped = available(connect, instance["Id"], "US", "DID", count=3)
    assert not {n["PhoneNumber"] for n in numbers} & set(skipped)

    for number in numbers:
        sms.release_phone_number(PhoneNumberId=number["PhoneNumberId"])

    offered = available(connect, instance["Id"], "US", "DID", count=2)
    assert offered == [n["PhoneNumber"] for n in numbers]
