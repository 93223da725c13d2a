"""Stress a running moto-connect-server with concurrent mixed traffic, then check its invariants.

Usage, from the repository root (loopback endpoints only)::

    python -m tests.stress --threads 16 --ops 20000            # starts its own server
    python -m tests.stress --endpoint http://127.0.0.1:5000     # drives a running one (resets it!)

Many threads send claim, search, describe, list (v2 and v1), update, update-metadata and release
requests for several accounts (``x-moto-account-id``) in two Regions, through boto3 with botocore's
retries on. For the first half of the run the server injects ThrottlingException and
InternalServiceException at random (``control.inject_fault(..., probability=...)``), so botocore
retries many requests; writes carry explicit ClientTokens, and some are sent twice at once or
replayed later, as a client does when a response is lost. Each thread logs the effects it saw.

Checked while running: every response against the botocore model (``support.contract_violations``);
no 5xx other than the injected ones; a thread's own numbers are described and listed exactly as it
left them, exactly once; a number that anyone claimed earlier is never searchable nor claimable
again (it is held or cooling down); a concurrent duplicate or a replay of a write has its first
result and no second effect.

Checked at the end, from the server's answers and the logs: each account and Region lists exactly
the numbers claimed and not released there (no dropped or duplicated effect), no number is listed
twice or by two accounts, every held number describes as logged, every released number is not found
and refused with "Phone number not available", no claimed number is searchable while every number
offered and never claimed still is (each number in exactly one state), and the churn count
of each account and Region equals the releases made (shown by configuring the 200% rule's limit to
exactly that count, where a claim is blocked, and one more, where it is not).

Exit status 0 when no invariant was violated, 1 otherwise. Bounded by ``--ops`` and ``--seconds``.
"""

from __future__ import annotations

import argparse
import dataclasses
import ipaddress
import itertools
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import boto3
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

_TESTS = os.path.dirname(os.path.abspath(__file__))
if _TESTS not in sys.path:  # run as ``python -m tests.stress``: find the suite's support module
    sys.path.insert(0, _TESTS)

from moto_connect_ext.control import ServerControl  # noqa: E402
from moto_connect_ext.server import running  # noqa: E402
from support import PHONE_NUMBER_OPERATIONS, contract_violations  # noqa: E402

#: Marks the faults this tool injects, so their 5xx responses are told apart from real ones.
INJECTED = "stress-injected fault"
#: A well-formed number that is not in the stock: claiming it is refused after the churn check.
NOT_IN_STOCK = "+10000000000"
#: Searches the workers make: US numbers only (fixed length, so a number's 10-digit prefix finds
#: it among at most ten candidates), prefixes shared between threads so that claims contend.
SEARCHES = (
    [("US", "TOLL_FREE", f"+1800{d}") for d in range(2, 8)]
    + [("US", "TOLL_FREE", f"+1888{d}") for d in range(2, 5)]
    + [("US", "DID", f"+1212{d}") for d in range(2, 5)]
)
#: Relative weights of the operations a worker picks.
MIX = {
    "search": 16,
    "claim": 20,
    "steal": 5,
    "describe": 12,
    "describe_released": 3,
    "list_v2": 8,
    "list_v1": 5,
    "update": 8,
    "metadata": 7,
    "release": 11,
    "replay": 5,
}


@dataclasses.dataclass
class StressConfig:
    threads: int = 16
    ops: int = 20_000
    seconds: float = 600.0
    accounts: int = 3
    regions: tuple[str, ...] = ("us-east-1", "us-west-2")
    instances_per_target: int = 2
    #: Chance that a phone-number request meets an injected fault during the first half of the run.
    fault_probability: float = 0.03
    #: Chance that a write is sent twice at once with the same ClientToken.
    duplicate_probability: float = 0.05
    seed: int = 20_260_101


@dataclasses.dataclass
class Held:
    """A number a worker holds, as it last left it."""

    key: tuple[str, str]
    phone_number_id: str
    arn: str
    e164: str
    instance_id: str
    description: str | None
    tags: dict[str, str]


@dataclasses.dataclass
class Write:
    """A successful write, kept so that it can be replayed with its ClientToken."""

    key: tuple[str, str]
    operation: str
    params: dict[str, Any]
    result: dict[str, Any]


@dataclasses.dataclass
class Report:
    threads: int
    ops_planned: int
    ops_done: int = 0
    duration: float = 0.0
    stopped_by_clock: bool = False
    ops: Counter[str] = dataclasses.field(default_factory=Counter)
    outcomes: Counter[str] = dataclasses.field(default_factory=Counter)
    http_statuses: Counter[int] = dataclasses.field(default_factory=Counter)
    calls: int = 0
    attempts: int = 0
    injected_faults_seen: int = 0
    claims: int = 0
    releases: int = 0
    held_at_end: int = 0
    checks: int = 0
    violations: list[str] = dataclasses.field(default_factory=list)

    @property
    def retries(self) -> int:
        return self.attempts - self.calls

    def summary(self) -> str:
        rate = self.ops_done / self.duration if self.duration else 0.0
        lines = [
            f"threads {self.threads}, operations {self.ops_done} of {self.ops_planned} "
            f"in {self.duration:.1f} s ({rate:.0f}/s)"
            + (" - stopped by the time limit" if self.stopped_by_clock else ""),
            "operations: " + ", ".join(f"{k} {v}" for k, v in sorted(self.ops.items())),
            "outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items())),
            f"API calls {self.calls}, HTTP attempts {self.attempts} (botocore retries "
            f"{self.retries}), injected faults "
            f"answered {self.injected_faults_seen}; statuses "
            + ", ".join(f"{k}: {v}" for k, v in sorted(self.http_statuses.items())),
            f"claims {self.claims}, releases {self.releases}, held at the end {self.held_at_end}",
            f"invariant checks {self.checks}, violations {len(self.violations)}",
        ]
        lines += [f"  VIOLATION {v}" for v in self.violations[:50]]
        if len(self.violations) > 50:
            lines.append(f"  ... and {len(self.violations) - 50} more")
        return "\n".join(lines)


class Outcome:
    """What the run did, merged from the workers' logs; for extra checks by the caller."""

    def __init__(self) -> None:
        self.held: dict[str, Held] = {}
        self.released: list[Held] = []
        self.releases_per_key: Counter[tuple[str, str]] = Counter()


def is_loopback(endpoint: str) -> bool:
    host = urlparse(endpoint).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _account_ids(count: int) -> list[str]:
    return (
        [str(d) * 12 for d in range(1, count + 1)]
        if count <= 9
        else [f"{n:012d}" for n in range(100_000_000_001, 100_000_000_001 + count)]
    )


def _token(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def _message(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Message", ""))


class Run:
    """One stress run against ``endpoint``; :meth:`execute` returns the report."""

    def __init__(self, endpoint: str, config: StressConfig) -> None:
        if not is_loopback(endpoint):
            raise ValueError(f"stress runs against loopback endpoints only, not {endpoint}")
        self.endpoint = endpoint.rstrip("/")
        self.config = config
        self.control = ServerControl(self.endpoint)
        self.report = Report(threads=config.threads, ops_planned=config.ops)
        self.accounts = _account_ids(config.accounts)
        self.keys = [(a, r) for a in self.accounts for r in config.regions]
        self._lock = threading.Lock()
        self._counter = itertools.count()
        self._session = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing"
        )
        self.clients = {key: self._client(key, attempts=8) for key in self.keys}
        self.no_retry = {key: self._client(key, attempts=1) for key in self.keys}
        self.instances: dict[tuple[str, str], list[dict[str, str]]] = {}
        #: E.164 numbers whose claim a worker saw succeed, in that order; never available again.
        self.ever_claimed: list[str] = []
        #: Numbers any search offered.
        self.ever_offered: set[str] = set()
        self.workers: list[Worker] = []
        self.deadline = 0.0
        self.faults_on = False

    # -- plumbing ---------------------------------------------------------------------------

    def _client(self, key: tuple[str, str], attempts: int) -> Any:
        account, region = key
        config = Config(  # one per client: botocore may write into it
            retries={"total_max_attempts": attempts},
            max_pool_connections=max(10, self.config.threads * 3),
        )
        client = self._session.client(
            "connect", region_name=region, endpoint_url=self.endpoint, config=config
        )

        def as_account(request: Any, **_: Any) -> None:
            request.headers["x-moto-account-id"] = account

        client.meta.events.register("before-sign.connect", as_account)
        client.meta.events.register("before-call.connect", self._called)
        client.meta.events.register("before-parse.connect", self._observe)
        return client

    def _called(self, **_: Any) -> None:
        with self._lock:
            self.report.calls += 1

    def _observe(self, operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
        """Every HTTP attempt, retries included: count it and hold it to the model."""
        status = response_dict["status_code"]
        body = response_dict["body"] or b""
        injected = INJECTED.encode() in body
        problems = []
        if operation_model.name in PHONE_NUMBER_OPERATIONS:
            problems = contract_violations(operation_model, status, response_dict["headers"], body)
        with self._lock:
            self.report.attempts += 1
            self.report.http_statuses[status] += 1
            self.report.injected_faults_seen += injected
            self.report.checks += 1
            if problems:
                self.report.violations.extend(problems)
            if status >= 500 and not injected:
                self.report.violations.append(
                    f"{operation_model.name}: HTTP {status} not injected: {body[:300]!r}"
                )

    def violation(self, text: str) -> None:
        with self._lock:
            self.report.violations.append(text)

    def check(self, condition: bool, text: str) -> bool:
        with self._lock:
            self.report.checks += 1
            if not condition:
                self.report.violations.append(text)
        return condition

    def count(self, what: str, counter: str = "outcomes") -> None:
        with self._lock:
            getattr(self.report, counter)[what] += 1

    def claimed(self, e164: str) -> None:
        with self._lock:
            self.ever_claimed.append(e164)

    def next_op(self) -> bool:
        """Take the next operation slot, if the run's count and clock allow one."""
        if time.monotonic() >= self.deadline:
            self.report.stopped_by_clock = True
            return False
        index = next(self._counter)
        if index >= self.config.ops:
            return False
        if index == self.config.ops // 2 and self.faults_on:
            self.faults_on = False
            self.control.clear_faults()
        return True

    # -- the run ----------------------------------------------------------------------------

    def setup(self) -> None:
        requests.post(f"{self.endpoint}/moto-api/reset", timeout=30).raise_for_status()
        self.control.reset()
        self.control.configure(phone_numbers_per_instance=100_000, churn_limit_percent=1_000)
        for key in self.keys:
            client = self.no_retry[key]
            self.instances[key] = []
            for n in range(self.config.instances_per_target):
                created = client.create_instance(
                    IdentityManagementType="CONNECT_MANAGED",
                    InstanceAlias=f"stress-{key[0]}-{key[1]}-{n}",
                    InboundCallsEnabled=True,
                    OutboundCallsEnabled=True,
                )
                self.instances[key].append({"Id": created["Id"], "Arn": created["Arn"]})
        if self.config.fault_probability > 0:
            for error in ("ThrottlingException", "InternalServiceException"):
                self.control.inject_fault(
                    "*",
                    error,
                    count=None,
                    probability=self.config.fault_probability / 2,
                    message=f"{INJECTED}: {error}",
                )
            self.faults_on = True

    def execute(self, inspect: Callable[[Outcome], list[str]] | None = None) -> Report:
        started = time.monotonic()
        self.setup()
        self.deadline = started + self.config.seconds
        self.workers = [Worker(self, i) for i in range(self.config.threads)]
        threads = [threading.Thread(target=w.run, name=f"stress-{w.index}") for w in self.workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if self.faults_on:
            self.faults_on = False
        self.control.clear_faults()
        self.report.ops_done = sum(w.done for w in self.workers)
        outcome = self.outcome()
        self.verify(outcome)
        if inspect is not None:
            problems = inspect(outcome)
            with self._lock:
                self.report.checks += 1
                self.report.violations.extend(problems)
        self.control.reset()
        self.report.duration = time.monotonic() - started
        return self.report

    def outcome(self) -> Outcome:
        outcome = Outcome()
        for worker in self.workers:
            for held in worker.held.values():
                if held.phone_number_id in outcome.held:
                    self.violation(f"two workers hold {held.phone_number_id} ({held.e164})")
                outcome.held[held.phone_number_id] = held
            outcome.released += worker.released
            outcome.releases_per_key.update(worker.releases)
        self.report.claims = sum(w.claims for w in self.workers)
        self.report.releases = sum(outcome.releases_per_key.values())
        self.report.held_at_end = len(outcome.held)
        self.check(
            self.report.claims == len(outcome.held) + len(outcome.released),
            f"{self.report.claims} claims but {len(outcome.held)} held + "
            f"{len(outcome.released)} released",
        )
        return outcome

    # -- final invariants -------------------------------------------------------------------

    def list_all(self, key: tuple[str, str]) -> list[dict[str, Any]]:
        client = self.clients[key]
        items: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"MaxResults": 1000}
        while True:
            page = client.list_phone_numbers_v2(**kwargs)
            items += page["ListPhoneNumbersSummaryList"]
            if not page.get("NextToken"):
                return items
            kwargs["NextToken"] = page["NextToken"]

    def verify(self, outcome: Outcome) -> None:
        owners: dict[str, tuple[str, str]] = {}
        for key in self.keys:
            try:
                listed = self.list_all(key)
            except ClientError as error:
                self.violation(f"{key}: ListPhoneNumbersV2: {_code(error)}: {_message(error)}")
                continue
            ids = [item["PhoneNumberId"] for item in listed]
            self.check(len(ids) == len(set(ids)), f"{key}: a number is listed twice")
            for item in listed:
                e164 = item["PhoneNumber"]
                other = owners.setdefault(e164, key)
                self.check(other == key, f"{e164} is listed by {other} and by {key}")
            expected = {h.phone_number_id for h in outcome.held.values() if h.key == key}
            missing = expected - set(ids)
            extra = set(ids) - expected
            self.check(not missing, f"{key}: held numbers not listed (dropped?): {sorted(missing)}")
            self.check(
                not extra, f"{key}: listed numbers nobody holds (duplicated?): {sorted(extra)}"
            )
            for item in listed:
                held = outcome.held.get(item["PhoneNumberId"])
                if held is not None:
                    self.check(
                        (item["PhoneNumber"], item["InstanceId"]) == (held.e164, held.instance_id),
                        f"{key}: {item} listed unlike its log {held}",
                    )
        claimed = set(self.ever_claimed)
        self.check(
            len(claimed) == len(self.ever_claimed),
            f"{len(self.ever_claimed) - len(claimed)} numbers were claimed more than once",
        )
        with ThreadPoolExecutor(self.config.threads) as pool:
            list(pool.map(self.guarded(self.verify_held), outcome.held.values()))
            list(pool.map(self.guarded(self.verify_released), outcome.released))
            list(
                pool.map(
                    self.guarded(self.verify_stock),
                    sorted({e[:-1] for e in claimed | self.ever_offered}),
                )
            )
        for key in self.keys:
            self.guarded(self.verify_churn)(key, outcome.releases_per_key[key])

    def guarded(self, check: Callable[..., None]) -> Callable[..., None]:
        """A final check whose unexpected error is a violation, not the end of the run."""

        def run(*args: Any) -> None:
            try:
                check(*args)
            except ClientError as error:
                self.violation(f"{check.__name__}{args!r}: {_code(error)}: {_message(error)}")
            except Exception as error:
                self.violation(f"{check.__name__}{args!r}: {type(error).__name__}: {error}")

        return run

    def verify_held(self, held: Held) -> None:
        client = self.clients[held.key]
        summary = client.describe_phone_number(PhoneNumberId=held.phone_number_id)[
            "ClaimedPhoneNumberSummary"
        ]
        seen = (
            summary["PhoneNumber"],
            summary["InstanceId"],
            summary.get("PhoneNumberDescription"),
            summary.get("Tags", {}),
            summary["PhoneNumberStatus"]["Status"],
        )
        logged = (held.e164, held.instance_id, held.description, held.tags, "CLAIMED")
        self.check(
            seen == logged, f"{held.key} {held.phone_number_id}: describes as {seen}, log {logged}"
        )
        self.expect_refused(held.key, held.e164)

    def verify_released(self, held: Held) -> None:
        client = self.clients[held.key]
        try:
            client.describe_phone_number(PhoneNumberId=held.phone_number_id)
            self.violation(f"{held.key}: released {held.phone_number_id} still describes")
        except ClientError as error:
            self.check(
                _code(error) == "ResourceNotFoundException",
                f"released {held.phone_number_id}: {_code(error)} {_message(error)}",
            )
        self.expect_refused(self.keys[-1], held.e164)

    def expect_refused(self, key: tuple[str, str], e164: str) -> None:
        """A held or cooling number: a claim by ``key`` must be refused as not available."""
        client = self.clients[key]
        instance = self.instances[key][0]["Id"]
        try:
            result = client.claim_phone_number(InstanceId=instance, PhoneNumber=e164)
        except ClientError as error:
            self.check(
                _code(error) == "InvalidParameterException"
                and _message(error) == f"Phone number not available: {e164}",
                f"claim of taken {e164}: {_code(error)} {_message(error)}",
            )
            return
        self.violation(f"{key} claimed {e164} ({result['PhoneNumberId']}), held or cooling")

    def verify_stock(self, prefix: str) -> None:
        """Each number in exactly one state: searching a block of ten (a 10-digit prefix) offers
        every number of it that was offered and never claimed, and none that was claimed."""
        key = self.keys[0]
        found = self.clients[key].search_available_phone_numbers(
            InstanceId=self.instances[key][0]["Id"],
            PhoneNumberCountryCode="US",
            PhoneNumberType="DID" if prefix.startswith("+1212") else "TOLL_FREE",
            PhoneNumberPrefix=prefix,
            MaxResults=10,
        )["AvailableNumbersList"]
        offered = {n["PhoneNumber"] for n in found}
        with self._lock:
            claimed = set(self.ever_claimed)
            free = {e for e in self.ever_offered if e.startswith(prefix)} - claimed
        taken = offered & claimed
        self.check(not taken, f"claimed numbers offered by search: {sorted(taken)}")
        self.check(free <= offered, f"never claimed, but not offered: {sorted(free - offered)}")

    def verify_churn(self, key: tuple[str, str], releases: int) -> None:
        """The churn count equals ``releases``: blocked at that limit, not blocked at one more."""
        account, region = key
        client = self.no_retry[key]
        instance = self.instances[key][0]["Id"]
        for limit, blocked in ((releases, True), (releases + 1, False)):
            self.control.configure(
                account_id=account,
                region=region,
                phone_numbers_per_instance=1,
                churn_limit_percent=limit * 100,
            )
            try:
                client.claim_phone_number(InstanceId=instance, PhoneNumber=NOT_IN_STOCK)
                self.violation(f"{key}: claim of {NOT_IN_STOCK} succeeded")
                continue
            except ClientError as error:
                code = _code(error)
            want = "LimitExceededException" if blocked else "InvalidParameterException"
            self.check(
                code == want,
                f"{key}: {releases} releases made, churn limit {limit}: {code}, expected {want}",
            )
        self.control.configure(
            account_id=account,
            region=region,
            phone_numbers_per_instance=100_000,
            churn_limit_percent=1_000,
        )


class Worker:
    """One thread's traffic and its own log of effects."""

    def __init__(self, run: Run, index: int) -> None:
        self.run_ = run
        self.index = index
        self.rng = random.Random(run.config.seed * 1_000 + index)
        self.done = 0
        self.claims = 0
        self.held: dict[str, Held] = {}
        self.released: list[Held] = []
        self.releases: Counter[tuple[str, str]] = Counter()
        self.writes: list[Write] = []
        self.found: list[tuple[str, str]] = []  # (e164, "TOLL_FREE" | "DID") from searches
        self.ops = list(MIX)
        self.weights = [MIX[o] for o in self.ops]

    def run(self) -> None:
        run = self.run_
        while run.next_op():
            operation = self.rng.choices(self.ops, self.weights)[0]
            run.count(operation, "ops")
            try:
                getattr(self, operation)()
            except ClientError as error:
                run.violation(
                    f"worker {self.index} {operation}: unexpected {_code(error)}: {_message(error)}"
                )
            except Exception as error:  # a transport failure or a bug here: report, go on
                run.violation(f"worker {self.index} {operation}: {type(error).__name__}: {error}")
            self.done += 1

    # -- helpers ----------------------------------------------------------------------------

    def key(self) -> tuple[str, str]:
        return self.rng.choice(self.run_.keys)

    def instance(self, key: tuple[str, str]) -> dict[str, str]:
        return self.rng.choice(self.run_.instances[key])

    def mine(self) -> Held | None:
        if not self.held:
            return None
        return self.held[self.rng.choice(sorted(self.held))]

    def send(self, key: tuple[str, str], operation: str, params: dict[str, Any]) -> dict[str, Any]:
        """A write, possibly sent twice at once (same token): both must get the same answer."""
        client = self.run_.clients[key]
        method = getattr(client, operation)
        if self.rng.random() >= self.run_.config.duplicate_probability:
            return dict(method(**params))
        answers: list[Any] = [None, None]

        def call(slot: int) -> None:
            try:
                answers[slot] = method(**params)
            except ClientError as error:
                answers[slot] = error

        twins = [threading.Thread(target=call, args=(slot,)) for slot in (0, 1)]
        for twin in twins:
            twin.start()
        for twin in twins:
            twin.join()
        self.run_.count("sent twice")
        first, second = answers
        self.run_.check(
            _comparable(first) == _comparable(second),
            f"{operation} sent twice with one token answered {_comparable(first)} and "
            f"{_comparable(second)}",
        )
        if isinstance(first, ClientError):
            raise first
        return dict(first)

    # -- operations -------------------------------------------------------------------------

    def search(self) -> None:
        run = self.run_
        key = self.key()
        country, kind, prefix = self.rng.choice(SEARCHES)
        with run._lock:
            known = len(run.ever_claimed)
        found = run.clients[key].search_available_phone_numbers(
            InstanceId=self.instance(key)["Id"],
            PhoneNumberCountryCode=country,
            PhoneNumberType=kind,
            PhoneNumberPrefix=prefix,
            MaxResults=10,
        )["AvailableNumbersList"]
        offered = {n["PhoneNumber"] for n in found}
        with run._lock:
            taken = offered & set(run.ever_claimed[:known])
        run.check(not taken, f"search offered numbers claimed earlier: {sorted(taken)}")
        mine = {h.e164 for h in self.held.values()} | {h.e164 for h in self.released}
        run.check(not offered & mine, f"search offered my numbers: {sorted(offered & mine)}")
        self.found = [(n["PhoneNumber"], kind) for n in found] + self.found[:20]
        with run._lock:
            run.ever_offered |= offered

    def claim(self) -> None:
        run = self.run_
        if not self.found:
            self.search()
            return
        e164, _ = self.found.pop(self.rng.randrange(len(self.found)))
        key = self.key()
        instance = self.instance(key)
        params: dict[str, Any] = {"PhoneNumber": e164, "ClientToken": _token(self.rng)}
        if self.rng.random() < 0.5:
            params["InstanceId"] = instance["Id"]
        else:
            params["TargetArn"] = instance["Arn"]
        description = f"worker {self.index}" if self.rng.random() < 0.3 else None
        if description:
            params["PhoneNumberDescription"] = description
        tags = {"worker": str(self.index)} if self.rng.random() < 0.3 else {}
        if tags:
            params["Tags"] = tags
        try:
            result = self.send(key, "claim_phone_number", params)
        except ClientError as error:
            refused = (
                _code(error) == "InvalidParameterException"
                and _message(error) == f"Phone number not available: {e164}"
            )
            run.check(refused, f"claim of {e164}: {_code(error)}: {_message(error)}")
            run.count("claim refused (taken)")
            return
        number_id = result["PhoneNumberId"]
        run.check(
            result["PhoneNumberArn"].endswith(f":{key[0]}:phone-number/{number_id}")
            and f":{key[1]}:" in result["PhoneNumberArn"],
            f"claim answered {result} for {key}",
        )
        self.held[number_id] = Held(
            key, number_id, result["PhoneNumberArn"], e164, instance["Id"], description, tags
        )
        self.claims += 1
        run.claimed(e164)
        run.count("claimed")
        self.writes.append(Write(key, "claim_phone_number", params, _strip(result)))

    def steal(self) -> None:
        """Claim a number someone claimed before: it is held or cooling, so always refused."""
        run = self.run_
        with run._lock:
            if not run.ever_claimed:
                return
            e164 = self.rng.choice(run.ever_claimed)
        key = self.key()
        try:
            result = run.clients[key].claim_phone_number(
                InstanceId=self.instance(key)["Id"],
                PhoneNumber=e164,
                ClientToken=_token(self.rng),
            )
        except ClientError as error:
            run.check(
                _code(error) == "InvalidParameterException"
                and _message(error) == f"Phone number not available: {e164}",
                f"steal of {e164}: {_code(error)}: {_message(error)}",
            )
            run.count("steal refused")
            return
        run.violation(f"{key} claimed {e164} a second time: {result['PhoneNumberId']}")

    def describe(self) -> None:
        run = self.run_
        held = self.mine()
        if held is None:
            return
        ident = held.arn if self.rng.random() < 0.3 else held.phone_number_id
        summary = run.clients[held.key].describe_phone_number(PhoneNumberId=ident)[
            "ClaimedPhoneNumberSummary"
        ]
        seen = (
            summary["PhoneNumberId"],
            summary["PhoneNumber"],
            summary["InstanceId"],
            summary.get("PhoneNumberDescription"),
            summary.get("Tags", {}),
            summary["PhoneNumberStatus"]["Status"],
        )
        logged = (
            held.phone_number_id,
            held.e164,
            held.instance_id,
            held.description,
            held.tags,
            "CLAIMED",
        )
        run.check(seen == logged, f"describe {ident}: {seen}, log says {logged}")

    def describe_released(self) -> None:
        run = self.run_
        if not self.released:
            return
        gone = self.rng.choice(self.released)
        try:
            run.clients[gone.key].describe_phone_number(PhoneNumberId=gone.phone_number_id)
        except ClientError as error:
            run.check(
                _code(error) == "ResourceNotFoundException",
                f"describe released {gone.phone_number_id}: {_code(error)}: {_message(error)}",
            )
            return
        run.violation(f"released {gone.phone_number_id} ({gone.e164}) still describes")

    def list_v2(self) -> None:
        run = self.run_
        key = self.key()
        kwargs: dict[str, Any] = {"MaxResults": self.rng.randint(1, 50)}
        instance = None
        if self.rng.random() < 0.5:
            instance = self.instance(key)["Id"]
            kwargs["InstanceId"] = instance
        ids: list[str] = []
        while True:
            page = run.clients[key].list_phone_numbers_v2(**kwargs)
            ids += [item["PhoneNumberId"] for item in page["ListPhoneNumbersSummaryList"]]
            if not page.get("NextToken"):
                break
            kwargs["NextToken"] = page["NextToken"]
        self.check_listing(key, instance, ids, "ListPhoneNumbersV2")

    def list_v1(self) -> None:
        run = self.run_
        key = self.key()
        instance = self.instance(key)["Id"]
        kwargs: dict[str, Any] = {"InstanceId": instance, "MaxResults": self.rng.randint(1, 50)}
        ids: list[str] = []
        while True:
            page = run.clients[key].list_phone_numbers(**kwargs)
            ids += [item["Id"] for item in page["PhoneNumberSummaryList"]]
            if not page.get("NextToken"):
                break
            kwargs["NextToken"] = page["NextToken"]
        self.check_listing(key, instance, ids, "ListPhoneNumbers")

    def check_listing(
        self, key: tuple[str, str], instance: str | None, ids: list[str], operation: str
    ) -> None:
        """My numbers stay put while I list, so each is listed exactly once; released ones never."""
        run = self.run_
        run.check(len(ids) == len(set(ids)), f"{operation} {key} repeated an item")
        counted = Counter(ids)
        for held in self.held.values():
            if held.key == key and instance in (None, held.instance_id):
                run.check(
                    counted[held.phone_number_id] == 1,
                    f"{operation} {key} listed my {held.phone_number_id} "
                    f"{counted[held.phone_number_id]} times",
                )
        for gone in self.released:
            run.check(
                gone.phone_number_id not in counted,
                f"{operation} {key} listed released {gone.phone_number_id}",
            )

    def update(self) -> None:
        run = self.run_
        held = self.mine()
        if held is None:
            return
        others = [i for i in run.instances[held.key] if i["Id"] != held.instance_id]
        target = self.rng.choice(others)
        params: dict[str, Any] = {
            "PhoneNumberId": held.phone_number_id,
            "ClientToken": _token(self.rng),
        }
        if self.rng.random() < 0.5:
            params["InstanceId"] = target["Id"]
        else:
            params["TargetArn"] = target["Arn"]
        result = self.send(held.key, "update_phone_number", params)
        run.check(
            (result["PhoneNumberId"], result["PhoneNumberArn"]) == (held.phone_number_id, held.arn),
            f"update of {held.phone_number_id} answered {result}",
        )
        held.instance_id = target["Id"]
        run.count("updated")
        self.writes.append(Write(held.key, "update_phone_number", params, _strip(result)))

    def metadata(self) -> None:
        run = self.run_
        held = self.mine()
        if held is None:
            return
        description = f"worker {self.index} op {self.done}"
        params = {
            "PhoneNumberId": held.phone_number_id,
            "PhoneNumberDescription": description,
            "ClientToken": _token(self.rng),
        }
        result = self.send(held.key, "update_phone_number_metadata", params)
        held.description = description
        run.count("described")
        self.writes.append(Write(held.key, "update_phone_number_metadata", params, _strip(result)))

    def release(self) -> None:
        run = self.run_
        held = self.mine()
        if held is None:
            return
        params = {"PhoneNumberId": held.phone_number_id, "ClientToken": _token(self.rng)}
        result = self.send(held.key, "release_phone_number", params)
        del self.held[held.phone_number_id]
        self.released.append(held)
        self.releases[held.key] += 1
        run.count("released")
        self.writes.append(Write(held.key, "release_phone_number", params, _strip(result)))

    def replay(self) -> None:
        """Resend an earlier successful write with its token: the first answer, no new effect."""
        run = self.run_
        if not self.writes:
            return
        write = self.rng.choice(self.writes[-50:])
        result = getattr(run.clients[write.key], write.operation)(**write.params)
        run.check(
            _strip(result) == write.result,
            f"replayed {write.operation} answered {_strip(result)}, first {write.result}",
        )
        run.count("replayed")


def _strip(result: Any) -> dict[str, Any]:
    return {k: v for k, v in dict(result).items() if k != "ResponseMetadata"}


def _comparable(answer: Any) -> Any:
    if isinstance(answer, ClientError):
        return ("error", _code(answer), _message(answer))
    return ("ok", _strip(answer))


# -- a server to drive -----------------------------------------------------------------------


def run(
    endpoint: str, config: StressConfig, inspect: Callable[[Outcome], list[str]] | None = None
) -> Report:
    return Run(endpoint, config).execute(inspect)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.stress", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--endpoint",
        help="a running server (loopback only); it is reset. Default: start one on a free port",
    )
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--ops", type=int, default=20_000, help="operations in all (default 20000)")
    parser.add_argument("--seconds", type=float, default=600, help="wall-clock limit (default 600)")
    parser.add_argument("--accounts", type=int, default=3)
    parser.add_argument(
        "--fault-probability",
        type=float,
        default=0.03,
        help="chance of an injected fault per request in the first half",
    )
    parser.add_argument("--seed", type=int, default=StressConfig.seed)
    args = parser.parse_args(argv)
    config = StressConfig(
        threads=args.threads,
        ops=args.ops,
        seconds=args.seconds,
        accounts=args.accounts,
        fault_probability=args.fault_probability,
        seed=args.seed,
    )
    if args.endpoint:
        if not is_loopback(args.endpoint):
            parser.error(f"loopback endpoints only: {args.endpoint}")
        report = run(args.endpoint, config)
    else:
        log = Path(tempfile.mkdtemp(prefix="stress-")) / "server.log"
        with running(log) as server:
            report = run(server.endpoint, config)
    print(report.summary())
    return 1 if report.violations else 0


if __name__ == "__main__":
    sys.exit(main())
