"""Test harness: the same suite runs in-process and, with TEST_SERVER_MODE=true, against a server.

In server mode a ``moto-connect-server`` is started on a free loopback port for the run (unless
TEST_SERVER_MODE_ENDPOINT names one already running), the way moto reruns its own suite. Under
pytest-xdist each worker starts its own: moto resets a server globally at the start of every test,
so workers sharing one would wipe each other's state.

Every connect response a test receives through boto3 is checked against the botocore model (see
``support.contract_violations``); a test fails if any of its responses breaks the contract.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import botocore.handlers
import pytest
from moto.server import ThreadedMotoServer

from moto_connect_ext.server import running
from support import PLUGIN_OPERATIONS, SERVER_MODE, SMS_VOICE_OPERATIONS, contract_violations

#: The suite's own server in server mode (one per xdist worker), stopped at the end of the run.
_servers = ExitStack()


def _start_server() -> None:
    log = Path(tempfile.mkdtemp(prefix="moto-connect-server-")) / "server.log"
    server = _servers.enter_context(running(log))
    os.environ["TEST_SERVER_MODE_ENDPOINT"] = server.endpoint


def pytest_configure(config: pytest.Config) -> None:
    if "moto_connect_ext" not in sys.modules:
        pytest.exit(
            "moto-connect-ext is not installed in this interpreter: run `pip install -e '.[test]'` "
            "first",
            returncode=4,
        )
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    if (
        SERVER_MODE
        and "TEST_SERVER_MODE_ENDPOINT" not in os.environ
        and not _xdist_controller(config)
    ):
        _start_server()


def _xdist_controller(config: pytest.Config) -> bool:
    """Whether this process hands the tests to pytest-xdist workers and runs none itself; the
    workers inherit its environment, so a server it started would be shared."""
    return not hasattr(config, "workerinput") and config.getoption("dist", "no") != "no"


def pytest_unconfigure(config: pytest.Config) -> None:
    _servers.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not SERVER_MODE:
        return
    skip = pytest.mark.skip(reason="needs the in-process mock")
    for item in items:
        if "in_process_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """A live server for clients that are not boto3 inside mock_aws (the AWS CLI, the stress
    tool): the suite's server in server mode, else moto's ThreadedMotoServer in this process,
    which serves the plugin since it is installed here."""
    if SERVER_MODE:
        yield os.environ["TEST_SERVER_MODE_ENDPOINT"]
        return
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


_violations: list[str] = []


def _record(operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
    served = (
        SMS_VOICE_OPERATIONS
        if operation_model.service_model.service_name == "pinpoint-sms-voice-v2"
        else PLUGIN_OPERATIONS
    )
    if operation_model.name not in served:
        return
    _violations.extend(
        contract_violations(
            operation_model,
            response_dict["status_code"],
            response_dict["headers"],
            response_dict["body"],
        )
    )


# mock_aws gives every test a fresh default boto3 session, so the recorder is registered the way
# moto registers its own stubber: as a built-in handler every new botocore session picks up.
botocore.handlers.BUILTIN_HANDLERS.append(("before-parse.connect", _record))
botocore.handlers.BUILTIN_HANDLERS.append(("before-parse.pinpoint-sms-voice-v2", _record))


@pytest.fixture(autouse=True)
def wire_contract() -> Iterator[None]:
    _violations.clear()
    yield
    assert not _violations, "responses broke the model contract:\n" + "\n".join(_violations)
