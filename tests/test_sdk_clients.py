"""The Go and JavaScript clients of docs/server.md, run against a live server: if these fail, the page is wrong.

Each client is a small program in ``tests/clients/`` that tells a number's whole life through its
AWS SDK (create an instance, search, claim, describe, list with a paginator, release, claim again
into the cooldown) and exits non-zero on the first unexpected answer. The server is the suite's in
server mode, else moto's ThreadedMotoServer in this process (the ``endpoint`` fixture).

A developer's first run must pass on a fresh machine, so a missing toolchain or SDK skips the test
and says how to install it. CI installs both in ``.ci/run`` and sets
``MOTO_CONNECT_REQUIRE_SDK_CLIENTS=1``, under which a missing client fails instead: CI never passes
by skipping them.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from support import require

CLIENTS = Path(__file__).with_name("clients")
GO_PROGRAM = CLIENTS / "go" / "main.go"
JS_PROGRAM = CLIENTS / "js" / "story.mjs"
DOC = Path(__file__).parent.parent / "docs" / "server.md"
#: Where Debian's golang-*-dev packages put their sources; the Go program builds in GOPATH mode.
DEBIAN_GOPATH = Path("/usr/share/gocode")
GO_SDK = DEBIAN_GOPATH / "src/github.com/aws/aws-sdk-go-v2/service/connect"
JS_SDK = CLIENTS / "js" / "node_modules/@aws-sdk/client-connect"
JS_SMS_SDK = JS_SDK.with_name("client-pinpoint-sms-voice-v2")
REGION = "us-east-1"
STEPS = ("create instance", "search", "claim", "describe", "paginate", "release", "cooldown")
#: The JavaScript program also points the number at a contact flow before it releases it.
FLOW_STEPS = ("create flow", "associate", "list associations", "disassociate")
#: ... and, after the cooldown, imports a number requested in End User Messaging SMS.
IMPORT_STEPS = ("request in End User Messaging", "import", "release imported")
JS_STEPS = (*STEPS[:5], *FLOW_STEPS, *STEPS[5:], *IMPORT_STEPS)


def client_env(**extra: str) -> dict[str, str]:
    """The environment without the caller's AWS settings, so only the program's own apply."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull, **extra)
    return env


def run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def go_story(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The Go program, built against Debian's packaged AWS SDK for Go v2 (no module downloads)."""
    go = shutil.which("go")
    install = "apt-get install golang-go golang-github-aws-aws-sdk-go-v2-dev"
    require(go is not None, "the Go toolchain (`go`) is not on PATH", install)
    require(GO_SDK.is_dir(), f"the AWS SDK for Go v2 is not at {GO_SDK}", install)
    binary = tmp_path_factory.mktemp("go") / "connect-story"
    env = dict(os.environ, GO111MODULE="off", GOPATH=str(DEBIAN_GOPATH), GOFLAGS="")
    if not {"GOCACHE", "XDG_CACHE_HOME", "HOME"} & env.keys():  # go needs somewhere to cache
        env["GOCACHE"] = str(tmp_path_factory.mktemp("gocache"))
    built = run([str(go), "build", "-o", str(binary), GO_PROGRAM.name], env, GO_PROGRAM.parent)
    assert built.returncode == 0, f"go build failed:\n{built.stderr}"
    return [str(binary)]


@pytest.fixture(scope="module")
def js_story() -> list[str]:
    """The JavaScript program, with the SDK that ``npm ci`` put in tests/clients/js."""
    node = shutil.which("node")
    require(node is not None, "Node.js (`node`) is not on PATH", "apt-get install nodejs npm")
    for sdk in (JS_SDK, JS_SMS_SDK):
        require(
            sdk.is_dir(),
            f"@aws-sdk/{sdk.name} is not installed in {sdk.parents[1]}",
            f"cd {sdk.parents[2]} && npm ci",
        )
    return [str(node), str(JS_PROGRAM)]


@pytest.fixture
def fresh_server(endpoint: str) -> Iterator[str]:
    """The server reset before and after, so that a moved clock or a setting does not leak."""
    requests.post(f"{endpoint}/moto-api/reset", timeout=30).raise_for_status()
    yield endpoint
    requests.post(f"{endpoint}/moto-api/reset", timeout=30).raise_for_status()


def connect_client(endpoint: str) -> Any:
    return boto3.client(
        "connect",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def assert_story_ran(
    story: subprocess.CompletedProcess[str],
    endpoint: str,
    description: str,
    steps: tuple[str, ...] = STEPS,
) -> None:
    """Every step reported in order, the cooldown refusal seen, and the server agrees."""
    assert story.returncode == 0, f"stdout:\n{story.stdout}\nstderr:\n{story.stderr}"
    reported = [line.split(":", 1)[0] for line in story.stdout.splitlines()]
    assert reported == [f"ok {step}" for step in steps] + ["story complete"], story.stdout
    released = re.search(r"^ok claim: (\+\d+)$", story.stdout, re.MULTILINE)
    assert released is not None, story.stdout
    assert (
        f"ok cooldown: InvalidParameterException: Phone number not available: "
        f"{released.group(1)}\n" in story.stdout
    )
    assert "ok paginate: 3 pages\n" in story.stdout
    held = connect_client(endpoint).list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert len(held) == 2
    assert released.group(1) not in {number["PhoneNumber"] for number in held}
    for number in held:
        summary = connect_client(endpoint).describe_phone_number(
            PhoneNumberId=number["PhoneNumberId"]
        )["ClaimedPhoneNumberSummary"]
        assert summary["PhoneNumberDescription"] == description


def test_go_sdk_v2_story(go_story: list[str], fresh_server: str) -> None:
    story = run([*go_story, fresh_server], client_env(), CLIENTS)
    assert_story_ran(story, fresh_server, "from the Go SDK")


def test_js_sdk_v3_story(js_story: list[str], fresh_server: str) -> None:
    story = run([*js_story, fresh_server], client_env(), CLIENTS)
    assert_story_ran(story, fresh_server, "from the JavaScript SDK", JS_STEPS)


def page_blocks(language: str) -> list[list[str]]:
    fences = re.findall(rf"^```{language}\n(.*?)^```", DOC.read_text(), re.DOTALL | re.MULTILINE)
    return [block.splitlines() for block in fences]


@pytest.mark.parametrize(("language", "program"), [("go", GO_PROGRAM), ("js", JS_PROGRAM)])
def test_the_page_s_example_is_an_excerpt_of_the_tested_program(
    language: str, program: Path
) -> None:
    """Each line of the page's excerpt appears in the program, in order; ``...`` marks what the excerpt leaves out."""
    blocks = page_blocks(language)
    assert blocks, f"docs/server.md has no {language} example"
    source = [line.strip() for line in program.read_text().splitlines()]
    for block in blocks:
        position = 0
        for line in (line.strip() for line in block):
            if line in {"", "...", "// ..."}:
                continue
            assert line in source[position:], f"docs/server.md line not in {program.name}: {line!r}"
            position = source.index(line, position) + 1


def test_the_page_shows_no_client_example_that_no_test_runs() -> None:
    fenced = set(re.findall(r"^```(\w+)$", DOC.read_text(), re.MULTILINE))
    assert fenced <= {"python", "sh", "go", "js"}, fenced


def test_the_page_s_control_api_curl_commands_act_on_the_server(fresh_server: str) -> None:
    """The curl lines of docs/server.md, run as written but for the port: the clock moves 180 days and
    the per-instance quota becomes 99, so a sixth claim on one instance is no longer FAILED."""
    curl = shutil.which("curl")
    require(curl is not None, "curl is not on PATH", "apt-get install curl")
    (block,) = [b for b in page_blocks("sh") if any("/moto-api/connect/" in line for line in b)]
    commands = "\n".join(block).replace("\\\n", " ").splitlines()
    before = datetime.utcnow()
    for command in commands:
        argv = shlex.split(command.replace("http://127.0.0.1:5000", fresh_server))
        assert argv[0] == "curl", command
        answer = run([str(curl), "--silent", "--show-error", *argv[1:]], dict(os.environ), CLIENTS)
        assert answer.returncode == 0, answer.stderr
        assert "error" not in json.loads(answer.stdout), answer.stdout
    now = requests.post(f"{fresh_server}/moto-api/connect/now", timeout=30).json()["now"]
    assert datetime.fromisoformat(now) - before >= timedelta(days=180)
    connect = connect_client(fresh_server)
    instance_id = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    numbers = connect.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=6
    )["AvailableNumbersList"]
    assert len(numbers) == 6
    claimed = [
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number["PhoneNumber"])
        for number in numbers
    ]
    statuses = [
        connect.describe_phone_number(PhoneNumberId=claim["PhoneNumberId"])[
            "ClaimedPhoneNumberSummary"
        ]["PhoneNumberStatus"]["Status"]
        for claim in claimed
    ]
    assert statuses == ["CLAIMED"] * 6
