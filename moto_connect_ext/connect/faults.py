"""Failures a request can meet before it reaches the backend: injected faults and throttling.

Both are checked before any parameter is read or state is touched, so a failed call changes
nothing, which is what makes botocore's retries safe to test against them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from moto.core.utils import get_service_model

from ..compat import mock_random
from .config import STATE_LOCK, ControlState, control_state, now, settings_for
from .exceptions import error_for


@dataclass
class Fault:
    """The next matching calls of ``operation`` fail with ``error``.

    ``count`` failures at most (None: no limit); each matching call fails with ``probability``
    (drawn from moto's seedable ``mock_random``). ``region``/``account_id`` narrow the match.
    """

    operation: str
    error: str
    count: int | None = 1
    probability: float | None = None
    region: str | None = None
    account_id: str | None = None
    message: str | None = None

    def matches(self, operation: str, account_id: str, region: str) -> bool:
        """A wildcard ("*") matches only operations that model the error, so a fault never
        answers an error the operation cannot give."""
        named = self.operation == operation or (
            self.operation == "*" and self.error in modelled_errors(operation)
        )
        return named and self.region in (None, region) and self.account_id in (None, account_id)


@cache
def modelled_errors(operation: str) -> frozenset[str]:
    """The errors the model lists for ``operation`` (botocore's OperationNotFoundError for an
    operation connect does not have)."""
    model = get_service_model("connect").operation_model(operation)
    return frozenset(shape.name for shape in model.error_shapes)


@cache
def errors_some_operation_models() -> frozenset[str]:
    """The errors a wildcard fault may name: those at least one operation models."""
    names = get_service_model("connect").operation_names
    return frozenset().union(*map(modelled_errors, names))


@dataclass
class TokenBucket:
    """AWS's per-account, per-Region, per-API throttle: a steady rate with a burst allowance."""

    tokens: float
    updated: datetime = field(default_factory=now)

    def take(self, at: datetime, rate: float, burst: int) -> bool:
        elapsed = max((at - self.updated).total_seconds(), 0.0)
        self.tokens = min(float(burst), self.tokens + elapsed * rate)
        self.updated = at
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


_DEFAULT_MESSAGES = {
    "ThrottlingException": "Rate exceeded",
    "InternalServiceException": "Request processing failed because of an error or failure with the service.",
    "AccessDeniedException": "You do not have sufficient access to perform this action.",
}


def check(operation: str, account_id: str, region: str) -> None:
    """Raise the injected fault or the throttle that applies to this call, if any.

    Most calls meet neither; they return without taking the state lock.
    """
    state = control_state()
    if state.faults:
        with STATE_LOCK:
            _raise_injected(state, operation, account_id, region)
    settings = settings_for(account_id, region)
    if not settings.throttling:
        return
    with STATE_LOCK:
        key = (account_id, region, operation)
        bucket = state.buckets.get(key)
        if bucket is None:
            bucket = state.buckets[key] = TokenBucket(tokens=float(settings.throttle_burst))
        if not bucket.take(now(), settings.throttle_rate, settings.throttle_burst):
            raise error_for("ThrottlingException", _DEFAULT_MESSAGES["ThrottlingException"])


def _raise_injected(state: ControlState, operation: str, account_id: str, region: str) -> None:
    for fault in list(state.faults):
        if not fault.matches(operation, account_id, region):
            continue
        if fault.probability is not None and mock_random.random() >= fault.probability:
            continue
        if fault.count is not None:
            fault.count -= 1
            if fault.count <= 0:
                state.faults.remove(fault)
        message = fault.message or _DEFAULT_MESSAGES.get(fault.error, "Injected fault")
        raise error_for(fault.error, message)
