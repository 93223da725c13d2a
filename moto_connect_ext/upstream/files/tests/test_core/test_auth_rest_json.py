"""IAM emulation for rest-json services: body-less requests and JSON errors.

Amazon Connect, Amazon EFS and Amazon EKS; S3 (rest-xml) keeps its own, tested in tests/test_s3.
"""

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID as ACCOUNT_ID
from moto.core import set_initial_no_auth_action_count


@mock_aws
def create_user_with_access_key_and_inline_policy(  # type: ignore[misc]
    user_name: str, policy_document: dict[str, Any]
) -> dict[str, str]:
    client = boto3.client("iam", region_name="us-east-1")
    client.create_user(UserName=user_name)
    client.put_user_policy(
        UserName=user_name,
        PolicyName="policy1",
        PolicyDocument=str(policy_document).replace("'", '"'),
    )
    return client.create_access_key(UserName=user_name)["AccessKey"]


def connect_client(access_key: dict[str, str], secret: str = "") -> Any:
    return boto3.client(
        "connect",
        region_name="us-east-1",
        aws_access_key_id=access_key["AccessKeyId"],
        aws_secret_access_key=secret or access_key["SecretAccessKey"],
    )


def allowing(*actions: str) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": list(actions), "Resource": "*"}],
    }


@set_initial_no_auth_action_count(3)
@mock_aws
def test_body_less_get_and_delete_pass_the_signature_check() -> None:
    access_key = create_user_with_access_key_and_inline_policy(
        "test-user", allowing("connect:*")
    )
    client = connect_client(access_key)
    instance_id = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]

    # GET with a query string, GET with a path label, DELETE: no body to sign
    assert len(client.list_instances(MaxResults=5)["InstanceSummaryList"]) == 1
    assert (
        client.describe_instance(InstanceId=instance_id)["Instance"]["Id"]
        == instance_id
    )
    client.delete_instance(InstanceId=instance_id)
    assert client.list_instances()["InstanceSummaryList"] == []


@set_initial_no_auth_action_count(3)
@mock_aws
def test_access_denied_is_json_for_rest_json_services() -> None:
    user_name = "test-user"
    access_key = create_user_with_access_key_and_inline_policy(
        user_name, allowing("connect:ListInstances")
    )
    client = connect_client(access_key)

    with pytest.raises(ClientError) as ex:
        client.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )
    err = ex.value.response["Error"]
    assert err["Code"] == "AccessDeniedException"
    assert (
        err["Message"]
        == f"User: arn:aws:iam::{ACCOUNT_ID}:user/{user_name} is not authorized to perform: connect:CreateInstance"
    )
    assert ex.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert client.list_instances()["InstanceSummaryList"] == []


@set_initial_no_auth_action_count(3)
@mock_aws
def test_wrong_secret_is_a_json_invalid_signature() -> None:
    access_key = create_user_with_access_key_and_inline_policy(
        "test-user", allowing("connect:*")
    )
    client = connect_client(access_key, secret="not-the-secret")

    with pytest.raises(ClientError) as ex:
        client.list_instances()
    assert ex.value.response["Error"]["Code"] == "InvalidSignatureException"
    assert ex.value.response["Error"]["Message"] == (
        "The request signature we calculated does not match the signature you provided. "
        "Check your AWS Secret Access Key and signing method. "
        "Consult the service documentation for details."
    )
    assert ex.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


@set_initial_no_auth_action_count(0)
@mock_aws
def test_unknown_access_key_is_a_json_unrecognized_client() -> None:
    client = connect_client(
        {"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "secret"}
    )

    with pytest.raises(ClientError) as ex:
        client.list_instances()
    assert ex.value.response["Error"]["Code"] == "UnrecognizedClientException"
    assert (
        ex.value.response["Error"]["Message"]
        == "The security token included in the request is invalid."
    )
    assert ex.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


@set_initial_no_auth_action_count(3)
@mock_aws
def test_another_rest_json_service_passes_body_less_get_and_delete() -> None:
    access_key = create_user_with_access_key_and_inline_policy(
        "test-user", allowing("elasticfilesystem:*")
    )
    client = boto3.client(
        "efs",
        region_name="us-east-1",
        aws_access_key_id=access_key["AccessKeyId"],
        aws_secret_access_key=access_key["SecretAccessKey"],
    )
    file_system_id = client.create_file_system(CreationToken="token")["FileSystemId"]

    # GET with a query string, GET listing, DELETE: no body to sign
    described = client.describe_file_systems(FileSystemId=file_system_id)
    assert [fs["FileSystemId"] for fs in described["FileSystems"]] == [file_system_id]
    client.delete_file_system(FileSystemId=file_system_id)
    assert client.describe_file_systems()["FileSystems"] == []


@set_initial_no_auth_action_count(3)
@mock_aws
def test_another_rest_json_service_is_denied_in_json() -> None:
    user_name = "test-user"
    access_key = create_user_with_access_key_and_inline_policy(
        user_name, allowing("eks:ListClusters")
    )
    client = boto3.client(
        "eks",
        region_name="us-east-1",
        aws_access_key_id=access_key["AccessKeyId"],
        aws_secret_access_key=access_key["SecretAccessKey"],
    )

    assert client.list_clusters()["clusters"] == []
    with pytest.raises(ClientError) as ex:
        client.delete_cluster(name="cluster")
    assert ex.value.response["Error"] == {
        "Code": "AccessDeniedException",
        "Message": f"User: arn:aws:iam::{ACCOUNT_ID}:user/{user_name} is not authorized to perform: eks:DeleteCluster",
    }
