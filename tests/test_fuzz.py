"""Property-based fuzzing of the phone-number operations with raw, signed HTTP requests.

Requests come from tests/fuzz_strategies.py (derived from the botocore input shapes): valid ones,
values at their boundaries, and broken ones (wrong JSON types, missing and unknown members, over-long
strings, odd unicode, malformed JSON, bad query strings, odd path labels, huge bodies, other
accounts' and Regions' ARNs, ids of released numbers). The oracle for every response: no 5xx, and
``support.contract_violations`` finds nothing (a success valid against the output shape, or an error
the operation models, or a decided one, with the model's status and a Message). For every error the
state is exactly as before (a snapshot of the backend in-process; of what the API shows in server
mode). Read-only successes change nothing either.

The run is derandomized (fixed seed); ``FUZZ_REQUESTS`` sets its size (default 1000).
"""

from __future__ import annotations

import base64
import os
import random
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import fuzz_strategies as fs
import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from moto import mock_aws

from moto_connect_ext import control
from support import (
    SERVER_MODE,
    claim,
    client,
    contract_violations,
    flow_content,
    new_instance,
    no_retries,
    raw_request,
)

FUZZ_REQUESTS = int(os.environ.get("FUZZ_REQUESTS", "1000"))
ACCOUNT = "123456789012"
OTHER_ACCOUNT = "111122223333"
#: A Region name no partition has: ARNs that name it must still get a modelled error.
UNKNOWN_REGION = "xx-fake-1"
#: The fuzzer's numbers come in blocks of ten (+18005551230..9, then +18005551240..9, ...):
#: one search per block shows which of them are in stock.
FIRST_BLOCK = "+1800555123"
#: Python's HTTP server (under werkzeug, in server mode) answers 414 to longer request lines.
REQUEST_LINE_LIMIT = 65_536
#: Tokens no list handed out: JSON nested past the parser's depth limit, and other JSON.
ODD_TOKENS = [
    base64.urlsafe_b64encode(document).decode()
    for document in (b"[" * 5000, b'{"after":' * 2000, b'{"after": 1, "query": []}', b"[]")
]
READS = {
    "DescribePhoneNumber",
    "ListPhoneNumbersV2",
    "ListPhoneNumbers",
    "SearchAvailablePhoneNumbers",
    "DescribeContactFlow",
    "ListContactFlows",
    "SearchContactFlows",
    "ListFlowAssociations",
    "BatchGetFlowAssociation",
}


# -- snapshots -------------------------------------------------------------------------------


def backend_snapshot() -> dict[str, Any]:
    """In-process: every piece of phone-number state, by value."""
    from moto.connect.models import connect_backends

    from moto_connect_ext.connect.config import STATE_LOCK
    from moto_connect_ext.connect.models.stock import cooldowns, registry

    with STATE_LOCK:
        stock = registry()
        state: dict[str, Any] = {
            "holders": sorted(
                (e, h.account_id, h.region, h.phone_number_id, str(h.held_until))
                for e, h in stock.holders.items()
            ),
            "cooling": sorted((e, str(t)) for e, t in cooldowns().cooling_until.items()),
        }
        for account, per_region in connect_backends.items():
            for region, backend in dict.items(per_region):
                numbers = {
                    n.phone_number_id: (
                        n.phone_number,
                        n.instance_id,
                        n.target_arn,
                        n.phone_number_description,
                        n.status,
                        n.failure,
                        str(n.held_until),
                        n.account_id,
                        n.region,
                    )
                    for n in backend.numbers.values()
                }
                entry = {
                    "numbers": numbers,
                    "sorted": list(backend._sorted_e164),
                    "by_e164": sorted((e, n.phone_number_id) for e, n in backend._by_e164.items()),
                    "active": sorted((k, v) for k, v in backend._active_per_target.items() if v),
                    "churn": [str(t) for t in backend.churn._releases],
                    "ledger": sorted(map(repr, backend.ledger._records.items())),
                    "groups": sorted(backend.groups),
                }
                if any(entry.values()):  # a lookup may create an empty backend: not a change
                    state[f"{account}/{region}"] = entry
        for account, per_region in connect_backends.items():
            for region, connect in dict.items(per_region):
                tags = sorted(
                    (arn, sorted((t or {}).items())) for arn, t in connect.tagger.tags.items()
                )
                if tags or connect.instances:
                    state[f"tags {account}/{region}"] = tags
                    state[f"instances {account}/{region}"] = sorted(connect.instances)
    return state


def block_numbers(block: str) -> list[str]:
    return [f"{block}{digit}" for digit in range(10)]


def block_stock(connect: Any, instance_id: str, blocks: list[str]) -> list[str]:
    """The numbers of ``blocks`` (10-digit prefixes, ten numbers each) that are in stock."""
    return [
        n["PhoneNumber"]
        for block in blocks
        for n in connect.search_available_phone_numbers(
            InstanceId=instance_id,
            PhoneNumberCountryCode="US",
            PhoneNumberType="TOLL_FREE",
            PhoneNumberPrefix=block,
            MaxResults=10,
        )["AvailableNumbersList"]
    ]


def api_snapshot(clients: dict[str, Any], instance_id: str, blocks: list[str]) -> dict[str, Any]:
    """Server mode: the state as the API shows it: each Region's numbers and the blocks' stock.

    Lists carry number, target, instance and description. Status and tags are left out: with the
    default (immediate) progression a number always reads CLAIMED or FAILED, and tags only come
    with a claim, whose failure leaves no listed number to carry them. The backend snapshot
    in-process covers them (and the registry, churn logs and idempotency records) in full.
    """
    state: dict[str, Any] = {}
    for region, connect in clients.items():
        listed = connect.list_phone_numbers_v2(MaxResults=1000)["ListPhoneNumbersSummaryList"]
        state[region] = sorted(listed, key=lambda item: item["PhoneNumberId"])
    state["stock"] = block_stock(clients[fs.REGIONS[0]], instance_id, blocks)
    return state


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    keys = sorted(set(before) | set(after))
    return [
        f"{k}: {str(before.get(k))[:400]} -> {str(after.get(k))[:400]}"
        for k in keys
        if before.get(k) != after.get(k)
    ]


# -- the world the fuzzer acts on -------------------------------------------------------------


class World:
    """Instances, held, FAILED and released numbers, and the fuzzer's record of what it saw."""

    def __init__(self) -> None:
        # Releases are frequent: keep the 200% rule from blocking the claims that replenish.
        control.configure(churn_limit_percent=1_000_000)
        self.clients = {region: client(region) for region in fs.REGIONS}
        east, west = (self.clients[r] for r in fs.REGIONS)
        self.instances = [new_instance(east, "fuzz-a"), new_instance(east, "fuzz-b")]
        self.west_instance = new_instance(west, "fuzz-west")
        self.blocks = [FIRST_BLOCK]
        self.live_blocks = [FIRST_BLOCK]
        self.tokens: list[str] = []
        self.random = random.Random(FUZZ_REQUESTS)
        self.released_ids: list[str] = []
        self.known_ids: set[str] = set()
        self.pools = fs.Pools()
        home = self.instances[0]["Id"]
        first, second, third, fourth = self.available()[:4]
        self.claim(east, first, InstanceId=home, Tags={"team": "fuzz"})
        self.claim(east, second, TargetArn=self.instances[1]["Arn"], PhoneNumberDescription="2nd")
        gone = self.claim(east, third, InstanceId=home)
        self.claim(west, fourth, InstanceId=self.west_instance["Id"])
        east.release_phone_number(PhoneNumberId=gone["PhoneNumberId"])
        self.next_tokens = [
            east.list_phone_numbers_v2(MaxResults=1)["NextToken"],
            east.search_available_phone_numbers(
                InstanceId=home,
                PhoneNumberCountryCode="US",
                PhoneNumberType="DID",
                MaxResults=1,
            )["NextToken"],
        ]
        self.refresh_pools()
        self.sent = 0
        self.kinds: Counter[str] = Counter()
        self.outcomes: Counter[tuple[str, int]] = Counter()
        self.violations: list[str] = []
        self.signatures: Counter[tuple[str, str]] = Counter()
        self.changed_by_rejection: list[str] = []
        self.transport_refusals = 0
        self.seconds = 0.0
        self._snapshot = self.snapshot()

    def available(self) -> list[str]:
        """Numbers of the fuzzer's blocks that are in stock; a new block when they run low."""
        found = block_stock(self.clients[fs.REGIONS[0]], self.instances[0]["Id"], self.live_blocks)
        self.live_blocks = [b for b in self.live_blocks if any(n.startswith(b) for n in found)]
        if len(found) < 4:
            self.blocks.append("+" + str(int(self.blocks[-1]) + 1))
            self.live_blocks.append(self.blocks[-1])
            return self.available()
        return found

    def claim(self, connect: Any, number: str, **target: Any) -> dict[str, Any]:
        token = str(uuid.UUID(int=self.random.getrandbits(128), version=4))
        self.tokens.append(token)
        return dict(connect.claim_phone_number(PhoneNumber=number, ClientToken=token, **target))

    def replenish(self) -> None:
        """Keep a few numbers held in each Region, so that requests have numbers to act on."""
        for region, connect in self.clients.items():
            listed = connect.list_phone_numbers_v2(MaxResults=1000)["ListPhoneNumbersSummaryList"]
            wanted = (3 if region == fs.REGIONS[0] else 1) - len(listed)
            targets = self.instances if region == fs.REGIONS[0] else [self.west_instance]
            for n in range(wanted):
                self.claim(connect, self.available()[0], InstanceId=targets[n % len(targets)]["Id"])

    def snapshot(self) -> dict[str, Any]:
        if not SERVER_MODE:
            return backend_snapshot()
        state = api_snapshot(self.clients, self.instances[0]["Id"], self.live_blocks)
        # A block whose ten numbers are all taken stays so (nothing here moves the clock), so
        # later snapshots need not search it.
        self.live_blocks = [
            b for b in self.live_blocks if any(n.startswith(b) for n in state["stock"])
        ]
        return state

    def client_tokens(self) -> list[str]:
        """Tokens sent before (replays, IdempotencyException) and as many fresh UUIDs."""
        used = self.tokens[-10:]
        return used + [
            str(uuid.UUID(int=self.random.getrandbits(128), version=4))
            for _ in range(max(len(used), 4))
        ]

    def refresh_pools(self) -> None:
        """Identifiers by shape name, from what the API lists now and what it listed before.

        Good ones name this account's instances, held numbers and stock; odd ones are other
        accounts' and Regions' ARNs (one a Region no partition has), released numbers' ids, the
        legacy instance-scoped ARNs of ListPhoneNumbers, TDG ARNs that do not exist.
        """
        held: list[str] = []
        legacy: list[str] = []
        for connect in self.clients.values():
            for item in connect.list_phone_numbers_v2(MaxResults=1000)[
                "ListPhoneNumbersSummaryList"
            ]:
                held += [item["PhoneNumberId"], item["PhoneNumberArn"]]
                if item.get("InstanceId"):
                    legacy.append(
                        item["PhoneNumberArn"].replace(
                            ":phone-number/", f":instance/{item['InstanceId']}/phone-number/"
                        )
                    )
        gone = sorted(self.known_ids - set(held))
        self.released_ids = sorted(set(self.released_ids) | set(gone))
        self.known_ids |= set(held)
        foreign = []
        first_arn = next((i for i in held if i.startswith("arn:")), None)
        if first_arn:
            unknown_id = first_arn[: first_arn.rindex("/") + 1] + str(uuid.UUID(int=7, version=4))
            foreign = [first_arn.replace(ACCOUNT, OTHER_ACCOUNT)] + [
                arn.replace(fs.REGIONS[0], region).replace(fs.REGIONS[1], region)
                for region in ("eu-west-2", UNKNOWN_REGION)
                for arn in (first_arn, unknown_id)
            ]
        instance_ids = [i["Id"] for i in self.instances] + [self.west_instance["Id"]]
        instance_arns = [i["Arn"] for i in self.instances] + [self.west_instance["Arn"]]
        home_arn = instance_arns[0]
        group_arn = home_arn.replace(":instance/", ":traffic-distribution-group/")
        odd_arns = [
            home_arn.replace(ACCOUNT, OTHER_ACCOUNT),
            home_arn.replace(fs.REGIONS[0], fs.REGIONS[1]),
            home_arn.replace(fs.REGIONS[0], UNKNOWN_REGION),
            group_arn,
            group_arn.replace(fs.REGIONS[0], UNKNOWN_REGION),
            *held[1:2],
        ]
        self.pools.values = {
            "PhoneNumberId": held,
            "InstanceId": instance_ids + instance_arns,
            "ARN": instance_arns,
            "PhoneNumber": self.available(),
            "ClientToken": self.client_tokens(),
            "LargeNextToken": list(self.next_tokens),
            "NextToken": list(self.next_tokens),
        }
        self.pools.odd = {
            "NextToken": ODD_TOKENS,
            "LargeNextToken": ODD_TOKENS,
            "PhoneNumberId": self.released_ids + legacy + foreign,
            "InstanceId": odd_arns[:3],
            "PhoneNumber": [n for block in self.blocks for n in block_numbers(block)],
            "ARN": odd_arns,
        }

    def summary(self) -> str:
        lines = [
            f"{self.sent} requests in {self.seconds:.1f} s; kinds {dict(self.kinds)}",
            "answers: "
            + ", ".join(f"{op} {status}: {n}" for (op, status), n in sorted(self.outcomes.items())),
        ]
        lines += [f"  {n} x {op}: {problem}" for (op, problem), n in self.signatures.most_common()]
        return "\n".join(lines)

    def send(self, request: fs.Request) -> None:
        started = time.perf_counter()
        before = self._snapshot
        self.sent += 1
        self.kinds[request.kind] += 1
        try:
            response = raw_request(request.method, request.path, request.body, request.region)
        except Exception as error:  # in-process, an exception escaping moto: a 500 on a server
            self.outcomes[(request.operation, 500)] += 1
            problem = f"raised {type(error).__name__}: {str(error)[:200]}"
            self.violations.append(f"{problem}\n    request: {request.describe()}")
            self.signatures[(request.operation, problem[:60])] += 1
            after = self.snapshot()
            if after != before:
                self.changed_by_rejection.append(
                    f"{problem}\n    changed: {'; '.join(differences(before, after))[:1500]}"
                    f"\n    request: {request.describe()}"
                )
            self._snapshot = after
            return
        status = response.status_code
        self.outcomes[(request.operation, status)] += 1
        if status == 414 and len(request.path) > REQUEST_LINE_LIMIT:
            # The HTTP server refuses the request line before any operation sees it.
            self.transport_refusals += 1
            self._snapshot = self.snapshot()
            return
        token = request.params.get("ClientToken")
        if isinstance(token, str) and len(token) < 100:
            self.tokens.append(token)
            self.pools.values["ClientToken"] = self.client_tokens()
        problems = []
        if status >= 500:
            problems.append(f"HTTP {status}: {response.text[:300]}")
        try:
            problems += contract_violations(
                fs.operation(request.operation), status, response.headers, response.content
            )
        except Exception as error:  # not JSON, or not the shape at all
            problems.append(f"unreadable answer ({error}): {response.text[:300]!r}")
        for problem in problems:
            self.violations.append(f"{problem}\n    request: {request.describe()}")
            self.signatures[(request.operation, problem[:60])] += 1
        unchanged_expected = status >= 300 or request.operation in READS
        after = self.snapshot()
        if unchanged_expected and after != before:
            diff = "; ".join(differences(before, after))[:1500]
            self.signatures[(request.operation, f"changed state on HTTP {status}")] += 1
            self.changed_by_rejection.append(
                f"HTTP {status} {response.headers.get('x-amzn-ErrorType', '')} "
                f"{response.text[:200]}\n    changed: {diff}\n    request: {request.describe()}"
            )
        if not unchanged_expected:
            self.replenish()
            self.refresh_pools()
            after = self.snapshot()
        self._snapshot = after
        self.seconds += time.perf_counter() - started


# -- the contact-flow family ----------------------------------------------------------------


def flow_state_snapshot() -> dict[str, Any]:
    """In-process: every account and Region's flows and associations, by value.

    Each instance's flows are made on first use (its default flows); the snapshot uses them all,
    so that a request that merely looks at an instance's flows first does not count as a change.
    """
    from moto.connect.models import connect_backends

    from moto_connect_ext.connect.config import STATE_LOCK

    state: dict[str, Any] = {}
    with STATE_LOCK:
        for account, per_region in connect_backends.items():
            for region, backend in dict.items(per_region):
                held = set(backend.contact_flows) | set(backend.flow_associations)
                orphans = sorted(held - set(backend.instances))
                if orphans:  # flows or associations of an instance that is gone
                    state[f"{account}/{region} orphans"] = orphans
                for instance in list(backend.instances.values()):
                    instance_id, flows = instance.id, backend._instance_flows(instance)
                    made = backend._number_flows(instance)
                    state[f"{account}/{region}/{instance_id}"] = {
                        "flows": sorted(
                            (
                                f.id,
                                f.arn,
                                f.name,
                                f.type,
                                f.state,
                                f.description,
                                f.published,
                                f.saved,
                            )
                            for f in flows.flows.values()
                        ),
                        "names": sorted(flows.names.items()),
                        "associations": sorted(made.associations.items()),
                        "users": sorted((k, sorted(v)) for k, v in made.users.items()),
                    }
    return state


class FlowWorld(World):
    """The phone-number world plus flows of its home instance; requests go to the flow family.

    Identifier pools name the home instance, its numbers and its flows (published inbound, saved,
    customer queue), so that valid requests reach the rules rather than "not found".
    """

    def __init__(self) -> None:
        control.configure(contact_flows_per_instance=1_000)
        self.names_made = 0
        super().__init__()
        east = self.clients[fs.REGIONS[0]]
        home = self.instances[0]["Id"]
        inbound = east.create_contact_flow(
            InstanceId=home, Name="fuzz inbound", Type="CONTACT_FLOW", Content=flow_content("hi")
        )
        saved = east.create_contact_flow(
            InstanceId=home, Name="fuzz saved", Type="CONTACT_FLOW", Content="{", Status="SAVED"
        )
        queue = east.create_contact_flow(
            InstanceId=home, Name="fuzz queue", Type="CUSTOMER_QUEUE", Content=flow_content("q")
        )
        #: The set-up's flows by id (the run may rename them): the associable one first.
        self.seeded = [flow["ContactFlowId"] for flow in (inbound, saved, queue)]
        number = east.list_phone_numbers_v2(InstanceId=home)["ListPhoneNumbersSummaryList"][0]
        east.associate_phone_number_contact_flow(
            PhoneNumberId=number["PhoneNumberId"],
            InstanceId=home,
            ContactFlowId=inbound["ContactFlowId"],
        )
        self.flow_tokens: list[str] = [
            east.list_contact_flows(InstanceId=home, MaxResults=2)["NextToken"],
        ]
        self.refresh_pools()
        self._snapshot = self.snapshot()

    def replenish(self) -> None:
        """Also keep a flow that numbers can point to: the run may archive, delete or unpublish
        the one made at set-up (once no number points to it), and then no association succeeds."""
        super().replenish()
        east = self.clients[fs.REGIONS[0]]
        home = self.instances[0]["Id"]
        try:
            flow = east.describe_contact_flow(InstanceId=home, ContactFlowId=self.seeded[0])
            usable = flow["ContactFlow"]["State"] == "ACTIVE"
        except ClientError:  # deleted, or only saved content left
            usable = False
        if not usable:
            self.names_made += 1
            self.seeded[0] = east.create_contact_flow(
                InstanceId=home,
                Name=f"fuzz inbound {self.names_made}",
                Type="CONTACT_FLOW",
                Content=flow_content("hi"),
            )["ContactFlowId"]

    def snapshot(self) -> dict[str, Any]:
        state = super().snapshot()
        if not SERVER_MODE:
            return {**state, "flows": flow_state_snapshot()}
        east = self.clients[fs.REGIONS[0]]
        home = self.instances[0]["Id"]
        found = east.search_contact_flows(InstanceId=home, MaxResults=100)["ContactFlows"]
        flows = sorted(found, key=lambda flow: flow["Id"])
        for flow in flows:
            flow.pop("LastModifiedTime", None)
        listed = east.list_flow_associations(InstanceId=home, MaxResults=1000)
        return {**state, "flows": flows, "associations": listed["FlowAssociationSummaryList"]}

    def refresh_pools(self) -> None:
        super().refresh_pools()
        if not hasattr(self, "flow_tokens"):
            return  # World's own set-up, before the flows exist
        east = self.clients[fs.REGIONS[0]]
        home = self.instances[0]
        numbers = east.list_phone_numbers_v2(InstanceId=home["Id"])["ListPhoneNumbersSummaryList"]
        flows = [
            flow
            for page in east.get_paginator("list_contact_flows").paginate(InstanceId=home["Id"])
            for flow in page["ContactFlowSummaryList"]
        ]
        # The set-up's flows that are left and two others, the associable one twice: a pool that
        # grew with every flow the run creates would make it ever rarer to draw.
        by_id = {f["Id"]: f for f in flows}
        seeded = [by_id[i] for i in self.seeded if i in by_id]
        mine = seeded[:1] + seeded + [f for f in flows if f["Id"] not in self.seeded][:2]
        other = self.instances[1]["Id"]
        other_flow = east.list_contact_flows(InstanceId=other, MaxResults=1)[
            "ContactFlowSummaryList"
        ]
        self.names_made += 1
        values = self.pools.values
        values["InstanceId"] = [home["Id"], home["Arn"]]
        values["PhoneNumberId"] = [
            i for n in numbers for i in (n["PhoneNumberId"], n["PhoneNumberArn"])
        ]
        values["ContactFlowId"] = [i for f in mine for i in (f["Id"], f["Arn"])] + [
            f"{f['Id']}:$SAVED" for f in mine[1:3]
        ]
        values["ContactFlowName"] = [f"fuzz flow {self.names_made}", "fuzz inbound"]
        values["ContactFlowContent"] = [flow_content("hello"), "{}"]
        values["ARN"] = [n["PhoneNumberArn"] for n in numbers] + [home["Arn"]]
        values["NextToken"] = self.flow_tokens
        self.pools.odd.update(
            {
                "ContactFlowId": [f["Id"] for f in other_flow]
                + [f["Arn"] for f in other_flow]
                + [f"{f['Id']}:1" for f in mine[:1]],
                "ContactFlowContent": ["", "[]", '{"Version": "2019-10-30"}'],
                "InstanceId": [i["Id"] for i in self.instances[1:]] + [self.west_instance["Id"]],
            }
        )


def _fuzz(world: World, examples: int, operations: tuple[str, ...]) -> None:
    """Send ``examples`` derandomized requests to ``operations`` through ``world``."""

    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def send_one(data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(operations), label="operation")
        world.send(data.draw(fs.request(world.pools, name), label="request"))

    send_one()


@pytest.fixture(scope="module")
def fuzzed() -> Iterator[World]:
    """One derandomized fuzz run of FUZZ_REQUESTS requests, shared by the tests below."""
    with mock_aws():
        world = World()
        _fuzz(world, FUZZ_REQUESTS, fs.OPERATIONS)
    print(f"\nfuzz run: {world.summary()}")  # shown with pytest -s, for docs/server-load.md
    yield world


@pytest.fixture(scope="module")
def fuzzed_flows() -> Iterator[World]:
    """One derandomized fuzz run of FUZZ_REQUESTS requests to the contact-flow operations."""
    with mock_aws():
        world = FlowWorld()
        _fuzz(world, FUZZ_REQUESTS, fs.FLOW_OPERATIONS)
    print(f"\nflow fuzz run: {world.summary()}")
    yield world


def test_flow_fuzz_reached_every_flow_operation_with_modelled_answers(fuzzed_flows: World) -> None:
    succeeded = {operation for operation, status in fuzzed_flows.outcomes if status < 300}
    assert succeeded == set(fs.FLOW_OPERATIONS), sorted(fuzzed_flows.outcomes.items())
    assert fuzzed_flows.violations == [], "\n".join(fuzzed_flows.violations[:30])
    assert fuzzed_flows.changed_by_rejection == [], "\n".join(
        fuzzed_flows.changed_by_rejection[:20]
    )


def test_fuzz_sent_every_kind_of_request_to_every_operation(fuzzed: World) -> None:
    assert fuzzed.sent >= FUZZ_REQUESTS
    assert set(fuzzed.kinds) == set(fs.KINDS)
    sent_to = {operation for operation, _ in fuzzed.outcomes}
    assert sent_to == set(fs.OPERATIONS)
    succeeded = {operation for operation, status in fuzzed.outcomes if status < 300}
    assert succeeded == set(fs.OPERATIONS), sorted(fuzzed.outcomes.items())


def test_fuzzed_requests_get_modelled_answers_and_no_5xx(fuzzed: World) -> None:
    assert fuzzed.violations == [], (
        f"{len(fuzzed.violations)} of {fuzzed.sent} answers broke the model:\n"
        + fuzzed.summary()
        + "\n"
        + "\n".join(fuzzed.violations[:30])
    )


def test_rejected_fuzzed_requests_leave_the_state_unchanged(fuzzed: World) -> None:
    assert fuzzed.changed_by_rejection == [], (
        f"{len(fuzzed.changed_by_rejection)} of {fuzzed.sent} rejections changed state:\n"
        + fuzzed.summary()
        + "\n"
        + "\n".join(fuzzed.changed_by_rejection[:20])
    )


# -- regressions: each defect the fuzzer found, as the behaviour the spec asks for ------------


def answer(method: str, path: str, body: bytes | None = None) -> Any:
    """raw_request, with an exception escaping the mock (in-process) turned into a failure."""
    try:
        return raw_request(method, path, body)
    except Exception as error:  # what a server answers with a 500 and a traceback
        pytest.fail(f"the request raised {type(error).__name__}: {str(error)[:200]}")


def assert_modelled_error(response: Any, operation: str, code: str) -> str:
    assert response.status_code < 500, response.text[:300]
    assert (
        contract_violations(
            fs.operation(operation), response.status_code, response.headers, response.content
        )
        == []
    )
    assert response.headers.get("x-amzn-ErrorType", "").split(":")[0] == code, response.text[:300]
    return str(response.json()["Message"])


@pytest.fixture
def east() -> Iterator[tuple[Any, dict[str, str]]]:
    with mock_aws():
        connect = client()
        yield connect, new_instance(connect)


@pytest.mark.parametrize(
    "body",
    [b'{"PhoneNumber": "+1800\xff5551234"}', b"\xc3\x28", b"\xff\xfe{\x00}"],
    ids=["invalid-byte-in-string", "bad-continuation", "utf16-bom"],
)
def test_claim_body_that_is_not_utf8_is_invalid_parameter(
    east: tuple[Any, dict[str, str]], body: bytes
) -> None:
    connect, _ = east
    response = answer("POST", "/phone-number/claim", body)
    message = assert_modelled_error(response, "ClaimPhoneNumber", "InvalidParameterException")
    assert message == "The request body is not valid JSON."
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


def test_deeply_nested_json_body_is_invalid_parameter(east: tuple[Any, dict[str, str]]) -> None:
    body = b'{"a":' * 5000 + b"1" + b"}" * 5000
    response = answer("POST", "/phone-number/list", body)
    message = assert_modelled_error(response, "ListPhoneNumbersV2", "InvalidParameterException")
    assert message == "The request body is not valid JSON."


@pytest.mark.parametrize(
    ("operation", "call"),
    [
        ("DescribePhoneNumber", lambda c: c.describe_phone_number(PhoneNumberId="")),
        ("ReleasePhoneNumber", lambda c: c.release_phone_number(PhoneNumberId="")),
        (
            "UpdatePhoneNumberMetadata",
            lambda c: c.update_phone_number_metadata(PhoneNumberId="", PhoneNumberDescription="x"),
        ),
    ],
    ids=["describe", "release", "update-metadata"],
)
def test_empty_phone_number_id_from_boto3_is_invalid_parameter(
    east: tuple[Any, dict[str, str]], operation: str, call: Any
) -> None:
    """The model sets no minimum length, so boto3 sends ``/phone-number/`` as it is."""
    with pytest.raises(ClientError) as e:
        call(client(config=no_retries()))
    assert e.value.response["Error"]["Code"] == "InvalidParameterException"
    assert "phonenumberid" in e.value.response["Error"]["Message"].lower()


@pytest.mark.parametrize(
    ("operation", "call"),
    [
        ("DescribePhoneNumber", lambda c, arn: c.describe_phone_number(PhoneNumberId=arn)),
        ("ReleasePhoneNumber", lambda c, arn: c.release_phone_number(PhoneNumberId=arn)),
        (
            "UpdatePhoneNumberMetadata",
            lambda c, arn: c.update_phone_number_metadata(
                PhoneNumberId=arn, PhoneNumberDescription="x"
            ),
        ),
    ],
    ids=["describe", "release", "update-metadata"],
)
def test_phone_number_arn_of_an_unknown_region_is_not_found(
    east: tuple[Any, dict[str, str]], operation: str, call: Any
) -> None:
    connect, instance = east
    claim(connect, instance["Id"])
    arn = f"arn:aws:connect:{UNKNOWN_REGION}:{ACCOUNT}:phone-number/{uuid.UUID(int=7, version=4)}"
    with pytest.raises(ClientError) as e:
        call(client(config=no_retries()), arn)
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert e.value.response["Error"]["Message"] == f"Phone number not found: {arn}"
    assert len(connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]) == 1


def test_traffic_distribution_group_arn_of_an_unknown_region_is_not_found(
    east: tuple[Any, dict[str, str]],
) -> None:
    _, instance = east
    group = (
        instance["Arn"]
        .replace(":instance/", ":traffic-distribution-group/")
        .replace(fs.REGIONS[0], UNKNOWN_REGION)
    )
    with pytest.raises(ClientError) as e:
        client(config=no_retries()).list_phone_numbers_v2(TargetArn=group)
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert "Traffic distribution group not found" in e.value.response["Error"]["Message"]


def test_list_phone_numbers_v1_takes_an_instance_arn_as_in_process(
    east: tuple[Any, dict[str, str]],
) -> None:
    """boto3 sends the ARN's ``/`` as ``%2F``; the server must route it as in-process."""
    connect, instance = east
    claimed = claim(connect, instance["Id"])
    listed = client(config=no_retries()).list_phone_numbers(InstanceId=instance["Arn"])
    assert [n["Id"] for n in listed["PhoneNumberSummaryList"]] == [claimed["PhoneNumberId"]]


def test_list_phone_numbers_v1_with_a_slash_in_instance_id_is_not_found(
    east: tuple[Any, dict[str, str]],
) -> None:
    response = answer("GET", "/phone-numbers-summary/not%2Fan-instance")
    message = assert_modelled_error(response, "ListPhoneNumbers", "ResourceNotFoundException")
    assert message == "Instance not found: not/an-instance"


@pytest.mark.parametrize(
    ("method", "path", "operation", "label"),
    [
        (
            "POST",
            f"/contact-flows//{uuid.UUID(int=1)}/content",
            "UpdateContactFlowContent",
            "instanceId",
        ),
        ("DELETE", f"/contact-flows/{uuid.UUID(int=1)}/", "DeleteContactFlow", "contactFlowId"),
        (
            "POST",
            "/contact-flows//arn%3Aaws%3Aconnect%3Aus-east-1%3A123456789012%3Ainstance%2F"
            f"{uuid.UUID(int=1)}%2Fcontact-flow%2F{uuid.UUID(int=2)}/content",
            "UpdateContactFlowContent",
            "instanceId",
        ),
    ],
    ids=["first-of-two-labels", "second-of-two-labels", "the-other-label-an-encoded-arn"],
)
def test_an_empty_label_of_several_gets_the_validation_error(
    east: tuple[Any, dict[str, str]], method: str, path: str, operation: str, label: str
) -> None:
    body = b'{"Content": "{}"}' if method == "POST" else None
    response = answer(method, path, body)
    message = assert_modelled_error(response, operation, "InvalidParameterException")
    assert f"Value '' at '{label}'" in message
