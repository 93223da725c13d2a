"""moto's dashboard (``/moto-api/``) in headless Chromium: the connect tab shows this package's
numbers, traffic distribution groups, flows, cooldowns and churn records.

The dashboard loads jQuery, Bootstrap and bootstrap-table from CDNs, which a test machine may not
reach. The test serves the same releases from npm (``tests/clients/dashboard``, ``npm ci``) through
a small local proxy that rewrites only those URLs (the pages' integrity hashes still apply) and
passes everything else to the server. Without Chromium or those packages the test skips and says
how to install them; CI installs both and requires them (``MOTO_CONNECT_REQUIRE_SDK_CLIENTS=1``).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from support import claim, new_instance, require

ASSETS = Path(__file__).with_name("clients") / "dashboard" / "node_modules"
#: The dashboard's CDN URLs, and where the npm packages hold the same files.
CDN = {
    "https://code.jquery.com/jquery-3.7.1.min.js": "/vendor/jquery/dist/jquery.min.js",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.3.8/": "/vendor/bootstrap/",
    "https://cdn.jsdelivr.net/npm/bootstrap-table@1.25.0/": "/vendor/bootstrap-table/",
}
CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css"}

pytestmark = pytest.mark.in_process_only  # one run is enough: it drives a live server either way


@contextmanager
def offline_dashboard(server: str) -> Iterator[str]:
    """A local address whose ``/moto-api/`` is the server's dashboard with its CDN assets."""

    class Proxy(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/vendor/"):
                path = (ASSETS / self.path.removeprefix("/vendor/")).resolve()
                assert path.is_relative_to(ASSETS.resolve()), self.path
                body, kind = path.read_bytes(), CONTENT_TYPES.get(path.suffix, "text/plain")
            else:
                answer = requests.get(f"{server}{self.path}", timeout=30)
                body, kind = answer.content, answer.headers.get("Content-Type", "text/html")
                if self.path == "/moto-api/":
                    text = body.decode()
                    for cdn, local in CDN.items():
                        text = text.replace(cdn, local)
                    body = text.encode()
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: Any) -> None:
            pass

    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{proxy.server_address[1]}"
    finally:
        proxy.shutdown()


def chromium(*arguments: str) -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    require(browser is not None, "Chromium is not on PATH", "apt-get install chromium")
    require(
        (ASSETS / "bootstrap-table").is_dir(),
        f"the dashboard's scripts are not installed in {ASSETS}",
        f"cd {ASSETS.parent} && npm ci",
    )
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                str(browser),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=15000",
                *arguments,
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _connect_tab(dom: str) -> dict[str, str]:
    """Each ``connect - <Model>`` section of the dashboard: its rendered text, up to the next
    section's heading."""
    parts = re.split(r"<h4[^>]*>(\w+) - (\w+)</h4>", dom)
    sections = zip(parts[1::3], parts[2::3], parts[3::3], strict=True)
    return {
        model: html.unescape(re.sub(r"<[^>]+>", " ", body))
        for service, model, body in sections
        if service == "connect"
    }


def test_the_dashboard_s_connect_tab_shows_numbers_flows_cooldowns_and_churn(
    endpoint: str,
) -> None:
    requests.post(f"{endpoint}/moto-api/reset", timeout=30).raise_for_status()
    connect = boto3.client(
        "connect",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    instance = new_instance(connect)
    held = claim(connect, instance["Arn"])
    released = claim(connect, instance["Arn"])
    connect.release_phone_number(PhoneNumberId=released["PhoneNumberId"])
    flows = connect.list_contact_flows(InstanceId=instance["Id"])["ContactFlowSummaryList"]
    with offline_dashboard(endpoint) as dashboard:
        tab = _connect_tab(chromium("--dump-dom", f"{dashboard}/moto-api/"))
    assert {"PhoneNumber", "TrafficDistributionGroup", "ContactFlow"} <= set(tab)
    assert {"PhoneNumberCooldown", "ChurnRecord", "Instance"} <= set(tab)
    assert held["PhoneNumber"] in tab["PhoneNumber"]
    assert "CLAIMED" in tab["PhoneNumber"]
    assert released["PhoneNumber"] in tab["PhoneNumberCooldown"]
    assert "No data available for TrafficDistributionGroup" in tab["TrafficDistributionGroup"]
    assert all(flow["Name"] in tab["ContactFlow"] for flow in flows)
    assert "123456789012" in tab["ChurnRecord"]
