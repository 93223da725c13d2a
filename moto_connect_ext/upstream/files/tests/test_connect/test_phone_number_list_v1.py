"""Phone numbers: ListPhoneNumbers, the first version of the list.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true);
numbers it claims are billed until it releases them.
"""

import boto3
import pytest
from botocore.exceptions import ClientError

from . import REGION, claimed, error_of, with_connect_instance

UNKNOWN_ID = "11111111-2222-3333-4444-555555555555"


@with_connect_instance()
def test_the_list_gives_the_instance_scoped_arn_which_cannot_be_tagged(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Unknown instance" for ListPhoneNumbers, and "Legacy ARN"."""
    client = boto3.client("connect", region_name=REGION)

    with claimed(client, instance_arn) as number:
        items = client.list_phone_numbers(InstanceId=instance_id)["PhoneNumberSummaryList"]
        e164 = client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])[
            "ClaimedPhoneNumberSummary"
        ]["PhoneNumber"]
        legacy_arn = f"{instance_arn}/phone-number/{number['PhoneNumberId']}"
        with pytest.raises(ClientError) as tagged:
            client.tag_resource(resourceArn=legacy_arn, tags={"k": "v"})
    with pytest.raises(ClientError) as unknown:
        client.list_phone_numbers(InstanceId=UNKNOWN_ID)

    assert [(item["Id"], item["Arn"], item["PhoneNumber"]) for item in items] == [
        (number["PhoneNumberId"], legacy_arn, e164)
    ]
    assert items[0]["PhoneNumberType"] == "DID"
    assert items[0]["PhoneNumberCountryCode"] == "US"
    assert error_of(tagged) == ("ResourceNotFoundException", f"Resource not found: {legacy_arn}")
    assert error_of(unknown) == ("ResourceNotFoundException", f"Instance not found: {UNKNOWN_ID}")
