"""The plugin's infrastructure: installing, moto's mock and reset, threads, pytest plugin, CLI."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import textwrap
import threading
from importlib.metadata import entry_points
from typing import Any

import boto3
import moto
import pytest
import requests
from botocore.exceptions import ClientError
from moto.connect import urls as moto_connect_urls
from moto.core.utils import camelcase_to_underscores

import moto_connect_ext
from moto_connect_ext.connect import urls as plugin_urls
from moto_connect_ext.connect.responses import ConnectResponse
from support import SERVER_MODE, available, new_instance, no_retries

UUID = "12345678-1234-4234-8234-123456789012"
ARN = f"arn:aws:connect:us-east-1:123456789012:phone-number/{UUID}"
#: One path per connect route family, moto's and the plugin's.
SAMPLE_PATHS = [
    "/instance",
    f"/instance/{UUID}",
    f"/analytics-data/instance/{UUID}/association",
    "/tags/arn%3Aaws%3Aconnect%3Aus-east-1%3A123456789012%3Ainstance%2Fx",
    "/phone-number/claim",
    "/phone-number/list",
    "/phone-number/search-available",
    f"/phone-number/{UUID}",
    f"/phone-number/{UUID}/metadata",
    f"/phone-number/{ARN}",
    f"/phone-numbers-summary/{UUID}",
]


def connect_routes() -> dict[str, Any]:
    """The routes moto serves connect with: those of the backend class's module."""
    from moto.backends import get_backend

    backend = get_backend("connect")["123456789012"]["us-east-1"]
    routes: dict[str, Any] = backend._url_module.url_paths
    return routes


def routes_matching(path: str) -> list[str]:
    url = "https://connect.us-east-1.amazonaws.com" + path
    base = plugin_urls.url_bases[0]
    return [p for p in connect_routes() if re.match(p.format(base), url)]


def test_import_and_install_twice_leave_one_route_per_path() -> None:
    motos_own = dict(moto_connect_urls.url_paths)

    importlib.import_module("moto_connect_ext")
    importlib.reload(moto_connect_ext)
    moto_connect_ext.install()
    moto_connect_ext.install()

    assert moto_connect_urls.url_paths == motos_own  # moto's own table is left alone
    routes = list(connect_routes())
    assert len(routes) == len(set(routes))
    assert set(motos_own) <= set(routes)
    assert routes[-1] == plugin_urls.FALLBACK
    for sample in SAMPLE_PATHS:
        specific = [p for p in routes_matching(sample) if p != plugin_urls.FALLBACK]
        assert len(specific) == 1, (sample, specific)


def test_install_extends_the_backends_moto_made_before_it() -> None:
    """A backend moto made before the plugin was installed keeps its state and gains the plugin's
    operations; moto's route table is unchanged by the import."""
    script = textwrap.dedent(
        """
        import json
        from moto.connect import urls
        from moto.connect.models import connect_backends
        moto_paths = list(urls.url_paths)
        early = connect_backends["123456789012"]["us-east-1"]
        instance = early.create_instance(
            identity_management_type="CONNECT_MANAGED", inbound_calls_enabled=True,
            outbound_calls_enabled=True, instance_alias="early",
        )
        import moto_connect_ext
        moto_connect_ext.install()
        moto_connect_ext.install()
        backend = connect_backends["123456789012"]["us-east-1"]
        fresh = connect_backends["123456789012"]["eu-west-2"]
        print(json.dumps({
            "moto": moto_paths, "last": list(urls.url_paths),
            "kept": instance["Id"] in backend.instances,
            "extended": all(
                hasattr(b, "claim_phone_number") for b in (backend, fresh)
            ),
        }))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])

    assert seen["last"] == seen["moto"]
    assert seen["kept"]
    assert seen["extended"]


def test_every_connect_route_is_served_by_the_plugins_response_class() -> None:
    handlers = connect_routes().values()
    assert all(getattr(handler, "__self__", None) is ConnectResponse for handler in handlers)


def test_get_backend_exposes_every_operation_the_plugin_serves() -> None:
    """moto's tooling (its coverage script, its docs) reads the operations off get_backend."""
    from moto.backends import get_backend

    from moto_connect_ext.connect.responses import not_implemented_operations, service_model

    backend = get_backend("connect")["123456789012"]["us-east-1"]
    served = set(service_model().operation_names) - not_implemented_operations()
    missing = [
        name
        for name in served
        if not callable(getattr(backend, camelcase_to_underscores(name), None))
    ]
    assert not missing
    assert "ClaimPhoneNumber" in served


def test_mock_aws_is_motos() -> None:
    from moto_connect_ext import mock_aws

    assert mock_aws is moto.mock_aws


def claim_first(connect: Any) -> tuple[str, str]:
    instance_id = new_instance(connect)["Id"]
    number = available(connect, instance_id)[0]
    connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    return instance_id, number


def test_state_is_wiped_between_two_mock_aws_blocks() -> None:
    with moto_connect_ext.mock_aws():
        connect = boto3.client("connect", region_name="us-east-1")
        _, number = claim_first(connect)
        assert len(connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]) == 1

    with moto_connect_ext.mock_aws():
        connect = boto3.client("connect", region_name="us-east-1")
        assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
        assert connect.list_instances()["InstanceSummaryList"] == []
        instance_id = new_instance(connect)["Id"]
        assert available(connect, instance_id)[0] == number


def reset_url() -> str:
    if SERVER_MODE:
        return os.environ["TEST_SERVER_MODE_ENDPOINT"] + "/moto-api/reset"
    return "http://motoapi.amazonaws.com/moto-api/reset"


@moto_connect_ext.mock_aws
def test_moto_api_reset_wipes_state() -> None:
    connect = boto3.client("connect", region_name="us-east-1")
    _, number = claim_first(connect)

    requests.post(reset_url()).raise_for_status()

    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
    assert connect.list_instances()["InstanceSummaryList"] == []
    instance_id = new_instance(connect)["Id"]
    assert available(connect, instance_id)[0] == number
    connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)


@moto_connect_ext.mock_aws
def test_eight_threads_claiming_one_number_exactly_one_wins() -> None:
    threads = 8
    clients = [
        boto3.client("connect", region_name="us-east-1", config=no_retries())
        for _ in range(threads)
    ]
    instance_id = new_instance(clients[0])["Id"]
    number = available(clients[0], instance_id)[0]
    barrier = threading.Barrier(threads)
    outcomes: list[Any] = [None] * threads

    def race(index: int) -> None:
        barrier.wait()
        try:
            outcomes[index] = clients[index].claim_phone_number(
                InstanceId=instance_id, PhoneNumber=number
            )
        except Exception as error:  # a ClientError, or anything else for the assertion to show
            outcomes[index] = error

    workers = [threading.Thread(target=race, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    wins = [o for o in outcomes if isinstance(o, dict)]
    losses = [o for o in outcomes if isinstance(o, ClientError)]
    assert len(wins) == 1, outcomes
    assert len(losses) == threads - 1, outcomes
    for loss in losses:
        assert loss.response["Error"]["Code"] == "InvalidParameterException"
        assert loss.response["Error"]["Message"] == f"Phone number not available: {number}"
    listed = clients[0].list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert [(n["PhoneNumberId"], n["PhoneNumber"]) for n in listed] == [
        (wins[0]["PhoneNumberId"], number)
    ]


def test_pytest_plugin_entry_point_is_registered() -> None:
    plugins = {ep.name: ep.value for ep in entry_points(group="pytest11")}
    assert plugins.get("moto_connect_ext") == "moto_connect_ext.pytest_plugin"


def test_pytest_plugin_is_loaded_in_this_run(pytestconfig: pytest.Config) -> None:
    from moto_connect_ext import pytest_plugin

    assert pytestconfig.pluginmanager.is_registered(pytest_plugin)


def test_fixtures_give_a_client_and_an_active_instance(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    described = connect_client.describe_instance(InstanceId=connect_instance["Id"])["Instance"]
    assert described["Arn"] == connect_instance["Arn"]
    assert described["InstanceStatus"] == "ACTIVE"

    number = available(connect_client, connect_instance["Id"])[0]
    claimed = connect_client.claim_phone_number(
        TargetArn=connect_instance["Arn"], PhoneNumber=number
    )
    summary = connect_client.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["InstanceId"] == connect_instance["Id"]


def test_fixture_state_does_not_leak_between_tests(connect_client: Any) -> None:
    """Runs after the test above: its instance and number are gone."""
    assert connect_client.list_instances()["InstanceSummaryList"] == []
    assert connect_client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


def test_server_console_script_is_registered() -> None:
    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts.get("moto-connect-server") == "moto_connect_ext.server:main"


def test_server_help_exits_zero() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "moto_connect_ext", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert "--port" in done.stdout and "--host" in done.stdout
