"""Control the plugin from tests: the rules' settings, the clock, injected faults, reset.

Each function acts on the in-process mock, or, when moto's server test mode is on
(``TEST_SERVER_MODE=true``), on the server at ``TEST_SERVER_MODE_ENDPOINT`` through the HTTP
endpoints under ``/moto-api/connect/`` that this module also serves. :class:`ServerControl` talks
to any server explicitly, e.g. a shared one in CI.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import json
import math
import os
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any, Unpack
from urllib.parse import parse_qs, urlsplit

import requests
from botocore.model import OperationNotFoundError
from moto import settings as moto_settings
from moto.core.common_types import TYPE_RESPONSE
from moto.core.utils import utcnow

from . import inspection, snapshots
from .connect import config, faults
from .connect.config import CLOCK_RANGE, STATE_LOCK, Settings, SettingsOverrides, control_state
from .connect.models import expire_due
from .snapshots import SnapshotError

__all__ = [
    "ServerControl",
    "advance_clock",
    "clear_faults",
    "configure",
    "effective_settings",
    "freeze_clock",
    "inject_fault",
    "load_state",
    "now",
    "reset",
    "save_state",
    "status",
    "unfreeze_clock",
]

#: moto's default account, and the Region :func:`status` reports unless told otherwise.
DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"

#: advance_clock's keywords: timedelta's.
CLOCK_UNITS = ("weeks", "days", "hours", "minutes", "seconds", "milliseconds", "microseconds")
_CLOCK_RANGE_TEXT = f"{CLOCK_RANGE[0].isoformat()}Z to {CLOCK_RANGE[1].isoformat()}Z"


# -- in-process implementation ------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _naive_utc(at: datetime) -> datetime:
    return at.astimezone(timezone.utc).replace(tzinfo=None) if at.tzinfo else at


def _clock_step(delta: dict[str, Any]) -> timedelta:
    """advance_clock's keywords as a step forward, or ValueError."""
    unknown = set(delta) - set(CLOCK_UNITS)
    if unknown:
        raise ValueError(
            f"unknown clock unit(s) {', '.join(sorted(map(str, unknown)))}; "
            f"known: {', '.join(CLOCK_UNITS)}"
        )
    for unit, amount in delta.items():
        if not (_is_number(amount) and math.isfinite(amount)):
            raise ValueError(f"{unit} must be a finite number, not {amount!r}")
    try:
        step = timedelta(**delta)
    except OverflowError:
        raise ValueError(f"the clock stays within {_CLOCK_RANGE_TEXT}") from None
    if step < timedelta(0):
        raise ValueError("the clock only moves forward")
    return step


def _advance_clock(**delta: float) -> datetime:
    step = _clock_step(delta)
    with STATE_LOCK:
        if step > CLOCK_RANGE[1] - config.now():
            raise ValueError(f"the clock stays within {_CLOCK_RANGE_TEXT}")
        control_state().offset += step
        return config.now()


def _instant(at: datetime) -> datetime:
    """``at`` as naive UTC inside the clock's range, or ValueError."""
    if not isinstance(at, datetime):
        raise ValueError(f"at must be a datetime, not {at!r}")
    try:
        naive = _naive_utc(at)
    except OverflowError:
        naive = None
    if naive is None or not CLOCK_RANGE[0] <= naive <= CLOCK_RANGE[1]:
        raise ValueError(f"the clock stays within {_CLOCK_RANGE_TEXT}, not {at.isoformat()}")
    return naive


def _freeze_clock(at: datetime | None = None) -> datetime:
    frozen_at = _instant(at) if at is not None else None
    with STATE_LOCK:
        state = control_state()
        state.frozen_at = frozen_at or config.now()
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


def _effective_settings(account_id: str | None = None, region: str | None = None) -> Settings:
    config.check_texts(account_id=account_id, region=region)
    with STATE_LOCK:
        return config.settings_for(account_id, region)


def _inject_fault(
    operation: str,
    error: str,
    count: int | None = 1,
    probability: float | None = None,
    region: str | None = None,
    account_id: str | None = None,
    message: str | None = None,
) -> None:
    if not (isinstance(operation, str) and isinstance(error, str)):
        raise ValueError(f"operation and error must be strings, not {operation!r}, {error!r}")
    config.check_texts(region=region, account_id=account_id, message=message)
    if operation != "*":
        try:
            modelled = faults.modelled_errors(operation)
        except OperationNotFoundError:
            raise ValueError(f"unknown connect operation {operation!r}") from None
        if error not in modelled:
            raise ValueError(f"{operation} does not model {error}; it models {sorted(modelled)}")
    elif error not in faults.errors_some_operation_models():
        raise ValueError(f"no connect operation models {error!r}")
    if count is not None and not (_is_number(count) and isinstance(count, int) and count >= 1):
        raise ValueError(f"count must be a whole number >= 1 (or None for no limit), not {count!r}")
    if probability is not None and not (_is_number(probability) and 0 < probability <= 1):
        raise ValueError(f"probability must be in (0, 1], not {probability!r}")
    with STATE_LOCK:
        control_state().faults.append(
            config.Fault(operation, error, count, probability, region, account_id, message)
        )


def _clear_faults() -> None:
    with STATE_LOCK:
        control_state().faults.clear()


def _reset() -> None:
    """Default settings, the real clock, no faults. Phone-number state is untouched."""
    with STATE_LOCK:
        control_state().reset()


#: One save at a time (periodic, on request, on shutdown): each writes its own temporary file, but
#: the last to finish must be the newest.
_SAVE_LOCK = threading.Lock()
#: The snapshot file of a server started with ``--state-dir`` (see :func:`use_state_file`).
_state_file: str | None = None


def _capture() -> dict[str, Any]:
    """A snapshot document, taken under the state lock after expiring what is due; the caller
    serializes it after the lock is released, so requests wait only for the capture."""
    with STATE_LOCK:
        expire_due()
        return snapshots.capture()


def _save_state(path: str | os.PathLike[str]) -> dict[str, Any]:
    with _SAVE_LOCK:
        document = _capture()
        size = snapshots.write(path, document)
    return {"path": os.fspath(path), "bytes": size, **snapshots.metadata_of(document)}


def _load_document(document: dict[str, Any], source: str) -> dict[str, Any]:
    with STATE_LOCK:
        snapshots.restore(document, source)
    return snapshots.metadata_of(document)


def _load_state(path: str | os.PathLike[str]) -> dict[str, Any]:
    document = snapshots.read(path)  # parsed and checked before the lock: requests go on meanwhile
    return {"path": os.fspath(path), **_load_document(document, os.fspath(path))}


def use_state_file(path: str | None) -> None:
    """Where ``/moto-api/connect/state/save`` and ``/load`` write and read (a server's
    ``--state-dir``); None: those endpoints answer 400."""
    global _state_file
    _state_file = path


def save_to_state_file() -> dict[str, Any]:
    """Save the server's snapshot (periodically, on request)."""
    return _save_state(_server_state_file())


def save_to_state_file_for_good() -> None:
    """The last save of a server going down: the state lock is taken and never let go, so no
    request changes anything after the save. (Taken after the save lock, as every save does.)"""
    with _SAVE_LOCK:
        STATE_LOCK.acquire()
        expire_due()
        snapshots.write(_server_state_file(), snapshots.capture())


def load_from_state_file() -> dict[str, Any]:
    """Load the server's snapshot (at start, on request); SnapshotError if it is bad."""
    return _load_state(_server_state_file())


def _server_state_file() -> str:
    if _state_file is None:
        raise ValueError("this server keeps no state: start it with --state-dir DIR")
    return _state_file


# -- a server, over HTTP ------------------------------------------------------------------------


class ServerControl:
    """The same controls for a plugin server at ``endpoint`` (e.g. ``http://127.0.0.1:5000``)."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint.rstrip("/")

    def _call(self, action: str, **payload: Any) -> Any:
        return self._answer(
            requests.post(
                f"{self.endpoint}/moto-api/connect/{action}",
                data=json.dumps(payload, default=str),
                headers={"Content-Type": "application/json"},
                timeout=30,
            )
        )

    def _read(self, action: str, **params: str | None) -> Any:
        return self._answer(
            requests.get(f"{self.endpoint}/moto-api/connect/{action}", params=params, timeout=30)
        )

    @staticmethod
    def _answer(response: requests.Response) -> Any:
        body = response.json()
        if response.status_code != 200:
            raise ValueError(body.get("error", response.text))
        return body

    def configure(
        self,
        account_id: str | None = None,
        region: str | None = None,
        **settings: Unpack[SettingsOverrides],
    ) -> None:
        self._call("configure", account_id=account_id, region=region, **settings)

    def effective_settings(
        self, account_id: str | None = None, region: str | None = None
    ) -> Settings:
        return Settings(**self._read("settings", account_id=account_id, region=region))

    def advance_clock(self, **delta: float) -> datetime:
        return datetime.fromisoformat(self._call("advance-clock", **delta)["now"])

    def freeze_clock(self, at: datetime | None = None) -> datetime:
        if at is not None and not isinstance(at, datetime):
            raise ValueError(f"at must be a datetime, not {at!r}")
        # Sent as given (offset included): the server converts and checks it.
        at_text = at.isoformat() if at is not None else None
        return datetime.fromisoformat(self._call("freeze-clock", at=at_text)["now"])

    def unfreeze_clock(self) -> datetime:
        return datetime.fromisoformat(self._call("unfreeze-clock")["now"])

    def now(self) -> datetime:
        return datetime.fromisoformat(self._read("now")["now"])

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

    def status(
        self, account_id: str = DEFAULT_ACCOUNT, region: str = DEFAULT_REGION
    ) -> dict[str, Any]:
        answer: dict[str, Any] = self._read("status", account_id=account_id, region=region)
        return answer

    def save_state(self, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
        """Save the server's world to ``path`` here, or (None) to its own ``--state-dir``."""
        if path is None:
            return dict(self._call("state/save"))
        document = self._call("state/save", inline=True)["snapshot"]
        size = snapshots.write(path, document)
        return {"path": os.fspath(path), "bytes": size, **snapshots.metadata_of(document)}

    def load_state(self, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
        """Load ``path`` here into the server, or (None) its own ``--state-dir`` snapshot.

        The file is checked here first, so a bad one is refused without a request.
        """
        if path is None:
            return dict(self._call("state/load"))
        document = snapshots.read(path)
        try:
            answer = self._call("state/load", snapshot=document)
        except ValueError as problem:
            raise SnapshotError(f"{os.fspath(path)}: the server refused it: {problem}") from None
        return {"path": os.fspath(path), **answer}

    def state(self) -> dict[str, Any]:
        """The metadata of the server's ``--state-dir`` snapshot."""
        return dict(self._read("state"))


def _account_status(
    account_id: str = DEFAULT_ACCOUNT, region: str = DEFAULT_REGION
) -> dict[str, Any]:
    """What an account holds in a Region, every number cooling down and the churn budget left."""
    config.check_texts(account_id=account_id, region=region)
    if not (account_id.isdigit() and len(account_id) == 12):
        raise ValueError(f"account_id must be 12 digits, not {account_id[:30]!r}")
    if not inspection.serves(account_id, region):
        raise ValueError(f"Amazon Connect is not available in {region[:30]!r}")
    return inspection.status(account_id, region)


def _server() -> ServerControl | None:
    if moto_settings.TEST_SERVER_MODE:
        return ServerControl(moto_settings.test_server_mode_endpoint())
    return None


# -- the public functions -------------------------------------------------------------------------


def configure(
    account_id: str | None = None,
    region: str | None = None,
    **settings: Unpack[SettingsOverrides],
) -> None:
    """Override rule settings everywhere, or for one account and/or Region.

    Settings and AWS's defaults: cooldown_days=180, churn_window_days=180, churn_limit_percent=200,
    phone_numbers_per_instance=5, idempotency_window_days=7,
    blocked_claim_error="LimitExceededException", throttling=False, throttle_rate=2.0,
    throttle_burst=5; ranges in docs/behaviour.md. Unknown names, wrong types, non-finite or
    out-of-range values raise ValueError and change nothing.
    """
    server = _server()
    if server:
        server.configure(account_id, region, **settings)
    else:
        config.configure(account_id, region, **settings)


def effective_settings(account_id: str | None = None, region: str | None = None) -> Settings:
    """The settings in force for an account and Region (None: one without overrides of its own)."""
    server = _server()
    return (
        server.effective_settings(account_id, region)
        if server
        else _effective_settings(account_id, region)
    )


def advance_clock(**delta: float) -> datetime:
    """Move the plugin clock forward by ``timedelta(**delta)`` (days=, hours=, seconds=, ...).

    Finite numbers only, adding up to a step forward that keeps the clock within CLOCK_RANGE.
    """
    server = _server()
    return server.advance_clock(**delta) if server else _advance_clock(**delta)


def freeze_clock(at: datetime | None = None) -> datetime:
    """Stop the plugin clock at ``at`` (default: now, else within CLOCK_RANGE); advance_clock
    still moves it."""
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
    """Remove every injected fault."""
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


def status(account_id: str = DEFAULT_ACCOUNT, region: str = DEFAULT_REGION) -> dict[str, Any]:
    """What an account holds in a Region, every number cooling down and the churn budget left."""
    server = _server()
    return server.status(account_id, region) if server else _account_status(account_id, region)


def save_state(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Write a snapshot of the whole Connect world to ``path``, atomically, readable by its owner
    only; answers its metadata (bytes, version, what it holds). Against a server (server test
    mode), the server's world, written here."""
    server = _server()
    return server.save_state(path) if server else _save_state(path)


def load_state(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Replace the whole Connect world with the snapshot at ``path``; answers its metadata.

    A file that is not a whole snapshot this version can read raises :class:`SnapshotError`
    naming it and the problem, and nothing changes. Injected faults stay. Against a server
    (server test mode), the server's world.
    """
    server = _server()
    return server.load_state(path) if server else _load_state(path)


# -- HTTP handlers, served under /moto-api/connect/ --------------------------------------------


def _clock_answer(at: datetime) -> dict[str, str]:
    return {"now": at.isoformat()}


def _http_freeze_clock(at: str | None = None) -> dict[str, str]:
    if at is not None and not isinstance(at, str):
        raise ValueError(f"at must be an ISO 8601 date-time string or null, not {at!r}")
    return _clock_answer(_freeze_clock(datetime.fromisoformat(at) if at is not None else None))


def _http_save_state(inline: bool = False) -> dict[str, Any]:
    """Save to the server's state file; ``inline``: answer the snapshot instead (ServerControl's
    ``save_state(path)`` writes it on the client's side)."""
    if not isinstance(inline, bool):
        raise ValueError(f"inline must be true or false, not {inline!r}")
    if inline:
        return {"snapshot": _capture()}
    return save_to_state_file()


def _http_load_state(snapshot: Any = None) -> dict[str, Any]:
    """Load the server's state file, or ``snapshot``, a document sent in the request."""
    if snapshot is not None:
        return _load_document(snapshot, "the snapshot sent")
    return load_from_state_file()


def _state_metadata() -> dict[str, Any]:
    """The server's state file: where it is, and what the snapshot there says about itself."""
    path = _server_state_file()
    if not os.path.exists(path):
        return {"path": path, "exists": False}
    document = snapshots.read(path)
    return {
        "path": path,
        "exists": True,
        "bytes": os.path.getsize(path),
        **snapshots.metadata_of(document),
    }


def _no_answer(action: Callable[..., object]) -> Callable[..., dict[str, Any]]:
    """A control action that has no answer of its own replies with an empty object."""

    @functools.wraps(action)  # keeps the signature, which _run checks the arguments against
    def run(**arguments: Any) -> dict[str, Any]:
        action(**arguments)
        return {}

    return run


#: Actions that change something (POST, a JSON object of the function's arguments).
_CHANGES: dict[str, Callable[..., Any]] = {
    "configure": _no_answer(config.configure),
    "advance-clock": lambda **delta: _clock_answer(_advance_clock(**delta)),
    "freeze-clock": _http_freeze_clock,
    "unfreeze-clock": lambda: _clock_answer(_unfreeze_clock()),
    "inject-fault": _no_answer(_inject_fault),
    "clear-faults": _no_answer(_clear_faults),
    "reset": _no_answer(_reset),
    "state/save": _http_save_state,
    "state/load": _http_load_state,
}
#: Actions that only read (GET with arguments in the query string; POST works too).
_READS: dict[str, Callable[..., Any]] = {
    "now": lambda: _clock_answer(config.now()),
    "settings": lambda account_id=None, region=None: dataclasses.asdict(
        _effective_settings(account_id, region)
    ),
    "status": _account_status,
    "state": _state_metadata,
}

ACTIONS = (*_CHANGES, *_READS)


def _about(action: str) -> str:
    """The first paragraph of the docstring of the Python function an action serves."""
    function = globals()[_FUNCTIONS.get(action, action.replace("-", "_"))]
    return (inspect.getdoc(function) or "").split("\n\n")[0].replace("\n", " ")


#: Actions whose Python function has another name.
_FUNCTIONS = {
    "settings": "effective_settings",
    "state": "_state_metadata",
    "state/save": "_http_save_state",
    "state/load": "_http_load_state",
}
#: ``/moto-api/connect/`` itself: the index of the actions.
INDEX = "connect"


def index() -> dict[str, Any]:
    """Every control endpoint: its path, methods and arguments (from the function's signature)."""
    endpoints = []
    for name, action in {**_CHANGES, **_READS}.items():
        parameters = inspect.signature(action).parameters.values()
        endpoints.append(
            {
                "path": f"/moto-api/connect/{name}",
                "methods": ["GET", "POST"] if name in _READS else ["POST"],
                "arguments": [
                    p.name if p.kind is not p.VAR_KEYWORD else f"**{p.name}" for p in parameters
                ],
                "about": _about(name),
            }
        )
    return {
        "endpoints": endpoints,
        "usage": "POST takes a JSON object of the arguments; GET takes them in the query string.",
    }


def _json_object(raw: bytes) -> dict[str, Any]:
    """The body as a JSON object whatever its Content-Type; an empty body is no arguments."""
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError) as problem:
        raise ValueError(f"the body must be a JSON object; it is not JSON ({problem})") from None
    if not isinstance(body, dict):
        raise ValueError(f"the body must be a JSON object, not {type(body).__name__}")
    return body


def _query_arguments(url: str) -> dict[str, str]:
    arguments = parse_qs(urlsplit(url).query, keep_blank_values=True)
    repeated = sorted(name for name, values in arguments.items() if len(values) > 1)
    if repeated:
        raise ValueError(f"repeated query parameter(s): {', '.join(repeated)}")
    return {name: values[0] for name, values in arguments.items()}


def _arguments(name: str, method: str, url: str, raw_body: bytes) -> dict[str, Any]:
    """A request's arguments: the query string of a GET; the JSON body of a POST, or, for an
    action that only reads, its query string when the body is empty.

    Query arguments are never ignored: a POST that changes something takes typed values, which a
    query string cannot carry, so one with a query string is refused, as is a POST with both.
    """
    query = _query_arguments(url)
    if method == "GET":
        return query
    body = _json_object(raw_body)
    if query and (body or name not in _READS):
        where = "in the body or the query string, not both" if body else "as a JSON object body"
        raise ValueError(
            f"{name} takes its arguments {where}; query parameter(s) "
            f"{', '.join(sorted(query))} refused"
        )
    return body or query


def _run(action: Callable[..., Any], arguments: dict[str, Any]) -> Any:
    try:
        inspect.signature(action).bind(**arguments)
    except TypeError as problem:
        raise ValueError(f"bad arguments: {problem}") from None
    return action(**arguments)


def handle(method: str, url: str, raw_body: bytes) -> TYPE_RESPONSE:
    """One handler for every control endpoint; the action is the path after
    ``/moto-api/connect/``.

    Answers JSON: the action's answer (200), or ``{"error": ...}`` for a bad request (400, nothing
    changed), a method the action does not take (405), or a state file the server cannot write or
    read (500: the disk's problem, not the request's).
    """
    name = urlsplit(url).path.rstrip("/").partition("/moto-api/connect/")[2] or INDEX
    reply_headers = {"Content-Type": "application/json"}
    if name == INDEX:
        if method != "GET":
            return 405, {**reply_headers, "Allow": "GET"}, json.dumps({"error": "use GET"})
        return 200, reply_headers, json.dumps(index())
    allowed = "GET, POST" if name in _READS else "POST"
    if method not in allowed.split(", "):
        return 405, {**reply_headers, "Allow": allowed}, json.dumps({"error": f"use {allowed}"})
    action = _READS.get(name) or _CHANGES[name]
    try:
        answer = _run(action, _arguments(name, method, url, raw_body))
    except ValueError as problem:
        return 400, reply_headers, json.dumps({"error": str(problem)})
    except OSError as problem:
        return 500, reply_headers, json.dumps({"error": f"the state file: {problem}"})
    return 200, reply_headers, json.dumps(answer)
