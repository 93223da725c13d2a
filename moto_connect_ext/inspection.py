"""State a person can look at: one account and Region's numbers, cooldowns and churn budget, and
the rows moto's dashboard shows for what it cannot see by itself.

moto's dashboard (``/moto-api/``) lists the instances of every ``BaseModel`` subclass. Numbers and
traffic distribution groups are such models; flows, cooldowns and churn records are kept compact
instead (a long-running server holds one cooldown per release for 180 days), so
:func:`dashboard_rows` renders them on demand, for ``/moto-api/data.json`` to add.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from moto.connect.models import connect_backends

from .connect import churn, rules
from .connect.config import STATE_LOCK, now, settings_for
from .connect.models import ConnectBackend, expire_due
from .connect.models.stock import cooldowns


def _iso(at: datetime) -> str:
    return at.isoformat() + "Z"


def _cooling() -> list[tuple[str, str]]:
    """Every number cooling down (the stock is global), soonest back first, with when."""
    cooling = sorted(cooldowns().cooling_until.items(), key=lambda item: item[1])
    return [(e164, _iso(rules.from_ticks(until))) for e164, until in cooling]


def _backends() -> list[tuple[str, str, ConnectBackend]]:
    """Every connect backend moto has made, as (account, Region, backend)."""
    backends: Any = connect_backends
    return [
        (account_id, region, backend)
        for account_id, account in dict.items(backends)
        for region, backend in dict.items(account)
    ]


def serves(account_id: str, region: str) -> bool:
    """Whether moto serves connect in ``region`` (as a request there would find it)."""
    return region in connect_backends[account_id]


def status(account_id: str = "123456789012", region: str = "us-east-1") -> dict[str, Any]:
    """The numbers one account holds in one Region, every number cooling down (the stock is
    global), and the releases the churn rule still allows there."""
    with STATE_LOCK:
        expire_due()
        at = now()
        # dict.get: looking must not create the account's or the Region's backend
        account: Any = dict.get(connect_backends, account_id)
        backend: ConnectBackend | None = dict.get(account, region) if account else None
        settings = settings_for(account_id, region)
        held = []
        released = 0
        blocked_until = None
        if backend is not None:
            held = [
                {
                    "PhoneNumber": number.phone_number,
                    "PhoneNumberId": number.phone_number_id,
                    "Status": number.status,
                    "Type": number.phone_number_type,
                    "TargetArn": number.target_arn,
                }
                for number in sorted(backend.numbers.values(), key=lambda n: n.phone_number)
            ]
            released = backend.churn.count(at, settings)
            blocked_until = backend.churn.blocked_until(at, settings)
        limit = churn.churn_limit(settings)
        return {
            "AccountId": account_id,
            "Region": region,
            "Now": _iso(at),
            "Held": held,
            "CoolingDown": [
                {"PhoneNumber": e164, "AvailableAgainAt": until} for e164, until in _cooling()
            ],
            "Churn": {
                "ReleasesInWindow": released,
                "Limit": limit,
                "ReleasesLeft": max(limit - released, 0),
                "WindowDays": settings.churn_window_days,
                "ClaimsBlockedUntil": (
                    None
                    if blocked_until is None
                    else "while the limit is 0"
                    if blocked_until == churn.BLOCKED_WHILE_LIMIT_IS_ZERO
                    else _iso(blocked_until)
                ),
            },
        }


def dashboard_rows() -> dict[str, list[dict[str, Any]]]:
    """moto's ``data.json`` rows for flows, cooldowns and churn records, by model name."""
    at = now()
    flows: list[dict[str, Any]] = []
    churn_records: list[dict[str, Any]] = []
    for account_id, region, backend in _backends():
        for instance_id, instance_flows in backend.contact_flows.items():
            flows += [
                {
                    "account_id": account_id,
                    "region": region,
                    "instance_id": instance_id,
                    "arn": flow.arn,
                    "name": flow.name,
                    "type": flow.type,
                    "state": flow.state,
                    "status": flow.status,
                    "description": flow.description,
                }
                for flow in instance_flows.flows.values()
            ]
        settings = settings_for(account_id, region)
        released = backend.churn.count(at, settings)
        if released:
            churn_records.append(
                {
                    "account_id": account_id,
                    "region": region,
                    "releases_in_window": released,
                    "limit": churn.churn_limit(settings),
                    "window_days": settings.churn_window_days,
                }
            )
    cooldowns = [{"phone_number": e164, "available_again_at": until} for e164, until in _cooling()]
    return {"ContactFlow": flows, "PhoneNumberCooldown": cooldowns, "ChurnRecord": churn_records}
