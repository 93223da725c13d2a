"""Failures a request can meet before it reaches the backend: injected faults and throttling.

Both are checked before any parameter is read or state is touched, so a failed call changes
nothing, which is what makes botocore's retries safe to test against them.
"""

from __future__ import annotations

from functools import cache

from moto.core.utils import get_service_model

from ..compat import mock_random
from .config import (
    STATE_LOCK,
    ControlState,
    Fault,
    TokenBucket,
    control_state,
    now,
    settings_for,
)
from .exceptions import error_for


def matches(fault: Fault, operation: str, account_id: str, region: str) -> bool:
    """Whether ``fault`` applies to this call. A wildcard ("*") matches only operations that
    model the error, so a fault never answers an error the operation cannot give."""
    named = fault.operation == operation or (
        fault.operation == "*" and fault.error in modelled_errors(operation)
    )
    return named and fault.region in (None, region) and fault.account_id in (None, account_id)


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
        if not matches(fault, operation, account_id, region):
            continue
        if fault.probability is not None and mock_random.random() >= fault.probability:
            continue
        if fault.count is not None:
            fault.count -= 1
            if fault.count <= 0:
                state.faults.remove(fault)
        message = fault.message or _DEFAULT_MESSAGES.get(fault.error, "Injected fault")
        raise error_for(fault.error, message)
