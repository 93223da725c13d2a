"""SearchContactFlows.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true); flows a
test creates are deleted.
"""

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from . import (
    REGION,
    error_of,
    with_connect_instance,
)
from .test_contact_flows import flows


@with_connect_instance()
def test_searching_flows_by_name_ignores_case_and_checks_contains_length(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "SearchContactFlows"."""
    client = boto3.client("connect", region_name=REGION)

    def by_name(value: str) -> Any:
        return client.search_contact_flows(
            InstanceId=instance_id,
            SearchCriteria={
                "StringCondition": {
                    "FieldName": "name",
                    "Value": value,
                    "ComparisonType": "CONTAINS",
                }
            },
        )

    with flows(client, instance_id) as create:
        create("Main IVR")
        found = by_name("main iv")
        with pytest.raises(ClientError) as exc:
            by_name("M")

    assert [f["Name"] for f in found["ContactFlows"]] == ["Main IVR"]
    assert found["ApproximateTotalCount"] == 1
    assert error_of(exc) == (
        "InvalidParameterException",
        "A CONTAINS value must be 2-25 characters long, not 1.",
    )
