"""UpdatePhoneNumber and UpdatePhoneNumberMetadata through boto3."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from moto_connect_ext import mock_aws
from support import claim, client, error_of, manual_progress, new_instance

UNKNOWN_INSTANCE = "00000000-0000-4000-8000-000000000000"
UNKNOWN_NUMBER = "00000000-0000-4000-8000-000000000001"


def summary_of(connect: Any, phone_number_id: str) -> dict[str, Any]:
    summary: dict[str, Any] = connect.describe_phone_number(PhoneNumberId=phone_number_id)[
        "ClaimedPhoneNumberSummary"
    ]
    return summary


def v1_ids(connect: Any, instance_id: str) -> list[str]:
    listed = connect.list_phone_numbers(InstanceId=instance_id)["PhoneNumberSummaryList"]
    return [n["Id"] for n in listed]


# -- UpdatePhoneNumber ---------------------------------------------------------------------------


@mock_aws
def test_update_moves_number_to_another_instance() -> None:
    connect = client()
    old = new_instance(connect, "old")
    new = new_instance(connect, "new")
    claimed = claim(connect, old["Id"])

    updated = connect.update_phone_number(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=new["Id"]
    )

    assert updated["PhoneNumberId"] == claimed["PhoneNumberId"]
    assert updated["PhoneNumberArn"] == claimed["PhoneNumberArn"]
    summary = summary_of(connect, claimed["PhoneNumberId"])
    assert summary["InstanceId"] == new["Id"]
    assert summary["TargetArn"] == new["Arn"]
    assert v1_ids(connect, old["Id"]) == []
    assert v1_ids(connect, new["Id"]) == [claimed["PhoneNumberId"]]


@mock_aws
def test_update_to_an_instance_of_another_region() -> None:
    connect = client("us-east-1")
    instance = new_instance(connect)
    west = new_instance(client("us-west-2"), "west")
    claimed = claim(connect, instance["Id"])

    with pytest.raises(ClientError) as excinfo:
        connect.update_phone_number(PhoneNumberId=claimed["PhoneNumberId"], TargetArn=west["Arn"])

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert west["Arn"] in message
    assert summary_of(connect, claimed["PhoneNumberId"])["InstanceId"] == instance["Id"]


@mock_aws
def test_update_to_unknown_instance_id() -> None:
    connect = client()
    instance = new_instance(connect)
    claimed = claim(connect, instance["Id"])

    with pytest.raises(ClientError) as excinfo:
        connect.update_phone_number(
            PhoneNumberId=claimed["PhoneNumberId"], InstanceId=UNKNOWN_INSTANCE
        )

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert UNKNOWN_INSTANCE in message
    assert summary_of(connect, claimed["PhoneNumberId"])["InstanceId"] == instance["Id"]


@mock_aws
def test_update_of_a_number_from_another_region() -> None:
    east = client("us-east-1")
    west = client("us-west-2")
    instance = new_instance(east)
    west_instance = new_instance(west, "west")
    claimed = claim(east, instance["Id"])

    with pytest.raises(ClientError) as excinfo:
        west.update_phone_number(
            PhoneNumberId=claimed["PhoneNumberId"], InstanceId=west_instance["Id"]
        )

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert claimed["PhoneNumberId"] in message
    assert summary_of(east, claimed["PhoneNumberId"])["InstanceId"] == instance["Id"]


@mock_aws
def test_update_while_in_progress() -> None:
    connect = client()
    old = new_instance(connect, "old")
    new = new_instance(connect, "new")

    with manual_progress("connect::phone_number"):
        claimed = claim(connect, old["Id"])

        with pytest.raises(ClientError) as excinfo:
            connect.update_phone_number(
                PhoneNumberId=claimed["PhoneNumberId"], InstanceId=new["Id"]
            )

        response = excinfo.value.response
        assert response["Error"]["Code"] == "ResourceInUseException"
        assert response["ResourceType"] == "PHONE_NUMBER"
        assert response["ResourceId"] == claimed["PhoneNumberArn"]

    assert summary_of(connect, claimed["PhoneNumberId"])["InstanceId"] == old["Id"]


@mock_aws
def test_update_leaves_number_in_progress_under_manual_progression() -> None:
    connect = client()
    old = new_instance(connect, "old")
    new = new_instance(connect, "new")
    claimed = claim(connect, old["Id"])
    assert summary_of(connect, claimed["PhoneNumberId"])["PhoneNumberStatus"]["Status"] == "CLAIMED"

    with manual_progress("connect::phone_number"):
        connect.update_phone_number(PhoneNumberId=claimed["PhoneNumberId"], InstanceId=new["Id"])
        summary = summary_of(connect, claimed["PhoneNumberId"])
        assert summary["PhoneNumberStatus"]["Status"] == "IN_PROGRESS"
        assert summary["InstanceId"] == new["Id"]

    assert summary_of(connect, claimed["PhoneNumberId"])["PhoneNumberStatus"]["Status"] == "CLAIMED"


# -- UpdatePhoneNumberMetadata -------------------------------------------------------------------


@mock_aws
def test_update_metadata_sets_description() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"], PhoneNumberDescription="before")

    connect.update_phone_number_metadata(
        PhoneNumberId=claimed["PhoneNumberId"], PhoneNumberDescription="after"
    )

    assert summary_of(connect, claimed["PhoneNumberId"])["PhoneNumberDescription"] == "after"


@mock_aws
def test_update_metadata_description_over_500_characters() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"], PhoneNumberDescription="before")

    with pytest.raises(ClientError) as excinfo:
        connect.update_phone_number_metadata(
            PhoneNumberId=claimed["PhoneNumberId"], PhoneNumberDescription="d" * 501
        )

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert "phoneNumberDescription" in message
    assert summary_of(connect, claimed["PhoneNumberId"])["PhoneNumberDescription"] == "before"


@mock_aws
def test_update_metadata_of_unknown_number() -> None:
    connect = client()
    new_instance(connect)

    with pytest.raises(ClientError) as excinfo:
        connect.update_phone_number_metadata(
            PhoneNumberId=UNKNOWN_NUMBER, PhoneNumberDescription="anything"
        )

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert UNKNOWN_NUMBER in message


@mock_aws
def test_update_metadata_while_in_progress() -> None:
    connect = client()
    instance = new_instance(connect)

    with manual_progress("connect::phone_number"):
        claimed = claim(connect, instance["Id"], PhoneNumberDescription="before")

        with pytest.raises(ClientError) as excinfo:
            connect.update_phone_number_metadata(
                PhoneNumberId=claimed["PhoneNumberId"], PhoneNumberDescription="after"
            )

        response = excinfo.value.response
        assert response["Error"]["Code"] == "ResourceInUseException"
        assert response["ResourceType"] == "PHONE_NUMBER"
        assert response["ResourceId"] == claimed["PhoneNumberArn"]

    assert summary_of(connect, claimed["PhoneNumberId"])["PhoneNumberDescription"] == "before"


@mock_aws
def test_update_metadata_leaves_number_in_progress_under_manual_progression() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])
    assert summary_of(connect, claimed["PhoneNumberId"])["PhoneNumberStatus"]["Status"] == "CLAIMED"

    with manual_progress("connect::phone_number"):
        connect.update_phone_number_metadata(
            PhoneNumberId=claimed["PhoneNumberId"], PhoneNumberDescription="after"
        )
        summary = summary_of(connect, claimed["PhoneNumberId"])
        assert summary["PhoneNumberStatus"]["Status"] == "IN_PROGRESS"
        assert summary["PhoneNumberDescription"] == "after"
