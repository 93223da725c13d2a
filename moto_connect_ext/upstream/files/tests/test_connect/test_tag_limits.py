"""The limit on tags per resource, for every ARN TagResource serves.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true); none claims a number.
"""

import boto3
import pytest
from botocore.exceptions import ClientError

from . import REGION, error_of, with_connect_instance


@with_connect_instance()
def test_a_tag_over_the_limit_of_fifty_is_refused_and_changes_nothing(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Tag limit", on an instance ARN (no number to claim)."""
    client = boto3.client("connect", region_name=REGION)
    fifty = {f"key{index}": "value" for index in range(50)}
    client.tag_resource(resourceArn=instance_arn, tags=fifty)

    client.tag_resource(resourceArn=instance_arn, tags={"key0": "again"})
    with pytest.raises(ClientError) as exc:
        client.tag_resource(resourceArn=instance_arn, tags={"key50": "one too many"})

    assert error_of(exc) == (
        "InvalidParameterException",
        f"A resource can have at most 50 tags; {instance_arn} has 50 and this request would give it 51.",
    )
    tags = client.list_tags_for_resource(resourceArn=instance_arn)["tags"]
    assert tags == {**fifty, "key0": "again"}
