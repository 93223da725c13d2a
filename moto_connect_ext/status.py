"""``python -m moto_connect_ext.status``: what a server holds, for a person to read.

For one account and Region: the numbers held, every number cooling down with when it comes back,
and how many more releases the churn rule allows before it blocks claims. ``--json`` prints the
control API's answer (``GET /moto-api/connect/status``) as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import requests

from .control import DEFAULT_ACCOUNT, DEFAULT_REGION, ServerControl


def render(status: dict[str, Any]) -> str:
    churn = status["Churn"]
    lines = [f"{status['AccountId']} in {status['Region']}, at {status['Now']}", ""]
    lines.append(f"Held ({len(status['Held'])}):")
    lines += [
        f"  {n['PhoneNumber']:<16} {n['Status']:<11} {n['Type']:<9} {n['TargetArn']}"
        for n in status["Held"]
    ] or ["  none"]
    lines.append(f"Cooling down, any account ({len(status['CoolingDown'])}):")
    lines += [
        f"  {n['PhoneNumber']:<16} available again at {n['AvailableAgainAt']}"
        for n in status["CoolingDown"]
    ] or ["  none"]
    blocked = churn["ClaimsBlockedUntil"]
    lines.append(
        f"Churn: {churn['ReleasesInWindow']} of {churn['Limit']} releases in the last "
        f"{churn['WindowDays']:g} days; {churn['ReleasesLeft']} left"
        + (f"; claims blocked until {blocked}" if blocked else "")
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m moto_connect_ext.status", description=__doc__)
    parser.add_argument("--endpoint", default="http://127.0.0.1:5000", help="the server's URL")
    parser.add_argument("--account-id", default=DEFAULT_ACCOUNT)
    parser.add_argument("--region", default=DEFAULT_REGION)
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    options = parser.parse_args(argv)
    try:
        status = ServerControl(options.endpoint).status(options.account_id, options.region)
    except (requests.RequestException, ValueError) as problem:
        print(f"cannot read {options.endpoint}: {problem}", file=sys.stderr)
        return 1
    print(json.dumps(status, indent=2) if options.json else render(status))
    return 0


if __name__ == "__main__":
    sys.exit(main())
