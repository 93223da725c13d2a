"""The README's example, verbatim: if this fails, the README is wrong."""

import boto3
from moto import mock_aws


@mock_aws
def test_claim_describe_release():
    connect = boto3.client("connect", region_name="us-east-1")
    instance = connect.create_instance(IdentityManagementType="CONNECT_MANAGED",
                                       InboundCallsEnabled=True, OutboundCallsEnabled=True)
    found = connect.search_available_phone_numbers(
        InstanceId=instance["Id"], PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE",
        MaxResults=1)["AvailableNumbersList"][0]["PhoneNumber"]
    claimed = connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=found)
    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "CLAIMED"
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
