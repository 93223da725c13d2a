"""SearchAvailablePhoneNumbers, through boto3: what the stock offers, its order and its errors."""

from __future__ import annotations

import json
import uuid
from itertools import islice
from typing import Any

import phonenumbers
import pytest
from moto import mock_aws
from phonenumbers import PhoneNumberType, geocoder

from moto_connect_ext import control
from moto_connect_ext.connect import number_patterns, pagination
from support import (
    as_account,
    claim,
    client,
    contract_violations,
    new_instance,
    raw_request,
)

US_TOLL_FREE_AREA_CODES = ("800", "833", "844", "855", "866", "877", "888")
UNSUPPORTED_TYPES = ("UIFN", "SHARED", "THIRD_PARTY_TF", "THIRD_PARTY_DID", "SHORT_CODE")
OTHER_ACCOUNT = "111122223333"


def search(
    connect: Any, instance_id: str, country: str = "US", kind: str = "TOLL_FREE", **kwargs: Any
) -> dict[str, Any]:
    response: dict[str, Any] = connect.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode=country, PhoneNumberType=kind, **kwargs
    )
    return response


def numbers(
    connect: Any, instance_id: str, country: str = "US", kind: str = "TOLL_FREE", **kwargs: Any
) -> list[str]:
    found = search(connect, instance_id, country, kind, **kwargs)["AvailableNumbersList"]
    return [item["PhoneNumber"] for item in found]


def stock(country: str, kind: str, count: int, prefix: str | None = None) -> list[str]:
    """The first numbers of a query's stock, in order (the stock is the same in every process)."""
    return list(islice(number_patterns.iter_stock(country, kind, prefix), count))


def no_toll_free_region() -> str:
    """A Region in the model's country enum whose libphonenumber metadata has no toll-free numbers."""
    enum = client().meta.service_model.shape_for("PhoneNumberCountryCode").enum
    for region in sorted(enum):
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if metadata is None or metadata.country_code is None:
            continue
        if metadata.toll_free is None or metadata.toll_free.national_number_pattern is None:
            return region
    raise AssertionError("every Region in the enum has toll-free metadata")


# -- what is offered -----------------------------------------------------------------------------


def test_us_toll_free_numbers_are_real_toll_free_numbers(connect_client, connect_instance):
    found = search(connect_client, connect_instance["Id"], "US", "TOLL_FREE")[
        "AvailableNumbersList"
    ]

    assert found
    for item in found:
        assert set(item) == {"PhoneNumber", "PhoneNumberCountryCode", "PhoneNumberType"}
        number = item["PhoneNumber"]
        assert number.startswith("+1")
        assert number[2:5] in US_TOLL_FREE_AREA_CODES, number
        assert item["PhoneNumberCountryCode"] == "US"
        assert item["PhoneNumberType"] == "TOLL_FREE"
        parsed = phonenumbers.parse(number)
        assert phonenumbers.is_valid_number(parsed)
        assert phonenumbers.number_type(parsed) == PhoneNumberType.TOLL_FREE


@pytest.mark.parametrize("area_code", US_TOLL_FREE_AREA_CODES)
def test_every_us_toll_free_area_code_has_stock(connect_client, connect_instance, area_code):
    found = numbers(
        connect_client, connect_instance["Id"], PhoneNumberPrefix=f"+1{area_code}", MaxResults=3
    )
    assert len(found) == 3
    assert all(n.startswith(f"+1{area_code}") for n in found), found


def test_gb_did_numbers_are_valid_uk_geographic_numbers(connect_client, connect_instance):
    found = search(connect_client, connect_instance["Id"], "GB", "DID")["AvailableNumbersList"]

    assert found
    for item in found:
        assert item["PhoneNumberCountryCode"] == "GB"
        assert item["PhoneNumberType"] == "DID"
        parsed = phonenumbers.parse(item["PhoneNumber"])
        assert phonenumbers.is_valid_number(parsed), item
        assert phonenumbers.region_code_for_number(parsed) == "GB"
        assert phonenumbers.number_type(parsed) in (
            PhoneNumberType.FIXED_LINE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE,
        ), item


def test_prefix_with_and_without_plus_is_the_same_query(connect_client, connect_instance):
    with_plus = numbers(connect_client, connect_instance["Id"], PhoneNumberPrefix="+1800")
    without_plus = numbers(connect_client, connect_instance["Id"], PhoneNumberPrefix="1800")

    assert with_plus == without_plus == stock("US", "TOLL_FREE", 10, "+1800")


def test_long_prefix_gives_london_numbers(connect_client, connect_instance):
    found = numbers(connect_client, connect_instance["Id"], "GB", "DID", PhoneNumberPrefix="+4420")

    assert len(found) == 10
    for number in found:
        assert number.startswith("+4420")
        parsed = phonenumbers.parse(number)
        assert phonenumbers.is_valid_number(parsed)
        assert geocoder.description_for_number(parsed, "en") == "London", number


def test_the_same_searches_after_a_reset_give_the_same_numbers():
    def query() -> tuple[list[str], list[str]]:
        connect = client()
        instance_id = new_instance(connect)["Id"]
        return (
            numbers(connect, instance_id, "US", "TOLL_FREE"),
            numbers(connect, instance_id, "GB", "DID", PhoneNumberPrefix="+44161"),
        )

    with mock_aws():
        first = query()
        assert query() == first  # nothing changed the stock: the same answers, as in AWS
    with mock_aws():
        assert query() == first
    assert first == (stock("US", "TOLL_FREE", 10), stock("GB", "DID", 10, "+44161"))


# -- pagination ----------------------------------------------------------------------------------


def test_next_token_continues_with_the_next_numbers(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    first = search(connect_client, instance_id, MaxResults=3)
    assert "NextToken" in first
    second = search(connect_client, instance_id, MaxResults=3, NextToken=first["NextToken"])

    page_one = [n["PhoneNumber"] for n in first["AvailableNumbersList"]]
    page_two = [n["PhoneNumber"] for n in second["AvailableNumbersList"]]
    assert len(page_one) == len(page_two) == 3
    assert page_one + page_two == stock("US", "TOLL_FREE", 6)


def test_max_results_above_ten_is_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        search(connect_client, connect_instance["Id"], MaxResults=11)


def test_max_results_zero_is_invalid_on_the_wire(connect_client, connect_instance):
    # botocore refuses MaxResults=0 on the client (min 1); another SDK might send it.
    body = {
        "InstanceId": connect_instance["Id"],
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "TOLL_FREE",
        "MaxResults": 0,
    }
    response = raw_request("POST", "/phone-number/search-available", json.dumps(body))

    assert response.status_code == 400
    assert response.headers.get("x-amzn-ErrorType", "").startswith("InvalidParameterException")
    model = connect_client.meta.service_model.operation_model("SearchAvailablePhoneNumbers")
    assert (
        contract_violations(model, response.status_code, response.headers, response.content) == []
    )


def test_max_results_defaults_to_ten(connect_client, connect_instance):
    response = search(connect_client, connect_instance["Id"])

    assert len(response["AvailableNumbersList"]) == 10
    assert "NextToken" in response
    assert [n["PhoneNumber"] for n in response["AvailableNumbersList"]] == stock(
        "US", "TOLL_FREE", 10
    )


# -- availability --------------------------------------------------------------------------------


def test_a_claimed_number_is_not_offered(connect_client, connect_instance):
    offered = numbers(connect_client, connect_instance["Id"], MaxResults=3)
    connect_client.claim_phone_number(InstanceId=connect_instance["Id"], PhoneNumber=offered[0])

    after = numbers(connect_client, connect_instance["Id"], MaxResults=3)
    assert offered[0] not in after
    assert after[:2] == offered[1:]


def test_a_number_claimed_by_another_account_is_not_offered(connect_client, connect_instance):
    other = as_account(OTHER_ACCOUNT)
    other_instance = new_instance(other, "other-account")
    assert other_instance["Arn"].split(":")[4] == OTHER_ACCOUNT
    offered = numbers(connect_client, connect_instance["Id"], MaxResults=3)

    taken = other.claim_phone_number(InstanceId=other_instance["Id"], PhoneNumber=offered[0])

    assert taken["PhoneNumberArn"].split(":")[4] == OTHER_ACCOUNT
    assert offered[0] not in numbers(connect_client, connect_instance["Id"])
    assert offered[0] not in numbers(other, other_instance["Id"])


def test_a_number_claimed_in_another_region_is_not_offered(connect_client, connect_instance):
    west = client("us-west-2")
    taken = claim(west, new_instance(west, "west")["Id"])["PhoneNumber"]

    assert taken not in numbers(connect_client, connect_instance["Id"])


def test_a_released_number_is_not_offered(connect_client, connect_instance):
    claimed = claim(connect_client, connect_instance["Id"])

    connect_client.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    assert claimed["PhoneNumber"] not in numbers(connect_client, connect_instance["Id"])


@pytest.mark.parametrize("kind", UNSUPPORTED_TYPES)
def test_types_without_stock_give_an_empty_list(connect_client, connect_instance, kind):
    response = search(connect_client, connect_instance["Id"], "US", kind)

    assert response["AvailableNumbersList"] == []
    assert "NextToken" not in response


def test_country_without_toll_free_numbers_gives_an_empty_list(connect_client, connect_instance):
    region = no_toll_free_region()

    response = search(connect_client, connect_instance["Id"], region, "TOLL_FREE")

    assert response["AvailableNumbersList"] == [], region
    assert "NextToken" not in response


def test_target_arn_works_like_instance_id(connect_client, connect_instance):
    by_arn = connect_client.search_available_phone_numbers(
        TargetArn=connect_instance["Arn"], PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE"
    )["AvailableNumbersList"]

    assert [n["PhoneNumber"] for n in by_arn] == numbers(connect_client, connect_instance["Id"])


# -- errors --------------------------------------------------------------------------------------


def test_unknown_country_is_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        search(connect_client, connect_instance["Id"], "XX", "TOLL_FREE")


def test_unknown_type_is_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        search(connect_client, connect_instance["Id"], "US", "MOBILE")


def test_unknown_instance_is_invalid_parameter(connect_client, connect_instance):
    # ResourceNotFoundException is not modelled for this operation (decided).
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        search(connect_client, str(uuid.uuid4()))


def test_neither_instance_nor_target_is_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        connect_client.search_available_phone_numbers(
            PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE"
        )


def test_non_numeric_prefix_is_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        search(connect_client, connect_instance["Id"], PhoneNumberPrefix="abc")


def test_garbage_next_token_is_invalid(connect_client, connect_instance):
    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        search(connect_client, connect_instance["Id"], NextToken="garbage")


def test_next_token_of_another_query_is_invalid(connect_client, connect_instance):
    token = search(connect_client, connect_instance["Id"], MaxResults=1)["NextToken"]

    with pytest.raises(connect_client.exceptions.InvalidParameterException):
        search(connect_client, connect_instance["Id"], "GB", "DID", NextToken=token)


# -- Canadian toll-free numbers ------------------------------------------------------------------


def test_ca_toll_free_offers_nanp_toll_free_numbers(connect_client, connect_instance):
    found = search(connect_client, connect_instance["Id"], "CA", "TOLL_FREE", MaxResults=5)[
        "AvailableNumbersList"
    ]

    assert [n["PhoneNumber"] for n in found] == stock("US", "TOLL_FREE", 5)
    for item in found:
        assert item["PhoneNumberCountryCode"] == "CA"
        assert item["PhoneNumberType"] == "TOLL_FREE"
        assert item["PhoneNumber"][2:5] in US_TOLL_FREE_AREA_CODES


def test_ca_toll_free_prefix_steers_the_search(connect_client, connect_instance):
    found = numbers(
        connect_client, connect_instance["Id"], "CA", "TOLL_FREE", PhoneNumberPrefix="+1844"
    )

    assert len(found) == 10
    assert all(n.startswith("+1844") for n in found), found
    assert (
        numbers(
            connect_client, connect_instance["Id"], "CA", "TOLL_FREE", PhoneNumberPrefix="+1212"
        )
        == []
    )


@pytest.mark.parametrize(("search_country", "other_country"), [("CA", "US"), ("US", "CA")])
def test_a_toll_free_number_claimed_through_either_country_is_taken_for_both(
    connect_client, connect_instance, search_country, other_country
):
    instance_id = connect_instance["Id"]
    number = numbers(connect_client, instance_id, search_country, "TOLL_FREE", MaxResults=1)[0]
    claimed = connect_client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)

    assert number not in numbers(connect_client, instance_id, other_country, "TOLL_FREE")
    assert number not in numbers(connect_client, instance_id, search_country, "TOLL_FREE")
    summary = connect_client.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]
    # libphonenumber (and so the plugin) cannot tell a Canadian +1 8xx number from a US one.
    assert summary["PhoneNumberCountryCode"] == "US"
    assert summary["PhoneNumberType"] == "TOLL_FREE"
    with pytest.raises(connect_client.exceptions.InvalidParameterException, match="not available"):
        connect_client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)


def test_us_and_ca_toll_free_searches_offer_the_same_numbers(connect_client, connect_instance):
    us = numbers(connect_client, connect_instance["Id"], "US", "TOLL_FREE")
    ca = numbers(connect_client, connect_instance["Id"], "CA", "TOLL_FREE")

    assert us == ca == stock("US", "TOLL_FREE", 10)


def test_other_nanp_toll_free_searches_stay_empty(connect_client, connect_instance):
    for country in ("PR", "JM"):
        response = search(connect_client, connect_instance["Id"], country, "TOLL_FREE")
        assert response["AvailableNumbersList"] == [], country
        assert "NextToken" not in response


# -- how many numbers one search offers ----------------------------------------------------------


def paginate(connect: Any, instance_id: str, country: str, kind: str, **kwargs: Any) -> list[str]:
    """Every page of one query, collected the way a user collects a paginator."""
    pages = connect.get_paginator("search_available_phone_numbers").paginate(
        InstanceId=instance_id, PhoneNumberCountryCode=country, PhoneNumberType=kind, **kwargs
    )
    return [n["PhoneNumber"] for page in pages for n in page["AvailableNumbersList"]]


@pytest.mark.parametrize(
    ("country", "kind"), [("US", "DID"), ("GB", "TOLL_FREE"), ("CA", "TOLL_FREE")]
)
def test_the_paginator_ends_after_the_numbers_one_search_offers(
    connect_client, connect_instance, country, kind
):
    found = paginate(connect_client, connect_instance["Id"], country, kind)

    assert len(found) == 100  # numbers_per_search's default
    assert len(set(found)) == 100
    assert found == stock(country, kind, 100)


def test_numbers_per_search_is_a_setting(connect_client, connect_instance):
    control.configure(numbers_per_search=25)

    found = paginate(
        connect_client, connect_instance["Id"], "US", "TOLL_FREE", PaginationConfig={"PageSize": 4}
    )

    assert found == stock("US", "TOLL_FREE", 25)


@pytest.mark.parametrize("value", [0, -1, 2.5, "10", True])
def test_numbers_per_search_must_be_a_positive_whole_number(value):
    with pytest.raises(ValueError, match="numbers_per_search"):
        control.configure(numbers_per_search=value)


def test_the_last_page_within_the_bound_has_no_token(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    control.configure(numbers_per_search=15)
    first = search(connect_client, instance_id)
    second = search(connect_client, instance_id, NextToken=first["NextToken"])

    assert len(first["AvailableNumbersList"]) == 10
    assert len(second["AvailableNumbersList"]) == 5
    assert "NextToken" not in second


def test_a_new_search_after_the_bound_starts_again(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    control.configure(numbers_per_search=10)
    first = search(connect_client, instance_id)
    assert "NextToken" not in first

    again = numbers(connect_client, instance_id)

    assert again == stock("US", "TOLL_FREE", 10)


def test_numbers_from_a_later_page_can_be_claimed(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    first = search(connect_client, instance_id, MaxResults=3)
    second = search(connect_client, instance_id, MaxResults=3, NextToken=first["NextToken"])
    third = search(connect_client, instance_id, MaxResults=3, NextToken=second["NextToken"])

    for page in (third, first):
        number = page["AvailableNumbersList"][0]["PhoneNumber"]
        claimed = connect_client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        assert claimed["PhoneNumberId"]


def test_a_tampered_position_in_a_token_is_invalid(connect_client, connect_instance):
    query = {
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "TOLL_FREE",
        "PhoneNumberPrefix": None,
        "TargetArn": None,
        "InstanceId": connect_instance["Id"],
    }
    for position in ("+18002000000", "x:+18002000000", "12:"):
        token = pagination.encode(position, query)
        with pytest.raises(connect_client.exceptions.InvalidParameterException, match="NextToken"):
            search(connect_client, connect_instance["Id"], NextToken=token)
