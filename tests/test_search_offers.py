"""Searches answer like AWS's by default, hand out different numbers once offers are turned on,
and never stall others.

In AWS, searches side by side return the same numbers (terraform-provider-aws#45572), so that is
the default. Clients sharing one server (test workers, CI jobs) that search and then claim at the
same time turn on ``search_offer_seconds``; each is then offered numbers no other search has just
been offered. Either way a slow search must not hold the state lock every other request needs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import islice
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from moto import mock_aws

from moto_connect_ext import control
from moto_connect_ext.connect import number_patterns
from moto_connect_ext.connect.models import search_offers as offers_state
from moto_connect_ext.connect.models.search_offers import SearchOffers
from support import as_account, client, new_instance

WORKERS = 8
#: The hold the tests of offers turn on (``search_offer_seconds``).
OFFER_TIME = timedelta(seconds=60)


def stock(count: int, country: str = "US", kind: str = "TOLL_FREE") -> list[str]:
    return list(islice(number_patterns.iter_stock(country, kind), count))


def first_number(connect: Any, instance_id: str, **kwargs: Any) -> list[str]:
    found = connect.search_available_phone_numbers(
        InstanceId=instance_id,
        PhoneNumberCountryCode="US",
        PhoneNumberType="TOLL_FREE",
        **{"MaxResults": 1, **kwargs},
    )["AvailableNumbersList"]
    return [n["PhoneNumber"] for n in found]


def run_together(work: list[Callable[[], Any]]) -> list[Any]:
    """Run each callable in its own thread, released at once; results in order, errors raised."""
    barrier = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work[index]()
        except BaseException as error:  # reported by the test thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def search_then_claim(connect: Any, instance_id: str) -> str:
    """What a user's test does: take the first number a search offers and claim it."""
    number = first_number(connect, instance_id)[0]
    connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    return number


def release_first_number(connect: Any, instance_id: str) -> tuple[str, datetime]:
    """Claim and release the stock's first number on a frozen clock, with a cooldown of a day:
    the number and when it was released."""
    control.configure(cooldown_days=1)
    released_at = control.freeze_clock(datetime(2031, 3, 1, 12))
    number = stock(1)[0]
    claimed = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    return number, released_at


# -- the default: AWS's answers ------------------------------------------------------------------


def test_searches_side_by_side_return_the_same_numbers_by_default(connect_client, connect_instance):
    """terraform-provider-aws#45572: parallel creates searched, got the same number, and all but
    one claim failed with "Phone number not available"."""
    instance_id = connect_instance["Id"]
    searches = run_together([lambda: first_number(client(), instance_id)] * WORKERS)

    assert searches == [stock(1)] * WORKERS
    connect_client.claim_phone_number(InstanceId=instance_id, PhoneNumber=searches[0][0])
    with pytest.raises(connect_client.exceptions.InvalidParameterException) as caught:
        connect_client.claim_phone_number(InstanceId=instance_id, PhoneNumber=searches[1][0])
    assert caught.value.response["Error"]["Message"] == (
        f"Phone number not available: {searches[1][0]}"
    )


def test_the_same_search_again_gives_the_same_numbers_by_default(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    first = first_number(connect_client, instance_id, MaxResults=10)

    assert first_number(connect_client, instance_id, MaxResults=10) == first == stock(10)
    assert (
        first_number(
            as_account("111122223333"),
            new_instance(as_account("111122223333"), "other")["Id"],
            MaxResults=3,
        )
        == first[:3]
    )


def search_page(connect: Any, instance_id: str, **kwargs: Any) -> dict[str, Any]:
    return connect.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE", **kwargs
    )


def test_a_paginator_walked_twice_gives_every_item_once_each_time(connect_client, connect_instance):
    control.configure(numbers_per_search=25)
    paginator = connect_client.get_paginator("search_available_phone_numbers")

    def walk() -> list[str]:
        pages = paginator.paginate(
            InstanceId=connect_instance["Id"],
            PhoneNumberCountryCode="US",
            PhoneNumberType="TOLL_FREE",
            PaginationConfig={"PageSize": 4},
        )
        return [n["PhoneNumber"] for page in pages for n in page["AvailableNumbersList"]]

    assert first_number(connect_client, connect_instance["Id"], MaxResults=10) == stock(10)
    assert walk() == walk() == stock(25)


def test_a_token_used_twice_gives_the_same_page(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    token = search_page(connect_client, instance_id, MaxResults=3)["NextToken"]

    once = search_page(connect_client, instance_id, MaxResults=3, NextToken=token)
    twice = search_page(connect_client, instance_id, MaxResults=3, NextToken=token)

    assert once["AvailableNumbersList"] == twice["AvailableNumbersList"]
    assert once["NextToken"] == twice["NextToken"]
    assert [n["PhoneNumber"] for n in once["AvailableNumbersList"]] == stock(6)[3:]


def test_a_released_number_is_first_again_the_moment_its_cooldown_ends(
    connect_client, connect_instance
):
    """Searches at the boundary: one a second before the cooldown ends must not move the next
    search on past the number that is back a second later."""
    instance_id = connect_instance["Id"]
    _, released_at = release_first_number(connect_client, instance_id)

    control.freeze_clock(released_at + timedelta(days=1, seconds=-1))
    assert first_number(connect_client, instance_id, MaxResults=10) == stock(11)[1:]
    control.freeze_clock(released_at + timedelta(days=1))

    assert first_number(connect_client, instance_id, MaxResults=10) == stock(10)


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    country=st.sampled_from(["US", "CA", "GB", "DE", "PR"]),
    kind=st.sampled_from(["TOLL_FREE", "DID"]),
    prefix=st.none() | st.text("0123456789", min_size=1, max_size=4).map(lambda p: "+" + p),
    size=st.integers(1, 10),
)
def test_identical_searches_give_identical_answers_until_the_stock_changes(
    country: str, kind: str, prefix: str | None, size: int
) -> None:
    with mock_aws():
        connect = client()
        instance_id = new_instance(connect)["Id"]
        query = {"PhoneNumberCountryCode": country, "PhoneNumberType": kind, "MaxResults": size}
        if prefix:
            query["PhoneNumberPrefix"] = prefix

        def answer() -> list[str]:
            page = connect.search_available_phone_numbers(InstanceId=instance_id, **query)
            return [n["PhoneNumber"] for n in page["AvailableNumbersList"]]

        first = answer()
        assert answer() == first
        assert (
            as_account("111122223333").search_available_phone_numbers(
                InstanceId=new_instance(as_account("111122223333"), "other")["Id"], **query
            )["AvailableNumbersList"]
            == connect.search_available_phone_numbers(InstanceId=instance_id, **query)[
                "AvailableNumbersList"
            ]
        )
        if first:
            connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=first[0])
            assert first[0] not in answer()


def test_search_offer_seconds_is_a_setting_of_at_most_a_day():
    for value in (-1, 86_401, float("nan"), "60", True):
        with pytest.raises(ValueError, match="search_offer_seconds"):
            control.configure(search_offer_seconds=value)


# -- offers, opt-in ------------------------------------------------------------------------------


@pytest.fixture
def offers_on(connect_client):
    control.configure(search_offer_seconds=OFFER_TIME.total_seconds())


@pytest.mark.parametrize("accounts", [1, 4], ids=["same-account", "four-accounts"])
@pytest.mark.usefixtures("offers_on")
def test_concurrent_search_then_claim_never_collides(connect_client, accounts):
    clients = [as_account(f"{100000000000 + i % accounts:012d}") for i in range(WORKERS)]
    instances = [new_instance(c, f"worker-{i}")["Id"] for i, c in enumerate(clients)]

    claimed = run_together(
        [lambda c=c, i=i: search_then_claim(c, i) for c, i in zip(clients, instances, strict=True)]
    )

    assert len(set(claimed)) == WORKERS
    assert sorted(claimed) == stock(WORKERS)


@pytest.mark.usefixtures("offers_on")
def test_concurrent_pages_are_all_different(connect_client, connect_instance):
    clients = [client() for _ in range(WORKERS)]

    pages = run_together(
        [lambda c=c: first_number(c, connect_instance["Id"], MaxResults=5) for c in clients]
    )

    offered = [number for page in pages for number in page]
    assert len(offered) == len(set(offered)) == 5 * WORKERS
    assert sorted(offered) == stock(5 * WORKERS)


@pytest.mark.usefixtures("offers_on")
def test_a_search_skips_what_another_was_just_offered(connect_client, connect_instance):
    other = as_account("111122223333")
    other_instance = new_instance(other, "other")["Id"]

    mine = first_number(connect_client, connect_instance["Id"], MaxResults=3)
    theirs = first_number(other, other_instance, MaxResults=3)
    with_prefix = first_number(connect_client, connect_instance["Id"], PhoneNumberPrefix="+1800")

    assert mine + theirs + with_prefix == stock(7)


@pytest.mark.usefixtures("offers_on")
def test_a_next_page_continues_its_query_past_other_offers(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    first = connect_client.search_available_phone_numbers(
        InstanceId=instance_id,
        PhoneNumberCountryCode="US",
        PhoneNumberType="TOLL_FREE",
        MaxResults=2,
    )
    between = first_number(client(), instance_id, MaxResults=2)
    second = connect_client.search_available_phone_numbers(
        InstanceId=instance_id,
        PhoneNumberCountryCode="US",
        PhoneNumberType="TOLL_FREE",
        MaxResults=2,
        NextToken=first["NextToken"],
    )

    page_one = [n["PhoneNumber"] for n in first["AvailableNumbersList"]]
    page_two = [n["PhoneNumber"] for n in second["AvailableNumbersList"]]
    assert page_one + between + page_two == stock(6)


@pytest.mark.usefixtures("offers_on")
def test_offers_lapse_and_the_first_number_comes_back(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    assert first_number(connect_client, instance_id) == stock(1)
    control.advance_clock(seconds=OFFER_TIME.total_seconds() - 1)
    assert first_number(connect_client, instance_id) == stock(2)[1:]

    control.advance_clock(seconds=OFFER_TIME.total_seconds() + 1)

    assert first_number(connect_client, instance_id) == stock(1)


@pytest.mark.usefixtures("offers_on")
def test_claims_ignore_offers(connect_client, connect_instance):
    other = as_account("111122223333")
    other_instance = new_instance(other, "other")["Id"]
    offered = first_number(connect_client, connect_instance["Id"])[0]

    claimed = other.claim_phone_number(InstanceId=other_instance, PhoneNumber=offered)

    assert claimed["PhoneNumberId"]
    with pytest.raises(connect_client.exceptions.InvalidParameterException, match="not available"):
        connect_client.claim_phone_number(InstanceId=connect_instance["Id"], PhoneNumber=offered)


@pytest.mark.usefixtures("offers_on")
def test_a_search_with_offers_first_ends_what_is_due(connect_client, connect_instance):
    """A search is the first request after a cooldown ends: the number is in its answer."""
    instance_id = connect_instance["Id"]
    number, released_at = release_first_number(connect_client, instance_id)

    control.freeze_clock(released_at + timedelta(days=1))

    assert first_number(connect_client, instance_id, PhoneNumberPrefix=number) == [number]


@pytest.mark.usefixtures("offers_on")
def test_a_small_stock_goes_round_again_once_exhausted(connect_client, connect_instance):
    # A whole number as prefix: a stock of one. A second search while it is on offer finds
    # nothing; once the offer lapses it is offered again.
    number = stock(1)[0]
    instance_id = connect_instance["Id"]
    assert first_number(connect_client, instance_id, PhoneNumberPrefix=number) == [number]
    assert first_number(connect_client, instance_id, PhoneNumberPrefix=number) == []

    control.advance_clock(seconds=OFFER_TIME.total_seconds() + 1)

    assert first_number(connect_client, instance_id, PhoneNumberPrefix=number) == [number]


# -- bounded memory (in-process: reads the offers directly) -------------------------------------


@pytest.mark.in_process_only
def test_offers_stay_bounded():
    offers = SearchOffers("aws", "000000000000")
    at = datetime(2026, 1, 1)
    key = ("US", "TOLL_FREE", "")
    with (
        mock.patch.object(offers_state, "MAX_OFFERS", 50),
        mock.patch.object(offers_state, "MAX_REMEMBERED_QUERIES", 5),
    ):
        for index, number in enumerate(stock(200)):
            assert offers.offer(number, at, OFFER_TIME)
            offers.offered((*key[:2], str(index)), number, at, OFFER_TIME)
        offers.resume_after(key, at)
        assert len(offers._ends) <= 50
        assert len(offers._last_offered) <= 5

    offers.offer(stock(201)[-1], at + OFFER_TIME, OFFER_TIME)
    assert list(offers._ends) == [stock(201)[-1]]
    assert offers.resume_after(key, at + OFFER_TIME) is None
    assert offers._last_offered == {}


# -- the state lock ------------------------------------------------------------------------------


@pytest.mark.in_process_only
def test_a_slow_search_does_not_hold_the_state_lock(connect_client, connect_instance):
    """While a search walks the inventory, other requests (a describe here) run."""
    instance_id = connect_instance["Id"]
    number = stock(1, "US", "DID")[0]
    phone_id = connect_client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)[
        "PhoneNumberId"
    ]
    walking, described = threading.Event(), threading.Event()
    described_in_time: list[bool] = []
    real_iter_stock = number_patterns.iter_stock

    def slow_iter_stock(*args: Any, **kwargs: Any) -> Any:
        walking.set()
        described_in_time.append(described.wait(timeout=10))
        yield from real_iter_stock(*args, **kwargs)

    searcher = client()
    with mock.patch.object(number_patterns, "iter_stock", slow_iter_stock):
        thread = threading.Thread(target=lambda: first_number(searcher, instance_id))
        thread.start()
        assert walking.wait(timeout=10)
        connect_client.describe_phone_number(PhoneNumberId=phone_id)
        described.set()
        thread.join(timeout=30)

    assert described_in_time[0], "DescribePhoneNumber waited for the search to finish"
