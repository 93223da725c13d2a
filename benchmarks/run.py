"""Cost and scaling of the plugin, as ratios taken in one run.

    python -m benchmarks.run [--quick] [--out benchmarks/results.json]

Every figure is the median of interleaved repetitions (spread = min..max of the repetitions), so
a noisy machine moves numerator and denominator together. Set-up seeds state through the backend;
every measured call goes through boto3 as a user's would.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import logging
import platform
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
import types
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

import boto3
from botocore.stub import Stubber
from moto import mock_aws
from moto.server import ThreadedMotoServer

import moto_connect_ext
from moto_connect_ext import control
from moto_connect_ext.connect import inventory
from moto_connect_ext.connect.models import connect_backend
from moto_connect_ext.pinpointsmsvoicev2.models import sms_voice_backend
from moto_connect_ext.server import running

ACCOUNT = "123456789012"
REGION = "us-east-1"
Timing = dict[str, float]


def measure(calls: dict[str, Callable[[], Any]], reps: int, per_rep: int) -> dict[str, Timing]:
    """Seconds per call of each callable: median and spread over interleaved repetitions."""
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():  # warm-up
        call()
    for _ in range(reps):
        for name, call in calls.items():
            gc.disable()
            start = time.perf_counter()
            for _ in range(per_rep):
                call()
            samples[name].append((time.perf_counter() - start) / per_rep)
            gc.enable()
    return {
        name: {"median": statistics.median(s), "min": min(s), "max": max(s)}
        for name, s in samples.items()
    }


def connect_client() -> Any:
    return boto3.client("connect", region_name=REGION)


def new_instance(client: Any) -> str:
    created = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return str(created["Id"])


def stock(count: int, kind: str = "DID") -> Iterator[str]:
    """Fresh US numbers straight from the stock (set-up only, no API calls)."""
    return islice(inventory.iter_stock("US", kind), count)


def generous_rules() -> None:
    control.configure(phone_numbers_per_instance=10**7, churn_limit_percent=10**6)


def seed(instance_id: str, held: int, released: int) -> list[str]:
    """Hold `held` numbers and leave `released` in cooldown, through the backend. Returns ids."""
    backend = connect_backend(ACCOUNT, REGION)
    numbers = stock(held + released, "TOLL_FREE")
    ids = []
    for e164 in islice(numbers, released):
        number = backend.claim_phone_number(phone_number=e164, instance_id=instance_id)
        backend.release_phone_number(phone_number_id=number.phone_number_id)
    for e164 in numbers:
        ids.append(
            backend.claim_phone_number(phone_number=e164, instance_id=instance_id).phone_number_id
        )
    return ids


class Cycle:
    """Claim then release fresh numbers, one pair per call."""

    def __init__(self, client: Any, instance_id: str, numbers: Iterator[str]) -> None:
        self.client, self.instance_id, self.numbers = client, instance_id, numbers

    def __call__(self) -> None:
        claimed = self.client.claim_phone_number(
            InstanceId=self.instance_id, PhoneNumber=next(self.numbers)
        )
        self.client.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])


def sms_numbers(count: int) -> Iterator[str]:
    """ARNs of End User Messaging numbers to import, requested through the backend (set-up).
    Toll-free, as the measured requests: the claim cycle takes DID numbers from the stock's
    start."""
    backend = sms_voice_backend(ACCOUNT, REGION)
    for _ in range(count):
        requested = backend.request_phone_number(
            iso_country_code="US",
            message_type="TRANSACTIONAL",
            number_capabilities=["SMS"],
            number_type="TOLL_FREE",
        )
        yield str(requested["PhoneNumberArn"])


def per_call(reps: int, per_rep: int) -> dict[str, Any]:
    """Plugin calls against moto's own describe_instance, in the same process and run."""
    with mock_aws():
        generous_rules()
        client = connect_client()
        sms = boto3.client("pinpoint-sms-voice-v2", region_name=REGION)
        instance_id = new_instance(client)
        ids = seed(instance_id, 150, 0)
        cycle = Cycle(client, instance_id, stock(10**6))
        sources = iter(list(sms_numbers(reps * per_rep + 1)))
        timings = measure(
            {
                "describe_instance (moto)": lambda: client.describe_instance(
                    InstanceId=instance_id
                ),
                "describe_phone_number": lambda: client.describe_phone_number(PhoneNumberId=ids[0]),
                "claim+release cycle": cycle,
                "list_phone_numbers_v2 (page of 100)": lambda: client.list_phone_numbers_v2(
                    MaxResults=100
                ),
                "import_phone_number": lambda: client.import_phone_number(
                    InstanceId=instance_id, SourcePhoneNumberArn=next(sources)
                ),
                "request_phone_number (End User Messaging)": lambda: sms.request_phone_number(
                    IsoCountryCode="US",
                    MessageType="TRANSACTIONAL",
                    NumberCapabilities=["SMS"],
                    NumberType="TOLL_FREE",
                ),
            },
            reps,
            per_rep,
        )
    base = timings["describe_instance (moto)"]["median"]
    return {
        name: {**t, "ratio": t["median"] / base / (2 if "cycle" in name else 1)}
        for name, t in timings.items()
    }


def stubbed_floor(reps: int, per_rep: int) -> dict[str, Any]:
    """The same calls answered by botocore's Stubber: what the client alone costs."""
    client = boto3.client(
        "connect", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="y"
    )
    stubber = Stubber(client)
    answers = {
        "describe_instance": ({"Instance": {"Id": "i"}}, {"InstanceId": "i"}),
        "describe_phone_number": (
            {"ClaimedPhoneNumberSummary": {"PhoneNumberId": "p"}},
            {"PhoneNumberId": "p"},
        ),
    }

    def call(name: str) -> Callable[[], Any]:
        response, params = answers[name]

        def run() -> Any:
            stubber.add_response(name, response, params)
            return getattr(client, name)(**params)

        return run

    with stubber:
        timings = measure({name: call(name) for name in answers}, reps, per_rep)
    return timings


def scaling(sizes: list[int], reps: int, per_rep: int) -> dict[str, Any]:
    """Per-call cost with N numbers held and N in the churn window, as a ratio to the smallest N."""
    results: dict[str, dict[int, Timing]] = {}
    for size in sizes:
        for name, timing in _scaling_at(size, reps, per_rep).items():
            results.setdefault(name, {})[size] = timing
    return _scaling_report(results, sizes)


def _scaling_report(results: dict[str, dict[int, Timing]], sizes: list[int]) -> dict[str, Any]:
    """Each call's cost at the largest size against its baseline size."""
    largest = max(sizes)
    report = {}
    for name, by_size in results.items():
        # A page of 100 is full only from 100 items on; below that it returns fewer items and
        # costs less for that reason alone, so its baseline is the smallest size with a full page.
        base = min(s for s in sizes if "page of 100" not in name or s >= 100)
        report[name] = {
            "per_size": {str(k): v for k, v in by_size.items()},
            "baseline_size": base,
            "ratio_largest_to_baseline": by_size[largest]["median"] / by_size[base]["median"],
        }
    return report


def _scaling_at(size: int, reps: int, per_rep: int) -> dict[str, Timing]:
    with mock_aws():
        generous_rules()
        client = connect_client()
        instance_id = new_instance(client)
        ids = seed(instance_id, size, size)
        cycle = Cycle(client, instance_id, stock(10**6))
        return measure(
            {
                "claim+release cycle": cycle,
                "describe_phone_number": lambda: client.describe_phone_number(
                    PhoneNumberId=ids[len(ids) // 2]
                ),
                "list_phone_numbers_v2 (page of 100)": lambda: client.list_phone_numbers_v2(
                    MaxResults=100
                ),
                "search (page of 10)": lambda: client.search_available_phone_numbers(
                    InstanceId=instance_id,
                    PhoneNumberCountryCode="US",
                    PhoneNumberType="TOLL_FREE",
                    MaxResults=10,
                ),
            },
            reps,
            per_rep,
        )


#: A small published inbound flow for the flow benchmarks.
FLOW_CONTENT = json.dumps(
    {
        "Version": "2019-10-30",
        "StartAction": "bye",
        "Actions": [{"Identifier": "bye", "Type": "DisconnectParticipant", "Transitions": {}}],
    }
)


def seed_flows(instance_id: str, count: int, number_ids: list[str]) -> list[str]:
    """Create ``count`` inbound flows through the backend and point each number at one of them.
    Returns the flow ids."""
    backend = connect_backend(ACCOUNT, REGION)
    flow_ids = [
        backend.create_contact_flow(
            instance_id=instance_id, name=f"flow {i}", type="CONTACT_FLOW", content=FLOW_CONTENT
        ).contact_flow_id
        for i in range(count)
    ]
    for i, number_id in enumerate(number_ids):
        backend.associate_phone_number_contact_flow(
            phone_number_id=number_id,
            instance_id=instance_id,
            contact_flow_id=flow_ids[i % len(flow_ids)],
        )
    return flow_ids


class Reassociate:
    """Point one number at two flows in turn, one association per call (state stays the same
    size)."""

    def __init__(self, client: Any, instance_id: str, number_id: str, flow_ids: list[str]) -> None:
        self.client, self.instance_id, self.number_id = client, instance_id, number_id
        self.flow_ids, self.calls = flow_ids[:2], 0

    def __call__(self) -> None:
        self.calls += 1
        self.client.associate_phone_number_contact_flow(
            PhoneNumberId=self.number_id,
            InstanceId=self.instance_id,
            ContactFlowId=self.flow_ids[self.calls % 2],
        )


def _flow_calls(size: int) -> tuple[Callable[[], Any], dict[str, Callable[[], Any]]]:
    """Inside mock_aws: an instance with ``size`` numbers and ``size`` flows, every number
    associated; moto's describe_instance and the two flow calls on it."""
    generous_rules()
    control.configure(contact_flows_per_instance=10**7)
    client = connect_client()
    instance_id = new_instance(client)
    number_ids = seed(instance_id, size, 0)
    flow_ids = seed_flows(instance_id, size, number_ids)
    middle = number_ids[len(number_ids) // 2]
    return (
        lambda: client.describe_instance(InstanceId=instance_id),
        {
            "associate_phone_number_contact_flow": Reassociate(
                client, instance_id, middle, flow_ids
            ),
            "list_contact_flows (page of 100)": lambda: client.list_contact_flows(
                InstanceId=instance_id, MaxResults=100
            ),
        },
    )


def flow_per_call(reps: int, per_rep: int) -> dict[str, Any]:
    """AssociatePhoneNumberContactFlow and a ListContactFlows page of 100 against moto's
    describe_instance, with 150 numbers and 150 flows."""
    with mock_aws():
        describe_instance, calls = _flow_calls(150)
        timings = measure({"describe_instance (moto)": describe_instance, **calls}, reps, per_rep)
    base = timings["describe_instance (moto)"]["median"]
    return {name: {**t, "ratio": t["median"] / base} for name, t in timings.items()}


def flow_scaling(sizes: list[int], reps: int, per_rep: int) -> dict[str, Any]:
    """Per-call cost of the flow calls with N numbers, N flows and N associations, as a ratio to
    the smallest N (for the page of 100, the smallest N whose page is full)."""
    results: dict[str, dict[int, Timing]] = {}
    for size in sizes:
        with mock_aws():
            _, calls = _flow_calls(size)
            for name, timing in measure(calls, reps, per_rep).items():
                results.setdefault(name, {})[size] = timing
    return _scaling_report(results, sizes)


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


def server_client(endpoint: str) -> Any:
    """A boto3 connect client for a server at ``endpoint``, with dummy credentials."""
    return boto3.client(
        "connect",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id="x",
        aws_secret_access_key="y",
    )


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


def memory_per_number(count: int) -> float:
    """Bytes allocated per held number (tracemalloc), claims made through the backend with a
    client token each, as boto3 sends (so the idempotency record is counted too)."""
    with mock_aws():
        generous_rules()
        instance_id = new_instance(connect_client())
        backend = connect_backend(ACCOUNT, REGION)
        numbers = list(stock(count, "TOLL_FREE"))
        tokens = [str(uuid.UUID(int=i)) for i in range(count)]
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for e164, token in zip(numbers, tokens, strict=True):
            backend.claim_phone_number(
                phone_number=e164, instance_id=instance_id, client_token=token
            )
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    return (after - before) / count


def rss_bytes(pid: int) -> int:
    """Resident set size of a process (Linux)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


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
        client = boto3.client(
            "connect",
            region_name=REGION,
            endpoint_url=endpoint,
            aws_access_key_id="x",
            aws_secret_access_key="y",
        )
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


def deep_size(root: Any, seen: set[int]) -> int:
    """Bytes of ``root`` and all data it references that ``seen`` does not hold yet (code is not
    followed: a bound method leads to its function, whose module leads everywhere)."""
    total = 0
    pending = [root]
    while pending:
        obj = pending.pop()
        if id(obj) in seen or isinstance(obj, type | types.FunctionType | types.ModuleType):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        pending.extend(gc.get_referents(obj))
    return total


def records_per_cycle(cycles: int) -> dict[str, float]:
    """What a cycle leaves behind inside the windows, by structure (bytes per cycle, sys.getsizeof
    of each structure and what only it holds), measured in-process on the same traffic."""
    from moto_connect_ext.connect.models.phone_numbers import PhoneNumber
    from moto_connect_ext.connect.models.stock import registry

    with mock_aws():
        generous_rules()
        client = connect_client()
        instance_id = new_instance(client)
        backend = connect_backend(ACCOUNT, REGION)
        cycle = Cycle(client, instance_id, stock(cycles))
        seen = {id(ACCOUNT), id(REGION)}
        baseline = {
            "idempotency ledger": backend.ledger,
            "churn log": backend.churn,
            "cooldowns": (registry().cooling_until, registry()._cooldowns),
            "moto's model registry": PhoneNumber.instances_tracked,
        }
        before = {name: deep_size(structure, set(seen)) for name, structure in baseline.items()}
        for _ in range(cycles):
            cycle()
        return {
            name: (deep_size(structure, seen) - before[name]) / cycles
            for name, structure in baseline.items()
        }


def import_cost(reps: int) -> dict[str, Any]:
    """Whole-process time of `import moto` vs `import moto; import moto_connect_ext`."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    plain, plugin = [], []
    for _ in range(reps):
        plain.append(run("import moto"))
        plugin.append(run("import moto, moto_connect_ext"))
    extra = statistics.median(plugin) - statistics.median(plain)
    return {
        "moto_s": statistics.median(plain),
        "with_plugin_s": statistics.median(plugin),
        "extra_ms": extra * 1000,
    }


def mock_cycle_cost(reps: int, per_rep: int) -> dict[str, Any]:
    """A mock_aws start/stop after a connect call, plugin installed, vs the cost measured in a
    process without the plugin (a subprocess, since installing cannot be undone)."""
    code = (
        "import sys, time, statistics, boto3\n"
        "from moto import mock_aws\n"
        "if sys.argv[1] == 'plugin':\n    import moto_connect_ext\n"
        "def once():\n"
        "    with mock_aws():\n"
        "        boto3.client('connect', region_name='us-east-1').list_instances()\n"
        "once()\n"
        f"samples = []\nfor _ in range({reps}):\n"
        "    t = time.perf_counter()\n"
        f"    for _ in range({per_rep}): once()\n"
        f"    samples.append((time.perf_counter() - t) / {per_rep})\n"
        "print(statistics.median(samples))\n"
    )
    results = {}
    for variant in ("plain", "plugin", "plain", "plugin"):
        out = subprocess.run(
            [sys.executable, "-c", code, variant], check=True, capture_output=True, text=True
        ).stdout
        results.setdefault(variant, []).append(float(out))
    plain = statistics.median(results["plain"])
    plugin = statistics.median(results["plugin"])
    return {"plain_s": plain, "plugin_s": plugin, "ratio": plugin / plain}


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--out", default="benchmarks/results.json")
    args = parser.parse_args(argv)
    quick = args.quick
    sizes = [10, 100, 1000] if quick else [10, 1_000, 10_000, 100_000]
    flow_sizes = [10, 100, 1000] if quick else [10, 100, 1_000, 10_000]
    report: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": __import__("os").cpu_count(),
            "moto_connect_ext": moto_connect_ext.__version__,
        },
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    reps, per_rep = (3, 20) if quick else (7, 100)
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("per_call", lambda: per_call(reps, per_rep)),
        ("stubbed_floor", lambda: stubbed_floor(reps, per_rep)),
        ("scaling", lambda: scaling(sizes, reps, per_rep // 2)),
        ("flow_per_call", lambda: flow_per_call(reps, per_rep)),
        ("flow_scaling", lambda: flow_scaling(flow_sizes, reps, per_rep // 2)),
        ("memory_bytes_per_number", lambda: memory_per_number(max(sizes))),
        ("import", lambda: import_cost(3 if quick else 9)),
        ("mock_aws_cycle", lambda: mock_cycle_cost(3, 5 if quick else 20)),
        ("server_rps", lambda: server_throughput([1, 8], 1.0 if quick else 4.0)),
        ("server_memory", lambda: server_memory(300 if quick else 2000)),
        ("search_contention", lambda: search_contention(3 if quick else 9, 50 if quick else 200)),
    ]
    for name, step in steps:
        print(f"... {name}", file=sys.stderr, flush=True)
        report[name] = step()
    floor = report["stubbed_floor"]
    base = report["per_call"]["describe_instance (moto)"]["median"]
    for timing in floor.values():
        timing["ratio_to_mocked_describe_instance"] = timing["median"] / base
    with open(args.out, "w") as out:
        json.dump(report, out, indent=2)
    print(render(report))


def render(report: dict[str, Any]) -> str:
    lines = ["| Figure | Measured | Target |", "|---|---|---|"]
    for name, t in report["per_call"].items():
        if name.startswith("describe_instance"):
            lines.append(f"| {name} | {t['median'] * 1e3:.2f} ms per call (baseline) | |")
            continue
        target = "<= 1.2x" if "page" not in name else "reported"
        lines.append(
            f"| {name}, per call | {t['ratio']:.2f}x moto's describe_instance "
            f"({t['median'] * 1e3:.2f} ms) | {target} |"
        )
    for name, t in report["flow_per_call"].items():
        if not name.startswith("describe_instance"):
            target = "<= 1.2x" if "page" not in name else "reported"
            lines.append(
                f"| {name}, per call | {t['ratio']:.2f}x moto's describe_instance "
                f"({t['median'] * 1e3:.2f} ms) | {target} |"
            )
    for name, t in report["stubbed_floor"].items():
        lines.append(
            f"| Stubber floor: {name} | {t['ratio_to_mocked_describe_instance']:.2f}x "
            f"({t['median'] * 1e3:.2f} ms) | reported |"
        )
    for name, s in report["scaling"].items():
        largest = max(s["per_size"], key=int)
        lines.append(
            f"| Scaling {name}: cost at {largest} / at {s['baseline_size']} | "
            f"{s['ratio_largest_to_baseline']:.2f} | <= 1.5 |"
        )
    for name, s in report["flow_scaling"].items():
        largest = max(s["per_size"], key=int)
        lines.append(
            f"| Scaling {name} (N numbers, flows, associations): cost at {largest} / at "
            f"{s['baseline_size']} | {s['ratio_largest_to_baseline']:.2f} | <= 1.5 |"
        )
    lines.append(
        f"| Memory per held number | {report['memory_bytes_per_number'] / 1024:.2f} KiB "
        "| <= 2 KiB |"
    )
    lines.append(
        f"| `import moto_connect_ext` on top of `import moto` | "
        f"{report['import']['extra_ms']:.0f} ms | <= 30 ms |"
    )
    lines.append(
        f"| mock_aws start/stop, plugin vs none | {report['mock_aws_cycle']['ratio']:.2f}x "
        "| <= 1.1x |"
    )
    for threads, figures in report["server_rps"].items():
        lines.append(
            f"| Server: DescribePhoneNumber vs DescribeInstance req/s, {threads} | "
            f"{figures['ratio']:.2f}x ({figures['describe_phone_number']:.0f} vs "
            f"{figures['describe_instance (moto)']:.0f}) | >= 0.9x |"
        )
    memory = report["server_memory"]
    goes_to = ", ".join(f"{name} {size:.0f}" for name, size in memory["where_it_goes"].items())
    lines.append(
        f"| Server RSS growth per claim/release cycle, records in their windows "
        f"({memory['cycles']} cycles) | {memory['rss_bytes_per_cycle_in_windows']:.0f} bytes "
        f"({goes_to}) | <= 600 bytes |"
    )
    lines.append(
        "| Server RSS growth per cycle after the windows passed, two rounds | "
        + " then ".join(f"{b:.0f}" for b in memory["rss_bytes_per_cycle_past_windows"])
        + " bytes | no growth |"
    )
    contention = report["search_contention"]
    lines.append(
        "| Server: worst DescribePhoneNumber latency during ten first-time searches vs its median | "
        f"{contention['ratio']:.2f}x ({contention['worst_during_searches_s'] * 1e3:.1f} ms vs "
        f"{contention['describe_median_s'] * 1e3:.1f} ms) | <= 3x |"
    )
    lines.append(
        "| Server: the same during ten DescribeInstance calls (control) | "
        f"{contention['control_ratio']:.2f}x ({contention['worst_during_control_s'] * 1e3:.1f} ms)"
        " | reported |"
    )
    lines.append(
        "| Server: the same while those ten calls go to another server (floor: the benchmark's "
        f"client threads and shared cores) | {contention['floor_ratio']:.2f}x "
        f"({contention['worst_during_floor_s'] * 1e3:.1f} ms) | reported |"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
