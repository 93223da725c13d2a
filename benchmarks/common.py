"""What every benchmark shares: the timer, clients, and the worlds they measure in.

`measure` takes the median of interleaved repetitions (spread = min..max), so a noisy machine moves
numerator and denominator together. Set-up seeds state through the backend (`seed`, `seed_flows`,
`stock`); the measured calls (`Cycle`, `Reassociate`, `flow_calls`) go through boto3 as a user's
would. Kept here so the topic modules (and `benchmarks.snapshots`) take the same helpers.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

import boto3

from moto_connect_ext import control
from moto_connect_ext.connect import number_patterns
from moto_connect_ext.connect.models import connect_backend

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


def server_client(endpoint: str) -> Any:
    """A boto3 connect client for a server at ``endpoint``, with dummy credentials."""
    return boto3.client(
        "connect",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id="x",
        aws_secret_access_key="y",
    )


def new_instance(client: Any) -> str:
    created = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return str(created["Id"])


def stock(count: int, kind: str = "DID") -> Iterator[str]:
    """Fresh US numbers straight from the stock (set-up only, no API calls)."""
    return islice(number_patterns.iter_stock("US", kind), count)


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


def flow_calls(size: int) -> tuple[Callable[[], Any], dict[str, Callable[[], Any]]]:
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


def number_calls(
    client: Any, instance_id: str, cycle: Callable[[], Any], described: str
) -> dict[str, Callable[[], Any]]:
    """The phone-number calls both the per-call and the scaling benchmarks time."""
    return {
        "describe_phone_number": lambda: client.describe_phone_number(PhoneNumberId=described),
        "claim+release cycle": cycle,
        "list_phone_numbers_v2 (page of 100)": lambda: client.list_phone_numbers_v2(MaxResults=100),
        "search (page of 10)": lambda: client.search_available_phone_numbers(
            InstanceId=instance_id,
            PhoneNumberCountryCode="US",
            PhoneNumberType="TOLL_FREE",
            MaxResults=10,
        ),
    }
