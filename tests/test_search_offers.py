"""Searches hand out different numbers to searches running side by side, and never stall others.

Clients sharing one server (test workers, CI jobs) search and then claim at the same time; each
must be offered numbers no other search has just been offered, and a slow search must not hold
the state lock that every other request needs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from itertools import islice
from typing import Any
from unittest import mock

import pytest

from moto_connect_ext import control
from moto_connect_ext.connect import inventory
from moto_connect_ext.connect.models import stock as stock_state
from moto_connect_ext.connect.models.stock import OFFER_TIME, SearchOffers
from support import as_account, client, new_instance

WORKERS = 8


def stock(count: int, country: str = "US", kind: str = "TOLL_FREE") -> list[str]:
    return list(islice(inventory.iter_stock(country, kind), count))


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


@pytest.mark.parametrize("accounts", [1, 4], ids=["same-account", "four-accounts"])
def test_concurrent_search_then_claim_never_collides(connect_client, accounts):
    clients = [as_account(f"{100000000000 + i % accounts:012d}") for i in range(WORKERS)]
    instances = [new_instance(c, f"worker-{i}")["Id"] for i, c in enumerate(clients)]

    claimed = run_together(
        [lambda c=c, i=i: search_then_claim(c, i) for c, i in zip(clients, instances, strict=True)]
    )

    assert len(set(claimed)) == WORKERS
    assert sorted(claimed) == stock(WORKERS)


def test_concurrent_pages_are_all_different(connect_client, connect_instance):
    clients = [client() for _ in range(WORKERS)]

    pages = run_together(
        [lambda c=c: first_number(c, connect_instance["Id"], MaxResults=5) for c in clients]
    )

    offered = [number for page in pages for number in page]
    assert len(offered) == len(set(offered)) == 5 * WORKERS
    assert sorted(offered) == stock(5 * WORKERS)


def test_a_search_skips_what_another_was_just_offered(connect_client, connect_instance):
    other = as_account("111122223333")
    other_instance = new_instance(other, "other")["Id"]

    mine = first_number(connect_client, connect_instance["Id"], MaxResults=3)
    theirs = first_number(other, other_instance, MaxResults=3)
    with_prefix = first_number(connect_client, connect_instance["Id"], PhoneNumberPrefix="+1800")

    assert mine + theirs + with_prefix == stock(7)


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


def test_offers_lapse_and_the_first_number_comes_back(connect_client, connect_instance):
    instance_id = connect_instance["Id"]
    assert first_number(connect_client, instance_id) == stock(1)
    control.advance_clock(seconds=OFFER_TIME.total_seconds() - 1)
    assert first_number(connect_client, instance_id) == stock(2)[1:]

    control.advance_clock(seconds=OFFER_TIME.total_seconds() + 1)

    assert first_number(connect_client, instance_id) == stock(1)


def test_claims_ignore_offers(connect_client, connect_instance):
    other = as_account("111122223333")
    other_instance = new_instance(other, "other")["Id"]
    offered = first_number(connect_client, connect_instance["Id"])[0]

    claimed = other.claim_phone_number(InstanceId=other_instance, PhoneNumber=offered)

    assert claimed["PhoneNumberId"]
    with pytest.raises(connect_client.exceptions.InvalidParameterException, match="not available"):
        connect_client.claim_phone_number(InstanceId=connect_instance["Id"], PhoneNumber=offered)


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
        mock.patch.object(stock_state, "MAX_OFFERS", 50),
        mock.patch.object(stock_state, "_MAX_REMEMBERED_QUERIES", 5),
    ):
        for index, number in enumerate(stock(200)):
            assert offers.offer(number, at)
            offers.offered((*key[:2], str(index)), number, at)
        offers.resume_after(key, at)
        assert len(offers._ends) <= 50
        assert len(offers._last_offered) <= 5

    offers.offer(stock(201)[-1], at + OFFER_TIME)
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
    real_iter_stock = inventory.iter_stock

    def slow_iter_stock(*args: Any, **kwargs: Any) -> Any:
        walking.set()
        described_in_time.append(described.wait(timeout=10))
        yield from real_iter_stock(*args, **kwargs)

    searcher = client()
    with mock.patch.object(inventory, "iter_stock", slow_iter_stock):
        thread = threading.Thread(target=lambda: first_number(searcher, instance_id))
        thread.start()
        assert walking.wait(timeout=10)
        connect_client.describe_phone_number(PhoneNumberId=phone_id)
        described.set()
        thread.join(timeout=30)

    assert described_in_time[0], "DescribePhoneNumber waited for the search to finish"
