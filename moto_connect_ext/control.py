"""Control the plugin from tests: the rules' settings, the clock, injected faults, reset.

Each function acts on the in-process mock, or, when moto's server test mode is on
(``TEST_SERVER_MODE=true``), on the server at ``TEST_SERVER_MODE_ENDPOINT`` through the HTTP
endpoints under ``/moto-api/connect/`` that this module also serves. :class:`ServerControl` talks
to any server explicitly, e.g. a shared one in CI.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import requests
from botocore.model import OperationNotFoundError
from moto import settings as moto_settings
from moto.core.common_types import TYPE_RESPONSE
from moto.core.utils import utcnow

from .connect import config, faults
from .connect.config import STATE_LOCK, control_state
from .connect.responses import operation_model, service_model

__all__ = [
    "ServerControl",
    "advance_clock",
    "clear_faults",
    "configure",
    "freeze_clock",
    "inject_fault",
    "now",
    "reset",
    "unfreeze_clock",
]


# -- in-process implementation ------------------------------------------------------------------


def _naive_utc(at: datetime) -> datetime:
    return at.astimezone(timezone.utc).replace(tzinfo=None) if at.tzinfo else at


def _advance_clock(**delta: float) -> datetime:
    step = timedelta(**delta)
    if step < timedelta(0):
        raise ValueError("the clock only moves forward")
    with STATE_LOCK:
        control_state().offset += step
        return config.now()


def _freeze_clock(at: datetime | None = None) -> datetime:
    with STATE_LOCK:
        state = control_state()
        state.frozen_at = _naive_utc(at) if at is not None else config.now()
        state.offset = timedelta(0)
        return state.frozen_at


def _unfreeze_clock() -> datetime:
    """Let the clock run again from where it stands, without a jump."""
    with STATE_LOCK:
        state = control_state()
        if state.frozen_at is not None:
            state.offset = config.now() - utcnow()
            state.frozen_at = None
        return config.now()


def _inject_fault(
    operation: str,
    error: str,
    count: int | None = 1,
    probability: float | None = None,
    region: str | None = None,
    account_id: str | None = None,
    message: str | None = None,
) -> None:
    if operation != "*":
        try:
            modelled = {shape.name for shape in operation_model(operation).error_shapes}
        except OperationNotFoundError:
            raise ValueError(f"unknown connect operation {operation!r}") from None
        if error not in modelled:
            raise ValueError(f"{operation} does not model {error}; it models {sorted(modelled)}")
    elif error not in {shape.name for shape in service_model().error_shapes}:
        raise ValueError(f"connect has no error {error!r}")
    if count is not None and count < 1:
        raise ValueError("count must be at least 1 (or None for no limit)")
    if probability is not None and not 0 < probability <= 1:
        raise ValueError("probability must be in (0, 1]")
    with STATE_LOCK:
        control_state().faults.append(
            faults.Fault(operation, error, count, probability, region, account_id, message)
        )


def _clear_faults() -> None:
    with STATE_LOCK:
        control_state().faults.clear()


def _reset() -> None:
    """Default settings, the real clock, no faults. Phone-number state is untouched."""
    with STATE_LOCK:
        control_state().reset()


# -- a server, over HTTP ------------------------------------------------------------------------


class ServerControl:
    """The same controls for a plugin server at ``endpoint`` (e.g. ``http://127.0.0.1:5000``)."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint.rstrip("/")

    def _call(self, action: str, **payload: Any) -> Any:
        response = requests.post(
            f"{self.endpoint}/moto-api/connect/{action}",
            data=json.dumps(payload, default=str),
            timeout=30,
        )
        body = response.json()
        if response.status_code != 200:
            raise ValueError(body.get("error", response.text))
        return body

    def configure(
        self, account_id: str | None = None, region: str | None = None, **settings: Any
    ) -> None:
        self._call("configure", account_id=account_id, region=region, **settings)

    def advance_clock(self, **delta: float) -> datetime:
        return datetime.fromisoformat(self._call("advance-clock", **delta)["now"])

    def freeze_clock(self, at: datetime | None = None) -> datetime:
        at_text = _naive_utc(at).isoformat() if at is not None else None
        return datetime.fromisoformat(self._call("freeze-clock", at=at_text)["now"])

    def unfreeze_clock(self) -> datetime:
        return datetime.fromisoformat(self._call("unfreeze-clock")["now"])

    def now(self) -> datetime:
        return datetime.fromisoformat(self._call("now")["now"])

    def inject_fault(
        self,
        operation: str,
        error: str,
        count: int | None = 1,
        probability: float | None = None,
        region: str | None = None,
        account_id: str | None = None,
        message: str | None = None,
    ) -> None:
        self._call(
            "inject-fault",
            operation=operation,
            error=error,
            count=count,
            probability=probability,
            region=region,
            account_id=account_id,
            message=message,
        )

    def clear_faults(self) -> None:
        self._call("clear-faults")

    def reset(self) -> None:
        self._call("reset")


def _server() -> ServerControl | None:
    if moto_settings.TEST_SERVER_MODE:
        return ServerControl(moto_settings.test_server_mode_endpoint())
    return None


# -- the public functions -------------------------------------------------------------------------


def configure(account_id: str | None = None, region: str | None = None, **settings: Any) -> None:
    """Override rule settings everywhere, or for one account and/or Region.

    Settings and AWS's defaults: cooldown_days=180, churn_window_days=180, churn_limit_percent=200,
    phone_numbers_per_instance=5, idempotency_window_days=7,
    blocked_claim_error="LimitExceededException", throttling=False, throttle_rate=2.0,
    throttle_burst=5. Unknown names or bad values raise ValueError and change nothing.
    """
    server = _server()
    if server:
        server.configure(account_id, region, **settings)
    else:
        config.configure(account_id, region, **settings)


def advance_clock(**delta: float) -> datetime:
    """Move the plugin clock forward by ``timedelta(**delta)`` (days=, hours=, seconds=, ...)."""
    server = _server()
    return server.advance_clock(**delta) if server else _advance_clock(**delta)


def freeze_clock(at: datetime | None = None) -> datetime:
    """Stop the plugin clock at ``at`` (default: now); advance_clock still moves it."""
    server = _server()
    return server.freeze_clock(at) if server else _freeze_clock(at)


def unfreeze_clock() -> datetime:
    """Let a frozen clock run again from where it stands."""
    server = _server()
    return server.unfreeze_clock() if server else _unfreeze_clock()


def now() -> datetime:
    """The plugin clock: naive UTC, like moto's ``utcnow()``."""
    server = _server()
    return server.now() if server else config.now()


def inject_fault(
    operation: str,
    error: str,
    count: int | None = 1,
    probability: float | None = None,
    region: str | None = None,
    account_id: str | None = None,
    message: str | None = None,
) -> None:
    """Make the next matching calls of ``operation`` ("*" for all) fail with ``error``.

    The error must be one the operation models. The failing calls change nothing.
    """
    server = _server()
    if server:
        server.inject_fault(operation, error, count, probability, region, account_id, message)
    else:
        _inject_fault(operation, error, count, probability, region, account_id, message)


def clear_faults() -> None:
    server = _server()
    if server:
        server.clear_faults()
    else:
        _clear_faults()


def reset() -> None:
    """Back to AWS's default settings, the real clock and no faults."""
    server = _server()
    if server:
        server.reset()
    else:
        _reset()


# -- HTTP handlers, served under /moto-api/connect/ --------------------------------------------


def _json_body(request: Any) -> dict[str, Any]:
    raw = getattr(request, "data", None) or getattr(request, "body", None) or b"{}"
    body = json.loads(raw)
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    return body


def _clock_answer(at: datetime) -> dict[str, str]:
    return {"now": at.isoformat()}


def _done(action: Any) -> Any:
    """Run a control action that has no answer of its own; reply with an empty object."""

    def run(body: dict[str, Any]) -> dict[str, Any]:
        action(**body)
        return {}

    return run


_HANDLERS: dict[str, Any] = {
    "configure": _done(config.configure),
    "advance-clock": lambda body: _clock_answer(_advance_clock(**body)),
    "freeze-clock": lambda body: _clock_answer(
        _freeze_clock(datetime.fromisoformat(body["at"]) if body.get("at") else None)
    ),
    "unfreeze-clock": lambda body: _clock_answer(_unfreeze_clock()),
    "now": lambda body: _clock_answer(config.now()),
    "inject-fault": _done(_inject_fault),
    "clear-faults": _done(_clear_faults),
    "reset": _done(_reset),
}

ACTIONS = tuple(_HANDLERS)


def handle(request: Any, full_url: str, headers: Any) -> TYPE_RESPONSE:
    """One handler for every control endpoint; the action is the last path segment."""
    action = full_url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    reply_headers = {"Content-Type": "application/json"}
    if request.method != "POST":
        return 405, reply_headers, json.dumps({"error": "use POST"})
    try:
        answer = _HANDLERS[action](_json_body(request))
    except (ValueError, TypeError, KeyError) as problem:
        return 400, reply_headers, json.dumps({"error": str(problem)})
    return 200, reply_headers, json.dumps(answer)
