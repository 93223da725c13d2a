"""ListPhoneNumbersV2 and ListPhoneNumbers (v1), through boto3.

An instance holds at most 5 numbers (the default per-instance quota), so every test stays within
that on each instance and spreads larger sets over several instances.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from support import claim, client, contract_violations, new_instance, raw_request

V2_ITEM_KEYS = {
    "PhoneNumberId",
    "PhoneNumberArn",
    "PhoneNumber",
    "PhoneNumberCountryCode",
    "PhoneNumberType",
    "TargetArn",
    "InstanceId",
}
V1_ITEM_KEYS = {"Id", "Arn", "PhoneNumber", "PhoneNumberType", "PhoneNumberCountryCode"}
ALL_TYPES = [
    "TOLL_FREE",
    "DID",
    "UIFN",
    "SHARED",
    "THIRD_PARTY_TF",
    "THIRD_PARTY_DID",
    "SHORT_CODE",
]


# -- helpers -------------------------------------------------------------------------------------


def v2_pages(connect: Any, **kwargs: Any) -> list[dict[str, Any]]:
    """Every response of a V2 listing from NextToken (or the start), following tokens to the end."""
    responses = []
    token = kwargs.pop("NextToken", None)
    while True:
        extra = {"NextToken": token} if token else {}
        response = connect.list_phone_numbers_v2(**kwargs, **extra)
        responses.append(response)
        token = response.get("NextToken")
        if not token:
            return responses
        assert len(responses) < 100, "pagination does not end"


def v2_numbers(connect: Any, **kwargs: Any) -> list[str]:
    """The E.164 numbers of a full V2 listing, in listing order."""
    return [
        item["PhoneNumber"]
        for response in v2_pages(connect, **kwargs)
        for item in response["ListPhoneNumbersSummaryList"]
    ]


def v1_pages(connect: Any, **kwargs: Any) -> list[dict[str, Any]]:
    responses = []
    token = None
    while True:
        extra = {"NextToken": token} if token else {}
        response = connect.list_phone_numbers(**kwargs, **extra)
        responses.append(response)
        token = response.get("NextToken")
        if not token:
            return responses
        assert len(responses) < 100, "pagination does not end"


def claim_many(
    connect: Any, instance_id: str, count: int, country: str = "US", kind: str = "TOLL_FREE"
) -> list[dict[str, str]]:
    return [claim(connect, instance_id, country, kind) for _ in range(count)]


def raw_json(response: Any) -> dict[str, Any]:
    return json.loads(response.content) if response.content else {}


def assert_raw_error(connect: Any, operation: str, response: Any, code: str) -> None:
    """A raw response is the modelled error ``code`` and honours the wire contract."""
    assert response.headers.get("x-amzn-ErrorType", "").split(":")[0] == code, response.text
    model = connect.meta.service_model.operation_model(operation)
    assert (
        contract_violations(model, response.status_code, response.headers, response.content) == []
    )


def unknown_instance_id() -> str:
    return str(uuid.uuid4())


# -- ListPhoneNumbersV2: content -----------------------------------------------------------------


def test_v2_lists_numbers_with_exactly_the_summary_members(connect_client, connect_instance):
    claimed = claim_many(connect_client, connect_instance["Id"], 2)

    items = connect_client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]

    assert sorted(i["PhoneNumberId"] for i in items) == sorted(c["PhoneNumberId"] for c in claimed)
    by_id = {c["PhoneNumberId"]: c for c in claimed}
    for item in items:
        assert set(item) == V2_ITEM_KEYS  # no Tags, no PhoneNumberStatus, no empty description
        expected = by_id[item["PhoneNumberId"]]
        assert item["PhoneNumberArn"] == expected["PhoneNumberArn"]
        assert item["PhoneNumber"] == expected["PhoneNumber"]
        assert item["PhoneNumberCountryCode"] == "US"
        assert item["PhoneNumberType"] == "TOLL_FREE"
        assert item["TargetArn"] == connect_instance["Arn"]
        assert item["InstanceId"] == connect_instance["Id"]


def test_v2_lists_nothing_when_no_numbers_are_claimed(connect_client, connect_instance):
    response = connect_client.list_phone_numbers_v2()
    assert response["ListPhoneNumbersSummaryList"] == []
    assert "NextToken" not in response


def test_v2_filters_by_instance_id_and_by_target_arn(connect_client):
    first = new_instance(connect_client, "first")
    second = new_instance(connect_client, "second")
    on_first = {c["PhoneNumber"] for c in claim_many(connect_client, first["Id"], 2)}
    on_second = {c["PhoneNumber"] for c in claim_many(connect_client, second["Id"], 1)}

    assert set(v2_numbers(connect_client, InstanceId=first["Id"])) == on_first
    assert set(v2_numbers(connect_client, InstanceId=second["Id"])) == on_second
    assert set(v2_numbers(connect_client, TargetArn=first["Arn"])) == on_first
    assert set(v2_numbers(connect_client, TargetArn=second["Arn"])) == on_second
    assert set(v2_numbers(connect_client)) == on_first | on_second


def test_v2_filters_by_country_type_and_prefix(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    us_tf = claim(connect_client, instance_id, "US", "TOLL_FREE")["PhoneNumber"]
    us_did = claim(connect_client, instance_id, "US", "DID")["PhoneNumber"]
    gb_did = claim(connect_client, instance_id, "GB", "DID")["PhoneNumber"]
    gb_tf = claim(connect_client, instance_id, "GB", "TOLL_FREE")["PhoneNumber"]
    assert us_tf.startswith("+1800")
    assert not us_did.startswith("+1800")

    def listed(**filters: Any) -> set[str]:
        return set(v2_numbers(connect_client, **filters))

    assert listed(PhoneNumberCountryCodes=["GB"]) == {gb_did, gb_tf}
    assert listed(PhoneNumberCountryCodes=["US", "GB"]) == {us_tf, us_did, gb_did, gb_tf}
    assert listed(PhoneNumberTypes=["DID"]) == {us_did, gb_did}
    assert listed(PhoneNumberTypes=["TOLL_FREE", "DID"]) == {us_tf, us_did, gb_did, gb_tf}
    assert listed(PhoneNumberCountryCodes=["US"], PhoneNumberTypes=["TOLL_FREE"]) == {us_tf}
    assert listed(PhoneNumberTypes=["UIFN"]) == set()
    for prefix in ("+44", "44"):
        assert listed(PhoneNumberPrefix=prefix) == {gb_did, gb_tf}, prefix
    for prefix in ("+1800", "1800"):
        assert listed(PhoneNumberPrefix=prefix) == {us_tf}, prefix
    assert listed(PhoneNumberPrefix="+1", PhoneNumberTypes=["DID"]) == {us_did}


def test_v2_does_not_list_numbers_of_another_region(connect_client, connect_instance):
    here = claim(connect_client, connect_instance["Id"])["PhoneNumber"]
    west = client("us-west-2")
    west_instance = new_instance(west, "west")
    there = claim(west, west_instance["Id"])["PhoneNumber"]
    assert here != there

    assert v2_numbers(connect_client) == [here]
    assert v2_numbers(west) == [there]


def test_v2_does_not_list_numbers_of_another_account(connect_client, connect_instance):
    def as_other_account(request: Any, **_: Any) -> None:
        request.headers["x-moto-account-id"] = "111122223333"

    other = client()
    other.meta.events.register("before-sign.connect", as_other_account)
    theirs = claim(other, new_instance(other, "theirs")["Id"])["PhoneNumber"]
    mine = claim(connect_client, connect_instance["Id"])["PhoneNumber"]

    assert v2_numbers(connect_client) == [mine]
    assert v2_numbers(other) == [theirs]


# -- ListPhoneNumbersV2: pagination --------------------------------------------------------------


def test_v2_pagination_pages_union_and_stable_order(connect_client, connect_instance):
    claimed = claim_many(connect_client, connect_instance["Id"], 5)

    pages = v2_pages(connect_client, MaxResults=2)

    assert [len(p["ListPhoneNumbersSummaryList"]) for p in pages] == [2, 2, 1]
    assert ["NextToken" in p for p in pages] == [True, True, False]
    paged = [i["PhoneNumberId"] for p in pages for i in p["ListPhoneNumbersSummaryList"]]
    assert len(paged) == len(set(paged))
    full = connect_client.list_phone_numbers_v2()
    assert "NextToken" not in full
    unpaged = [i["PhoneNumberId"] for i in full["ListPhoneNumbersSummaryList"]]
    assert paged == unpaged
    assert set(unpaged) == {c["PhoneNumberId"] for c in claimed}
    assert v2_numbers(connect_client, MaxResults=2) == v2_numbers(connect_client, MaxResults=2)
    assert v2_numbers(connect_client) == v2_numbers(connect_client)


@pytest.mark.parametrize(
    "released_index",
    [
        pytest.param(0, id="earlier-page"),
        pytest.param(1, id="token-boundary"),  # the last number the token was cut after
        pytest.param(2, id="next-pages-first"),  # where moto's paginate would resume
        pytest.param(4, id="beyond-next-page"),
    ],
)
def test_v2_token_survives_a_release(connect_client, connect_instance, released_index):
    claim_many(connect_client, connect_instance["Id"], 5)
    full = connect_client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    before = [i["PhoneNumber"] for i in full]
    first = connect_client.list_phone_numbers_v2(MaxResults=2)
    first_page = [i["PhoneNumber"] for i in first["ListPhoneNumbersSummaryList"]]
    assert first_page == before[:2]

    released = full[released_index]
    connect_client.release_phone_number(PhoneNumberId=released["PhoneNumberId"])
    rest = v2_numbers(connect_client, MaxResults=2, NextToken=first["NextToken"])

    seen = first_page + rest
    assert len(seen) == len(set(seen))
    expected = [n for i, n in enumerate(before) if i < 2 or i != released_index]
    assert seen == expected


def test_v2_token_survives_a_claim_elsewhere(connect_client, connect_instance):
    claim_many(connect_client, connect_instance["Id"], 5)
    before = v2_numbers(connect_client)
    first = connect_client.list_phone_numbers_v2(MaxResults=2)

    other = new_instance(connect_client, "other")  # the first instance is at its quota
    added = claim(connect_client, other["Id"], "GB", "DID")["PhoneNumber"]
    rest = v2_numbers(connect_client, MaxResults=2, NextToken=first["NextToken"])

    seen = [i["PhoneNumber"] for i in first["ListPhoneNumbersSummaryList"]] + rest
    assert len(seen) == len(set(seen))
    assert set(before) <= set(seen) <= set(before) | {added}


# -- ListPhoneNumbersV2: errors ------------------------------------------------------------------


def test_v2_max_results_zero_is_invalid(connect_client, connect_instance):
    # botocore refuses MaxResults=0 on the client (min 1), so send it as another SDK could.
    response = raw_request("POST", "/phone-number/list", json.dumps({"MaxResults": 0}))
    assert response.status_code == 400
    assert_raw_error(connect_client, "ListPhoneNumbersV2", response, "InvalidParameterException")


def test_v2_max_results_above_1000_is_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        connect_client.list_phone_numbers_v2(MaxResults=1001)


def test_v2_max_results_1000_is_valid(connect_client, connect_instance):
    claim(connect_client, connect_instance["Id"])
    assert (
        len(connect_client.list_phone_numbers_v2(MaxResults=1000)["ListPhoneNumbersSummaryList"])
        == 1
    )


def test_v2_garbage_next_token_is_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        connect_client.list_phone_numbers_v2(NextToken="garbage")


def test_v2_token_with_different_filters_is_invalid(connect_client, connect_instance):
    claim_many(connect_client, connect_instance["Id"], 3)
    token = connect_client.list_phone_numbers_v2(MaxResults=2)["NextToken"]

    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        connect_client.list_phone_numbers_v2(
            MaxResults=2, NextToken=token, PhoneNumberTypes=["TOLL_FREE"]
        )
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        connect_client.list_phone_numbers_v2(
            MaxResults=2, NextToken=token, InstanceId=connect_instance["Id"]
        )


def test_v2_seven_phone_number_types_are_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        connect_client.list_phone_numbers_v2(PhoneNumberTypes=ALL_TYPES)


def test_v2_unknown_country_code_is_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        connect_client.list_phone_numbers_v2(PhoneNumberCountryCodes=["XX"])


def test_v2_unknown_instance_is_not_found(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.ResourceNotFoundException):
        connect_client.list_phone_numbers_v2(InstanceId=unknown_instance_id())


# -- ListPhoneNumbers (v1) -----------------------------------------------------------------------


def test_v1_unknown_instance_is_not_found(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.ResourceNotFoundException):
        connect_client.list_phone_numbers(InstanceId=unknown_instance_id())


def test_v1_items_carry_id_and_the_legacy_instance_scoped_arn(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    claimed = claim_many(connect_client, instance_id, 2)
    account = connect_instance["Arn"].split(":")[4]

    items = connect_client.list_phone_numbers(InstanceId=instance_id)["PhoneNumberSummaryList"]

    assert sorted(i["Id"] for i in items) == sorted(c["PhoneNumberId"] for c in claimed)
    by_id = {c["PhoneNumberId"]: c for c in claimed}
    for item in items:
        assert set(item) == V1_ITEM_KEYS
        assert item["Arn"] == (
            f"arn:aws:connect:us-east-1:{account}:instance/{instance_id}/phone-number/{item['Id']}"
        )
        assert item["Arn"] != by_id[item["Id"]]["PhoneNumberArn"]
        assert item["PhoneNumber"] == by_id[item["Id"]]["PhoneNumber"]
        assert item["PhoneNumberType"] == "TOLL_FREE"
        assert item["PhoneNumberCountryCode"] == "US"


def test_v1_lists_only_that_instances_numbers(connect_client):
    first = new_instance(connect_client, "first")
    second = new_instance(connect_client, "second")
    on_first = {c["PhoneNumberId"] for c in claim_many(connect_client, first["Id"], 2)}
    on_second = {c["PhoneNumberId"] for c in claim_many(connect_client, second["Id"], 1)}

    def listed(instance_id: str) -> set[str]:
        return {
            item["Id"]
            for page in v1_pages(connect_client, InstanceId=instance_id)
            for item in page["PhoneNumberSummaryList"]
        }

    assert listed(first["Id"]) == on_first
    assert listed(second["Id"]) == on_second
    assert listed(new_instance(connect_client, "empty")["Id"]) == set()


def test_v1_default_page_holds_all_five_numbers(connect_client, connect_instance):
    claim_many(connect_client, connect_instance["Id"], 5)

    response = connect_client.list_phone_numbers(InstanceId=connect_instance["Id"])

    assert len(response["PhoneNumberSummaryList"]) == 5
    assert "NextToken" not in response


def test_v1_pagination(connect_client, connect_instance):
    claim_many(connect_client, connect_instance["Id"], 5)
    full = connect_client.list_phone_numbers(InstanceId=connect_instance["Id"])

    pages = v1_pages(connect_client, InstanceId=connect_instance["Id"], MaxResults=2)

    assert [len(p["PhoneNumberSummaryList"]) for p in pages] == [2, 2, 1]
    assert ["NextToken" in p for p in pages] == [True, True, False]
    paged = [i["Id"] for p in pages for i in p["PhoneNumberSummaryList"]]
    assert len(paged) == len(set(paged))
    assert paged == [i["Id"] for i in full["PhoneNumberSummaryList"]]


def test_v1_max_results_above_1000_is_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        connect_client.list_phone_numbers(InstanceId=connect_instance["Id"], MaxResults=1001)


def test_v1_max_results_above_1000_is_invalid_on_the_wire(connect_client, connect_instance):
    response = raw_request(
        "GET", f"/phone-numbers-summary/{connect_instance['Id']}?maxResults=1001"
    )
    assert response.status_code == 400
    assert_raw_error(connect_client, "ListPhoneNumbers", response, "InvalidParameterException")


def test_v1_filters_by_type_and_country(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    us_tf = claim(connect_client, instance_id, "US", "TOLL_FREE")["PhoneNumberId"]
    us_did = claim(connect_client, instance_id, "US", "DID")["PhoneNumberId"]
    gb_did = claim(connect_client, instance_id, "GB", "DID")["PhoneNumberId"]

    def listed(**filters: Any) -> set[str]:
        return {
            item["Id"]
            for page in v1_pages(connect_client, InstanceId=instance_id, **filters)
            for item in page["PhoneNumberSummaryList"]
        }

    assert listed(PhoneNumberTypes=["DID"]) == {us_did, gb_did}
    assert listed(PhoneNumberTypes=["TOLL_FREE"]) == {us_tf}
    assert listed(PhoneNumberCountryCodes=["GB"]) == {gb_did}
    assert listed(PhoneNumberCountryCodes=["US", "GB"]) == {us_tf, us_did, gb_did}
    assert listed(PhoneNumberTypes=["DID"], PhoneNumberCountryCodes=["US"]) == {us_did}


def test_v1_filters_repeat_their_query_key_on_the_wire(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    us_tf = claim(connect_client, instance_id, "US", "TOLL_FREE")["PhoneNumberId"]
    gb_did = claim(connect_client, instance_id, "GB", "DID")["PhoneNumberId"]
    claim(connect_client, instance_id, "GB", "TOLL_FREE")
    model = connect_client.meta.service_model.operation_model("ListPhoneNumbers")

    def listed(query: str) -> set[str]:
        response = raw_request("GET", f"/phone-numbers-summary/{instance_id}?{query}")
        assert response.status_code == 200, response.text
        assert (
            contract_violations(model, response.status_code, response.headers, response.content)
            == []
        )
        return {item["Id"] for item in raw_json(response)["PhoneNumberSummaryList"]}

    assert listed(
        "phoneNumberTypes=DID&phoneNumberTypes=TOLL_FREE&phoneNumberCountryCodes=US"
        "&phoneNumberCountryCodes=GB"
    ) == listed("")
    assert listed("phoneNumberCountryCodes=US&phoneNumberCountryCodes=GB&phoneNumberTypes=DID") == {
        gb_did
    }
    assert listed("phoneNumberTypes=TOLL_FREE&phoneNumberCountryCodes=US") == {us_tf}


def test_v1_unknown_filter_values_are_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        connect_client.list_phone_numbers(
            InstanceId=connect_instance["Id"], PhoneNumberCountryCodes=["XX"]
        )
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        connect_client.list_phone_numbers(
            InstanceId=connect_instance["Id"], PhoneNumberTypes=ALL_TYPES
        )
