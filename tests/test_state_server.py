"""``moto-connect-server --state-dir``: the Connect world survives restarts (docs/behaviour.md,
"Snapshots"). Each test starts servers of its own on loopback, so it runs the same in both modes.

A server stopped with SIGTERM or SIGINT loses nothing; one killed with SIGKILL at random moments
during mixed traffic comes back with a whole snapshot holding at least everything its last
acknowledged save held, and the stock's invariants hold. A bad snapshot stops the server from
starting; ``--discard-bad-state`` moves it aside. The control endpoints answer JSON, bad input 4xx.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from botocore.exceptions import BotoCoreError, ClientError

from moto_connect_ext.control import ServerControl
from moto_connect_ext.server import STATE_FILE, running
from moto_connect_ext.snapshots import read
from support import no_retries

REGION = "us-east-1"


@contextmanager
def server(state_dir: Path, *options: str) -> Iterator[Any]:
    log = state_dir.parent / f"{state_dir.name}.log"
    with running(log, options=["--state-dir", str(state_dir), *options]) as started:
        yield started


def connect(endpoint: str) -> Any:
    return boto3.client(
        "connect",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=no_retries(),
    )


def new_instance(client: Any) -> str:
    created = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=f"i-{uuid.uuid4().hex[:8]}",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return str(created["Id"])


def claim_one(client: Any, instance_id: str, **extra: Any) -> dict[str, Any]:
    number = client.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
    )["AvailableNumbersList"][0]["PhoneNumber"]
    claimed = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number, **extra)
    return {"id": claimed["PhoneNumberId"], "number": number}


def claim_error(client: Any, instance_id: str, e164: str) -> str:
    """The error code of a claim expected to fail."""
    with pytest.raises(ClientError) as caught:
        client.claim_phone_number(InstanceId=instance_id, PhoneNumber=e164)
    return str(caught.value.response["Error"]["Code"])


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_server_loses_nothing(tmp_path: Path, stop: signal.Signals) -> None:
    state_dir = tmp_path / "state"
    token = str(uuid.uuid4())
    with server(state_dir, "--save-interval", "0") as first:
        client = connect(first.endpoint)
        ServerControl(first.endpoint).configure(phone_numbers_per_instance=20)
        instance_id = new_instance(client)
        kept = claim_one(client, instance_id, ClientToken=token)
        released = claim_one(client, instance_id)
        client.release_phone_number(PhoneNumberId=released["id"])
        os.kill(first.pid, stop)  # the last write before the signal is in the save
    with server(state_dir) as second:
        client = connect(second.endpoint)
        described = client.describe_phone_number(PhoneNumberId=kept["id"])
        assert described["ClaimedPhoneNumberSummary"]["PhoneNumber"] == kept["number"]
        replay = client.claim_phone_number(
            InstanceId=instance_id, PhoneNumber=kept["number"], ClientToken=token
        )
        assert replay["PhoneNumberId"] == kept["id"]
        assert ServerControl(second.endpoint).effective_settings().phone_numbers_per_instance == 20
        assert claim_error(client, instance_id, released["number"]) == "InvalidParameterException"


def start_refused(*options: str, env: dict[str, str] | None = None) -> Any:
    """Run a server expected to refuse to start; its completed process."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "moto_connect_ext", "-H", "127.0.0.1", "-p", str(port)]
    return subprocess.run(
        [*command, *options],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_a_bad_snapshot_stops_the_server_unless_told_to_move_it_aside(tmp_path: Path) -> None:
    state_dir = tmp_path / "state"
    state_dir.mkdir()
    bad = state_dir / STATE_FILE
    bad.write_text('{"format": "moto-connect-ext snapshot", "version": 1, "secti')
    refused = start_refused("--state-dir", str(state_dir))
    assert refused.returncode != 0
    assert f"{bad}: truncated" in refused.stderr
    assert "--discard-bad-state" in refused.stderr
    assert bad.read_text().endswith('"secti')  # untouched
    with server(state_dir, "--discard-bad-state", "--save-interval", "0") as started:
        assert connect(started.endpoint).list_instances()["InstanceSummaryList"] == []
        aside = [p.name for p in state_dir.iterdir() if ".bad-" in p.name]
        assert len(aside) == 1 and aside[0].startswith(f"{STATE_FILE}.bad-")


def test_the_state_dir_can_come_from_the_environment(tmp_path: Path) -> None:
    """For containers: MOTO_CONNECT_STATE_DIR, here naming a directory with a bad snapshot."""
    (tmp_path / STATE_FILE).write_text("[]")
    refused = start_refused(env={"MOTO_CONNECT_STATE_DIR": str(tmp_path)})
    assert refused.returncode != 0
    assert f"{tmp_path / STATE_FILE}: not a moto-connect-ext snapshot" in refused.stderr


def test_the_state_endpoints(tmp_path: Path) -> None:
    state_dir = tmp_path / "state"
    with server(state_dir, "--save-interval", "0") as started:
        base = f"{started.endpoint}/moto-api/connect/state"
        assert requests.get(base, timeout=30).json() == {
            "path": str(state_dir / STATE_FILE),
            "exists": False,
        }
        connect(started.endpoint).create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )
        saved = requests.post(f"{base}/save", timeout=30)
        assert saved.status_code == 200
        assert saved.json()["summary"]["connect"]["instances"] == 1
        metadata = ServerControl(started.endpoint).state()
        assert metadata["exists"] is True
        assert metadata["summary"] == saved.json()["summary"]
        assert metadata["bytes"] == saved.json()["bytes"]
        loaded = requests.post(f"{base}/load", timeout=30)
        assert loaded.status_code == 200
        for path, body, status, message in [
            ("load", b"{not json", 400, "not JSON"),
            ("load", b'{"snapshot": [1]}', 400, "not a moto-connect-ext snapshot"),
            (
                "load",
                b'{"snapshot": {"format": "moto-connect-ext snapshot", "version": 99}}',
                400,
                "newer moto-connect-ext",
            ),
            ("save", b'{"inline": "yes"}', 400, "inline must be true or false"),
            ("save", b'{"path": "/etc/passwd"}', 400, "bad arguments"),
        ]:
            answer = requests.post(f"{base}/{path}", data=body, timeout=30)
            assert (answer.status_code, answer.headers["Content-Type"]) == (
                status,
                "application/json",
            ), body
            assert message in answer.json()["error"]
        wrong_method = requests.get(f"{base}/save", timeout=30)
        assert wrong_method.status_code == 405
        assert wrong_method.json() == {"error": "use POST"}


def test_a_server_without_a_state_dir_says_so(endpoint: str) -> None:
    for method, path in (("GET", "state"), ("POST", "state/save"), ("POST", "state/load")):
        answer = requests.request(method, f"{endpoint}/moto-api/connect/{path}", timeout=30)
        assert answer.status_code == 400
        assert "start it with --state-dir DIR" in answer.json()["error"]


# -- SIGKILL at random moments -------------------------------------------------------------------


class Traffic(threading.Thread):
    """Claims numbers to keep, claims and releases others, describes, and asks for saves; records
    what each acknowledged save must hold."""

    def __init__(self, endpoint: str, instance_id: str, seed: int) -> None:
        super().__init__(daemon=True)
        self.client = connect(endpoint)
        self.endpoint = endpoint
        self.instance_id = instance_id
        self.random = random.Random(seed)
        self.kept: list[dict[str, Any]] = []
        self.released: list[dict[str, Any]] = []
        #: What the last acknowledged save must hold: kept numbers, released numbers.
        self.acknowledged: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])

    def run(self) -> None:
        try:
            while True:
                draw = self.random.random()
                if draw < 0.4:
                    self.kept.append(claim_one(self.client, self.instance_id))
                elif draw < 0.7:
                    churned = claim_one(self.client, self.instance_id)
                    self.client.release_phone_number(PhoneNumberId=churned["id"])
                    self.released.append(churned)
                elif draw < 0.85 and self.kept:
                    self.client.describe_phone_number(PhoneNumberId=self.kept[-1]["id"])
                else:
                    held = (list(self.kept), list(self.released))
                    answer = requests.post(
                        f"{self.endpoint}/moto-api/connect/state/save", timeout=30
                    )
                    if answer.status_code == 200:
                        self.acknowledged = held
        except (BotoCoreError, requests.RequestException, ClientError, KeyError):
            # The server was killed. A reply it was sending when it died can reach botocore as a
            # 200 whose body is cut short, which parses with none of its members: KeyError.
            return


def test_a_killed_server_comes_back_with_a_whole_snapshot(tmp_path: Path) -> None:
    state_dir = tmp_path / "state"
    rounds = random.Random(23)
    checked = 0
    for round_number in range(4):
        with server(state_dir, "--save-interval", "0.3") as started:
            control = ServerControl(started.endpoint)
            control.configure(phone_numbers_per_instance=10_000, churn_limit_percent=1_000_000)
            instance_id = new_instance(connect(started.endpoint))
            traffic = Traffic(started.endpoint, instance_id, seed=round_number)
            traffic.start()
            time.sleep(rounds.uniform(0.5, 2.0))
            os.kill(started.pid, signal.SIGKILL)
            traffic.join(timeout=30)
        document = read(state_dir / STATE_FILE)  # whole: it parses and checks
        connect_state = document["sections"]["connect"]
        held = [row[1] for backend in connect_state["backends"] for row in backend["numbers"]]
        cooling = {e164 for e164, _ in connect_state["cooldowns"]}
        assert len(held) == len(set(held)), "a number has two holders"
        assert not cooling & set(held), "a number is both claimed and cooling"
        kept, released = traffic.acknowledged
        checked += len(kept) + len(released)
        with server(state_dir, "--save-interval", "0") as restarted:
            client = connect(restarted.endpoint)
            for number in kept:
                summary = client.describe_phone_number(PhoneNumberId=number["id"])
                assert summary["ClaimedPhoneNumberSummary"]["PhoneNumber"] == number["number"]
            for number in released:
                assert claim_error(client, instance_id, number["number"]) == (
                    "InvalidParameterException"
                )
        assert not [p for p in state_dir.iterdir() if p.name.endswith(".tmp")]
        assert json.loads((state_dir / STATE_FILE).read_text())["version"] == 1
    assert checked, "no save was acknowledged before a kill: the test checked nothing"
