"""A server under load: requests per second of DescribePhoneNumber against moto's own
DescribeInstance (`server_throughput`), a probe's worst latency while first-time searches run
beside it (`search_contention`), and RSS growth per claim/release cycle of a long-running server,
inside the rules' windows and past them (`server_memory`); what a shared, long-running
moto-connect-server costs its callers.
"""

from __future__ import annotations

import functools
import logging
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from moto.server import ThreadedMotoServer

from moto_connect_ext import control
from moto_connect_ext.server import running

from .common import Cycle, new_instance, server_client, stock
from .memory import records_per_cycle


@contextmanager
def server() -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    srv = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    srv.start()
    host, port = srv.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        srv.stop()


def rss_bytes(pid: int) -> int:
    """Resident set size of a process (Linux)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def _first_time_queries(round_number: int) -> list[dict[str, str]]:
    """Ten search queries no earlier round made, with little or no stock: Canadian toll-free
    numbers under new prefixes, Trinidad and Tobago's few toll-free numbers, and toll-free numbers
    of regions whose calling code another region's numbers fill."""
    exchange = 200 + round_number
    queries = [
        {"PhoneNumberCountryCode": "CA", "PhoneNumberPrefix": f"+18{code}{exchange}"}
        for code in ("33", "44", "55", "66", "77", "88")
    ]
    queries += [
        {"PhoneNumberCountryCode": country, "PhoneNumberPrefix": prefix}
        for country, prefix in (
            ("TT", f"+1868800{round_number:02d}"),
            ("PR", f"+1800{exchange}"),
            ("JM", f"+1888{exchange}"),
            ("GG", f"+44800{exchange}"),
        )
    ]
    return queries


def _worst_during(probe: Callable[[], float], work: list[Callable[[], Any]]) -> float:
    """The slowest ``probe`` while every callable of ``work`` runs in its own thread."""
    gate = threading.Barrier(len(work) + 1)

    def run(call: Callable[[], Any]) -> None:
        gate.wait()
        call()

    threads = [threading.Thread(target=run, args=(call,)) for call in work]
    for thread in threads:
        thread.start()
    gate.wait()
    during = [probe()]
    while any(thread.is_alive() for thread in threads):
        during.append(probe())
    for thread in threads:
        thread.join()
    return max(during)


def search_contention(rounds: int, baseline_calls: int) -> dict[str, Any]:
    """Worst DescribePhoneNumber latency while ten first-time searches run in other threads,
    against its median alone, on a moto-connect-server process (boto3 clients in threads here).

    The control runs ten DescribeInstance calls instead: what any ten concurrent requests cost.
    The floor sends those ten to a second server, leaving the probe's server idle: what this
    process's own client threads and the machine's shared cores cost the probe.
    """
    with running() as (endpoint, _), running() as (elsewhere, _):
        describer = server_client(endpoint)
        instance_id = new_instance(describer)
        phone_id = describer.claim_phone_number(InstanceId=instance_id, PhoneNumber=next(stock(1)))[
            "PhoneNumberId"
        ]
        others = [server_client(endpoint) for _ in range(10)]

        def describe() -> float:
            start = time.perf_counter()
            describer.describe_phone_number(PhoneNumberId=phone_id)
            return time.perf_counter() - start

        def searches(round_number: int) -> list[Callable[[], Any]]:
            return [
                functools.partial(
                    connect.search_available_phone_numbers,
                    InstanceId=instance_id,
                    PhoneNumberType="TOLL_FREE",
                    **query,
                )
                for connect, query in zip(others, _first_time_queries(round_number), strict=True)
            ]

        control_calls = [
            functools.partial(connect.describe_instance, InstanceId=instance_id)
            for connect in others
        ]
        remote_instance = new_instance(server_client(elsewhere))
        floor_calls = [
            functools.partial(connect.describe_instance, InstanceId=remote_instance)
            for connect in [server_client(elsewhere) for _ in range(10)]
        ]
        for call in control_calls + floor_calls:  # warm-up, each client once
            call()
        alone = [describe() for _ in range(baseline_calls)]
        worst, control, floor = [], [], []
        for round_number in range(rounds):
            worst.append(_worst_during(describe, searches(round_number)))
            control.append(_worst_during(describe, control_calls))
            floor.append(_worst_during(describe, floor_calls))
    median = statistics.median(alone)
    return {
        "describe_median_s": median,
        "worst_during_searches_s": statistics.median(worst),
        "worst_during_control_s": statistics.median(control),
        "worst_during_floor_s": statistics.median(floor),
        "worst_of_all_rounds_s": max(worst),
        "ratio": statistics.median(worst) / median,
        "control_ratio": statistics.median(control) / median,
        "floor_ratio": statistics.median(floor) / median,
    }


def _requests_per_second(clients: list[Any], call: Callable[[Any], Any], seconds: float) -> float:
    """Each client calls in its own thread for `seconds`; completed calls per second in all."""
    done = [0] * len(clients)
    stop = time.perf_counter() + seconds

    def work(index: int) -> None:
        while time.perf_counter() < stop:
            call(clients[index])
            done[index] += 1

    workers = [threading.Thread(target=work, args=(i,)) for i in range(len(clients))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(done) / seconds


def server_throughput(threads: list[int], seconds: float) -> dict[str, Any]:
    """Requests per second of describe_phone_number vs describe_instance on one server."""
    results: dict[str, Any] = {}
    with server() as endpoint:
        setup = server_client(endpoint)
        instance_id = new_instance(setup)
        number = next(stock(1))
        phone_id = setup.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)[
            "PhoneNumberId"
        ]
        for count in threads:
            for name, call in (
                ("describe_instance (moto)", lambda c: c.describe_instance(InstanceId=instance_id)),
                (
                    "describe_phone_number",
                    lambda c: c.describe_phone_number(PhoneNumberId=phone_id),
                ),
            ) * 2:
                rate = _requests_per_second(
                    [server_client(endpoint) for _ in range(count)], call, seconds
                )
                results.setdefault(f"{count} threads", {}).setdefault(name, []).append(rate)
    for by_name in results.values():
        for name in list(by_name):
            by_name[name] = statistics.median(by_name[name])
        by_name["ratio"] = by_name["describe_phone_number"] / by_name["describe_instance (moto)"]
    return results


WARM_UP_CYCLES = 200


#: Days past every window the rules keep records for (cooldown and churn 180, idempotency 7).
PAST_THE_WINDOWS = 181


def server_memory(cycles: int) -> dict[str, Any]:
    """RSS growth of a warm server per claim/release cycle, with the records inside their windows,
    and in two more rounds, each after the clock has moved past the windows (which should be none
    but what Python's dicts take when they rebuild their tables, once).

    Warm-up: a few hundred cycles on other numbers, and searches that page through the measured
    numbers, so the server's bounded caches (number classification among them) hold them before
    the first measured cycle. Every round claims and releases the same numbers: in each later one,
    the records of the round before have expired and their cooldowns ended.
    """
    with running() as (endpoint, pid):
        remote = control.ServerControl(endpoint)
        remote.configure(phone_numbers_per_instance=10**7, churn_limit_percent=10**6)
        client = server_client(endpoint)
        instance_id = new_instance(client)
        numbers = list(stock(cycles))
        warm_up = Cycle(client, instance_id, stock(WARM_UP_CYCLES, "TOLL_FREE"))
        for _ in range(WARM_UP_CYCLES):
            warm_up()
        more: dict[str, str] = {}
        while True:
            page = client.search_available_phone_numbers(
                InstanceId=instance_id,
                PhoneNumberCountryCode="US",
                PhoneNumberType="DID",
                MaxResults=10,
                **more,
            )
            found = [n["PhoneNumber"] for n in page["AvailableNumbersList"]]
            if numbers[-1] in found or "NextToken" not in page:
                break
            more = {"NextToken": page["NextToken"]}

        def run_cycles() -> float:
            """RSS growth per cycle over one claim and release of each number."""
            cycle = Cycle(client, instance_id, iter(numbers))
            before = rss_bytes(pid)
            for _ in numbers:
                cycle()
            return (rss_bytes(pid) - before) / cycles

        in_windows = run_cycles()
        past_windows = []
        for _ in range(2):
            remote.advance_clock(days=PAST_THE_WINDOWS)
            past_windows.append(run_cycles())
    return {
        "cycles": cycles,
        "rss_bytes_per_cycle_in_windows": in_windows,
        "rss_bytes_per_cycle_past_windows": past_windows,
        "where_it_goes": records_per_cycle(cycles),
    }
