"""TagResource, UntagResource and ListTagsForResource on phone-number ARNs (moto's tag operations)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from moto_connect_ext import mock_aws
from support import claim, client, error_of, new_instance


def tags_of(connect: Any, arn: str) -> dict[str, str]:
    tags: dict[str, str] = connect.list_tags_for_resource(resourceArn=arn)["tags"]
    return tags


@mock_aws
def test_tag_then_list() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"], Tags={"team": "support"})

    connect.tag_resource(resourceArn=claimed["PhoneNumberArn"], tags={"env": "prod"})

    assert tags_of(connect, claimed["PhoneNumberArn"]) == {"team": "support", "env": "prod"}
    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["Tags"] == {"team": "support", "env": "prod"}


@mock_aws
def test_untag() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"], Tags={"team": "support", "env": "prod"})

    connect.untag_resource(resourceArn=claimed["PhoneNumberArn"], tagKeys=["env"])

    assert tags_of(connect, claimed["PhoneNumberArn"]) == {"team": "support"}


@mock_aws
def test_tag_released_number() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    with pytest.raises(ClientError) as excinfo:
        connect.tag_resource(resourceArn=claimed["PhoneNumberArn"], tags={"env": "prod"})

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert claimed["PhoneNumberArn"] in message


@pytest.mark.parametrize(
    ("operation", "params"),
    [
        ("tag_resource", {"tags": {"env": "prod"}}),
        ("untag_resource", {"tagKeys": ["env"]}),
        ("list_tags_for_resource", {}),
    ],
)
@mock_aws
def test_unknown_phone_number_arn(operation: str, params: dict[str, Any]) -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])
    unknown = claimed["PhoneNumberArn"].rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000"

    with pytest.raises(ClientError) as excinfo:
        getattr(connect, operation)(resourceArn=unknown, **params)

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert unknown in message


@mock_aws
def test_legacy_instance_scoped_arn_cannot_be_tagged() -> None:
    connect = client()
    instance = new_instance(connect)
    claimed = claim(connect, instance["Id"])
    listed = connect.list_phone_numbers(InstanceId=instance["Id"])["PhoneNumberSummaryList"]
    legacy = listed[0]["Arn"]
    assert legacy.endswith(f"instance/{instance['Id']}/phone-number/{claimed['PhoneNumberId']}")

    with pytest.raises(ClientError) as excinfo:
        connect.tag_resource(resourceArn=legacy, tags={"env": "prod"})

    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    assert tags_of(connect, claimed["PhoneNumberArn"]) == {}


@mock_aws
def test_tag_key_with_aws_prefix() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"], Tags={"team": "support"})

    with pytest.raises(ClientError) as excinfo:
        connect.tag_resource(resourceArn=claimed["PhoneNumberArn"], tags={"aws:owner": "me"})

    assert error_of(excinfo)[0] == "InvalidParameterException"
    assert tags_of(connect, claimed["PhoneNumberArn"]) == {"team": "support"}


@mock_aws
def test_tagging_an_instance_still_works() -> None:
    connect = client()
    instance = new_instance(connect)

    connect.tag_resource(resourceArn=instance["Arn"], tags={"env": "prod", "team": "support"})
    connect.untag_resource(resourceArn=instance["Arn"], tagKeys=["team"])

    assert tags_of(connect, instance["Arn"]) == {"env": "prod"}


# -- 50 tags per resource (the model's TagMap max) ----------------------------------------------

FIFTY = {f"key{i:02d}": "value" for i in range(50)}


@mock_aws
def test_tagging_a_number_past_fifty_tags_is_refused_and_changes_nothing() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"], Tags=FIFTY)

    with pytest.raises(ClientError) as excinfo:
        connect.tag_resource(resourceArn=claimed["PhoneNumberArn"], tags={"one": "more"})

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert message == (
        f"A resource can have at most 50 tags; {claimed['PhoneNumberArn']} has 50 and this "
        "request would give it 51."
    )
    assert tags_of(connect, claimed["PhoneNumberArn"]) == FIFTY


@mock_aws
def test_retagging_keys_a_number_already_has_stays_within_fifty() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"], Tags=FIFTY)

    connect.tag_resource(resourceArn=claimed["PhoneNumberArn"], tags={"key00": "changed"})

    assert tags_of(connect, claimed["PhoneNumberArn"]) == {**FIFTY, "key00": "changed"}


@pytest.mark.parametrize("resource", ["instance", "traffic distribution group"])
@mock_aws
def test_tagging_other_resources_past_fifty_tags_is_refused(resource: str) -> None:
    connect = client()
    instance = connect.create_instance(
        IdentityManagementType="SAML",
        InstanceAlias="source",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    arn = instance["Arn"]
    if resource != "instance":
        connect.replicate_instance(
            InstanceId=instance["Id"], ReplicaRegion="us-west-2", ReplicaAlias="replica"
        )
        arn = connect.create_traffic_distribution_group(Name="tdg", InstanceId=instance["Id"])[
            "Arn"
        ]
    connect.tag_resource(resourceArn=arn, tags=FIFTY)

    with pytest.raises(ClientError) as excinfo:
        connect.tag_resource(resourceArn=arn, tags={"one": "more"})

    assert error_of(excinfo)[0] == "InvalidParameterException"
    assert tags_of(connect, arn) == FIFTY


@mock_aws
def test_tag_keys_take_unicode_letters_numbers_and_spaces_only() -> None:
    """TagKey's ``[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*``: Unicode letters, separators and numbers pass
    (read with the standard ``re``), other symbols do not."""
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])

    connect.tag_resource(resourceArn=claimed["PhoneNumberArn"], tags={"équipe ٣ Ⅻ": "x"})
    with pytest.raises(ClientError) as excinfo:
        connect.tag_resource(resourceArn=claimed["PhoneNumberArn"], tags={"team*": "x"})

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert "Member must satisfy regular expression pattern: ^(?!aws:)[\\p{L}" in message
    assert tags_of(connect, claimed["PhoneNumberArn"]) == {"équipe ٣ Ⅻ": "x"}
