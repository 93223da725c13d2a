"""moto's IAM emulation in front of every connect route.

The plugin authorizes connect requests with a fixed IAM request class: body-less GET and DELETE
requests must pass the signature check (moto signs them with the query string as the body and so
rejected them), and denials come back as rest-json ``AccessDeniedException`` with the
``x-amzn-ErrorType`` header instead of moto's XML, which boto3 would report as code ``'403'``.

``set_initial_no_auth_action_count(N)`` lets the first N requests through unauthenticated: the IAM
calls that create the user, its policy and its access key. Every later request is signed with that
user's key and evaluated against its policy.
"""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.core import set_initial_no_auth_action_count

from support import available, claim, client, new_instance

#: create_user, put_user_policy, create_access_key
SETUP_CALLS = 3
ALLOW_CONNECT = {"Effect": "Allow", "Action": "connect:*", "Resource": "*"}
USER_ARN = "arn:aws:iam::123456789012:user/{}"


def create_user_with_policy(
    statements: list[dict[str, Any]], name: str = "agent", iam: Any = None
) -> dict[str, str]:
    """A user with an inline policy and an access key (3 IAM calls); its credentials."""
    iam = iam or boto3.client("iam", region_name="us-east-1")
    iam.create_user(UserName=name)
    iam.put_user_policy(
        UserName=name,
        PolicyName=f"{name}-policy",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}),
    )
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return {
        "aws_access_key_id": key["AccessKeyId"],
        "aws_secret_access_key": key["SecretAccessKey"],
    }


def deny(action: str, resource: str = "*") -> dict[str, str]:
    return {"Effect": "Deny", "Action": action, "Resource": resource}


def assert_json_error(excinfo: pytest.ExceptionInfo[ClientError], code: str, status: int) -> str:
    """A rest-json error: parsed code, status, x-amzn-ErrorType header, JSON body; the message."""
    response = excinfo.value.response
    headers = response["ResponseMetadata"]["HTTPHeaders"]
    assert response["Error"]["Code"] == code
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert headers["x-amzn-errortype"].split(":")[0] == code
    assert headers["content-type"].startswith("application/json")
    return str(response["Error"]["Message"])


def status_of(connect: Any, phone_number_id: str) -> str:
    summary = connect.describe_phone_number(PhoneNumberId=phone_number_id)
    return str(summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"])


@mock_aws
@set_initial_no_auth_action_count(SETUP_CALLS)
def test_allow_connect_star_authorizes_every_operation_including_body_less_ones() -> None:
    connect = client(**create_user_with_policy([ALLOW_CONNECT]))

    instance = new_instance(connect)
    described = connect.describe_instance(InstanceId=instance["Id"])  # GET, no body
    instances = connect.list_instances()["InstanceSummaryList"]  # GET, no body
    number = available(connect, instance["Id"])[0]
    claimed = connect.claim_phone_number(
        InstanceId=instance["Id"], PhoneNumber=number, Tags={"team": "support"}
    )
    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])  # GET
    v1 = connect.list_phone_numbers(InstanceId=instance["Id"])  # GET
    v2 = connect.list_phone_numbers_v2(InstanceId=instance["Id"])
    tags = connect.list_tags_for_resource(resourceArn=claimed["PhoneNumberArn"])  # GET
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])  # DELETE, no body

    assert described["Instance"]["Id"] == instance["Id"]
    assert [i["Id"] for i in instances] == [instance["Id"]]
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumber"] == number
    assert [n["Id"] for n in v1["PhoneNumberSummaryList"]] == [claimed["PhoneNumberId"]]
    assert [n["PhoneNumberId"] for n in v2["ListPhoneNumbersSummaryList"]] == [
        claimed["PhoneNumberId"]
    ]
    assert tags["tags"] == {"team": "support"}
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


@mock_aws
@set_initial_no_auth_action_count(SETUP_CALLS)
def test_deny_of_release_raises_the_modelled_access_denied_exception() -> None:
    connect = client(**create_user_with_policy([ALLOW_CONNECT, deny("connect:ReleasePhoneNumber")]))
    claimed = claim(connect, new_instance(connect)["Id"])

    with pytest.raises(connect.exceptions.AccessDeniedException) as excinfo:
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    message = assert_json_error(excinfo, "AccessDeniedException", 403)
    assert message == (
        f"User: {USER_ARN.format('agent')} is not authorized to perform: connect:ReleasePhoneNumber"
    )
    assert status_of(connect, claimed["PhoneNumberId"]) == "CLAIMED"


@mock_aws
@set_initial_no_auth_action_count(SETUP_CALLS)
def test_deny_of_claim_claims_nothing() -> None:
    connect = client(**create_user_with_policy([ALLOW_CONNECT, deny("connect:ClaimPhoneNumber")]))
    instance_id = new_instance(connect)["Id"]
    number = available(connect, instance_id)[0]

    with pytest.raises(connect.exceptions.AccessDeniedException) as excinfo:
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)

    message = assert_json_error(excinfo, "AccessDeniedException", 403)
    assert message.endswith("is not authorized to perform: connect:ClaimPhoneNumber")
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
    assert available(connect, instance_id)[0] == number


@mock_aws
@set_initial_no_auth_action_count(SETUP_CALLS)
def test_deny_of_motos_own_describe_instance_is_json_access_denied() -> None:
    connect = client(**create_user_with_policy([ALLOW_CONNECT, deny("connect:DescribeInstance")]))
    instance = new_instance(connect)

    with pytest.raises(connect.exceptions.AccessDeniedException) as excinfo:
        connect.describe_instance(InstanceId=instance["Id"])

    message = assert_json_error(excinfo, "AccessDeniedException", 403)
    assert message == (
        f"User: {USER_ARN.format('agent')} is not authorized to perform: connect:DescribeInstance"
    )
    assert [i["Id"] for i in connect.list_instances()["InstanceSummaryList"]] == [instance["Id"]]


@mock_aws
@set_initial_no_auth_action_count(SETUP_CALLS)
def test_no_allow_for_an_operation_is_an_implicit_deny() -> None:
    connect = client(
        **create_user_with_policy(
            [{"Effect": "Allow", "Action": "connect:CreateInstance", "Resource": "*"}]
        )
    )
    new_instance(connect)

    with pytest.raises(connect.exceptions.AccessDeniedException) as excinfo:
        connect.list_phone_numbers_v2()

    message = assert_json_error(excinfo, "AccessDeniedException", 403)
    assert message.endswith("is not authorized to perform: connect:ListPhoneNumbersV2")


@mock_aws
@set_initial_no_auth_action_count(SETUP_CALLS)
def test_deny_on_a_numbers_arn_denies_its_release_by_id_and_by_arn_only() -> None:
    # The 3 unauthenticated calls create an admin; the admin's signed calls do the rest, so the
    # number's ARN is known before the restricted user's policy is written.
    admin_credentials = create_user_with_policy(
        [{"Effect": "Allow", "Action": "*", "Resource": "*"}], name="admin"
    )
    admin = client(**admin_credentials)
    instance_id = new_instance(admin)["Id"]
    protected = claim(admin, instance_id)
    other = claim(admin, instance_id)
    connect = client(
        **create_user_with_policy(
            [ALLOW_CONNECT, deny("connect:ReleasePhoneNumber", protected["PhoneNumberArn"])],
            name="operator",
            iam=boto3.client("iam", region_name="us-east-1", **admin_credentials),
        )
    )

    with pytest.raises(connect.exceptions.AccessDeniedException) as by_id:
        connect.release_phone_number(PhoneNumberId=protected["PhoneNumberId"])
    with pytest.raises(connect.exceptions.AccessDeniedException) as by_arn:
        connect.release_phone_number(PhoneNumberId=protected["PhoneNumberArn"])
    connect.release_phone_number(PhoneNumberId=other["PhoneNumberId"])

    for excinfo in (by_id, by_arn):
        message = assert_json_error(excinfo, "AccessDeniedException", 403)
        assert message == (
            f"User: {USER_ARN.format('operator')} is not authorized to perform: "
            "connect:ReleasePhoneNumber"
        )
    assert status_of(connect, protected["PhoneNumberId"]) == "CLAIMED"
    listed = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert [n["PhoneNumberId"] for n in listed] == [protected["PhoneNumberId"]]


@mock_aws
@set_initial_no_auth_action_count(SETUP_CALLS)
def test_wrong_secret_key_is_a_json_invalid_signature_error() -> None:
    credentials = create_user_with_policy([ALLOW_CONNECT])
    connect = client(**credentials)
    instance = new_instance(connect)
    forged = client(
        aws_access_key_id=credentials["aws_access_key_id"],
        aws_secret_access_key="not-the-secret-key",
    )

    with pytest.raises(ClientError) as excinfo:
        forged.describe_instance(InstanceId=instance["Id"])  # GET, no body

    message = assert_json_error(excinfo, "InvalidSignatureException", 403)
    assert message == (
        "The request signature we calculated does not match the signature you provided."
    )


@mock_aws
@set_initial_no_auth_action_count(SETUP_CALLS)
def test_unknown_access_key_is_a_json_unrecognized_client_error() -> None:
    connect = client(**create_user_with_policy([ALLOW_CONNECT]))
    instance = new_instance(connect)
    stranger = client(
        aws_access_key_id="AKIAIOSFODNN7UNKNOWN", aws_secret_access_key="whatever-secret"
    )

    with pytest.raises(ClientError) as excinfo:
        stranger.describe_instance(InstanceId=instance["Id"])

    message = assert_json_error(excinfo, "UnrecognizedClientException", 403)
    assert message == "The security token included in the request is invalid."
